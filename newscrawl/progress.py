"""A progress bar on stderr for long commands (`newscrawl extract MANIFEST`, `newscrawl eval`).

Drawn only when stderr is a terminal (not under cron, not into a pipe or a file, not with
TERM=dumb), redrawn at most ten times a second, and erased when the work is done, so the
command's own output is the same with or without it.

    for page in track(pages, "extract", total=len(pages)):
        ...
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterable, Iterator
from typing import TextIO, TypeVar

T = TypeVar("T")
BAR_WIDTH = 30
REDRAW_SECONDS = 0.1


def on_terminal(stream: TextIO) -> bool:
    if os.environ.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or unusual stream
        return False


class Progress:
    """`done` of `total` units of work, drawn on one line of `stream` when it is a terminal."""

    def __init__(self, label: str, total: int | None = None, stream: TextIO | None = None):
        self.label = label
        self.total = total
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = on_terminal(self.stream)
        self.done = 0
        self._drawn_at = 0.0

    def advance(self, units: int = 1) -> None:
        self.done += units
        now = time.monotonic()
        if self.enabled and (now - self._drawn_at >= REDRAW_SECONDS or self.done == self.total):
            self._drawn_at = now
            self._draw(self.line())

    def line(self) -> str:
        if not self.total:
            return f"{self.label}: {self.done}"
        share = min(1.0, self.done / self.total)
        filled = round(share * BAR_WIDTH)
        bar = "#" * filled + "." * (BAR_WIDTH - filled)
        return f"{self.label} [{bar}] {self.done}/{self.total} {share:4.0%}"

    def close(self) -> None:
        if self.enabled and self._drawn_at:
            self._draw("")  # erase: the command's own lines follow on a clean line

    def _draw(self, text: str) -> None:
        self.stream.write("\r\x1b[K" + text)
        self.stream.flush()


def track(
    items: Iterable[T], label: str, *, total: int | None = None, stream: TextIO | None = None
) -> Iterator[T]:
    """`items`, one by one, with a progress bar (see module doc)."""
    if total is None and hasattr(items, "__len__"):
        total = len(items)  # type: ignore[arg-type]
    progress = Progress(label, total, stream)
    try:
        for item in items:
            yield item
            progress.advance()
    finally:
        progress.close()
