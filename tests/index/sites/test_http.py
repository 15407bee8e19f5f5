"""The polite client against a scripted server on 127.0.0.1: who it says it is, how long it
waits, what robots.txt stops, how it retries, and what a 304 gives back."""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from index.sites import deadline
from index.sites.errors import (
    BlockedError,
    DisallowedError,
    NotFoundError,
    RedirectedError,
    ServerError,
    TimedOutError,
)
from index.sites.http import MemoryCache, PoliteClient

CONTACT = "https://example.invalid/ops"
Reply = tuple[int, dict[str, str], bytes]


@dataclass
class Seen:
    path: str
    headers: dict[str, str]
    started: float
    finished: float = 0.0


@dataclass
class Scripted:
    """Answers each path with its scripted replies in turn (the last one repeats)."""

    replies: dict[str, list[Reply]] = field(default_factory=dict)
    delays: dict[str, float] = field(default_factory=dict)
    trickled: set[str] = field(default_factory=set)
    """Paths whose status line and first header come two bytes a second (14 s), then the
    rest of a 200 at once: a client without a total deadline gets the page."""
    seen: list[Seen] = field(default_factory=list)
    root: str = ""

    def answer(self, path: str) -> Reply:
        script = self.replies.get(path)
        if not script:
            return 404, {}, b"not here"
        return script.pop(0) if len(script) > 1 else script[0]

    def paths(self) -> list[str]:
        return [s.path for s in self.seen]


@pytest.fixture
def server() -> Iterator[Scripted]:
    script = Scripted()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            seen = Seen(
                self.path, {k.lower(): v for k, v in self.headers.items()}, time.monotonic()
            )
            script.seen.append(seen)
            time.sleep(script.delays.get(self.path, 0))
            if self.path in script.trickled:
                self._trickle_headers()
                seen.finished = time.monotonic()
                return
            status, headers, body = script.answer(self.path)
            try:
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if status != 304:
                    self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass
            seen.finished = time.monotonic()

        def _trickle_headers(self) -> None:
            try:
                for byte in b"HTTP/1.1 200 OK\r\nX-Slow: 1\r\n":
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(0.5)
                self.wfile.write(b"Content-Length: 4\r\n\r\n<ok>")
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up
            self.close_connection = True

        def log_message(self, format: str, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    script.root = f"http://127.0.0.1:{httpd.server_address[1]}"
    script.replies["/robots.txt"] = [(404, {}, b"")]
    yield script
    httpd.shutdown()
    httpd.server_close()


def client(**options) -> PoliteClient:
    settings = {"contact": CONTACT, "delay": 0.0, "timeout": 5.0, "retries": 2, "backoff": 0.05}
    return PoliteClient(**{**settings, **options})


def ok(body: bytes = b"<ok/>", **headers: str) -> Reply:
    return 200, headers, body


def test_every_request_names_the_project_and_its_contact(server: Scripted) -> None:
    server.replies["/a"] = [ok()]
    client().get(server.root + "/a")
    agents = {s.headers["user-agent"] for s in server.seen}
    (agent,) = agents
    assert agent.startswith("minutes-bot/") and agent.endswith(f"(+{CONTACT})")


def test_requests_to_one_host_wait_the_delay_between_them(server: Scripted) -> None:
    server.replies.update({"/a": [ok()], "/b": [ok()], "/c": [ok()]})
    polite = client(delay=0.3)
    for path in ("/a", "/b", "/c"):
        polite.get(server.root + path)
    pages = [s for s in server.seen if s.path != "/robots.txt"]
    gaps = [b.started - a.finished for a, b in itertools.pairwise(pages)]
    assert len(gaps) == 2 and min(gaps) >= 0.28


def test_robots_crawl_delay_wins_over_a_shorter_delay(server: Scripted) -> None:
    server.replies["/robots.txt"] = [ok(b"User-agent: *\nCrawl-delay: 1\n")]
    server.replies.update({"/a": [ok()], "/b": [ok()]})
    polite = client(delay=0.0)
    polite.get(server.root + "/a")
    polite.get(server.root + "/b")
    a, b = [s for s in server.seen if s.path != "/robots.txt"]
    assert b.started - a.finished >= 0.95


def test_robots_txt_is_asked_once_and_obeyed(server: Scripted) -> None:
    server.replies["/robots.txt"] = [
        ok(b"User-agent: *\nDisallow: /private/\n\nUser-agent: minutes-bot\nDisallow: /mgAi.aspx\n")
    ]
    server.replies.update({"/public": [ok()], "/mgAi.aspx?ID=1": [ok()]})
    polite = client()
    polite.get(server.root + "/public")
    with pytest.raises(DisallowedError, match=r"robots\.txt disallows it for minutes-bot"):
        polite.get(server.root + "/mgAi.aspx?ID=1")
    assert server.paths() == ["/robots.txt", "/public"]


def test_a_robots_txt_that_cannot_be_read_refuses_the_whole_site(server: Scripted) -> None:
    server.replies["/robots.txt"] = [(500, {}, b"oops")]
    server.replies["/a"] = [ok()]
    polite = client(retries=1)
    for _ in range(2):
        with pytest.raises(DisallowedError, match=r"robots.txt could not be read \(HTTP 500"):
            polite.get(server.root + "/a")
    assert server.paths() == ["/robots.txt", "/robots.txt"]  # two tries, once per client


def test_a_503_is_retried_after_its_retry_after(server: Scripted) -> None:
    server.replies["/busy"] = [(503, {"Retry-After": "1"}, b""), ok(b"<done/>")]
    polite = client()
    fetched = polite.get(server.root + "/busy")
    assert fetched.content == b"<done/>"
    first, second = [s for s in server.seen if s.path == "/busy"]
    assert second.started - first.finished >= 0.95
    assert polite.stats.retries == 1


def test_5xx_backs_off_exponentially_then_fails_with_one_line(server: Scripted) -> None:
    pauses: list[float] = []  # recorded instead of slept
    server.replies["/down"] = [(502, {}, b"")]
    polite = client(backoff=5.0, retries=3, sleep=pauses.append)
    with pytest.raises(ServerError) as raised:
        polite.get(server.root + "/down")
    assert raised.value.reason == "HTTP 502 (4 tries)"
    assert pauses == [5.0, 10.0, 20.0]
    assert server.paths().count("/down") == 4


def test_a_retry_after_beyond_the_cap_fails_at_once(server: Scripted) -> None:
    server.replies["/later"] = [(429, {"Retry-After": "3600"}, b"")]
    with pytest.raises(ServerError, match=r"HTTP 429, asked to retry after 3600 s"):
        client(max_retry_after=300).get(server.root + "/later")
    assert server.paths().count("/later") == 1


def test_a_page_slower_than_the_timeout_fails_after_its_tries(server: Scripted) -> None:
    server.replies["/slow"] = [ok()]
    server.delays["/slow"] = 1.5
    with pytest.raises(TimedOutError) as raised:
        client(timeout=0.5, retries=1, backoff=1.2).get(server.root + "/slow")
    assert raised.value.reason == "timed out after 0.5 s (2 tries)"


def test_headers_trickled_two_bytes_a_second_end_at_the_timeout(server: Scripted) -> None:
    """Each read gets a byte well within the timeout, so only a total deadline stops this."""
    server.trickled.add("/drip")
    started = time.monotonic()
    with pytest.raises(TimedOutError) as raised:
        client(timeout=1.0, retries=1, backoff=0.2).get(server.root + "/drip")
    took = time.monotonic() - started
    assert raised.value.reason == "timed out after 1 s (2 tries)"
    assert took < 2 * 1.0 + 0.2 + 1.5, took  # two tries of a second, the backoff, slack
    drips = [s for s in server.seen if s.path == "/drip"]
    assert len(drips) == 2


def test_a_host_name_whose_lookup_never_answers_times_out_at_the_timeout(
    server: Scripted, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Python's resolver has no timeout: a DNS server that never answers would hold the
    request for ever. The resolver is the network's edge, so a hanging one stands in here."""
    released = threading.Event()

    def hanging(*args: object, **kwargs: object) -> list[object]:
        released.wait(30)
        raise OSError("released")

    monkeypatch.setattr(deadline, "getaddrinfo", hanging)
    port = server.root.rsplit(":", 1)[1]
    started = time.monotonic()
    try:
        # robots.txt is asked first: it cannot be read, so the site is not fetched from
        with pytest.raises(DisallowedError) as raised:
            client(timeout=1.0, retries=0).get(f"http://minutes.slow-dns.invalid:{port}/a")
    finally:
        released.set()
    assert "robots.txt could not be read (timed out after 1 s)" in str(raised.value)
    assert time.monotonic() - started < 2.5
    assert not server.seen  # nothing reached the site


def test_a_host_name_is_still_looked_up_and_connected_to(server: Scripted) -> None:
    server.replies["/a"] = [ok(b"<named/>")]
    port = server.root.rsplit(":", 1)[1]
    assert client().get(f"http://localhost:{port}/a").content == b"<named/>"


def test_the_deadline_holds_on_a_reused_connection(server: Scripted) -> None:
    """The second request rides the first one's kept-alive connection: still bounded."""
    server.replies["/a"] = [ok()]
    server.trickled.add("/drip")
    polite = client(timeout=1.0, retries=0)
    polite.get(server.root + "/a")
    started = time.monotonic()
    with pytest.raises(TimedOutError):
        polite.get(server.root + "/drip")
    assert time.monotonic() - started < 2.5


@pytest.mark.parametrize(
    ("reply", "error", "reason"),
    [
        ((302, {"Location": "/mgError.aspx"}, b""), RedirectedError, "redirected to /mgError.aspx"),
        ((404, {}, b""), NotFoundError, "HTTP 404 (no such page)"),
        ((403, {}, b"Just a moment..."), BlockedError, "HTTP 403 (the site refuses this client)"),
    ],
)
def test_answers_we_cannot_use_are_named_errors_without_retries(
    server: Scripted, reply, error, reason
) -> None:
    server.replies["/x"] = [reply]
    with pytest.raises(error) as raised:
        client().get(server.root + "/x")
    assert raised.value.reason == reason
    assert server.paths().count("/x") == 1


def test_an_etag_makes_the_second_request_conditional_and_a_304_returns_the_body(
    server: Scripted,
) -> None:
    server.replies["/m"] = [ok(b"<meeting/>", ETag='"v1"'), (304, {"ETag": '"v1"'}, b"")]
    polite = client(cache=MemoryCache())
    first = polite.get(server.root + "/m")
    second = polite.get(server.root + "/m")
    assert (first.status, first.changed) == (200, True)
    assert (second.status, second.changed, second.content) == (304, False, b"<meeting/>")
    requests = [s for s in server.seen if s.path == "/m"]
    assert "if-none-match" not in requests[0].headers
    assert requests[1].headers["if-none-match"] == '"v1"'
    assert polite.stats.not_modified == 1


def test_last_modified_is_sent_back_as_if_modified_since(server: Scripted) -> None:
    stamp = "Mon, 02 Nov 2026 10:00:00 GMT"
    server.replies["/p"] = [ok(b"page", **{"Last-Modified": stamp}), (304, {}, b"")]
    polite = client(cache=MemoryCache())
    polite.get(server.root + "/p")
    assert polite.get(server.root + "/p").content == b"page"
    assert server.seen[-1].headers["if-modified-since"] == stamp


def test_without_validators_the_content_hash_says_what_changed(server: Scripted) -> None:
    server.replies["/n"] = [ok(b"one"), ok(b"one"), ok(b"two")]
    polite = client(cache=MemoryCache())
    assert [polite.get(server.root + "/n").changed for _ in range(3)] == [True, False, True]


def test_an_uncached_url_is_never_conditional_nor_kept(server: Scripted) -> None:
    cache = MemoryCache()
    server.replies["/list"] = [ok(b"x", ETag='"e"')]
    polite = client(cache=cache)
    polite.get(server.root + "/list", use_cache=False)
    polite.get(server.root + "/list", use_cache=False)
    assert cache.entries == {}
    assert all("if-none-match" not in s.headers for s in server.seen)
