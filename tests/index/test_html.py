"""html_to_text on saved modern.gov pages (fictional fixtures in tests/fixtures/html).

The HTML page and its copied-text form must parse to the same items, decisions and actions,
and every quote must be a substring of the text the HTML was turned into.
"""

from __future__ import annotations

from datetime import date

import pytest

from index.extract.text import normalise_space
from index.html import html_to_text
from index.models import Meeting
from tests.index.conftest import assert_all_quotes_verbatim, parse_path
from tests.paths import FIXTURES

HTML = FIXTURES / "html"
PAGES = ["mgAi-item", "ieListDocuments-meeting"]


def summary(meeting: Meeting) -> list[tuple]:
    """What a reader sees, whitespace folded: the HTML and text forms differ only in spacing."""
    return [
        (
            item.number,
            item.title,
            normalise_space(item.text),
            item.truncated,
            [(r.label, r.kind, normalise_space(r.text)) for r in item.resolutions],
            [(a.owner, a.due, a.status, normalise_space(a.text), a.update) for a in item.actions],
        )
        for item in meeting.items
    ]


@pytest.mark.parametrize("page", PAGES)
def test_html_and_text_forms_parse_the_same(page: str) -> None:
    html_doc, from_html = parse_path(HTML / f"{page}.html")
    text_doc, from_text = parse_path(HTML / f"{page}.txt")
    assert html_doc.kind == "html" and text_doc.kind == "text"
    assert from_html.items, page
    assert summary(from_html) == summary(from_text)
    assert (from_html.body, from_html.date, from_html.time, from_html.venue) == (
        from_text.body,
        from_text.date,
        from_text.time,
        from_text.venue,
    )
    assert_all_quotes_verbatim(from_html)
    assert_all_quotes_verbatim(from_text)


def test_item_page_fields() -> None:
    _, meeting = parse_path(HTML / "mgAi-item.html")
    [item] = meeting.items
    assert item.title == "Play Area Renewal Programme"
    assert item.number == "6"
    assert meeting.body == "Fenwick Communities Scrutiny Committee"
    assert meeting.date == date(2024, 5, 14)
    assert item.text.startswith("The Head of Parks introduced the report")
    assert "To consider the report" not in item.text
    assert "Supporting documents" not in item.text
    assert [r.label for r in item.resolutions] == ["1)", "2)", "3)"]
    assert item.resolutions[1].text == (
        "That the eleven sites rated “poor” be renewed first, starting with Quarry Lane and "
        "Mill Meadow."
    )
    owners = [(a.owner, a.due, a.status) for a in item.actions]
    assert owners == [
        ("the Head of Parks", "in the summer", None),
        ("Dana", None, "in progress"),
        ("Head of Parks", "in six months", None),
    ]


def test_meeting_page_fields() -> None:
    _, meeting = parse_path(HTML / "ieListDocuments-meeting.html")
    assert meeting.body == "Harrowgate Vale Community Safety Partnership"
    assert meeting.date == date(2024, 6, 5)
    assert meeting.time == "10.00 am"
    assert meeting.venue == "Meeting Room 4, Vale House"
    assert [(i.number, i.title) for i in meeting.items] == [
        ("7", "Apologies and introductions"),
        ("7a", "Notes of the meeting held on 6th March 2024"),
        ("8", "Night-time Economy Plan"),
        ("9", "Community Safety Survey results"),
        ("10", "Any other business"),
    ]
    assert [i.number for i in meeting.items if i.truncated] == ["9"]
    plan = meeting.items[2]
    assert [r.text for r in plan.resolutions] == [
        "Note the draft plan",
        "Agree the extension of the taxi marshal scheme to Sunday nights",
        "Support a bid to the safer streets fund",
    ]
    other = meeting.items[4]
    assert [(a.owner, a.due) for a in other.actions] == [
        (None, None),  # the survey results are to be shared; the minutes say by nobody
        ("Cllr Moreno", "by the end of July"),
    ]
    assert other.resolutions[0].text == (
        "The Partnership agreed that the survey results be shared with the parish councils."
    )


def test_scripts_styles_navigation_and_footer_are_dropped() -> None:
    text = html_to_text((HTML / "ieListDocuments-meeting.html").read_text(encoding="utf-8"))
    for unwanted in ("mgToggle", "enable JavaScript", "Home", "fictional place", "ssMgStyles"):
        assert unwanted not in text


def test_blocks_breaks_entities_and_nbsp() -> None:
    html = (
        "<html><body><h2>Title &amp; more</h2><p>One<br>Two&nbsp;&nbsp;three</p>"
        "<p>  spaced\n   out  </p><table><tr><td>1.</td><td><p>Item</p></td></tr></table>"
        "<p><a href='x.pdf'><img alt='pdf icon'> PDF 12 KB</a></p>"
        "<div style='display: none'>hidden</div><!-- a comment --></body></html>"
    )
    assert html_to_text(html) == (
        "Title & more\n\nOne\nTwo\u00a0\u00a0three\n\nspaced out\n\n1.\n\nItem\n\n"
        "pdf icon PDF 12 KB"
    )


def test_sample_html_turns_into_the_seed_shape(samples_dir) -> None:
    path = samples_dir / "northmoor" / "hwb-2024-09-10-ieListDocuments.html"
    text = html_to_text(path.read_text(encoding="utf-8"))
    assert "\nMinutes:\n" in text
    assert "\n\u00a0\n" in text  # empty paragraphs stay as NBSP-only lines, as on real pages
    assert "Library Opening Hours Review: outcome of consultation pdf icon PDF 311 KB" in text


def test_a_page_nested_20000_deep_converts_like_a_shallow_one() -> None:
    """Probe (issue 8, item 9): 20,000 nested elements raised RecursionError (limit 1,000)."""
    inner = "<p>RESOLVED:</p><ul><li>That the report be noted.</li></ul>text<br>after"
    deep = f"<html><body>{'<div>' * 20_000}{inner}{'</div>' * 20_000}</body></html>"
    shallow = f"<html><body><div>{inner}</div></body></html>"
    assert (
        html_to_text(deep)
        == html_to_text(shallow)
        == ("RESOLVED:\n\nThat the report be noted.\n\ntext\nafter")
    )
