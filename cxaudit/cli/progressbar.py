"""A progress line on stderr for long runs: only on a terminal, never in a pipe or a log."""

from __future__ import annotations

import sys
import time
from typing import TextIO

LONG = 50  # files from which a run shows its progress


class Bar:
    """`auditing 120/500 files [=====     ] 24%`, redrawn at most ten times a second."""

    def __init__(self, stream: TextIO, width: int = 24) -> None:
        self.stream, self.width, self.last, self.drawn = stream, width, 0.0, False

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if total < LONG or (done < total and now - self.last < 0.1):
            return
        self.last = now
        filled = self.width * done // total
        self.stream.write(f"\rauditing {done}/{total} files [{'=' * filled}"
                          f"{' ' * (self.width - filled)}] {100 * done // total}%")
        self.stream.flush()
        self.drawn = True

    def close(self) -> None:
        """Erase the line, so that what follows starts at the left margin."""
        if self.drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def progress_bar(stream: TextIO | None = None) -> Bar | None:
    """A bar when stderr is a terminal (it shows only for runs of LONG files or more)."""
    stream = stream or sys.stderr
    return Bar(stream) if stream.isatty() else None


__all__ = ["LONG", "Bar", "progress_bar"]
