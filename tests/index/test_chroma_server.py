"""With MINUTES_BOT_CHROMA_URL set, the same index and answers go through a real Chroma server."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory) -> Iterator[str]:
    chroma = shutil.which("chroma") or str(Path(sys.executable).parent / "chroma")
    port = free_port()
    path = tmp_path_factory.mktemp("chroma-server")
    proc = subprocess.Popen(
        [chroma, "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=1).read()
                break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    pytest.fail("chroma server did not start")
                time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_index_and_ask_through_a_chroma_server(
    chroma_url: str, samples_dir: Path, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setenv("MINUTES_BOT_CHROMA_URL", chroma_url)
    monkeypatch.setenv("MINUTES_BOT_DATA_DIR", str(tmp_path / "data"))
    runner = CliRunner()
    first = runner.invoke(app, ["index", str(samples_dir)], catch_exceptions=False)
    assert first.exit_code == 0
    assert not (tmp_path / "data" / "chroma").exists(), "embedded Chroma must not be used"

    again = runner.invoke(app, ["index", str(samples_dir)], catch_exceptions=False)
    assert "unchanged" in again.stdout

    result = runner.invoke(
        app,
        ["ask", "--json", "Who is to report back on the library opening hours review?"],
        catch_exceptions=False,
    )
    answer = json.loads(result.stdout)
    top = answer["matches"][0]
    assert "library-opening-hours" in top["source_path"]
    quotes = [r["text"] for r in top["resolutions"]] + [a["text"] for a in top["actions"]]
    source = Path(top["source_path"]).read_text(encoding="utf-8")
    assert quotes and all(q in source for q in quotes)
    owners = [a["owner"] for a in top["actions"]]
    assert "Head of Libraries" in " ".join(o or "" for o in owners)
