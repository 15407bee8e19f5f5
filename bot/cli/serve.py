"""``minutes-bot serve``: run the Slack bot (:mod:`bot.slack.runtime.server`)."""

from __future__ import annotations

from bot.cli.options import ChromaUrl, DataDir, load_settings


def serve(data_dir: DataDir = None, chroma_url: ChromaUrl = None) -> None:
    """Run the Slack bot (Socket Mode if SLACK_APP_TOKEN is set, else HTTP).

    Exits 2 with one line if a variable is missing or Slack refuses a token; waits for a
    Chroma server that is not up yet; GET /healthz says whether it can answer.
    """
    from bot.slack.runtime.server import serve as serve_bot

    serve_bot(load_settings(data_dir, chroma_url))
