"""Slack's Socket Mode end, offline: a WebSocket server on 127.0.0.1 that says ``hello``, pushes
envelopes to the connected app and records the acks (``{"envelope_id": …}``) it sends back."""

from __future__ import annotations

import json
import queue
import threading
from typing import Any

from websockets.exceptions import ConnectionClosed
from websockets.sync.server import ServerConnection, serve


class FakeSocketMode:
    def __init__(self) -> None:
        self.acks: queue.Queue[dict[str, Any]] = queue.Queue()
        self._outbox: queue.Queue[dict[str, Any]] = queue.Queue()
        self.connected = threading.Event()
        self._server = serve(self._session, "127.0.0.1", 0)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self._server.socket.getsockname()[1]}/link"

    def start(self) -> FakeSocketMode:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()

    def send(self, envelope: dict[str, Any]) -> None:
        self._outbox.put(envelope)

    def wait_ack(self, timeout: float = 10) -> dict[str, Any]:
        return self.acks.get(timeout=timeout)

    def _session(self, ws: ServerConnection) -> None:
        ws.send(json.dumps({"type": "hello", "num_connections": 1}))
        self.connected.set()
        while True:
            try:
                envelope = self._outbox.get(timeout=0.05)
                ws.send(json.dumps(envelope))
            except queue.Empty:
                pass
            except ConnectionClosed:
                return
            try:
                message = ws.recv(timeout=0.01)
            except TimeoutError:
                continue
            except ConnectionClosed:
                return
            data = json.loads(message)
            if "envelope_id" in data:
                self.acks.put(data)
