"""Real Redis and PostgreSQL servers on 127.0.0.1 for the tests that need shared state.

Both come from Debian's packages (``make install`` installs them); each test session starts its
own on a free port in a temporary folder and stops it at the end. PostgreSQL refuses to run as
root, so as root the cluster belongs to ``nobody``. A missing binary fails the fixture with the
reason, and every step is bounded in time (a server that does not listen within 30-60 s fails
with what it printed), so the suite never hangs on a service.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

PG_USER = "minutes"
PG_PASSWORD = "minutes-test-password"
PG_VERSIONS = ("17", "16", "15")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_port(port: int, process: subprocess.Popen | None, what: str, timeout: float = 30):
    deadline = time.monotonic() + timeout
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            if process is not None and process.poll() is not None:
                raise RuntimeError(f"{what} exited with {process.returncode}") from None
            if time.monotonic() > deadline:
                raise RuntimeError(f"{what} did not listen on {port} in {timeout:.0f} s") from None
            time.sleep(0.1)


def redis_binary() -> str | None:
    return shutil.which("redis-server")


@dataclass
class RedisServer:
    port: int
    process: subprocess.Popen
    folder: Path

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)

    def start(self) -> None:
        """Start again on the same port (after :meth:`stop`), as a restarted service would."""
        self.process = _spawn_redis(self.port, self.folder)
        wait_for_port(self.port, self.process, "redis-server")


def _spawn_redis(port: int, folder: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [
            str(redis_binary()),
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(folder),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


@contextmanager
def redis_server() -> Iterator[RedisServer]:
    folder = Path(tempfile.mkdtemp(prefix="minutes-redis-"))
    port = free_port()
    server = RedisServer(port, _spawn_redis(port, folder), folder)
    try:
        wait_for_port(port, server.process, "redis-server")
        yield server
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)


def postgres_bin() -> Path | None:
    for version in PG_VERSIONS:
        folder = Path(f"/usr/lib/postgresql/{version}/bin")
        if (folder / "initdb").is_file() and (folder / "pg_ctl").is_file():
            return folder
    found = shutil.which("pg_ctl")
    return Path(found).parent if found and shutil.which("initdb") else None


def _as_owner(args: list[str]) -> list[str]:
    """PostgreSQL will not run as root: as root, run its tools as ``nobody``."""
    if os.geteuid() != 0:
        return args
    return ["runuser", "-u", "nobody", "--", *args]


@dataclass
class PostgresServer:
    port: int
    data: Path
    bin: Path

    def url(self, password: str = PG_PASSWORD) -> str:
        return f"postgresql+psycopg://{PG_USER}:{password}@127.0.0.1:{self.port}/postgres"

    def pg_ctl(self, *args: str) -> None:
        done = subprocess.run(
            _as_owner([str(self.bin / "pg_ctl"), "-D", str(self.data), "-w", "-t", "60", *args]),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            timeout=90,
        )
        if done.returncode != 0:
            log = self.data / "server.log"
            tail = log.read_text(errors="replace")[-2000:] if log.is_file() else ""
            raise RuntimeError(f"pg_ctl {args[-1]} failed: {done.stderr.strip()}\n{tail}")

    def start(self) -> None:
        options = f"-p {self.port} -k {self.data} -c listen_addresses=127.0.0.1 -c fsync=off"
        self.pg_ctl("-o", options, "-l", str(self.data / "server.log"), "start")
        wait_for_port(self.port, None, "postgres")

    def stop(self) -> None:
        self.pg_ctl("-m", "fast", "stop")


@contextmanager
def postgres_server() -> Iterator[PostgresServer]:
    bin_dir = postgres_bin()
    if bin_dir is None:
        raise FileNotFoundError("initdb/pg_ctl")
    root = Path(tempfile.mkdtemp(prefix="minutes-pg-"))
    data = root / "data"
    password_file = root / "password"
    password_file.write_text(PG_PASSWORD + "\n")
    if os.geteuid() == 0:
        shutil.chown(root, "nobody")
        shutil.chown(password_file, "nobody")
    os.chmod(root, 0o755)
    subprocess.run(
        _as_owner(
            [
                str(bin_dir / "initdb"),
                "-D",
                str(data),
                "-U",
                PG_USER,
                "--auth=scram-sha-256",
                f"--pwfile={password_file}",
                "--encoding=UTF8",
                "--no-instructions",
            ]
        ),
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        timeout=120,
    )
    server = PostgresServer(free_port(), data, bin_dir)
    server.start()
    try:
        yield server
    finally:
        try:
            server.stop()
        finally:
            shutil.rmtree(root, ignore_errors=True)
