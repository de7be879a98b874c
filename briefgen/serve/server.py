"""The preview's HTTP side (standard library ``http.server``).

Serves the current build of a :class:`~briefgen.serve.preview.Preview` with
pretty URLs and the site's 404 page, adds the live-reload script to HTML,
streams reload events, and refuses anything outside the build's folder.
Nothing is cached by the browser: every response says ``no-store``.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import socket
import sys
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from ..errors import BriefgenError
from .livereload import (
    EVENTS_PATH,
    PREFIX,
    SCRIPT_PATH,
    EventBroker,
    client_script,
    format_event,
    inject_script,
    stream_events,
)
from .overlay import error_page
from .preview import Preview, Snapshot
from .urlmap import BadRequest, Found, Target, content_type, locate, parse_target

_HTML = "text/html; charset=utf-8"

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
#: How many ports after the default one are tried when it is taken.
PORT_TRIES = 20
#: The longest a request waits for a build folder being swapped in.
SWAP_WAIT = 1.0


class PreviewHTTPServer(ThreadingHTTPServer):
    """A threading HTTP server holding the preview it serves."""

    daemon_threads = True  # an open event stream must not keep the process alive
    # On Windows SO_REUSEADDR lets two servers share a port; elsewhere it only
    # allows a quick restart.
    allow_reuse_address = sys.platform != "win32"

    def __init__(self, address: tuple[str, int], preview: Preview, broker: EventBroker) -> None:
        self.preview = preview
        self.broker = broker
        self.address_family = _family(address[0])
        super().__init__(address, PreviewRequestHandler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        exc = sys.exc_info()[1]
        if isinstance(exc, ConnectionError | TimeoutError):
            return  # the browser went away mid-response: nothing to report
        super().handle_error(request, client_address)


def _is_html(path: Any) -> bool:
    return content_type(path).startswith("text/html")


def _family(host: str) -> socket.AddressFamily:
    try:
        infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise BriefgenError(
            f"cannot listen on {host!r}: {exc.strerror}",
            hint="use an address of this machine, such as 127.0.0.1 (the default)",
        ) from exc
    return infos[0][0]


def bind(
    host: str, port: int | None, preview: Preview, broker: EventBroker
) -> tuple[PreviewHTTPServer, str | None]:
    """Listen on ``host:port``. With no port given, 8000 or the next free
    one; returns the server and a note when the port had to change. An
    explicit port that is taken is an error with a clear message."""
    if port is not None:
        if not 0 <= port <= 65535:
            raise BriefgenError(f"port {port} is not between 0 and 65535")
        try:
            return PreviewHTTPServer((host, port), preview, broker), None
        except OSError as exc:
            raise _bind_error(host, port, exc) from exc
    for candidate in range(DEFAULT_PORT, DEFAULT_PORT + PORT_TRIES):
        try:
            server = PreviewHTTPServer((host, candidate), preview, broker)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                continue
            raise _bind_error(host, candidate, exc) from exc
        if candidate == DEFAULT_PORT:
            return server, None
        return server, f"port {DEFAULT_PORT} is in use; serving on port {candidate} instead"
    raise BriefgenError(
        f"ports {DEFAULT_PORT} to {DEFAULT_PORT + PORT_TRIES - 1} on {host} are all in use",
        hint="pass a free one with --port (0 picks any free port)",
    )


def _bind_error(host: str, port: int, exc: OSError) -> BriefgenError:
    if exc.errno == errno.EADDRINUSE:
        return BriefgenError(
            f"port {port} on {host} is already in use (is another server running?)",
            hint="stop the other server, or pass another port with --port (0 picks any free one)",
        )
    if exc.errno == errno.EACCES:
        return BriefgenError(
            f"not allowed to listen on port {port} of {host}",
            hint="ports below 1024 need special rights; use --port 8000 or above",
        )
    return BriefgenError(f"cannot listen on {host}:{port}: {exc.strerror or exc}")


class PreviewRequestHandler(BaseHTTPRequestHandler):
    """Answers GET and HEAD from the preview's current build."""

    server: PreviewHTTPServer
    server_version = "briefgen-serve"

    def do_GET(self) -> None:
        self._respond(head=False)

    def do_HEAD(self) -> None:
        self._respond(head=True)

    def log_message(self, format: str, *args: Any) -> None:
        pass  # the terminal is for rebuilds and errors, not every request

    # ------------------------------------------------------------ dispatch

    def _respond(self, *, head: bool) -> None:
        try:
            target = parse_target(self.path)
        except BadRequest as exc:
            self._send_text(HTTPStatus.BAD_REQUEST, f"bad request: {exc}\n", head=head)
            return
        path = target.path
        if path == EVENTS_PATH and not head:
            self._send_events(target)
        elif path == SCRIPT_PATH:
            self._send_bytes(200, client_script(), content_type(SCRIPT_PATH), head=head)
        elif path.startswith(PREFIX):
            self._send_text(HTTPStatus.NOT_FOUND, "not found\n", head=head)
        else:
            self._send_site_file(target, head=head)

    def _send_site_file(self, target: Target, *, head: bool) -> None:
        preview = self.server.preview
        early = preview.early_page(target.path)
        if early is not None:  # an open page the rebuild under way has made
            html, version = early
            self._send_bytes(200, inject_script(html, version), _HTML, head=head)
            return
        deadline = time.monotonic() + SWAP_WAIT
        while True:
            snapshot = preview.snapshot
            if snapshot.root is None:
                self._send_no_build(head=head)
                return
            # Whether the folder was there before the lookup: it may be swapped
            # back in between a failed lookup and the check after it.
            was_there = snapshot.root.is_dir()
            found = locate(snapshot.root, target, snapshot.base_path)
            if found.status == 404 and self._look_again(snapshot, deadline, was_there):
                continue
            try:
                self._send_found(found, snapshot.version, head=head)
                if not head and found.status == 200 and found.file and _is_html(found.file):
                    # A page open in a browser: the next rebuild makes it first.
                    rel = os.path.relpath(found.file, os.path.realpath(snapshot.root))
                    preview.viewed(target.path, Path(rel).as_posix())
                return
            except FileNotFoundError:  # raised before anything was sent
                if not self._look_again(snapshot, deadline, was_there):
                    raise

    def _look_again(self, snapshot: Snapshot, deadline: float, was_there: bool) -> bool:
        """Whether a missing file may be there after all: the build switched
        while the request was looked up, or its folder was away, being swapped
        for a new one (a builder that publishes in place), at the lookup or
        since. Never a 404 for that."""
        if time.monotonic() > deadline:
            return False
        if self.server.preview.snapshot is not snapshot:
            return True
        assert snapshot.root is not None
        if not was_there or not snapshot.root.is_dir():
            time.sleep(0.002)
            return True
        return False

    def _send_found(self, found: Found, version: str, *, head: bool) -> None:
        if found.status == 301:
            assert found.location is not None
            self.send_response(HTTPStatus.MOVED_PERMANENTLY)
            self.send_header("Location", found.location)
            self.send_header("Content-Length", "0")
            self._common_headers()
            self.end_headers()
        elif found.status == 403:
            self._send_text(HTTPStatus.FORBIDDEN, "forbidden: outside the site\n", head=head)
        elif found.file is None:
            self._send_text(HTTPStatus.NOT_FOUND, "not found\n", head=head)
        else:
            self._send_file(found.status, found.file, version, head=head)

    def _send_file(self, status: int, path: Any, version: str, *, head: bool) -> None:
        ctype = content_type(path)
        with open(path, "rb") as f:
            if ctype.startswith("text/html"):
                body = inject_script(f.read(), version)
                self._send_bytes(status, body, ctype, head=head)
                return
            size = os.fstat(f.fileno()).st_size
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(size))
            self._common_headers()
            self.end_headers()
            if not head:
                shutil.copyfileobj(f, self.wfile)

    def _send_no_build(self, *, head: bool) -> None:
        preview = self.server.preview
        state = preview.state()
        payload = state["error"] or {
            "title": "Building",
            "where": None,
            "message": "The first build has not finished yet.",
            "hint": None,
        }
        body = inject_script(error_page(payload), state["version"])
        self._send_bytes(
            HTTPStatus.SERVICE_UNAVAILABLE, body, "text/html; charset=utf-8", head=head
        )

    def _send_events(self, target: Target) -> None:
        broker = self.server.broker
        subscription = broker.subscribe()
        version = parse_qs(target.query).get("version", [None])[0]
        first = format_event("state", self.server.preview.state(version))
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Accel-Buffering", "no")
        self.end_headers()
        self.close_connection = True
        stream_events(self.wfile, broker, first, subscription=subscription)

    # ------------------------------------------------------------ output

    def _common_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")

    def _send_bytes(self, status: int, body: bytes, ctype: str, *, head: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self._common_headers()
        self.end_headers()
        if not head:
            with contextlib.suppress(ConnectionError):
                self.wfile.write(body)

    def _send_text(self, status: int, text: str, *, head: bool) -> None:
        self._send_bytes(status, text.encode(), "text/plain; charset=utf-8", head=head)
