"""Which council a site is, read from its pages' titles or its host name, and how bodies are
named with it."""

from __future__ import annotations

import pytest

from index.sites.council import council_from_host, council_from_page, qualified_body


def page(title: str) -> str:
    return f"<html><head><title>{title}</title></head><body></body></html>"


@pytest.mark.parametrize(
    ("title", "council"),
    [
        (
            "Agenda for Audit Committee on Tuesday, 18th February, 2025, 10.00 am | "
            "Manchester City Council",
            "Manchester City Council",
        ),
        ("Browse meetings - Cabinet - Kent County Council", "Kent County Council"),
        (
            "Committee structure | Royal Borough of Windsor &amp; Maidenhead",
            "Royal Borough of Windsor & Maidenhead",
        ),
        ("Agenda and minutes - Cabinet", None),  # no council named
        ("Agenda and minutes - Council", None),  # one word: the body "Council"
        ("Browse meetings - Full Council", None),  # a committee of the site (below)
        ("Committee structure", None),
        ("Agenda | Northfield\x1b[31m City\u202e Council", "Northfield [31m City Council"),
        ("", None),
    ],
)
def test_the_council_is_the_end_of_a_page_title(title: str, council: str | None) -> None:
    assert council_from_page(page(title), ["Full Council", "Cabinet"]) == council


def test_a_page_without_a_title_names_no_council() -> None:
    assert council_from_page("<html><body><h1>Agenda</h1></body></html>") is None


@pytest.mark.parametrize(
    ("url", "council"),
    [
        ("https://democracy.manchester.gov.uk/", "Manchester"),
        ("http://manchester.moderngov.co.uk/", "Manchester"),
        ("https://democracy.east-sussex.gov.uk/mgListCommittees.aspx", "East Sussex"),
        ("http://127.0.0.1:8123/northfield/", None),
        ("http://localhost:8000/", None),
        ("http://[::1]:8000/", None),
    ],
)
def test_the_host_names_the_council_when_pages_do_not(url: str, council: str | None) -> None:
    assert council_from_host(url) == council


def test_a_body_is_named_with_its_council_once() -> None:
    assert qualified_body("Manchester City Council", "Audit Committee") == (
        "Manchester City Council · Audit Committee"
    )
    assert qualified_body("Kent County Council", "Kent County Council Cabinet") == (
        "Kent County Council Cabinet"
    )
    assert qualified_body(None, "Audit Committee") == "Audit Committee"
    assert qualified_body("Kent County Council", None) is None
