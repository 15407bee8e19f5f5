"""With MINUTES_BOT_CHROMA_URL set, the same index and answers go through a real Chroma server."""

from __future__ import annotations

import json
import os
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
from index.settings import IndexSettings
from index.store import open_store
from index.units import UnitTable
from tests.paths import REPO

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


def ask_process(question: str, env: dict[str, str]) -> str:
    """``minutes-bot ask --json`` in a new process, as a second replica would run it."""
    done = subprocess.run(
        [sys.executable, "-c", "from bot.cli import main; main()", "ask", "--json", question],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    return done.stdout


def test_two_processes_on_one_server_answer_identically_from_chroma_alone(
    chroma_url: str, samples_dir: Path, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setenv("MINUTES_BOT_CHROMA_URL", chroma_url)
    monkeypatch.setenv("MINUTES_BOT_COLLECTION", "replicas")
    monkeypatch.setenv("MINUTES_BOT_DATA_DIR", str(tmp_path / "indexer"))
    runner = CliRunner()
    assert runner.invoke(app, ["index", str(samples_dir / "westvale")]).exit_code == 0

    # A reader that stays up, like a bot replica, sees the next write through the generation.
    settings = IndexSettings()
    reader = UnitTable(open_store(settings), refresh_s=0.0)
    before = reader.generation or reader.refresh().generation
    assert not reader.search("loneliness", 5)
    assert runner.invoke(app, ["index", str(samples_dir / "northmoor")]).exit_code == 0
    assert reader.search("loneliness", 5)
    assert reader.generation != before

    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("MINUTES_BOT_") or k == "MINUTES_BOT_MODEL_CACHE"
    }
    env.update(
        PYTHONPATH=str(REPO),
        HF_HUB_OFFLINE="1",
        MINUTES_BOT_CHROMA_URL=chroma_url,
        MINUTES_BOT_COLLECTION="replicas",
    )
    questions = [
        "who reports back on library opening hours?",
        "what was resolved about the loneliness strategy?",
    ]
    generation = open_store(settings).generation()
    for question in questions:  # the second question loads what the first one saved
        answers = []
        for replica in ("one", "two"):
            data = tmp_path / replica
            answers.append(ask_process(question, {**env, "MINUTES_BOT_DATA_DIR": str(data)}))
            # All a replica keeps about the minutes is derived copies named after the
            # generation Chroma holds (the model's ONNX export is the model, not the minutes).
            assert derived_copies(data) == {("catalogue", generation), ("lexical", generation)}
        assert answers[0] == answers[1]
        assert json.loads(answers[0])["matches"], question


def derived_copies(data: Path) -> set[tuple[str, str]]:
    """(kind, generation) of every file a process left in its data dir, the model aside."""
    files = [p for p in data.rglob("*") if p.is_file() and "models" not in p.parts]
    assert all(p.relative_to(data).parts[0] == "state" for p in files), files
    return {(p.parent.parent.name, p.name.split(".")[0]) for p in files}


def test_a_write_to_chroma_makes_a_replicas_saved_copies_stale(
    chroma_url: str, samples_dir: Path, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setenv("MINUTES_BOT_CHROMA_URL", chroma_url)
    monkeypatch.setenv("MINUTES_BOT_COLLECTION", "stale")
    monkeypatch.setenv("MINUTES_BOT_DATA_DIR", str(tmp_path / "indexer"))
    runner = CliRunner()
    assert runner.invoke(app, ["index", str(samples_dir / "westvale")]).exit_code == 0
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("MINUTES_BOT_") or k == "MINUTES_BOT_MODEL_CACHE"
    }
    env.update(
        PYTHONPATH=str(REPO),
        HF_HUB_OFFLINE="1",
        MINUTES_BOT_CHROMA_URL=chroma_url,
        MINUTES_BOT_COLLECTION="stale",
        MINUTES_BOT_DATA_DIR=str(tmp_path / "replica"),
    )
    question = "what was resolved about the loneliness strategy?"
    before = json.loads(ask_process(question, env))
    first = open_store(IndexSettings()).generation()
    assert {g for _, g in derived_copies(tmp_path / "replica")} == {first}

    # Another process adds minutes: the copies saved for the old generation must not answer.
    assert runner.invoke(app, ["index", str(samples_dir / "northmoor")]).exit_code == 0
    after = json.loads(ask_process(question, env))
    second = open_store(IndexSettings()).generation()
    assert second != first
    assert {g for _, g in derived_copies(tmp_path / "replica")} == {second}
    found = [m["source_path"] for m in after["matches"]]
    assert any("northmoor" in path for path in found), found
    assert not any("northmoor" in m["source_path"] for m in before["matches"])
