"""The preview's state: which build is served, the current error, and the
rebuild step that changes them.

Requests read :attr:`Preview.snapshot` once and serve every file of that
request from its folder; a rebuild replaces the snapshot in one assignment
under a lock, only after the new folder is complete, and only then tells
open pages to reload. So no request sees a half-built site, and a reload
always gets the new one. A failed rebuild leaves the snapshot alone (the last
good build stays served) and sends the error to the pages instead.

One exception, for speed: the pages open in a browser (the last pages
served) are rendered first by a rebuild, and each one that changed is
served from memory and reloaded as soon as it is ready, while the rest of
the build goes on (see :class:`~briefgen.pagegen.EarlyPages`). Its bytes are
the ones the build publishes, and it carries the version of the build under
way, so it does not reload again when that build is done. Every other
request still gets the last complete build until then.
"""

from __future__ import annotations

import secrets
import sys
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from ..build import BuildResult
from ..config import Config, load_config
from ..errors import BuildSuperseded
from ..output import same_file
from ..pagegen import EarlyPages
from .builders import Builder
from .livereload import EventBroker
from .overlay import error_payload, terminal_report


@dataclass(frozen=True)
class Snapshot:
    """The build being served: ``version`` names it (pages carry it, so a
    page can tell it is out of date), ``root`` is its folder (None while no
    build has succeeded), ``base_path`` the site's base path."""

    version: str
    root: Path | None
    base_path: str = "/"


@dataclass
class RebuildReport:
    """One rebuild: what changed, how long it took, and how it ended."""

    number: int
    changed: list[str]
    seconds: float
    #: What the pages were told: "reload", "css" or "build-error"; or
    #: "superseded" (nothing: the build gave way to newer changes).
    event: str
    result: BuildResult | None = None
    config: Config | None = None
    error: dict[str, Any] | None = None
    warnings: list[str] = field(default_factory=list)
    #: Seconds from the start to the first open page served early, if any.
    early: float | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def describe_changes(changed: Sequence[str], limit: int = 3) -> str:
    """``a.md``, ``a.md, b.md and 4 more``."""
    if not changed:
        return "nothing"
    shown = ", ".join(changed[:limit])
    more = len(changed) - limit
    return f"{shown} and {more} more" if more > 0 else shown


def format_duration(seconds: float) -> str:
    """``153 ms`` under a second, ``9.51 s`` above."""
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def _only_stylesheets(paths: Sequence[Path]) -> bool:
    return bool(paths) and all(p.suffix.lower() == ".css" for p in paths)


#: How many of the pages served last a rebuild renders first.
VIEWED_PAGES = 16


class Preview:
    """Runs rebuilds and keeps what the server shows consistent with them."""

    def __init__(
        self,
        source: Path,
        builder: Builder,
        broker: EventBroker,
        *,
        out: TextIO | None = None,
    ) -> None:
        self.source = Path(source).resolve()
        self.builder = builder
        self.broker = broker
        self.out = out if out is not None else sys.stdout
        self.reports: list[RebuildReport] = []
        # A fresh prefix per run: a page left open across a restart of the
        # server never matches the new versions, so it reloads.
        self._instance = secrets.token_hex(4)
        self._lock = threading.Lock()
        self._attempts = 0  # each rebuild's version is its number
        self._snapshot = Snapshot(f"{self._instance}-0", None)
        self._error: dict[str, Any] | None = None
        self._warnings: set[str] = set()
        #: The HTML pages served last, newest last: request path -> output path.
        self._viewed: OrderedDict[str, str] = OrderedDict()
        #: The rebuild under way: its version, and its pages served early
        #: (output path -> HTML), with when the first came.
        self._pending: str | None = None
        self._early: dict[str, bytes] = {}
        self._early_at: float | None = None

    @property
    def snapshot(self) -> Snapshot:
        with self._lock:
            return self._snapshot

    @property
    def error(self) -> dict[str, Any] | None:
        """The error of the last rebuild, when it failed."""
        with self._lock:
            return self._error

    def state(self, version: str | None = None) -> dict[str, Any]:
        """What a page is told when it connects; ``version`` is the page's
        own. A page served early by the rebuild under way is up to date."""
        with self._lock:
            if version is not None and version == self._pending and self._early:
                return {"version": version, "error": None}
            return {"version": self._snapshot.version, "error": self._error}

    def viewed(self, request_path: str, output_path: str) -> None:
        """The server sent the HTML page ``output_path`` (of the current
        build) for ``request_path``: it is open in a browser, so the next
        rebuild renders it first."""
        with self._lock:
            self._viewed[request_path] = output_path
            self._viewed.move_to_end(request_path)
            while len(self._viewed) > VIEWED_PAGES:
                self._viewed.popitem(last=False)

    def early_page(self, request_path: str) -> tuple[bytes, str] | None:
        """The page for ``request_path`` as the rebuild under way made it,
        with that build's version, when it was served early."""
        with self._lock:
            rel = self._viewed.get(request_path)
            html = self._early.get(rel) if rel is not None else None
            if html is None or self._pending is None:
                return None
            return html, self._pending

    def _wanted(self) -> set[str]:
        with self._lock:
            return set(self._viewed.values())

    def _ready(self, version: str, started: float, rel: str, html: bytes) -> None:
        """A page open in a browser is made: serve it, and reload it where
        it is open, unless it is the very page served now (the build went
        to the other folder, where it was not yet: nothing to show)."""
        with self._lock:
            served = self._snapshot.root
        if served is not None and same_file(served / rel, html):
            return
        with self._lock:
            if self._pending != version:
                return
            self._early[rel] = html
            if self._early_at is None:
                self._early_at = time.perf_counter() - started
            paths = sorted(p for p, r in self._viewed.items() if r == rel)
        self.broker.publish("early", {"version": version, "paths": paths})

    def relative(self, path: Path) -> str:
        try:
            return Path(path).resolve().relative_to(self.source).as_posix()
        except ValueError:
            return str(path)

    def say(self, text: str) -> None:
        stamp = time.strftime("%H:%M:%S")
        for i, line in enumerate(text.splitlines() or [""]):
            print(f"{stamp if i == 0 else ' ' * len(stamp)} {line}", file=self.out, flush=True)

    def rebuild(
        self, changed: Sequence[Path], superseded: Callable[[], bool] | None = None
    ) -> RebuildReport:
        """Rebuild after ``changed`` changed (nothing for the first build),
        switch to the new build and tell the pages, or report the error.
        ``superseded()`` says whether newer changes are waiting: the build
        then gives way once the open pages are shown (the report's event is
        ``superseded``; the caller builds again with those changes too)."""
        names = [self.relative(p) for p in changed]
        if changed:
            self.say(f"changed: {describe_changes(names)}")
        start = time.perf_counter()
        with self._lock:
            self._attempts += 1
            version = self._pending = f"{self._instance}-{self._attempts}"
            self._early, self._early_at = {}, None
        early = EarlyPages(
            self._wanted,
            lambda rel, html: self._ready(version, start, rel, html),
            superseded=superseded,
        )
        try:
            result = self.builder.rebuild(list(changed), early=early)
            config = load_config(self.source)
        except BuildSuperseded:
            return self._superseded(names, time.perf_counter() - start)
        except Exception as exc:  # BriefgenError, or a bug that must not stop the server
            return self._failed(names, time.perf_counter() - start, exc)
        seconds = time.perf_counter() - start
        with self._lock:
            recovered = self._error is not None
            self._snapshot = Snapshot(version, result.output, config.base_path)
            self._error = None
            early_at = self._early_at
            self._pending, self._early = None, {}
        event = "css" if _only_stylesheets(changed) and not recovered else "reload"
        self.broker.publish(event, {"version": version})
        report = RebuildReport(
            len(self.reports) + 1,
            names,
            seconds,
            event,
            result=result,
            config=config,
            warnings=[str(w) for w in result.warnings],
            early=early_at,
        )
        self.reports.append(report)
        self._print_success(report, result, recovered)
        return report

    def _superseded(self, names: list[str], seconds: float) -> RebuildReport:
        """The rebuild gave way to newer changes: the last build stays
        served (the open pages already show what was served early)."""
        with self._lock:
            early_at = self._early_at
            self._pending, self._early = None, {}
        report = RebuildReport(len(self.reports) + 1, names, seconds, "superseded", early=early_at)
        self.reports.append(report)
        self.say(f"stopped after {format_duration(seconds)}: newer changes, building again")
        return report

    def _failed(self, names: list[str], seconds: float, exc: Exception) -> RebuildReport:
        payload = error_payload(exc, self.source)
        with self._lock:
            self._error = payload
            served = self._snapshot.root is not None
            version = self._snapshot.version
            self._pending, self._early = None, {}
        self.broker.publish("build-error", {**payload, "version": version})
        report = RebuildReport(len(self.reports) + 1, names, seconds, "build-error", error=payload)
        self.reports.append(report)
        self.say(f"build failed after {format_duration(seconds)}\n{terminal_report(payload, exc)}")
        if served:
            self.say("the last good build stays served; open pages show the error")
        return report

    def _print_success(self, report: RebuildReport, result: BuildResult, recovered: bool) -> None:
        verb = "built" if report.number == 1 else "rebuilt"
        what = "stylesheets swapped" if report.event == "css" else "pages reloaded"
        clients = self.broker.clients
        tail = f"; {what} in {clients} open page(s)" if clients and report.number > 1 else ""
        if report.early is not None:
            tail += f" (the changed open page(s) after {format_duration(report.early)})"
        stages = ", ".join(
            f"{name} {format_duration(t)}" for name, t in result.timings.items() if name != "total"
        )
        self.say(
            f"{verb} {result.articles} article(s), {result.pages} page(s) "
            f"in {format_duration(report.seconds)}"
            + (f" ({stages})" if stages else "")
            + tail
            + ("; the error is fixed" if recovered else "")
        )
        new = [w for w in report.warnings if w not in self._warnings]
        for w in new:
            self.say(f"warning: {w}")
        self._warnings = set(report.warnings)
