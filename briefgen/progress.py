"""What ``briefgen build`` prints: a counter while it works, a summary at the end.

The counter updates one line in place, only on a terminal and only once a
build has taken more than a moment; nothing is printed with ``--quiet`` or
when the output is not a terminal (except the summary, unless ``--quiet``).
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

#: Seconds before the counter appears (fast builds stay silent).
DELAY = 0.5


class Progress:
    """A callable ``(stage, done, total)`` that draws a counter on a terminal."""

    def __init__(self, stream: TextIO | None = None, *, enabled: bool | None = None) -> None:
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.start = time.perf_counter()
        self.last = 0.0
        self.shown = False

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        now = time.perf_counter()
        if now - self.start < DELAY or (now - self.last < 0.05 and done < total):
            return
        self.last = now
        width = 24
        filled = width * done // max(total, 1)
        bar = "█" * filled + "░" * (width - filled)
        self.stream.write(f"\r{stage:>8} {bar} {done}/{total}\x1b[K")
        self.stream.flush()
        self.shown = True

    def clear(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False
