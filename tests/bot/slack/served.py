"""``minutes-bot serve`` as a deployer runs it: a real process configured only by the
environment, its log in a file the test can read at any moment, probed over HTTP."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.paths import REPO

SLACK_VARS = ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "SLACK_API_URL")


def clean_environment(**extra: str) -> dict[str, str]:
    """The test runner's environment without any Slack or bot settings, plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if k not in SLACK_VARS}
    env = {
        k: v
        for k, v in env.items()
        if not k.startswith("MINUTES_BOT_") or k == "MINUTES_BOT_MODEL_CACHE"  # one ONNX export
    }
    return {**env, "HF_HUB_OFFLINE": "1", **extra}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def minutes_bot(*args: str, env: dict[str, str], **kw: Any) -> subprocess.Popen:
    code = "from bot.cli import main; main()"
    return subprocess.Popen([sys.executable, "-c", code, *args], cwd=REPO, env=env, text=True, **kw)


@dataclass
class Served:
    process: subprocess.Popen
    url: str
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def healthz(self, timeout: float = 5) -> tuple[int, dict[str, Any]]:
        """Status and JSON of ``/healthz``, whatever the status."""
        try:
            with urllib.request.urlopen(f"{self.url}/healthz", timeout=timeout) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as err:
            return err.code, json.loads(err.read())

    def wait_until(self, ready: Callable[[], bool], what: str, timeout: float = 90) -> None:
        """Poll ``ready`` until true; fail with the log if the process dies or time runs out."""
        deadline = time.monotonic() + timeout
        while True:
            if self.process.poll() is not None:
                raise AssertionError(f"serve exited with {self.process.returncode}:\n{self.log()}")
            try:
                if ready():
                    return
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise AssertionError(f"{what} not seen in {timeout:.0f} s; log:\n{self.log()}")
            time.sleep(0.25)

    def wait_for_healthz(self, timeout: float = 90) -> None:
        self.wait_until(lambda: self.healthz(timeout=1)[0] > 0, "/healthz", timeout)

    def stop(self) -> None:
        stop(self.process)


def start_serve(env: dict[str, str], log_path: Path) -> Served:
    """Start ``serve`` on a free port (``PORT`` in ``env`` wins); the caller stops it."""
    port = int(env.get("PORT") or free_port())
    env = {"MINUTES_BOT_HOST": "127.0.0.1", **env, "PORT": str(port)}
    with log_path.open("w", encoding="utf-8") as log:
        process = minutes_bot("serve", env=env, stdout=log, stderr=subprocess.STDOUT)
    return Served(process, f"http://127.0.0.1:{port}", log_path)


def start_chroma(path: Path, port: int) -> subprocess.Popen:
    """A real Chroma server (the one MINUTES_BOT_CHROMA_URL points at in production)."""
    chroma = Path(sys.executable).parent / "chroma"
    return subprocess.Popen(
        [str(chroma), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
