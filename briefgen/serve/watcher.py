"""Watching the site's sources and turning bursts of events into one rebuild.

Editors rarely write a file in one step: vim probes with a file called
``4913``, many editors write a temporary file and rename it over the real one,
and a ``git checkout`` touches hundreds of files at once. So the watcher

- keeps only paths a build reads (``site.yml``, ``content/``, ``templates/``,
  ``themes/``, ``static/``, ``plugins/``), never the output folder or caches,
  and drops editor temporaries (swap files, backups, lock files);
- looks at both ends of a move, since the destination is the real file;
- hands the paths to a :class:`Coalescer`, which waits for a short quiet
  period (and never longer than ``max_wait``) before it calls the rebuild,
  so a burst of events gives one rebuild, or two when it straddles one.
  Changes that arrive while a rebuild runs, or soon after one started, are
  a burst under way (a checkout, a script saving in a loop, a slow machine
  stretching the gaps), so the next batch waits for a longer quiet period.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver, ObservedWatch
from watchdog.observers.polling import PollingObserver

from ..cache import CACHE_DIR
from ..digests import linked_folders

log = logging.getLogger(__name__)

#: What a build reads, relative to the site folder.
WATCHED_FILES = ("site.yml",)
WATCHED_DIRS = ("content", "templates", "themes", "static", "plugins")

#: Folders never worth a rebuild wherever they appear.
IGNORED_DIRS = frozenset({"__pycache__", ".git", ".hg", ".svn", "node_modules", CACHE_DIR})

#: How long the sources must stay quiet before a rebuild starts; shorter
#: when the last event said a file is complete (closed after writing, or
#: renamed into place); longer for changes that began while a rebuild ran.
#: And the longest a rebuild waits while events keep coming.
QUIET_PERIOD = 0.075
SETTLED_QUIET_PERIOD = 0.025
BURST_QUIET_PERIOD = 0.25
MAX_WAIT = 2.0
#: Changes that start within this long of the last rebuild's start belong to
#: a burst still under way.
BURST_WINDOW = 0.5

#: Polling interval for --poll.
POLL_INTERVAL = 0.5

_IGNORED_EVENTS = frozenset({"opened", "closed_no_write"})


def is_editor_temporary(name: str) -> bool:
    """Whether a file name is an editor's temporary, swap, backup or lock file
    (or a hidden file, which the build skips as well)."""
    return (
        name.startswith(".")  # .x.swp, .#x (emacs lock), .goutputstream-* (gedit), .DS_Store
        or name.endswith(("~", ".swp", ".swx", ".swo", ".tmp", ".bak", ".pyc", ".crswap"))
        or (name.startswith("#") and name.endswith("#"))  # emacs auto-save
        or name == "4913"  # vim checks it can write to the folder with this name
    )


class PathFilter:
    """Decides which paths under the site folder a build depends on."""

    def __init__(self, source: Path, ignored: Iterable[Path] = ()) -> None:
        self.source = Path(source).resolve()
        self._ignored: tuple[Path, ...] = ()
        self.ignore(ignored)

    def ignore(self, folders: Iterable[Path]) -> None:
        """Never report anything inside ``folders`` (the output, caches)."""
        self._ignored = tuple(Path(f).resolve() for f in folders)

    def relevant(self, path: str | Path) -> Path | None:
        """The path (absolute) when a change to it can change the site, else None."""
        path = Path(path)
        if not path.is_absolute():
            path = self.source / path
        try:
            rel = path.relative_to(self.source)
        except ValueError:
            return None
        parts = rel.parts
        if not parts:
            return None
        if len(parts) == 1:
            if parts[0] not in WATCHED_FILES and parts[0] not in WATCHED_DIRS:
                return None
        elif parts[0] not in WATCHED_DIRS:
            return None
        if any(p in IGNORED_DIRS or is_editor_temporary(p) for p in parts):
            return None
        if any(path == f or f in path.parents for f in self._ignored):
            return None
        return path


#: What happened to a path, as far as a batch is concerned. WRITTEN is a
#: change known to be complete: the file was closed after writing, or renamed
#: into place.
CREATED, CHANGED, WRITTEN, REMOVED = "created", "changed", "written", "removed"


def event_changes(event: FileSystemEvent) -> list[tuple[str, str]]:
    """``(path, what)`` for each path an event is about (both ends of a
    move), none for events that change nothing (a file opened or closed
    unchanged, a folder's listing)."""
    if event.event_type in _IGNORED_EVENTS:
        return []
    if event.is_directory and event.event_type in ("modified", "attrib", "closed"):
        return []  # the files inside report their own changes

    def text(p: str | bytes) -> str:
        return p.decode() if isinstance(p, bytes) else str(p)

    src = text(event.src_path)
    if event.event_type == "moved":
        return [(src, REMOVED), (text(event.dest_path), WRITTEN)]
    what = {"created": CREATED, "deleted": REMOVED, "closed": WRITTEN}
    return [(src, what.get(event.event_type, CHANGED))]


class Debouncer:
    """The timing rule of coalescing, without threads (so it can be tested).

    A batch is due ``quiet`` seconds after its last event, or ``max_wait``
    seconds after its first event, whichever comes first. The quiet period is
    ``settled_quiet`` when the last event finished writing a file, and
    ``burst_quiet`` when the batch's first event came while a rebuild was
    running or within ``BURST_WINDOW`` of the previous batch.
    """

    def __init__(
        self,
        quiet: float = QUIET_PERIOD,
        max_wait: float = MAX_WAIT,
        burst_quiet: float = BURST_QUIET_PERIOD,
        settled_quiet: float = SETTLED_QUIET_PERIOD,
    ) -> None:
        self.quiet = quiet
        self.burst_quiet = max(quiet, burst_quiet)
        self.settled_quiet = min(quiet, settled_quiet)
        self.max_wait = max_wait
        self._settled = False
        self._taken: float | None = None
        self._paths: dict[Path, bool] = {}  # path -> created in this batch (in order)
        self._first: float | None = None
        self._last: float | None = None
        self._burst = False

    def add(
        self,
        paths: Iterable[Path],
        now: float,
        *,
        what: str = CHANGED,
        rebuilding: bool = False,
    ) -> None:
        """Note that ``paths`` were ``what`` (created, changed, written,
        removed) at ``now``; ``rebuilding``: a rebuild is running.

        A file created and removed again within one batch (an editor's
        temporary file renamed over the real one, under a name not known as
        a temporary) never reached a build, so it leaves the batch.
        """
        for path in paths:
            created = self._paths.get(path)
            if created and what == REMOVED:
                del self._paths[path]
                continue
            if created is None:
                self._paths[path] = what == CREATED
            if self._first is None:
                self._first = now
                self._burst = rebuilding or (
                    self._taken is not None and now - self._taken < BURST_WINDOW
                )
            self._last = now
            self._settled = what == WRITTEN
        if not self._paths:
            self._first = self._last = None
            self._burst = False

    @property
    def pending(self) -> bool:
        return bool(self._paths)

    def due_in(self, now: float) -> float | None:
        """Seconds until the batch is due (0 when it is), None when empty."""
        if self._first is None or self._last is None:
            return None
        if self._burst:
            quiet = self.burst_quiet
        else:
            quiet = self.settled_quiet if self._settled else self.quiet
        due = min(self._last + quiet, self._first + self.max_wait)
        return max(0.0, due - now)

    def put_back(self, paths: Iterable[Path], now: float) -> None:
        """Return ``paths`` (a batch whose rebuild gave way) to the batch
        under way, without changing when it is due (with none under way,
        they make one, due after the quiet period)."""
        if not self._paths:
            self._first = self._last = now
            self._burst = False
        for path in paths:
            self._paths.setdefault(path, False)

    def take(self, now: float | None = None) -> list[Path]:
        """The batch's paths in the order first seen; starts a new batch
        (at ``now``, the time the rebuild starts)."""
        self._taken = now
        batch = list(self._paths)
        self._paths.clear()
        self._first = self._last = None
        self._burst = False
        return batch


class Coalescer:
    """Calls ``action(paths)`` on its own thread once a burst has settled.

    Changes that arrive while ``action`` runs make the next batch, so a
    rebuild always sees every change, and a burst gives at most one rebuild
    more than the ones already under way.
    """

    def __init__(
        self,
        action: Callable[[list[Path]], object],
        *,
        quiet: float = QUIET_PERIOD,
        max_wait: float = MAX_WAIT,
        burst_quiet: float = BURST_QUIET_PERIOD,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._action = action
        self._clock = clock
        self._debouncer = Debouncer(quiet, max_wait, burst_quiet)
        self._cond = threading.Condition()
        self._stopping = False
        self._running = False
        self._thread = threading.Thread(target=self._run, name="briefgen-rebuild", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def add(self, paths: Iterable[Path], what: str = CHANGED) -> None:
        """Note that ``paths`` were created, changed, written or removed
        (thread-safe)."""
        paths = list(paths)
        if not paths:
            return
        with self._cond:
            self._debouncer.add(paths, self._clock(), what=what, rebuilding=self._running)
            self._cond.notify_all()

    def newer_due(self) -> bool:
        """Whether changes made since the running batch was taken are due
        (thread-safe): what a rebuild under way asks to know if it should
        give way (see :meth:`put_back`)."""
        with self._cond:
            due = self._debouncer.due_in(self._clock())
            return due is not None and due <= 0

    def put_back(self, paths: Iterable[Path]) -> None:
        """Return the paths of a batch whose rebuild gave way to newer
        changes, to be built with them (thread-safe)."""
        paths = list(paths)
        if not paths:
            return
        with self._cond:
            self._debouncer.put_back(paths, self._clock())
            self._cond.notify_all()

    def wait_idle(self, timeout: float) -> bool:
        """Block until nothing is pending or running; False on timeout."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while self._debouncer.pending or self._running:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._cond.wait(left)
        return True

    def stop(self, timeout: float = 5.0) -> None:
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _next_batch(self) -> list[Path] | None:
        with self._cond:
            while not self._stopping:
                due = self._debouncer.due_in(self._clock())
                if due is not None and due <= 0:
                    self._running = True
                    return self._debouncer.take(self._clock())
                self._cond.wait(due)
            return None

    def _run(self) -> None:
        while (batch := self._next_batch()) is not None:
            try:
                self._action(batch)
            except Exception:  # keep watching whatever one rebuild did
                log.exception("rebuild failed unexpectedly")
            finally:
                with self._cond:
                    self._running = False
                    self._cond.notify_all()


class _Handler(FileSystemEventHandler):
    def __init__(self, watcher: SiteWatcher) -> None:
        self.watcher = watcher

    def on_any_event(self, event: FileSystemEvent) -> None:
        self.watcher.handle(event)


class SiteWatcher:
    """Watches a site's sources with watchdog and reports relevant paths.

    ``on_change(paths, what)`` receives absolute paths and whether they were
    created, changed or removed (from the observer's thread); it should only
    queue them (see :class:`Coalescer`).
    """

    def __init__(
        self,
        source: Path,
        on_change: Callable[[list[Path], str], None],
        *,
        poll: bool = False,
        ignored: Iterable[Path] = (),
    ) -> None:
        self.source = Path(source).resolve()
        self.filter = PathFilter(self.source, ignored)
        self.on_change = on_change
        self.observer: BaseObserver = PollingObserver(timeout=POLL_INTERVAL) if poll else Observer()
        self._handler = _Handler(self)
        self._watches: dict[str, ObservedWatch] = {}
        #: Watches of the folders that links under the watched ones point
        #: to, by link path: (the watch, the folder it watches).
        self._links: dict[str, tuple[ObservedWatch | None, str]] = {}
        self._lock = threading.Lock()

    def start(self) -> None:
        # The site folder itself only for site.yml and for watched folders
        # that come and go; each watched folder recursively.
        self.observer.schedule(self._handler, str(self.source), recursive=False)
        self._sync_folders()
        self.observer.start()

    def stop(self) -> None:
        self.observer.stop()
        if self.observer.is_alive():
            self.observer.join(timeout=5)

    def _sync_folders(self) -> None:
        """Watch each watched folder that exists, and only those (a folder
        removed and made again, as ``git checkout`` does, needs a new watch)."""
        with self._lock:
            for name in WATCHED_DIRS:
                folder = self.source / name
                watch = self._watches.get(name)
                if watch is not None and not folder.is_dir():
                    with contextlib.suppress(KeyError, RuntimeError):
                        self.observer.unschedule(watch)
                    del self._watches[name]
                elif watch is None and folder.is_dir():
                    found = self._watch(folder)
                    if found is not None:
                        self._watches[name] = found
            self._sync_links()

    def _sync_links(self) -> None:
        """Watch the folder each link under the watched ones points to. A
        build reads through links; watchdog would follow them without
        noticing a link back up the tree, so they are found here, as the
        build finds them, and each target is watched on its own (events
        there are reported at the link's path, see :meth:`handle`)."""
        links = {
            link: os.path.realpath(link)
            for name in WATCHED_DIRS
            if name in self._watches
            for link in linked_folders(self.source / name)
        }
        for link in [k for k, (_, target) in self._links.items() if links.get(k) != target]:
            watch = self._links.pop(link)[0]
            if watch is not None:
                with contextlib.suppress(KeyError, RuntimeError):
                    self.observer.unschedule(watch)
        for link in sorted(links.keys() - self._links.keys()):
            self._links[link] = (self._watch(Path(links[link])), links[link])

    def _watch(self, folder: Path) -> ObservedWatch | None:
        try:
            return self.observer.schedule(self._handler, str(folder), recursive=True)
        except OSError as exc:  # e.g. out of inotify watches
            log.warning("cannot watch %s: %s", folder, exc)
            return None

    def _through_link(self, raw: str) -> str:
        """A path in a linked folder's target, as the build sees it: under
        the link."""
        for link, (_, target) in tuple(self._links.items()):
            if raw.startswith(target + os.sep) or raw == target:
                return link + raw[len(target) :]
        return raw

    def handle(self, event: FileSystemEvent) -> None:
        """Filter one watchdog event and pass on what matters."""
        for raw, what in event_changes(event):
            path = self.filter.relevant(self._through_link(raw))
            if path is None:
                continue
            self.on_change([path], what)
            if path.parent == self.source and path.name in WATCHED_DIRS:
                self._sync_folders()
            elif str(path) in self._links or (what == CREATED and path.is_symlink()):
                with self._lock:
                    self._sync_links()  # a link came or went
