"""``briefgen serve``: the pieces put together, started and stopped.

    watcher (watchdog) -> coalescer (quiet period) -> preview.rebuild
        -> builder.rebuild(changed) into the folder not served -> switch -> SSE to pages
    HTTP server (threads) -> files of the current build, reload script added

Builds go into a folder of the preview's own (see :mod:`.workdir`), never
the site's ``public/``, so previewing does not disturb what ``briefgen
build`` publishes.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import webbrowser
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from ..cache import CACHE_DIR
from ..config import CONFIG_FILE, Config, load_config
from ..errors import BriefgenError
from .builders import EngineRebuilder
from .livereload import EventBroker
from .preview import Preview, RebuildReport
from .server import DEFAULT_HOST, PreviewHTTPServer, bind
from .watcher import MAX_WAIT, QUIET_PERIOD, WATCHED_DIRS, Coalescer, SiteWatcher
from .workdir import PreviewFolder

_ANY_ADDRESS = {"", "0.0.0.0", "::"}


class PreviewSession:
    """A running preview of one site; use :meth:`start` and :meth:`stop`
    (or ``with``). Port 0 picks a free port (see :attr:`url`)."""

    def __init__(
        self,
        source: Path | str = ".",
        *,
        host: str = DEFAULT_HOST,
        port: int | None = None,
        poll: bool = False,
        drafts: bool = False,
        out: TextIO | None = None,
        quiet: float = QUIET_PERIOD,
        max_wait: float = MAX_WAIT,
    ) -> None:
        self.source = Path(source).resolve()
        if not (self.source / CONFIG_FILE).is_file():
            load_config(self.source)  # raises the "not a site folder" error
        self.host = host
        self.port = port
        self.folder = PreviewFolder(self.source)
        self.workdir = self.folder.path
        self.broker = EventBroker()
        builder = EngineRebuilder(self.source, self.workdir, drafts=drafts)
        self.preview = Preview(self.source, builder, self.broker, out=out)
        self.coalescer = Coalescer(self.rebuild, quiet=quiet, max_wait=max_wait)
        self.watcher = SiteWatcher(self.source, self.coalescer.add, poll=poll)
        try:
            self.watcher.filter.ignore(self._ignored(load_config(self.source)))
        except BriefgenError:  # a broken site.yml is reported by the first build
            self.watcher.filter.ignore([self.source / "public", *self._ignored(None)])
        self.server: PreviewHTTPServer | None = None
        self.port_note: str | None = None
        self._build_lock = threading.Lock()
        self._server_thread: threading.Thread | None = None

    def _ignored(self, config: Config | None) -> list[Path]:
        """Folders never watched: the published output, caches, the previews."""
        folders = [self.source / CACHE_DIR, self.workdir]
        return folders if config is None else [config.output_dir, *folders]

    # ------------------------------------------------------------ lifecycle

    def start(self) -> None:
        """Listen, start watching, build once, then answer requests."""
        try:
            self.server, self.port_note = bind(self.host, self.port, self.preview, self.broker)
        except BaseException:
            self.folder.release()
            raise
        # Watch before the first build so a save made during it is not lost.
        self.watcher.start()
        self.coalescer.start()
        self.rebuild([])
        self._server_thread = threading.Thread(
            target=self.server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="briefgen-http",
            daemon=True,
        )
        self._server_thread.start()

    def stop(self) -> None:
        """Stop watching, end event streams, close the server, let the folder go."""
        with contextlib.suppress(Exception):
            self.watcher.stop()
        self.coalescer.stop(timeout=1.0)
        self.broker.close()
        if self.server is not None:
            if self._server_thread is not None:
                self.server.shutdown()
            self.server.server_close()
        # Give a rebuild under way a moment to finish writing, but do not make
        # Ctrl-C wait for a long build (its thread dies with the process).
        locked = self._build_lock.acquire(timeout=1.0)
        try:
            self.folder.release()
        finally:
            if locked:
                self._build_lock.release()

    def __enter__(self) -> PreviewSession:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # ------------------------------------------------------------ work

    def rebuild(self, changed: list[Path]) -> RebuildReport:
        """One rebuild at a time (the first build and the watcher's). A
        rebuild after changes gives way to newer ones that are due once the
        open pages are shown, and its changes go back to be built with them:
        a writer saving every few seconds on a large site waits for the
        build of the last save, not for the rest of the one before."""
        superseded = self.coalescer.newer_due if changed else None
        with self._build_lock:
            report = self.preview.rebuild(changed, superseded)
        if report.event == "superseded":
            self.coalescer.put_back(changed)
        if report.config is not None:
            self.watcher.filter.ignore(self._ignored(report.config))
        return report

    @property
    def url(self) -> str:
        """The address to open in a browser."""
        assert self.server is not None
        host = self.host
        if host in _ANY_ADDRESS:
            host = "::1" if host == "::" else "127.0.0.1"
        if ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{self.server.server_address[1]}/"


def serve(
    source: Path | str = ".",
    *,
    host: str = DEFAULT_HOST,
    port: int | None = None,
    open_browser: bool = False,
    poll: bool = False,
    drafts: bool = False,
    out: TextIO | None = None,
) -> int:
    """Run the preview until Ctrl-C (or SIGTERM); returns the exit status 0.

    Raises :class:`~briefgen.errors.BriefgenError` when it cannot start
    (not a site folder, port taken).
    """
    session = PreviewSession(source, host=host, port=port, poll=poll, drafts=drafts, out=out)
    stopping = threading.Event()
    say = session.preview.say
    # The handlers are in place before anything is announced: a signal sent
    # as soon as "serving" is printed (or during the first build) stops the
    # preview cleanly instead of killing it.
    with _stop_on_signals(stopping):
        try:
            session.start()
            if session.port_note:
                say(session.port_note)
            say(f"serving {session.source} at {session.url}")
            if host in _ANY_ADDRESS:
                say("listening on every network address: other machines can see this preview")
            watched = ", ".join(n + "/" for n in WATCHED_DIRS if (session.source / n).is_dir())
            say(
                f"watching site.yml{', ' + watched if watched else ''}"
                f"{' (polling)' if poll else ''}; press Ctrl-C to stop"
            )
            if open_browser:
                threading.Thread(target=webbrowser.open, args=(session.url,), daemon=True).start()
            while not stopping.wait(0.5):
                pass
        except KeyboardInterrupt:
            pass
        finally:
            stopping.set()  # a signal from here on only waits for the stop
            session.stop()
    say("stopped")
    return 0


@contextlib.contextmanager
def _stop_on_signals(stopping: threading.Event) -> Iterator[None]:
    """Stop on Ctrl-C (SIGINT) or SIGTERM. SIGINT gets a handler of its own
    too: a process started in the background inherits SIGINT ignored, and
    Python then leaves it ignored, but a preview is stopped with ``kill
    -INT`` as often as with Ctrl-C. (Only the main thread may set handlers.)"""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    owner = os.getpid()

    def on_signal(signum: int, frame: object) -> None:
        if os.getpid() != owner:
            # A worker the build forked inherited this handler: die as usual,
            # so its pool can end it.
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
        if stopping.is_set():
            return  # already stopping: a second Ctrl-C does not interrupt that
        stopping.set()
        # Interrupt whatever the main thread is doing (the first build, or
        # the wait for this very signal), as Ctrl-C does.
        raise KeyboardInterrupt

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
