"""``minutes-bot ask``: one answer in the terminal, as text or JSON."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from bot.cli.options import ChromaUrl, DataDir, load_settings


def ask(
    question: Annotated[str, typer.Argument(help="A question about what was decided.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the answer as JSON.")] = False,
    limit: Annotated[int | None, typer.Option(help="How many agenda items to show.")] = None,
    after: Annotated[
        list[str] | None,
        typer.Option(
            "--after",
            help="An earlier question of the same thread, for a follow-up (repeatable, oldest "
            "first), as a Slack thread passes them.",
        ),
    ] = None,
    data_dir: DataDir = None,
    chroma_url: ChromaUrl = None,
) -> None:
    """Answer a question with quoted resolutions, action owners and source links."""
    from bot.answer.render import answer_json, answer_text
    from bot.answer.service import Answerer
    from bot.cli.actions import register_answer
    from bot.slack.asking.context import thread_context
    from index.errors import IndexUnavailableError, is_unavailable

    settings = load_settings(data_dir, chroma_url)
    where = f"Chroma at {settings.index_location}" if settings.chroma_url else "the index"
    try:
        # Answers once: the dense search scores the saved vectors rather than load Chroma's
        # HNSW index, most of a cold ask at 100k items (bot.search.dense.DenseSearcher.exact).
        answerer = Answerer(settings, exact_dense=True)
        if answerer.store.unit_count() == 0:
            typer.echo(
                f"error: the index is empty ({where}, collection {settings.collection!r}):"
                " run `minutes-bot index <folder>` first",
                err=True,
            )
            raise typer.Exit(2)
        if (listed := register_answer(answerer.store, question, as_json)) is not None:
            typer.echo(listed, nl=False)  # "what's overdue for the DPH?": bot.register
            return
        context = thread_context("\n".join(after)) if after else None
        answer = answerer.ask(question, limit=limit, context=context or None)
    except Exception as exc:
        if not is_unavailable(exc):
            raise
        detail = " ".join(str(exc).split())[:200] or type(exc).__name__
        raise IndexUnavailableError(where, detail) from None
    if as_json:
        sys.stdout.write(answer_json(answer) + "\n")
    else:
        sys.stdout.write(answer_text(answer))
