"""Rendering answers as Block Kit: escaping, Slack's size limits, splitting between quotes."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

import pytest

from bot.answer.models import Answer, ItemMatch, Lead, LeadKind
from bot.slack.render.blocks import (
    MAX_BLOCKS,
    MAX_SECTION_TEXT,
    BlockKitError,
    answer_messages,
    home_view,
    render_text,
    validate,
)
from bot.slack.render.payloads import MAX_VALUE, Page, decode_feedback, decode_page
from bot.slack.runtime.dedupe import Dedupe
from index.models import Action, Resolution
from index.store import IndexStats
from prompts.mrkdwn import escape, strip_mentions, unescape
from tests.bot.slack.blockkit import as_json, button, raw_texts, source_urls, texts, view_json


def item(n: int, resolutions: list[str], **extra) -> ItemMatch:
    return ItemMatch(
        item_id=f"item{n:04d}",
        source_path=f"minutes/{n}.txt",
        item_title=f"Item title {n}",
        link=f"https://democracy.example/mgAi.aspx?ID={n}",
        score=0.9,
        body="Fictional Board",
        meeting_date="2024-05-14",
        item_number=str(n),
        resolutions=[Resolution(text, f"({i})") for i, text in enumerate(resolutions, 1)],
        **extra,
    )


def test_source_text_is_escaped_so_it_cannot_ping():
    match = item(
        1,
        ["That <!channel> & <@U999> be told about the <https://evil.example|offer>"],
        actions=[Action("Jo <b> to act & report", owner="Jo <!here>")],
    )
    answer = Answer(question="what about <!everyone>?", matches=[match])
    message = answer_messages(answer, Page(answer.question, full=True), ephemeral=True)[0]
    sent = [*raw_texts(message.blocks), message.text]
    assert not any(s in t for t in sent for s in ("<!channel>", "<@U999>", "<!here>", "<https"))
    assert any(
        "“That &lt;!channel&gt; &amp; &lt;@U999&gt; be told" in t for t in raw_texts(message.blocks)
    )
    assert any("*Jo &lt;!here&gt;*: “Jo &lt;b&gt; to act &amp; report”" in t for t in sent)


def test_a_long_answer_splits_between_quotes_into_valid_messages():
    quotes = [f"Resolution {n}: " + "the Board agreed the plan. " * 40 for n in range(120)]
    matches = [item(n, quotes[n * 40 : (n + 1) * 40]) for n in range(3)]
    answer = Answer(question="everything?", matches=matches)

    messages = answer_messages(answer, Page("everything?", full=True), more=True)
    assert len(messages) > 2
    seen: list[str] = []
    for message in messages:
        assert len(message.blocks) <= MAX_BLOCKS
        validate(message.blocks)
        seen.extend(t for t in texts(message.blocks) if "Resolution " in t)
    assert [s.split("“", 1)[1].rstrip("”") for s in seen] == quotes  # whole, in order, once
    assert button(messages[-1].blocks, "show_more") is not None
    assert all(button(m.blocks, "show_more") is None for m in messages[:-1])


def test_a_quote_longer_than_a_section_continues_in_the_next_block_of_the_same_message():
    long_quote = "word " * 1000 + "& the end"
    answer = Answer(question="long?", matches=[item(1, [long_quote.strip()])])
    (message,) = answer_messages(answer, Page("long?"))
    sections = [b["text"]["text"] for b in as_json(message.blocks) if b["type"] == "section"]
    assert all(len(s) <= MAX_SECTION_TEXT for s in sections)
    joined = "".join(s for s in sections if "word" in s)
    assert unescape(joined) == "(1) “" + long_quote.strip() + "”"


def test_validate_rejects_what_slack_would_reject():
    section = {"type": "section", "text": {"type": "mrkdwn", "text": "x"}}
    with pytest.raises(BlockKitError):
        validate([section] * (MAX_BLOCKS + 1))
    with pytest.raises(BlockKitError):
        validate([{"type": "section", "text": {"type": "mrkdwn", "text": "x" * 3001}}])
    link = {"type": "button", "text": {"type": "plain_text", "text": "Open"}, "action_id": "a"}
    with pytest.raises(BlockKitError):
        validate([{**section, "accessory": {**link, "url": "file:///etc/passwd"}}])
    with pytest.raises(BlockKitError):
        validate([{"type": "actions", "elements": [link, link]}])  # repeated action_id
    with pytest.raises(BlockKitError):
        validate([{"type": "image"}])


def test_button_values_stay_under_slacks_limit_and_round_trip():
    question = "q" * 5000
    answer = Answer(question=question, matches=[item(1, ["That it be noted."])])
    message = answer_messages(
        answer, Page(question, context="c" * 5000), more=True, ephemeral=True
    )[-1]
    for action_id in ("show_more", "share_answer", "feedback_up"):
        assert len(button(message.blocks, action_id)["value"]) <= MAX_VALUE
    more = decode_page(button(message.blocks, "show_more")["value"])
    assert more.question.startswith("qqq") and more.context.startswith("ccc")
    assert (more.offset, more.full) == (0, True)  # the same items, every quote
    message = answer_messages(answer, more, more=True, ephemeral=True)[-1]
    assert decode_page(button(message.blocks, "show_more")["value"]).offset == 1
    assert decode_feedback(button(message.blocks, "feedback_up")["value"])[1] == ["item0001"]


def test_non_web_sources_are_shown_as_text_not_a_link_button():
    match = item(1, ["That it be noted."])
    match.link = "/srv/minutes/samples/local.txt#item-1"
    match.document = "local.txt"
    (message,) = answer_messages(Answer(question="q", matches=[match]), Page("q"))
    assert not any("accessory" in b for b in as_json(message.blocks))
    assert any("Source: local.txt, item 1" in t for t in texts(message.blocks))
    assert not any("/srv/" in t for t in texts(message.blocks))  # never the server's path


def test_home_view_for_an_empty_index_says_how_to_fill_it():
    view = view_json(home_view(IndexStats()))
    assert view["type"] == "home"
    assert any("Nothing is indexed yet" in t for t in texts(view["blocks"]))
    json.dumps(view)


def test_mrkdwn_helpers():
    assert escape("a < b & c > d") == "a &lt; b &amp; c &gt; d"
    assert unescape(escape("<!here> & co")) == "<!here> & co"
    assert strip_mentions("<@U123ABC> what  was <@U9|bob> agreed?") == "what was agreed?"
    assert escape(None) == ""


def test_show_more_past_the_last_match_says_there_is_no_more():
    (message,) = answer_messages(Answer(question="q <x>"), Page("q <x>", offset=3))
    assert message.text == render_text("slack/no_more.txt.j2", question="q <x>")
    assert "q &lt;x&gt;" in message.text


def test_dedupe_is_bounded_and_answers_each_key_once_across_threads():
    dedupe = Dedupe(capacity=100)
    with ThreadPoolExecutor(8) as pool:
        fresh = list(pool.map(lambda _: dedupe.first_time("event:Ev1", "msg:C1:1.0"), range(50)))
    assert fresh.count(True) == 1
    assert not dedupe.first_time("event:Ev2", "msg:C1:1.0")  # same message, new event ID
    for n in range(500):
        dedupe.first_time(f"event:{n}")
    assert len(dedupe) == 100


def test_an_item_without_a_number_is_headed_by_its_title_alone():
    numbered, unnumbered = item(4, ["That it be noted."]), item(5, ["That it be noted."])
    unnumbered.item_number = None
    answer = Answer(question="q", matches=[numbered, unnumbered])
    (message,) = answer_messages(answer, Page("q", full=True))
    headers = [t.split("\n") for t in texts(message.blocks) if t.startswith("*Fictional Board*")]
    assert headers == [
        ["*Fictional Board* · 14 May 2024", "Item 4: Item title 4"],
        ["*Fictional Board* · 14 May 2024", "Item title 5"],
    ]


# -- the lead line: the answer first, then the items behind it, then related items ------------

OWNER_QUOTE = "That the Head of Libraries is to report back on the review in six months."


def led_answer(quote: str = OWNER_QUOTE, link: str | None = None, **extra) -> Answer:
    """Two supporting items, one related item, and a lead quoting the first item's action."""
    first = item(
        1, ["That the options be consulted on."], actions=[Action(quote, "Head of Libraries")]
    )
    lead = Lead(
        kind=LeadKind.ACTION,
        quote=quote,
        item_id=first.item_id,
        link=link or first.link,
        item_title=first.item_title,
        item_number=first.item_number,
        body=first.body,
        meeting_date=first.meeting_date,
        owner="Head of Libraries",
        due="September 2024",
        status="open",
    )
    return Answer(
        question="who reports back on library hours?",
        intent="owner",
        matches=[first, item(2, ["That it be noted."])],
        related=[item(3, ["That the frailty plan be agreed."])],
        lead=lead,
        **extra,
    )


def test_the_first_screen_is_the_lead_line_its_item_and_the_other_items_in_a_line():
    answer = led_answer()
    (message,) = answer_messages(answer, Page(answer.question))
    blocks = as_json(message.blocks)
    first = unescape(blocks[0]["text"]["text"])
    assert first == (
        "*Answer:* *Head of Libraries* (due September 2024, open) — "
        f"“{OWNER_QUOTE}” · Fictional Board, 14 May 2024"
    )
    assert blocks[0]["accessory"]["url"] == answer.lead.link
    assert blocks[0]["accessory"]["action_id"] == "open_source_0"
    assert message.text.splitlines()[0] == (
        f"Answer: Head of Libraries (due September 2024, open) — “{OWNER_QUOTE}” "
        "(Fictional Board, 14 May 2024)"
    )
    seen = texts(message.blocks)
    # the line, the header of the item it quotes, then the other item in a line; no quotes
    assert seen[1] == "*Fictional Board* · 14 May 2024\nItem 1: Item title 1"
    assert seen[2] == "Also in the minutes (1 more item; _Show more_ for every quote):"
    assert seen[3] == "*Fictional Board* · 14 May 2024 · Item title 2"
    assert source_urls(message.blocks) == [
        answer.lead.link,
        "https://democracy.example/mgAi.aspx?ID=1",
        "https://democracy.example/mgAi.aspx?ID=2",
    ]
    assert not any("That it be noted." in t or "Related" in t for t in seen)
    assert len(message.blocks) <= 8 and sum(map(len, seen)) <= 1500
    # "Show more" opens every quote of the same items, then the related ones
    more = decode_page(button(message.blocks, "show_more")["value"])
    (full,) = answer_messages(answer, more, more=True)
    shown = texts(full.blocks)
    assert shown[0] == "Where the answer comes from: 2 agenda items, with who owns each action."
    assert any(f"*Head of Libraries*: “{OWNER_QUOTE}”" in t for t in shown)
    related = shown.index("*Related, not answers*")
    assert shown[related + 1] == "*Fictional Board* · 14 May 2024 · Item title 3"
    assert sum("That the frailty plan be agreed." in t for t in shown) == 0  # offered, not quoted
    assert not any(t.startswith("*Answer:*") for t in shown)


def test_a_private_answer_leads_too_and_says_what_was_asked_below_the_line():
    answer = led_answer()
    (message,) = answer_messages(answer, Page(answer.question), ephemeral=True)
    seen = texts(message.blocks)
    assert seen[0].startswith("*Answer:* *Head of Libraries*")
    assert seen[1] == f"You asked: “{answer.question}”"


def test_without_a_lead_the_first_screen_opens_with_the_top_item_and_its_first_quote():
    answer = led_answer()
    answer.lead, answer.related = None, []
    (message,) = answer_messages(answer, Page(answer.question))
    seen = texts(message.blocks)
    assert seen[:2] == ["*Fictional Board* · 14 May 2024\nItem 1: Item title 1", "*Resolved*"]
    assert seen[2].startswith("(1) “")
    assert not any(t.startswith("*Answer:*") for t in seen)
    assert message.text.startswith("From the minutes, for “who reports back")


def test_show_more_pages_add_items_without_repeating_the_lead_or_related_items():
    answer = led_answer()
    (message,) = answer_messages(answer, Page(answer.question, offset=2))
    seen = texts(message.blocks)
    assert seen[0] == "More from the minutes: 2 agenda items, with who owns each action."
    assert not any(t.startswith("*Answer:*") or "Related" in t for t in seen)
    assert not message.text.startswith("Answer:")


def test_a_lead_quote_longer_than_a_section_continues_whole_with_its_button_below():
    quote = "word " * 900 + "& the end."
    answer = led_answer(quote)
    messages = answer_messages(answer, Page(answer.question))
    blocks = as_json(messages[0].blocks)
    lead = []
    for b in blocks:
        if b["type"] != "section":
            break
        lead.append(b["text"]["text"])
    assert len(lead) > 1 and all(len(t) <= MAX_SECTION_TEXT for t in lead)
    assert f"“{quote}”" in unescape("".join(lead))
    assert blocks[len(lead)]["type"] == "actions"
    assert blocks[len(lead)]["elements"][0]["url"] == answer.lead.link
    assert not messages[0].text.startswith(
        "Answer: Head of Libraries (due September 2024, open) — “"
    )


def test_a_lead_from_a_local_file_names_the_source_instead_of_a_button():
    answer = led_answer(link="/srv/minutes/samples/local.txt#item-7")
    answer.lead.document = answer.matches[0].document = "local.txt"
    answer.matches[0].link = answer.lead.link
    (message,) = answer_messages(answer, Page(answer.question))
    blocks = as_json(message.blocks)
    assert "accessory" not in blocks[0] and "accessory" not in blocks[1]
    number = answer.lead.item_number
    # named once, under the item's header just below the line
    assert texts(message.blocks).count(f"Source: local.txt, item {number}") == 1
    assert unescape(blocks[2]["elements"][0]["text"]) == f"Source: local.txt, item {number}"
    answer.matches.pop(0)  # the line's item not shown: the line names its source itself
    blocks = as_json(answer_messages(answer, Page(answer.question))[0].blocks)
    assert unescape(blocks[1]["elements"][0]["text"]) == f"Source: local.txt, item {number}"


def test_a_lead_quoting_slack_syntax_is_escaped():
    answer = led_answer("That <!channel> & <@U1> be told.")
    (message,) = answer_messages(answer, Page(answer.question))
    sent = [*raw_texts(message.blocks), message.text]
    assert not any("<!channel>" in t or "<@U1>" in t for t in sent)
    assert "“That &lt;!channel&gt; &amp; &lt;@U1&gt; be told.”" in sent[0]


def test_an_answer_from_draft_minutes_says_so_in_its_header():
    draft, approved = item(6, ["That it be noted."]), item(7, ["That it be noted."])
    draft.minutes_status, approved.minutes_status = "draft", "approved"
    answer = Answer(question="q", matches=[draft, approved])
    (message,) = answer_messages(answer, Page("q", full=True))
    headers = [t.split("\n")[0] for t in texts(message.blocks) if t.startswith("*Fictional")]
    assert headers == [
        "*Fictional Board* · 14 May 2024 · _draft minutes, not yet approved_",
        "*Fictional Board* · 14 May 2024",
    ]


def test_a_lead_from_draft_minutes_says_so_in_the_line_itself():
    answer = led_answer()
    assert answer.lead is not None
    answer.lead.minutes_status = "draft"
    (message,) = answer_messages(answer, Page(answer.question))
    first = unescape(as_json(message.blocks)[0]["text"]["text"])
    assert first.startswith("*Answer:* ")
    assert first.endswith("14 May 2024 (draft minutes, not yet approved)")


def test_a_decision_minuted_again_names_the_other_minuting_escaped():
    from bot.answer.models import SameDecision

    later = SameDecision(
        "item9999", "https://x.example/9", "Item title 1", "City <!channel>", "2024-06-04"
    )
    answer = Answer(
        question="what about it?", matches=[item(1, ["That the plan be adopted."], also=[later])]
    )
    message = answer_messages(answer, Page(answer.question, full=True), ephemeral=True)[0]
    validate(message.blocks)
    lines = [t for t in raw_texts(message.blocks) if "Also minuted in the same words" in t]
    assert lines == ["Also minuted in the same words: *City &lt;!channel&gt;* · 4 June 2024"]


def test_a_lost_motion_is_said_not_to_have_passed_with_its_vote_escaped():
    from bot.answer.models import Refusal, RefusalKind

    lost = Lead(
        kind=LeadKind.VOTE,
        quote="That the Council backs the <!here> Rivers Bill.",
        item_id="i1",
        link="https://democracy.example/mgAi.aspx?ID=1",
        body="Fictional Council",
        meeting_date="2024-12-12",
        result="lost",
        tally="12-20",
    )
    answer = Answer(
        question="When did they pass the Rivers Bill motion?",
        refusal=Refusal(RefusalKind.MOTION_LOST, lost=lost),
    )
    message = answer_messages(answer, Page(answer.question), ephemeral=True)[0]
    validate(message.blocks)
    sent = "\n".join([*raw_texts(message.blocks), message.text])
    assert (
        "It did not pass: Fictional Council put this motion to the vote on 12 December 2024" in sent
    )
    assert "lost (12 for, 20 against)" in sent
    assert "&lt;!here&gt; Rivers Bill" in sent and "<!here>" not in sent
