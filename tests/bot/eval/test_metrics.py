"""Scoring rules of the evaluation: item matching, ranks, quotes, abstention, the file format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.answer.models import Answer, ItemMatch, Lead, LeadKind
from bot.eval.dataset import EvalCase, EvalFileError, load_cases
from bot.eval.metrics import (
    by_kind,
    first_hit_rank,
    item_matches,
    owner_matches,
    quotes_of,
    score_case,
    summarise,
    summarise_by_kind,
)
from bot.eval.table import kind_table, misses_table, report, results_table
from index.models import Action, DatedStatement, Resolution, Vote
from index.sources import read_source
from tests.paths import REPO

TEXT = "Members debated the bridge. RESOLVED that the bridge be repaired. Motion Passed (8 to 7)"


def match(path: str, title: str, number: str | None = None, **quotes) -> ItemMatch:
    return ItemMatch(
        item_id=f"{path}#{title}",
        source_path=path,
        item_title=title,
        link="",
        score=1.0,
        item_number=number,
        **quotes,
    )


def write_cases(tmp_path: Path, rows: list[dict]) -> Path:
    path = tmp_path / "cases.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_item_titles_match_with_numbers_case_whitespace_and_truncation():
    m = match("/x/text/Council.txt", "Local Transport Plan (Item 9)", "278")
    assert item_matches(m, "278. Local Transport Plan (Item 9)")
    assert item_matches(m, "local  transport plan")
    assert item_matches(
        match("/x/a.md", "2.6 Contract Award: Tender No. RFT-2024-315 - East"), "2.6 Contract Award"
    )
    assert not item_matches(m, "279. Local Transport Plan")
    assert not item_matches(m, "Capital Programme")


def test_rank_requires_the_right_document_too(tmp_path: Path):
    [case] = load_cases(
        write_cases(tmp_path, [{"question": "q", "doc": "corpus/b.txt", "item": "Bridge"}])
    )
    wrong_doc = match("/shared/corpus/a.txt", "Bridge")
    right = match("/shared/corpus/b.txt", "Bridge")
    assert first_hit_rank([wrong_doc, right], case) == 2
    assert first_hit_rank([wrong_doc], case) is None


def test_quotes_must_be_verbatim_and_expected_quote_found(tmp_path: Path):
    cases = load_cases(
        write_cases(
            tmp_path,
            [
                {
                    "id": "a",
                    "question": "was the bridge repaired?",
                    "doc": "b.txt",
                    "item": "Bridge",
                    "expected_quote": "Motion Passed (8 to 7)",
                },
                {"id": "n", "question": "what about the zoo?"},
            ],
        )
    )
    good = match(
        "/c/b.txt",
        "Bridge",
        resolutions=[Resolution("RESOLVED that the bridge be repaired.")],
        passages=["Motion Passed (8 to 7)", "a quote the minutes never said"],
    )
    answered = score_case(cases[0], Answer("q", matches=[good]), 0.01, {good.item_id: TEXT})
    assert answered.rank == 1 and answered.quote_found
    assert (answered.quotes_shown, answered.quotes_verbatim) == (3, 2)
    abstained = score_case(cases[1], Answer("q"), 0.02, {})
    wrongly = score_case(cases[1], Answer("q", matches=[good]), 0.03, {good.item_id: TEXT})
    s = summarise([answered, abstained])
    assert (s.recall_at_1, s.mrr, s.quote_found) == (1.0, 1.0, 1.0)
    assert (s.abstain_precision, s.abstain_recall) == (1.0, 1.0)
    assert s.quotes_verbatim == pytest.approx(2 / 3)
    assert summarise([answered, wrongly]).abstain_recall == 0.0
    table = results_table({"hybrid": s, "dense": summarise([answered, wrongly])})
    assert "| recall@5 | 100.0% | 100.0% | 1.00× |" in table


def test_bad_lines_are_reported_with_their_line_number(tmp_path: Path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"question": "ok"}\n{"doc": "x.txt"}\n', encoding="utf-8")
    with pytest.raises(EvalFileError, match=r"bad.jsonl:2"):
        load_cases(path)


def test_an_unanswerable_case_is_abstained_on_whatever_document_it_names(tmp_path: Path):
    """Writers of unanswerable questions often note the minutes they checked them against."""
    path = tmp_path / "q.jsonl"
    line = {"question": "what did they decide on the zoo?", "kind": "unanswerable"}
    path.write_text(
        json.dumps({**line, "doc": "corpus/a.md", "item": "Parks", "expected_quote": None})
        + "\n"
        + json.dumps({"question": "q2", "doc": "corpus/a.md", "item": "Parks", "kind": "vote"})
        + "\n"
    )
    never, vote = load_cases(path)
    assert not never.answerable and never.doc is None and never.item is None
    assert vote.answerable


def test_our_question_files_are_well_formed():
    repo = REPO
    for name in ("samples.jsonl", "seeds.jsonl"):
        cases = load_cases(repo / "eval" / name)
        assert any(not c.answerable for c in cases)
        assert all(c.expected_quote for c in cases if c.answerable)
    for case in load_cases(repo / "eval" / "samples.jsonl"):
        if case.answerable:
            text = read_source(repo / case.doc).text
            assert case.expected_quote in text, case.id


# -- the answer's lead line, owners, extraction, false abstentions, per kind ------------------

LIBRARY = "The Head of Libraries to report back on opening hours in six months."
LIBRARY_TEXT = f"Members discussed opening hours. {LIBRARY} RESOLVED that the review be noted."


def library_case(**extra) -> EvalCase:
    fields = {
        "id": "lib",
        "question": "who reports back on library hours?",
        "doc": "minutes/library.txt",
        "item": "Library opening hours",
        "expected_quote": "report back on opening hours",
        "kind": "action_owner",
        "answer_owner": "Head of Libraries",
    }
    return EvalCase(**{**fields, **extra})


def library_match(**quotes) -> ItemMatch:
    return match("/data/minutes/library.txt", "Library opening hours", "7", **quotes)


def lead_of(m: ItemMatch, quote: str, kind: str = LeadKind.ACTION, **extra) -> Lead:
    return Lead(kind=kind, quote=quote, item_id=m.item_id, link=m.link, **extra)


@pytest.mark.parametrize(
    ("expected", "shown"),
    [
        ("Head of Libraries", "the head of libraries"),
        ("Ms Varshney", "Varshney"),
        ("Dr Khandavalli", "Dr Dr Khandavalli"),
        ("the Mayor", "Mayor"),
        ("MNP, the City’s internal auditor", "the City of London’s Internal Auditor MNP"),
        ("Health & Social Care Programme Director", "Health and Social Care Programme Director"),
        (
            "Director of Public Health, in consultation with the Cabinet Member and the Leader",
            "Director of Public Health",
        ),
        ("Monitoring Officer (once Medway Council have agreed)", "the Monitoring Officer"),
        ("Councillor Anna Hopkins", "Cllr Hopkins"),
    ],
)
def test_owners_match_despite_titles_case_and_qualifiers(expected, shown):
    assert owner_matches(expected, shown)


@pytest.mark.parametrize(
    ("expected", "shown"),
    [
        ("Director of Public Health, in consultation with the Leader", "the Leader"),
        ("Ms Varshney", "Mr Patel"),
        ("Head of Libraries", ""),
        ("Mr", "Mr"),  # a title alone names nobody
    ],
)
def test_owners_do_not_match_a_consultee_another_person_or_nobody(expected, shown):
    assert not owner_matches(expected, shown)


def test_owner_is_the_leads_or_an_action_owner_of_the_first_match():
    case = library_case()
    first = library_match(actions=[Action(LIBRARY, owner="Head of Libraries")])
    other = match(
        "/data/minutes/other.txt", "Other", actions=[Action("x", owner="Head of Libraries")]
    )
    texts = {first.item_id: LIBRARY_TEXT}
    assert score_case(case, Answer("q", matches=[first]), 0.1, texts).owner_named is True
    # named only by the second match: the reader is not told who
    second = score_case(case, Answer("q", matches=[match("/d/x.txt", "X"), other]), 0.1, {})
    assert second.owner_named is False
    lead = lead_of(first, LIBRARY, owner="the head of libraries")
    led = Answer("q", matches=[match("/d/x.txt", "X")], lead=lead)
    assert score_case(case, led, 0.1, texts).owner_named is True
    assert score_case(case, Answer("q"), 0.1, {}).owner_named is False  # refused
    assert score_case(library_case(answer_owner=None), Answer("q"), 0.1, {}).owner_named is None


def test_lead_holds_the_expected_quote_and_is_checked_verbatim():
    case = library_case()
    m = library_match(actions=[Action(LIBRARY, owner="Head of Libraries")])
    texts = {m.item_id: LIBRARY_TEXT}
    good = score_case(case, Answer("q", matches=[m], lead=lead_of(m, LIBRARY)), 0.1, texts)
    assert good.led and good.lead_quote and good.quote_found
    assert (good.quotes_shown, good.quotes_verbatim) == (2, 2)  # the lead line is a quote too
    noted = lead_of(m, "RESOLVED that the review be noted.", LeadKind.RESOLUTION)
    wrong = score_case(case, Answer("q", matches=[m], lead=noted), 0.1, texts)
    assert wrong.led and wrong.lead_quote is False and wrong.quote_found  # shown, not led with
    invented = lead_of(m, "The Head of Libraries will report back.")
    made_up = score_case(case, Answer("q", matches=[m], lead=invented), 0.1, texts)
    assert (made_up.quotes_shown, made_up.quotes_verbatim) == (2, 1)
    unled = score_case(case, Answer("q", matches=[m]), 0.1, texts)
    assert not unled.led and unled.lead_quote is False
    s = summarise([good, wrong, made_up, unled])
    assert s.lead_quote == pytest.approx(1 / 4) and s.led == pytest.approx(3 / 4)
    assert s.quotes_verbatim == pytest.approx(6 / 7)  # one invented line of seven quotes


def test_extraction_recall_reads_the_right_item_shown_or_as_stored():
    case = library_case()
    in_unit = library_match(actions=[Action(LIBRARY)])
    in_passage = library_match(passages=[LIBRARY])
    wrong_item = match("/data/minutes/other.txt", "Budget", passages=[LIBRARY])
    bare = library_match()

    def extracted(answer: Answer, stored=()) -> bool | None:
        return score_case(case, answer, 0.1, {}, stored=stored).extracted

    assert extracted(Answer("q", matches=[in_unit]))
    assert extracted(Answer("q", matches=[wrong_item, in_passage]))
    assert not extracted(Answer("q", matches=[wrong_item]))  # someone else's passage
    assert not extracted(Answer("q", matches=[bare]))  # the item, but no unit holds it
    # not retrieved (or refused), but the index extracted it: extraction did its part
    assert extracted(Answer("q"), stored=[in_unit])
    assert not extracted(Answer("q"), stored=[in_passage])  # a passage counts only when shown
    assert score_case(library_case(expected_quote=None), Answer("q"), 0.1, {}).extracted is None


def test_false_abstentions_and_kinds_are_counted_separately():
    owner_ok = library_case(id="a")
    vote = library_case(id="v", kind="vote", answer_owner=None)
    never = EvalCase(id="n", question="what about the zoo?", kind="unanswerable")
    hit = library_match(actions=[Action(LIBRARY, owner="Head of Libraries")])
    figure = library_case(id="f", kind="figure", answer_owner=None)
    results = [
        score_case(figure, Answer("q", matches=[hit]), 0.01, {}),
        score_case(owner_ok, Answer("q", matches=[hit]), 0.01, {}),
        score_case(vote, Answer("q"), 0.02, {}),  # refused although answerable
        score_case(never, Answer("q", matches=[hit]), 0.03, {}),  # answered although not
    ]
    overall = summarise(results)
    assert overall.false_abstention == pytest.approx(1 / 3)
    assert (overall.abstain_recall, overall.abstain_precision) == (0.0, 0.0)
    kinds = summarise_by_kind(results)
    # named kinds in their order, others after them, the questions to refuse last
    assert list(kinds) == ["action_owner", "vote", "figure", "unanswerable", "all"]
    assert kinds["action_owner"].false_abstention == 0.0 and kinds["vote"].false_abstention == 1.0
    assert kinds["action_owner"].owner_named == 1.0 and kinds["vote"].owner_cases == 0

    table = kind_table(kinds)
    rows = {line.split(" | ")[0].lstrip("| "): line for line in table.splitlines()}
    assert rows["unanswerable"].startswith("| unanswerable | 1 | – | – | – |")  # recall n/a
    assert "| 0.0% | – |" in rows["unanswerable"]  # abstained 0 %, false abstentions n/a
    assert rows["vote"].split(" | ")[8] == "–"  # no owner expected of a vote question


def test_the_report_has_one_table_per_group_and_per_pipeline():
    case = library_case()
    m = library_match(actions=[Action(LIBRARY, owner="Head of Libraries")])
    full = [score_case(case, Answer("q", matches=[m], lead=lead_of(m, LIBRARY)), 0.1, {})]
    dense = [score_case(case, Answer("q", matches=[m]), 0.1, {})]
    summaries = {"hybrid": summarise(full), "dense": summarise(dense)}
    text = report(summaries, by_kind({"hybrid": full, "dense": dense}))
    for title in ("Retrieval", "Answers", "Abstention", "Latency"):
        assert f"### {title}\n" in text
    assert "### By question kind: full pipeline" in text
    assert "### By question kind: dense only" in text
    assert "| lead answer holds the expected quote | 100.0% | 0.0% | – |" in text
    assert "| owner named correctly | 100.0% | 100.0% | 1.00× |" in text
    assert "| abstention recall | – | – | – |" in text  # nothing to abstain on


def test_misses_list_every_way_of_going_wrong_and_nothing_else():
    never = EvalCase(id="n", question="what about the zoo?", kind="unanswerable")
    m = library_match(actions=[Action(LIBRARY, owner="Head of Libraries")])
    results = [
        score_case(
            library_case(id="ok"), Answer("q", matches=[m], lead=lead_of(m, LIBRARY)), 0, {}
        ),
        score_case(library_case(id="unled"), Answer("q", matches=[m]), 0, {}),
        score_case(library_case(id="refused"), Answer("q"), 0, {}),
        score_case(EvalCase(**{**never.__dict__, "id": "rightly"}), Answer("q"), 0, {}),
        score_case(never, Answer("q", matches=[m]), 0, {}),
    ]
    listed = [line.split(" | ")[0].lstrip("| ") for line in misses_table(results).splitlines()[2:]]
    assert listed == ["unled", "refused", "n"]


def test_extraction_counts_every_quotable_text_of_a_unit():
    case = library_case(expected_quote="RESOLVED that the review")
    marked = library_match(
        resolutions=[Resolution("the review be noted.", quote="RESOLVED that the review be noted.")]
    )
    assert score_case(case, Answer("q", matches=[marked]), 0.1, {}).extracted
    dated = library_match(
        dated=[DatedStatement("Hours change from 1 April 2025.", "from 1 April 2025")]
    )
    when = library_case(expected_quote="from 1 April 2025")
    assert score_case(when, Answer("q"), 0.1, {}, stored=[dated]).extracted
    voted = library_match(votes=[Vote("Motion carried.", motion="That the hours be extended.")])
    motion = library_case(expected_quote="hours be extended")
    assert score_case(motion, Answer("q", matches=[voted]), 0.1, {}).extracted


def test_a_vote_counts_as_shown_by_its_motion_not_its_raw_markup():
    """Answers show a vote as its motion quoted beside a tally summary, never the vote's raw
    text (``> [!abstract]- Vote:`` tables), and a vote without a motion not at all."""
    voted = library_match(
        votes=[
            Vote("> [!abstract]- Vote:\n> |Yeas:|\n> **Motion Passed**", motion="That it pass."),
            Vote("> **Motion Failed**"),
        ]
    )
    shown = [quote for _, quote in quotes_of(Answer("q", matches=[voted]))]
    assert "That it pass." in shown
    assert not any("Motion Passed" in q or "Motion Failed" in q for q in shown)
