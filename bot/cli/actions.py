"""``minutes-bot actions``: the action register (:mod:`bot.register`) from a terminal, as
text, CSV or JSON, or posted weekly to Slack (``--notify``); and ``minutes-bot ask``'s hand-off
to the register for questions about a set of actions (:func:`register_answer`).
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated

import typer

from bot.cli.options import ChromaUrl, DataDir
from prompts import render

if TYPE_CHECKING:  # the command's module is imported for --help: nothing heavy at import
    from bot.register.questions import RegisterQuestion
    from bot.register.register import Register
    from bot.settings import Settings
    from index.store import MinutesStore


def actions(
    question: Annotated[
        str | None,
        typer.Argument(
            help='A question, e.g. "what\'s overdue for the Director of Public Health?"'
        ),
    ] = None,
    owner: Annotated[str | None, typer.Option(help="Whose actions (any spelling).")] = None,
    body: Annotated[str | None, typer.Option(help="Which board or committee.")] = None,
    status: Annotated[
        str, typer.Option(help="open (not done), done or all.", case_sensitive=False)
    ] = "open",
    overdue: Annotated[bool, typer.Option("--overdue", help="Only actions past due.")] = False,
    done_since: Annotated[
        str | None, typer.Option(help="Only actions reported done on or after YYYY-MM-DD.")
    ] = None,
    last: Annotated[
        bool, typer.Option("--last", help="With --body: only its latest meeting's actions.")
    ] = False,
    today: Annotated[
        str | None, typer.Option(help="The date overdue is judged at, YYYY-MM-DD (default today).")
    ] = None,
    output: Annotated[
        str, typer.Option("--format", help="table, csv or json.", case_sensitive=False)
    ] = "table",
    notify: Annotated[
        bool,
        typer.Option(
            "--notify",
            help="Post the overdue actions (with any --owner/--body) to "
            "$MINUTES_BOT_DIGEST_CHANNEL instead of printing them.",
        ),
    ] = False,
    every: Annotated[
        str | None,
        typer.Option(
            "--every", help="With --notify: post again at this interval (7d) until stopped."
        ),
    ] = None,
    runs: Annotated[
        int | None, typer.Option("--runs", min=1, help="With --every: stop after this many.")
    ] = None,
    data_dir: DataDir = None,
    chroma_url: ChromaUrl = None,
) -> None:
    """Who owes what: actions across meetings, open first, with due dates and latest updates."""
    from bot.cli.options import load_settings
    from bot.register.questions import RegisterQuestion, ask_register, read_question
    from bot.register.register import load_register
    from bot.register.render import FORMATS, reply_csv, reply_json, reply_text
    from index.store import open_store

    if status.lower() not in {"open", "done", "all"}:
        raise typer.BadParameter("open, done or all", param_hint="--status")
    if output.lower() not in FORMATS:
        raise typer.BadParameter(", ".join(FORMATS), param_hint="--format")
    since = _date(done_since, "--done-since")
    settings = load_settings(data_dir, chroma_url)
    store = open_store(settings)

    def query(register: Register, on: dt.date) -> RegisterQuestion:
        asked = read_question(question, register, on) if question else RegisterQuestion(today=on)
        return RegisterQuestion(
            owner=owner or asked.owner,
            body=body or asked.body,
            show=status.lower() if status.lower() != "open" else asked.show,
            overdue=overdue or asked.overdue,
            done_since=since or asked.done_since,
            last_meeting=last or asked.last_meeting,
            today=on,
        )

    if notify or every or runs:
        notify_overdue(settings, store, query, _date(today, "--today"), every, runs, notify)
        return
    on = _date(today, "--today") or dt.date.today()
    register = load_register(store)
    reply = ask_register(register, query(register, on))
    writer = {"table": reply_text, "csv": reply_csv, "json": reply_json}[output.lower()]
    sys.stdout.write(writer(reply))
    if output.lower() == "json":
        sys.stdout.write("\n")
    if reply.unknown_owner or reply.unknown_body:
        raise typer.Exit(1)


def notify_overdue(
    settings: Settings,
    store: MinutesStore,
    query: Callable[[Register, dt.date], RegisterQuestion],
    today: dt.date | None,
    every: str | None,
    runs: int | None,
    notify: bool,
) -> None:
    """``--notify [--every 7d [--runs N]]``: post the overdue actions, once or on a schedule
    (the loop, its stops and SIGTERM handling are ``sync --every``'s, :mod:`bot.cli.schedule`)."""
    from bot.cli.schedule import StopLoop, parse_every, run_every, sigterm_interrupts
    from bot.register.notify import overdue_notifier
    from bot.register.register import load_register

    if not notify:
        raise typer.BadParameter("only with --notify", param_hint="--every" if every else "--runs")
    try:
        interval = parse_every(every) if every else None
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--every") from None
    if runs is not None and interval is None:
        raise typer.BadParameter("only with --every", param_hint="--runs")
    post = overdue_notifier(settings)  # checks the channel and token before anything else

    def once() -> int:
        register = load_register(store)  # afresh each run: a sync may have closed actions
        on = today or dt.date.today()
        sent = post(register, query(register, on))
        typer.echo(render("terminal/actions/notified.txt.j2", posts=len(sent), today=on).strip())
        return 0

    def waiting(until: object) -> None:
        typer.echo(render("terminal/actions/next_post.txt.j2", until=until).strip())

    with sigterm_interrupts():
        try:
            code = (
                once()
                if interval is None
                else run_every(once, interval, runs=runs, on_wait=waiting)
            )
        except StopLoop:
            code = 0
    raise typer.Exit(code)


def register_answer(store: MinutesStore, question: str, as_json: bool = False) -> str | None:
    """``minutes-bot ask``'s reply to a question about a set of actions ("what's overdue for the
    DPH?"), from the register; None leaves the question to the search. The register is built
    only when the question's words call for it (:func:`bot.register.routing.may_ask_register`)."""
    from bot.register.questions import ask_register
    from bot.register.register import load_register
    from bot.register.render import reply_json, reply_text
    from bot.register.routing import may_ask_register, register_question

    if not may_ask_register(question):
        return None
    register = load_register(store)
    asked = register_question(question, register, dt.date.today())
    if asked is None:
        return None
    reply = ask_register(register, asked)
    return reply_json(reply) + "\n" if as_json else reply_text(reply)


def _date(value: str | None, option: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a YYYY-MM-DD date", param_hint=option) from None
