"""``ask`` with nothing indexed, or with the Chroma server down, says so in one line."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.paths import REPO

pytestmark = pytest.mark.slow


def ask(*args: str, tmp_path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            *(sys.executable, "-c", "from bot.cli import main; main()", "ask", "what was decided?"),
            *args,
            *("--data-dir", str(tmp_path / "data")),
        ],
        cwd=REPO,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO), "HF_HUB_OFFLINE": "1"},
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_a_question_while_the_index_is_empty_is_one_line(tmp_path: Path) -> None:
    done = ask(tmp_path=tmp_path)
    assert done.returncode == 2
    assert done.stderr.startswith("error: the index is empty (the index, collection 'minutes')")
    assert "minutes-bot index" in done.stderr and done.stderr.count("\n") == 1


def test_a_chroma_server_that_is_down_is_one_line(tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    done = ask("--chroma-url", f"http://127.0.0.1:{port}", tmp_path=tmp_path)
    assert done.returncode == 2
    assert done.stderr.startswith(f"error: Chroma at http://127.0.0.1:{port} is unavailable (")
    assert done.stderr.rstrip().endswith("try again shortly")
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
