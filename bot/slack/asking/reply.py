"""The one path every way of asking goes through: look up, render, deliver, or apologise.

Listeners only work out *where* a reply goes (thread, DM, response_url) and pass a ``deliver``
function; everything else (👀 while working, paging, error handling) happens here once.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.answer.models import Answer
from bot.register.slack_ask import answered_from_register
from bot.slack.asking.context import earlier_question, question_text, thread_context
from bot.slack.render.blocks import SlackMessage, answer_messages, text_message
from bot.slack.render.payloads import Page
from bot.slack.runtime.services import Services
from index.errors import is_unavailable

log = logging.getLogger(__name__)

WORKING_REACTION = "eyes"

Deliver = Callable[[SlackMessage], None]


def answer_and_reply(
    services: Services,
    page: Page,
    deliver: Deliver,
    *,
    ephemeral: bool = False,
    shared_by: str | None = None,
    apology: Deliver | None = None,
    answered: Callable[[Answer], None] | None = None,
) -> None:
    """Answer ``page`` and deliver it; any failure becomes a short apology (details in the log).

    ``apology`` is where the apology goes when ``deliver`` itself may be what failed (sharing
    into a channel the bot is not in); ``answered`` is told the answer once it is delivered.
    """
    if not page.question.strip():
        deliver(text_message("slack/help.txt.j2"))
        return
    started = time.monotonic()
    try:
        services.require("redis")  # without it a retry on another replica answers twice
        if not page.offset and answered_from_register(services, page.question, deliver):
            return  # "what's overdue for the DPH?": a list of actions, from bot.register
        size = services.page_size
        answer = services.answerer.ask(
            page.question, context=page.context, limit=size + 1, offset=page.offset
        )
        more = len(answer.matches) > size
        answer.matches = answer.matches[:size]
        messages = answer_messages(
            answer, page, more=more, ephemeral=ephemeral, shared_by=shared_by
        )
        for message in messages:
            deliver(message)
        if answered is not None:
            answered(answer)
        log.info(
            "answered in %.2f s: %d item(s), %d message(s)%s",
            time.monotonic() - started,
            len(answer.matches),
            len(messages),
            " (follow-up)" if page.context else "",
        )
    except Exception as exc:
        if is_unavailable(exc):
            log.warning("could not answer: %s", " ".join(str(exc).split())[:300])
            # Name the service when it is not the index (Redis, the database): "the index is
            # unavailable" while Chroma is fine sends the operator the wrong way.
            service = getattr(exc, "service", None)
            apologise(apology or deliver, "slack/unavailable.txt.j2", service=service)
        else:
            log.exception("could not answer a question (offset %d)", page.offset)
            apologise(apology or deliver)


def answer_message(
    services: Services,
    client: WebClient,
    event: dict[str, Any],
    bot_user_id: str | None,
    *,
    reply_in_thread: bool,
) -> None:
    """Answer a message event (mention or DM); a message inside a thread is a follow-up.

    ``reply_in_thread`` starts a thread under a top-level message (channels) instead of
    answering beside it (DMs).
    """
    channel, ts = event["channel"], event["ts"]
    thread_ts = event.get("thread_ts")
    earlier = None
    if thread_ts and thread_ts != ts:
        earlier = _recall(services, channel, thread_ts) or earlier_question(
            client, channel, thread_ts, ts, bot_user_id
        )
    page = Page(question_text(event.get("text")), earlier)
    key = thread_ts or ts
    if page.question.strip():
        # Before answering: once the answer is posted, a follow-up may reach another replica
        # at once, and it must find this question there (with the thread it followed).
        asked = f"{earlier}\n{page.question}" if earlier else page.question
        _remember(services, channel, key, thread_context(asked))

    def answered(answer: Answer) -> None:
        # The answer says whether the question followed the thread or left it for a topic
        # of its own: the next follow-up is about that.
        if answer.thread:
            _remember(services, channel, key, thread_context(answer.thread))

    reply_ts = thread_ts or (ts if reply_in_thread else None)
    with working_on(client, channel, ts):
        answer_and_reply(services, page, to_thread(client, channel, reply_ts), answered=answered)


def _recall(services: Services, channel: str, thread_ts: str) -> str | None:
    """The thread's last question from shared memory (any replica may have answered it); the
    Slack thread itself is read when memory has none."""
    try:
        return services.threads.recall(channel, thread_ts)
    except Exception as exc:
        log.warning("thread memory unavailable: %s", " ".join(str(exc).split())[:200])
        return None


def _remember(services: Services, channel: str, thread_ts: str, question: str) -> None:
    try:
        services.threads.remember(channel, thread_ts, question)
    except Exception as exc:
        log.warning("thread memory unavailable: %s", " ".join(str(exc).split())[:200])


def apologise_for(exc: BaseException, deliver: Deliver) -> None:
    """The short "unavailable, try again shortly" when a service is down, else the apology."""
    unavailable = is_unavailable(exc)
    apologise(deliver, "slack/unavailable.txt.j2" if unavailable else "slack/apology.txt.j2")


def apologise(deliver: Deliver, template: str = "slack/apology.txt.j2", **context: Any) -> None:
    try:
        deliver(text_message(template, **context))
    except Exception:
        log.exception("could not deliver the apology either")


def to_thread(client: WebClient, channel: str, thread_ts: str | None) -> Deliver:
    """Post in a channel or DM; ``thread_ts`` keeps the reply in the question's thread."""

    def deliver(message: SlackMessage) -> None:
        client.chat_postMessage(
            channel=channel,
            thread_ts=thread_ts,
            text=message.text,
            blocks=message.blocks or None,
            unfurl_links=False,
            unfurl_media=False,
        )

    return deliver


def to_response_url(respond: Callable[..., object]) -> Deliver:
    """Reply only the asker sees (slash commands, buttons on ephemeral answers)."""

    def deliver(message: SlackMessage) -> None:
        respond(
            text=message.text,
            blocks=message.blocks or None,
            response_type="ephemeral",
            replace_original=False,
        )

    return deliver


@contextmanager
def working_on(client: WebClient, channel: str, ts: str | None) -> Iterator[None]:
    """👀 on the question while we look it up, so the asker knows it was seen."""
    _reaction(client.reactions_add, channel, ts)
    try:
        yield
    finally:
        _reaction(client.reactions_remove, channel, ts)


def _reaction(call: Callable[..., object], channel: str, ts: str | None) -> None:
    if not ts:
        return
    try:
        call(channel=channel, timestamp=ts, name=WORKING_REACTION)
    except SlackApiError as exc:
        # already_reacted / no_reaction / missing scope: never worth failing an answer over.
        log.warning("reaction on %s failed: %s", channel, exc.response.get("error"))
    except Exception as exc:
        # A timeout or dropped connection to Slack: neither is worth losing the answer for.
        log.warning("reaction on %s failed: %s", channel, type(exc).__name__)
