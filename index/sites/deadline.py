"""A total deadline for one HTTP request: connecting, the TLS handshake, sending, the status
line and headers, and the body, all within ``seconds`` together.

httpx's timeouts bound each socket operation, not the request: a site that sends its headers
or body two bytes a second never lets one read wait long, so ``--timeout 2`` could hold a page
(and the site's lease) for ever. Here every socket operation of the request waits at most what
is left of the request's time, so the request ends, as a timeout, when that time is gone.

The deadline is held per thread (a :class:`~contextvars.ContextVar`), set by :func:`within`
around the request; the network backend that :func:`deadline_transport` gives httpx reads it
on each connect, read and write. Outside :func:`within` only httpx's own timeouts apply.
The host name's DNS lookup, which Python's resolver does without a timeout, runs in a thread
of its own that the request waits for only as long as it has left: a resolver that never
answers fails the request as a timeout (the lookup itself is left to end on its own).
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
import typing
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

import httpcore
import httpx

_deadline: ContextVar[float | None] = ContextVar("minutes_bot_request_deadline", default=None)


@contextmanager
def within(seconds: float) -> Iterator[None]:
    """Every socket operation inside waits at most what is left of ``seconds`` from now."""
    token = _deadline.set(time.monotonic() + seconds)
    try:
        yield
    finally:
        _deadline.reset(token)


def _clamp(timeout: float | None, error: type[Exception]) -> float | None:
    """``timeout`` cut to the time left; ``error`` when none is left."""
    deadline = _deadline.get()
    if deadline is None:
        return timeout
    left = deadline - time.monotonic()
    if left <= 0:
        raise error("the request's total time ran out")
    return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose reads and writes stop at the current request's deadline."""

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _clamp(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _clamp(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: typing.Any,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        inner = self._inner.start_tls(
            ssl_context, server_hostname, _clamp(timeout, httpcore.ConnectTimeout)
        )
        return _DeadlineStream(inner)

    def get_extra_info(self, info: str) -> typing.Any:
        return self._inner.get_extra_info(info)


getaddrinfo = socket.getaddrinfo
"""The resolver (a module attribute so that a test can stand a slow one in, as a fake at the
network's edge)."""


def resolve(host: str, port: int, timeout: float | None) -> list[str]:
    """``host``'s addresses, in the resolver's order, looked up within ``timeout`` seconds
    (None: as long as it takes); an IP address is its own."""
    try:
        return [str(ipaddress.ip_address(host.strip("[]")))]
    except ValueError:
        pass
    found: list[str] = []
    failed: list[OSError] = []

    def look_up() -> None:
        try:
            infos = getaddrinfo(host, port, type=socket.SOCK_STREAM)
            found.extend(dict.fromkeys(str(info[4][0]) for info in infos))
        except OSError as exc:
            failed.append(exc)

    lookup = threading.Thread(target=look_up, name=f"dns {host}", daemon=True)
    lookup.start()
    lookup.join(timeout)
    if lookup.is_alive():
        raise httpcore.ConnectTimeout(f"looking up {host} took longer than {timeout:g} s")
    if failed:
        raise httpcore.ConnectError(str(failed[0]))
    if not found:
        raise httpcore.ConnectError(f"{host} has no address")
    return found


class DeadlineBackend(httpcore.NetworkBackend):
    """httpcore's own blocking sockets, each wrapped in a :class:`_DeadlineStream`; the host
    name looked up within the request's time (:func:`resolve`)."""

    def __init__(self) -> None:
        self._inner = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[typing.Any] | None = None,
    ) -> httpcore.NetworkStream:
        addresses = resolve(host, port, _clamp(timeout, httpcore.ConnectTimeout))
        last: Exception | None = None
        for address in addresses:  # each in turn, as socket.create_connection does
            try:
                stream = self._inner.connect_tcp(
                    address,
                    port,
                    _clamp(timeout, httpcore.ConnectTimeout),
                    local_address,
                    socket_options,
                )
            except httpcore.ConnectError as exc:
                last = exc
                continue
            return _DeadlineStream(stream)
        assert last is not None  # resolve() returns at least one address
        raise last

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[typing.Any] | None = None,
    ) -> httpcore.NetworkStream:
        stream = self._inner.connect_unix_socket(
            path, _clamp(timeout, httpcore.ConnectTimeout), socket_options
        )
        return _DeadlineStream(stream)

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


def deadline_transport() -> httpx.HTTPTransport:
    """httpx's own transport (TLS verified as usual) on a :class:`DeadlineBackend`.

        httpx takes no network backend, so its connection pool is replaced by one built the
        same way with ours (tests/index/sites/test_http.py fails if a new httpx stops using it).
    Proxies named in the environment (``HTTPS_PROXY``) are not used: httpx reads them only for
    its default transport.
    """
    limits = httpx.Limits(max_connections=100, max_keepalive_connections=20, keepalive_expiry=5)
    transport = httpx.HTTPTransport(limits=limits)
    transport._pool = httpcore.ConnectionPool(  # private: see the docstring
        ssl_context=httpx.create_ssl_context(),
        max_connections=limits.max_connections,
        max_keepalive_connections=limits.max_keepalive_connections,
        keepalive_expiry=limits.keepalive_expiry,
        network_backend=DeadlineBackend(),
    )
    return transport
