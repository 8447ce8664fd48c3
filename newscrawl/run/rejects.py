"""What a run did not write, and why.

The pipelines drop an item with one of these DropItem types; the run extension, the one writer
of the run's journal and files, reads them from Scrapy's item_dropped signal:

    Refused    the page gave no record: the reason, its details and what was read of it make
               one line of the rejects file (`not_article`, `http_404`, `invalid`, ...)
    Unchanged  an article fetched again whose body is the one already written: the journal
               marks it checked

`RejectsFile` is `<output>.rejects.jsonl`, written under `.part` like the output and moved in
place when the run closes.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import IO, Any

from scrapy.exceptions import DropItem

from newscrawl.run.output import AtomicFileFeedStorage, OutputFailed
from newscrawl.run.store import Written


class Refused(DropItem):
    """A page that gave no record: one line of the rejects file."""

    def __init__(
        self,
        record: dict[str, Any],
        reason: str,
        details: list[str],
        *,
        listed_as: str | None = None,
    ) -> None:
        self.record = record
        self.reason = reason
        self.details = details
        self.listed_as = listed_as  # the link the listing gave, when it redirected elsewhere
        said = "; ".join(d.removeprefix(f"{reason}: ") for d in details)
        super().__init__(f"{reason}: {said} ({self.url})")

    @property
    def url(self) -> str | None:
        url = self.record.get("url")
        return url if isinstance(url, str) else None

    def line(self) -> dict[str, Any]:
        return {"url": self.url, "reason": self.reason, "details": self.details,
                "record": self.record}  # fmt: skip


class Unchanged(DropItem):
    """An article fetched again whose body did not change: nothing to write."""

    def __init__(self, entry: Written) -> None:
        self.entry = entry
        super().__init__(f"unchanged: {entry.url}")


class RejectsFile:
    """The run's rejects, one JSON line each, in `<path>.part` until `close` moves it to `path`.
    A write that fails sets `error`, like the output's storage; nothing here raises."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._storage = AtomicFileFeedStorage(str(path), feed_options={"overwrite": True})
        self._file: IO[bytes] | None = None

    @property
    def error(self) -> str | None:
        return self._storage.error

    def fail(self, error: str) -> None:
        """Give the file up (kept as `error`): it is not moved in place."""
        self._storage.fail(error)

    def add(self, line: dict[str, Any]) -> None:
        if self._file is None:
            self._file = self._storage.open()
        self._file.write((json.dumps(line, ensure_ascii=False) + "\n").encode("utf-8"))
        self._file.flush()  # a killed run's .part file still tells what it refused

    def close(self) -> None:
        if self._file is not None:
            file, self._file = self._file, None
            with contextlib.suppress(OutputFailed):  # `error` says why
                self._storage.store(file)
