"""Helpers shared by the ``briefgen serve`` tests (this module holds no tests).

A preview runs in-process on a free port (port 0) over a site written into
``tmp_path``; requests go through raw sockets where the exact bytes matter
(``http.client`` and browsers would normalise ``/../``).
"""

from __future__ import annotations

import http.client
import io
import json
import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from briefgen.build import BuildResult
from briefgen.pagegen import EarlyPages
from briefgen.serve import PreviewSession
from briefgen.serve.builders import Builder
from briefgen.testing import write_files


def article(title: str, body: str, *, date: str = "2025-03-18", tags: str = "[ukraine]") -> str:
    """An article file."""
    return f"---\ntitle: {title}\ndate: {date}\ntags: {tags}\n---\n\n{body}\n"


SITE: dict[str, str | bytes] = {
    "site.yml": "title: Preview test\nbase_url: https://example.org/briefings/\n",
    "content/articles/grid-talks.md": article(
        "Grid talks", "Negotiators met in a hotel by the lake to discuss the power grid."
    ),
    "content/articles/port-deal.md": article(
        "Port deal", "The harbour authority signed a grain deal.", date="2025-03-10"
    ),
    "static/site.css": "body { color: rgb(10, 10, 10); }\n",
    "static/logo.svg": '<svg xmlns="http://www.w3.org/2000/svg"/>\n',
    "static/data/figures.json": '{"drones": 150}\n',
    "static/fonts/body.woff2": b"wOF2\x00fake",
}


#: A base template linking the site's stylesheet (the theme links its own).
STYLED_BASE = (
    "<!doctype html><html><head><title>{{ page.title }}</title>"
    '<link rel="stylesheet" href="{{ url(\'/site.css\') }}"></head>'
    "<body>{% block content %}{% endblock %}</body></html>\n"
)


@contextmanager
def serving(root: Path, files: dict[str, str | bytes] | None = None) -> Iterator[PreviewSession]:
    """Write a site (SITE plus ``files``) and run a preview of it."""
    write_files(root, {**SITE, **(files or {})})
    session = PreviewSession(root, port=0, out=io.StringIO())
    session.start()
    try:
        yield session
    finally:
        session.stop()


def wait_until(check: Callable[[], Any], timeout: float = 10.0, what: str = "condition") -> Any:
    """Poll ``check`` until it returns something truthy; fail after ``timeout``."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)


def port_of(session: PreviewSession) -> int:
    assert session.server is not None
    return session.server.server_address[1]


def raw_request(port: int, target: str, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    """Send a request line exactly as given; return status, headers, body."""
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.sendall(f"{method} {target} HTTP/1.0\r\nHost: localhost\r\n\r\n".encode())
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return status, headers, body


def get(session: PreviewSession, path: str) -> tuple[int, dict[str, str], bytes]:
    return raw_request(port_of(session), path)


def save_atomically(path: Path, text: str) -> None:
    """Save as many editors do: write a temporary file, rename it over."""
    tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


class EventStream:
    """Reads the preview's Server-Sent Events."""

    def __init__(self, session: PreviewSession, version: str = "") -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port_of(session), timeout=10)
        self.conn.request("GET", f"/__briefgen__/events?version={version}")
        self.response = self.conn.getresponse()
        assert self.response.status == 200
        assert self.response.getheader("Content-Type") == "text/event-stream"

    def next(self) -> tuple[str, dict[str, Any]]:
        """The next event (name, data), skipping comments and retry lines."""
        name, data = "message", ""
        while True:
            line = self.response.fp.readline().decode()
            if not line:
                raise AssertionError("event stream closed")
            line = line.rstrip("\n")
            if line == "" and data:
                return name, json.loads(data)
            if line.startswith("event: "):
                name = line[7:]
            elif line.startswith("data: "):
                data += line[6:]

    def close(self) -> None:
        self.conn.close()


class PausingBuilder:
    """The preview's own builder, held up after it made the open pages
    (until ``go_on`` is set; whether newer changes wait is still asked)."""

    def __init__(self, builder: Builder) -> None:
        self.builder = builder
        self.paused = threading.Event()
        self.go_on = threading.Event()

    def rebuild(self, changed: list[Path], early: EarlyPages | None = None) -> BuildResult:
        assert early is not None

        def ready(rel: str, html: bytes) -> None:
            early.ready(rel, html)
            self.paused.set()
            assert self.go_on.wait(10)

        return self.builder.rebuild(
            changed, EarlyPages(early.wanted, ready, superseded=early.superseded)
        )
