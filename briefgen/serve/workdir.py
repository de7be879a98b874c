"""Where the preview's builds go: never the site's published output.

Normally ``.briefgen-cache/serve/`` in the site folder. The folder names stay
the same from one run to the next, so a restarted preview finds its last
builds, and with them the engine's cache records (an unchanged site starts
at once, a changed one re-renders only what changed). A second preview of the
same site running at the same time, or a site folder that cannot be written,
gets a temporary folder instead, removed when the preview stops.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from pathlib import Path
from typing import IO

from ..cache import CACHE_DIR

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX: always a temporary folder
    fcntl = None  # type: ignore[assignment]

SERVE_DIR = "serve"


class PreviewFolder:
    """The folder this preview builds into, held until :meth:`release`."""

    def __init__(self, source: Path) -> None:
        self._lock: IO[str] | None = None
        shared = Path(source) / CACHE_DIR / SERVE_DIR
        if self._claim(shared):
            self.path, self.temporary = shared, False
        else:
            self.path = Path(tempfile.mkdtemp(prefix="briefgen-serve-"))
            self.temporary = True

    def _claim(self, folder: Path) -> bool:
        if fcntl is None:
            return False
        try:
            folder.mkdir(parents=True, exist_ok=True)
            lock = open(folder / "lock", "a+", encoding="utf-8")  # noqa: SIM115 - held open
        except OSError:
            return False
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # another preview of this site holds it
            lock.close()
            return False
        self._lock = lock
        return True

    def release(self) -> None:
        """Let the folder go (and remove it, when it was a temporary one)."""
        if self.temporary:
            shutil.rmtree(self.path, ignore_errors=True)
        if self._lock is not None:
            with contextlib.suppress(OSError):
                self._lock.close()  # closing the file releases the lock
            self._lock = None
