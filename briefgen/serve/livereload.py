"""Live reload over Server-Sent Events.

Each HTML page the preview serves gets one ``<script>`` tag before
``</body>`` (at serve time only: ``briefgen build`` output never has it). The
script (``client.js``) opens an ``EventSource`` on :data:`EVENTS_PATH` and
reacts to five events:

- ``state``: sent first on every connection: the version of the last good
  build and the current build error, if any. A page older than the last good
  build reloads (so a build that finished while the page loaded is not
  missed); an error shows the overlay.
- ``early``: the build under way has made the pages at ``paths`` (request
  paths) already; a page at one of them reloads, and gets that build's
  version.
- ``reload``: a build finished; reload the page, unless it already has that
  build's version (it came early).
- ``css``: a build finished that changed only stylesheets; swap them in place.
- ``build-error``: a build failed; show the error over the page.

SSE rather than WebSockets: the standard library can serve it, it goes
through proxies unchanged and browsers reconnect by themselves.
"""

from __future__ import annotations

import json
import queue
import threading
from functools import cache
from importlib import resources
from typing import Any, BinaryIO

PREFIX = "/__briefgen__/"
EVENTS_PATH = PREFIX + "events"
SCRIPT_PATH = PREFIX + "livereload.js"

#: A comment line sent when nothing happened for this long, so a closed tab
#: is noticed (the write fails) and proxies keep the stream open.
HEARTBEAT = 15.0

#: How long the browser waits before reconnecting after the server went away.
RETRY_MS = 1000

_CLOSE = object()


def format_event(event: str, data: dict[str, Any]) -> bytes:
    """One SSE message (the JSON sits on one ``data:`` line)."""
    return f"event: {event}\ndata: {json.dumps(data, sort_keys=True)}\n\n".encode()


class EventBroker:
    """Fans messages out to every connected page, one queue each."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._queues: set[queue.SimpleQueue] = set()
        self._closed = False

    def subscribe(self) -> queue.SimpleQueue:
        q: queue.SimpleQueue = queue.SimpleQueue()
        with self._lock:
            if self._closed:
                q.put(_CLOSE)
            self._queues.add(q)
        return q

    def unsubscribe(self, q: queue.SimpleQueue) -> None:
        with self._lock:
            self._queues.discard(q)

    @property
    def clients(self) -> int:
        """How many pages are listening."""
        with self._lock:
            return len(self._queues)

    def publish(self, event: str, data: dict[str, Any]) -> int:
        """Send an event to every page; returns how many there were."""
        message = format_event(event, data)
        with self._lock:
            for q in self._queues:
                q.put(message)
            return len(self._queues)

    def close(self) -> None:
        """End every stream (the server is stopping)."""
        with self._lock:
            self._closed = True
            for q in self._queues:
                q.put(_CLOSE)


def stream_events(
    out: BinaryIO,
    broker: EventBroker,
    first: bytes,
    *,
    subscription: queue.SimpleQueue | None = None,
    heartbeat: float = HEARTBEAT,
) -> None:
    """Write ``first`` then every published message to ``out`` until the
    broker closes or the page goes away. Subscribe before computing
    ``first`` (and pass the subscription) so nothing falls in between."""
    q = subscription if subscription is not None else broker.subscribe()
    try:
        out.write(f"retry: {RETRY_MS}\n\n".encode() + first)
        out.flush()
        while True:
            try:
                message = q.get(timeout=heartbeat)
            except queue.Empty:
                message = b": ping\n\n"
            if message is _CLOSE:
                return
            out.write(message)
            out.flush()
    except (BrokenPipeError, ConnectionError, OSError, ValueError):
        return  # the tab was closed or reloaded (ValueError: file already closed)
    finally:
        broker.unsubscribe(q)


def script_tag(version: str) -> bytes:
    """The tag injected into every HTML page served (``async``: it never
    holds up the page itself)."""
    return (
        f'<script async src="{SCRIPT_PATH}" data-events="{EVENTS_PATH}" '
        f'data-version="{version}"></script>'
    ).encode()


def inject_script(html: bytes, version: str) -> bytes:
    """``html`` with the live-reload tag before its last ``</body>`` (or at
    the end when there is none)."""
    tag = script_tag(version)
    at = html.lower().rfind(b"</body")
    if at == -1:
        return html + tag
    return html[:at] + tag + html[at:]


@cache
def client_script() -> bytes:
    """The browser side (``client.js``)."""
    return resources.files(__package__).joinpath("client.js").read_bytes()
