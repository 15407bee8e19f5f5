"""Slack templates escape everything they print, without being asked; the terminal's do not.

Every template under prompts/slack/ is rendered with a minute and a question that try to ping
(``<!channel>``, ``<@U123>``) and carry ``&`` and ``<``: each must come out escaped exactly once.
A new Slack template without a case here fails :func:`test_every_slack_template_is_covered`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from types import SimpleNamespace

import pytest

from bot.answer.models import (
    Answer,
    Held,
    ItemMatch,
    Lead,
    LeadKind,
    Refusal,
    RefusalKind,
    SameDecision,
)
from bot.slack.watches.decisions import Meeting
from bot.slack.watches.topics import Watch
from index.models import Action, Resolution, Vote
from index.schema import ItemMeta, StoredItem
from index.store import IndexStats
from prompts import environment, render, slack_environment
from prompts.mrkdwn import Mrkdwn, unescape
from tests.bot.register.slack_cases import action_cases

HOSTILE = "<!channel> & <@U123> say a < b"
ESCAPED = "&lt;!channel&gt; &amp; &lt;@U123&gt; say a &lt; b"


def hostile_item(number: str | None = "4") -> ItemMatch:
    return ItemMatch(
        item_id="item1",
        source_path=f"minutes/{HOSTILE}.txt",
        item_title=f"Title {HOSTILE}",
        link=f"https://democracy.example/?q={HOSTILE}",
        score=0.9,
        body=f"Board {HOSTILE}",
        meeting_date="2024-05-14",
        item_number=number,
        resolutions=[Resolution(f"Resolved {HOSTILE}", label=f"({HOSTILE})")],
        actions=[Action(f"Act {HOSTILE}", owner=f"Owner {HOSTILE}", due=HOSTILE, update=HOSTILE)],
        votes=[
            Vote(
                f"Vote {HOSTILE}",
                motion=f"Motion {HOSTILE}",
                mover=HOSTILE,
                seconder=HOSTILE,
                nays=(HOSTILE,),
                yea_count=3,
                nay_count=1,
                kind="amendment",
                procedural=True,
            ),
            Vote(f"Vote {HOSTILE}", motion=f"Motion {HOSTILE}", yeas=(HOSTILE,)),
        ],
        passages=[f"Passage {HOSTILE}"],
    )


SEARCHED = {
    "meetings": 2,
    "items": 9,
    "bodies": [f"Board {HOSTILE}"],
    "first_date": "2024-01-09",
    "last_date": "2024-06-04",
}
FOUND = Answer(question=f"what about {HOSTILE}?", matches=[hostile_item()])


def hostile_lead(kind: str) -> Lead:
    """A lead of ``kind`` with every field it can show set to hostile text."""
    m = hostile_item()
    lead = Lead(
        kind=kind,
        quote=f"Quote {HOSTILE}",
        item_id=m.item_id,
        link=m.link,
        item_title=m.item_title,
        item_number=m.item_number,
        body=m.body,
        meeting_date=m.meeting_date,
        owner=f"Owner {HOSTILE}" if kind == LeadKind.ACTION else None,
        due=HOSTILE if kind == LeadKind.ACTION else None,
        status=HOSTILE if kind == LeadKind.ACTION else None,
        result="carried" if kind == LeadKind.VOTE else None,
        tally=HOSTILE if kind == LeadKind.VOTE else None,
        when=HOSTILE if kind == LeadKind.DATE else None,
    )
    if kind == LeadKind.VOTE:
        lead.against = (HOSTILE, f"Member {HOSTILE}")
    return lead


LEAD_KINDS = (LeadKind.RESOLUTION, LeadKind.ACTION, LeadKind.VOTE, LeadKind.DATE, LeadKind.PASSAGE)
LEADS = [hostile_lead(kind) for kind in LEAD_KINDS]
AGAINST_ASKED = hostile_lead(LeadKind.VOTE)
AGAINST_ASKED.against_asked = True
LED = Answer(question=FOUND.question, matches=FOUND.matches, lead=LEADS[1])
LACKS = ("owner", "date", "vote", "appointment", "decision")
UNOWNED = replace(FOUND, lacks="owner")
NOT_FOUND = Answer(question=f"what about {HOSTILE}?", searched=SEARCHED)
HELD = Held(name=f"Council {HOSTILE}", meetings=3, bodies=2, first_year=2023, last_year=2025)
# Every reason for refusing, each field the reply can show set to hostile text.
REFUSALS = [
    Refusal(RefusalKind.EMPTY),
    Refusal(RefusalKind.TOO_LONG, limit=1000),
    Refusal(RefusalKind.BAD_DATE, name=f"31 February {HOSTILE}"),
    Refusal(RefusalKind.UNKNOWN_PLACE, name=HOSTILE, held=[HELD]),
    Refusal(
        RefusalKind.UNKNOWN_BODY, name=HOSTILE, body_type=HOSTILE, bodies=[HOSTILE], held=[HELD]
    ),
    *(
        Refusal(
            RefusalKind.NO_MEETING,
            bodies=[HOSTILE],
            date_from="2025-01-30",
            date_to="2025-01-30",
            period=period,
            nearest=["2025-01-28"],
            held=[HELD],
        )
        for period in ("day", "month", "year", "after", "before", "range")
    ),
    *(
        Refusal(RefusalKind.WRONG_TYPE, wanted=w)
        for w in ("vote", "owner", "appointment", "date", "number", "decision")
    ),
    Refusal(RefusalKind.NOT_FOUND),
    Refusal(RefusalKind.NO_TOPIC, held=[HELD]),
    Refusal(RefusalKind.FOREIGN, name=HOSTILE, held=[HELD]),
    Refusal(RefusalKind.MOTION_LOST, lost=hostile_lead(LeadKind.VOTE)),
]
REFUSED = [
    Answer(question=f"what about {HOSTILE}?", searched=SEARCHED, refusal=r) for r in REFUSALS
]
STATS = IndexStats(
    bodies=[f"Board {HOSTILE}"],
    meetings=2,
    items=9,
    first_date="2024-01-09",
    last_date="2024-06-04",
    last_indexed=HOSTILE,
)

ITEM_META = ItemMeta(
    title=f"Title {HOSTILE}",
    number="4",
    body=f"Board {HOSTILE}",
    meeting_title=f"Meeting {HOSTILE}",
    date=dt.date(2024, 5, 14),
    link=f"https://democracy.example/?q={HOSTILE}",
    resolutions=(Resolution(f"Resolved {HOSTILE}", label=f"({HOSTILE})"),),
    actions=(Action(f"Act {HOSTILE}", owner=f"Owner {HOSTILE}", due=HOSTILE),),
)
MEETING = Meeting(
    body=ITEM_META.body,
    date=ITEM_META.date,
    title=ITEM_META.meeting_title,
    items=[StoredItem("item1", HOSTILE, ITEM_META)],
)
UNKNOWN_MEETING = Meeting(
    body=None, date=None, title=None, items=[StoredItem("i2", "", ItemMeta())]
)
WATCH = Watch(id=1, channel_id="C1", topic=f"topic {HOSTILE}", terms=("topic",), created_by="U999")
SYNC = SimpleNamespace(site=f"https://{HOSTILE}/", finished_at=HOSTILE, meetings=1, items=12)
FINISHED = dt.datetime(2024, 6, 1, 10, 5, tzinfo=dt.UTC)

# Each template, with what it is rendered with in the bot, every text field hostile.
CASES: dict[str, list[dict]] = {
    "slack/apology.txt.j2": [{}],
    "slack/unavailable.txt.j2": [{}, {"service": "Redis"}],
    "slack/bad_button.txt.j2": [{}],
    "slack/asked.txt.j2": [
        {"shared_by": "U999", "question": FOUND.question},
        {"shared_by": None, "question": FOUND.question},
    ],
    "slack/button.txt.j2": [
        {"action": a}
        for a in (
            "open_source",
            "show_more",
            "share_answer",
            "feedback_up",
            "feedback_down",
            "remove_watch",
        )
    ],
    "slack/continued.txt.j2": [{"question": FOUND.question}],
    "slack/fallback.txt.j2": [
        {"answer": FOUND, "matches": FOUND.matches, "lead": None},
        {"answer": NOT_FOUND, "matches": [], "lead": None},
        *({"answer": LED, "matches": LED.matches, "lead": lead} for lead in LEADS),
    ],
    "slack/feedback_thanks.txt.j2": [{"vote": "up"}, {"vote": "down"}],
    "slack/footer.txt.j2": [{}],
    "slack/found.txt.j2": [
        {"answer": FOUND, "matches": FOUND.matches, "offset": 0},
        {"answer": LED, "matches": LED.matches, "offset": 0},
        {"answer": UNOWNED, "matches": UNOWNED.matches, "offset": 0},
    ],
    "slack/lacks.txt.j2": [{"answer": replace(FOUND, lacks=w)} for w in LACKS],
    "slack/lead.txt.j2": [{"lead": lead} for lead in LEADS],
    "slack/help.txt.j2": [{}],
    "slack/no_match.txt.j2": [{"answer": NOT_FOUND}, *({"answer": a} for a in REFUSED)],
    "slack/held.txt.j2": [{"h": HELD}, {"h": Held(name="", meetings=1)}],
    "slack/no_meeting.txt.j2": [{"r": r} for r in REFUSALS if r.kind == RefusalKind.NO_MEETING],
    "slack/wanted.txt.j2": [{"r": r} for r in REFUSALS if r.kind == RefusalKind.WRONG_TYPE],
    "slack/no_more.txt.j2": [{"question": FOUND.question}],
    "slack/home/bodies.txt.j2": [{"bodies": STATS.bodies}],
    "slack/home/empty.txt.j2": [{}],
    "slack/home/how_to_ask.txt.j2": [{}],
    "slack/home/indexed.txt.j2": [{"stats": STATS}],
    "slack/home/last_indexed.txt.j2": [{"stats": STATS}],
    "slack/home/title.txt.j2": [{}],
    "slack/home/sites.txt.j2": [
        {"sites": [{"sync": SYNC, "finished": FINISHED}, {"sync": SYNC, "finished": None}]}
    ],
    "slack/digest/meeting.txt.j2": [{"m": MEETING}, {"m": UNKNOWN_MEETING}],
    "slack/digest/counts.txt.j2": [{"m": MEETING}],
    "slack/digest/item.txt.j2": [{"item": ITEM_META}, {"item": ItemMeta()}],
    "slack/digest/heading.txt.j2": [{"kind": k} for k in ("resolved", "actions")],
    "slack/digest/resolution.txt.j2": [{"r": r} for r in ITEM_META.resolutions],
    "slack/digest/action.txt.j2": [{"a": a} for a in (*ITEM_META.actions, Action(HOSTILE))],
    "slack/digest/source.txt.j2": [{"source": f"minutes/{HOSTILE}.txt"}],
    "slack/digest/summary.txt.j2": [{"m": MEETING}, {"m": UNKNOWN_MEETING}],
    "slack/digest/in_thread.txt.j2": [{}],
    "slack/digest/fallback.txt.j2": [{"m": MEETING}, {"m": UNKNOWN_MEETING}],
    "slack/digest/continued.txt.j2": [{"m": MEETING}, {"m": ItemMeta()}],
    "slack/watch/alert.txt.j2": [{"watches": [WATCH, WATCH], "meta": ITEM_META}],
    "slack/watch/fallback.txt.j2": [{"watches": [WATCH], "meta": ITEM_META}],
    "slack/watch/added.txt.j2": [{"user": "U999", "watch": WATCH}],
    "slack/watch/already.txt.j2": [{"watch": WATCH}],
    "slack/watch/removed.txt.j2": [{"user": "U999", "watch": WATCH}],
    "slack/watch/not_watched.txt.j2": [{"topic": WATCH.topic}],
    "slack/watch/no_words.txt.j2": [{}],
    "slack/watch/full.txt.j2": [{"limit": 40}],
    "slack/watch/list.txt.j2": [{"watches": [WATCH]}, {"watches": []}],
    "slack/watch/topic.txt.j2": [{"watch": WATCH}],
    "slack/watch/gone.txt.j2": [{}],
    "slack/match/action.txt.j2": [{"a": a} for a in FOUND.matches[0].actions],
    "slack/match/header.txt.j2": [{"m": hostile_item()}, {"m": hostile_item(None)}],
    "slack/match/heading.txt.j2": [
        {"kind": k} for k in ("resolved", "actions", "discussion", "related")
    ],
    "slack/match/near_miss.txt.j2": [{"m": hostile_item()}],
    "slack/match/note.txt.j2": [{"kind": k} for k in ("no_resolution", "partial")],
    "slack/match/also.txt.j2": [
        {"also": [SameDecision("i2", HOSTILE, HOSTILE, body=HOSTILE, meeting_date="2024-06-04")]}
    ],
    "slack/match/related.txt.j2": [{"m": hostile_item()}],
    "slack/match/passage.txt.j2": [{"text": p} for p in FOUND.matches[0].passages],
    "slack/match/resolution.txt.j2": [{"r": r} for r in FOUND.matches[0].resolutions],
    "slack/match/source.txt.j2": [{"source": hostile_item()}],
    "slack/match/first_screen.txt.j2": [
        {"answer": FOUND, "others": 2},
        {"answer": Answer(question=HOSTILE, lacks="owner"), "others": 1},
    ],
    "slack/match/vote.txt.j2": [{"v": v} for v in FOUND.matches[0].votes],
    "slack/vote/kind.txt.j2": [{"vote_kind": k} for k in ("amendment", "recess", HOSTILE)],
    "slack/vote/lead_summary.txt.j2": [{"lead": lead} for lead in [*LEADS, AGAINST_ASKED]],
    "slack/vote/summary.txt.j2": [
        {
            "vote_result": "lost",
            "vote_for": 2,
            "vote_against": 9,
            "vote_abstained": 1,
            "vote_nays": [HOSTILE],
        }
    ],
}
CASES.update(action_cases(HOSTILE))  # prompts/slack/actions/ (the action register)
# Templates whose own words legitimately hold Slack syntax: the mention of who shared.
OWN_SYNTAX = {
    "slack/asked.txt.j2": ["<@U999>"],
    "slack/watch/added.txt.j2": ["<@U999>"],
    "slack/watch/removed.txt.j2": ["<@U999>"],
    "slack/watch/topic.txt.j2": ["<@U999>"],
}


def test_every_slack_template_is_covered():
    assert set(slack_environment().list_templates()) == set(CASES)


@pytest.mark.parametrize(
    ("name", "context"),
    [(name, context) for name, contexts in CASES.items() for context in contexts],
)
def test_slack_templates_escape_what_they_print(name, context):
    text = render(name, **context)
    assert isinstance(text, Mrkdwn)
    for allowed in OWN_SYNTAX.get(name, []):
        text = text.replace(allowed, "")
    assert "<" not in text and ">" not in text  # no mention, no link, no <!channel>
    assert "&amp;amp;" not in text and "&amp;lt;" not in text  # escaped once, not twice
    if HOSTILE[:10] in unescape(text):
        assert ESCAPED[:30] in text


def test_hostile_text_reaches_the_reader_unchanged():
    """Escaping is what Slack undoes: the reader sees the minute's words exactly."""
    text = render("slack/match/resolution.txt.j2", r=FOUND.matches[0].resolutions[0])
    assert unescape(text) == f"({HOSTILE}) “Resolved {HOSTILE}”"


def test_forgetting_a_filter_cannot_ping_and_raw_is_an_explicit_opt_out():
    template = slack_environment().from_string("{{ x }} | {{ x | raw }} | {{ '<!here>' }}")
    assert template.render(x="<!here>") == "&lt;!here&gt; | <!here> | &lt;!here&gt;"


def test_an_item_without_a_number_is_headed_by_its_title_alone():
    assert render("slack/match/header.txt.j2", m=hostile_item(None)).splitlines()[1] == (
        f"Title {ESCAPED}"
    )
    assert render("slack/match/header.txt.j2", m=hostile_item("4")).splitlines()[1] == (
        f"Item 4: Title {ESCAPED}"
    )


def test_the_terminal_prints_minutes_as_they_are():
    text = render("terminal/answer.txt.j2", answer=FOUND)
    assert f"“Resolved {HOSTILE}”" in text and "&lt;" not in text and "&amp;" not in text
    assert not isinstance(text, Mrkdwn)


def test_each_environment_loads_only_its_own_templates():
    assert all(n.startswith("terminal/") for n in environment().list_templates())
    assert all(n.startswith("slack/") for n in slack_environment().list_templates())


def test_an_answer_lacking_the_asked_for_unit_says_so_beside_it():
    assert "No owner is named in the minutes." in render(
        "slack/found.txt.j2", answer=UNOWNED, matches=UNOWNED.matches, offset=0
    )
    assert "No owner is named in the minutes." in render("terminal/answer.txt.j2", answer=UNOWNED)
    assert "named in the minutes" not in render("terminal/answer.txt.j2", answer=FOUND)
    for wanted in LACKS:
        assert render("slack/lacks.txt.j2", answer=replace(FOUND, lacks=wanted)).strip()


def test_a_refusal_names_at_most_six_bodies_searched():
    many = {**SEARCHED, "bodies": [f"Board {n}" for n in range(1, 10)]}
    text = unescape(render("slack/no_match.txt.j2", answer=Answer(question="q", searched=many)))
    assert "of Board 1, Board 2, Board 3, Board 4, Board 5 and 4 other bodies (" in text
    assert "Board 6" not in text
    few = {**SEARCHED, "bodies": ["Board 1", "Board 2"]}
    text = unescape(render("slack/no_match.txt.j2", answer=Answer(question="q", searched=few)))
    assert "of Board 1, Board 2 (" in text
