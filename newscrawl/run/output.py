"""Feed files that appear under their final name only when the run closes.

`AtomicFileFeedStorage` is a drop-in for Scrapy's `FileFeedStorage`: while the run writes,
items go to `<name>.part` in the target folder; `store` (called by the feed exporter when the
run closes) flushes and fsyncs it and renames it over the final name. A consumer that reads
`*.jsonl` never sees half a file, and a killed run leaves a `.part` file that says what it is.

With `overwrite: False` (Scrapy's default, "append") the existing final file is copied into the
`.part` file first, so appending is atomic too.

Register it for plain paths and file URIs:

    FEED_STORAGES = {"": "newscrawl.run.output.AtomicFileFeedStorage",
                     "file": "newscrawl.run.output.AtomicFileFeedStorage"}

Nothing here imports Scrapy at run time: the feed storage interface is a plain protocol.
"""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from w3lib.url import file_uri_to_path

if TYPE_CHECKING:
    from scrapy import Spider

logger = logging.getLogger(__name__)

PART_SUFFIX = ".part"


def part_path_for(path: str | Path) -> Path:
    """Where the file is written until it is complete: `out.jsonl` -> `out.jsonl.part`."""
    final = Path(path)
    return final.with_name(final.name + PART_SUFFIX)


def fsync_dir(directory: str | Path) -> None:
    """Make a rename in `directory` durable (the entry lives in the directory, not the file)."""
    fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_path(path: Path) -> None:
    with path.open("rb") as fh:
        os.fsync(fh.fileno())


def publish(part: str | Path, final: str | Path) -> None:
    """Move a complete, closed `part` file to `final` in one step, durably."""
    part, final = Path(part), Path(final)
    _fsync_path(part)
    os.replace(part, final)
    fsync_dir(final.parent)


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    """Write `data` to `path` so readers see the old file or the new one, never a mix."""
    final = Path(path)
    final.parent.mkdir(parents=True, exist_ok=True)
    part = part_path_for(final)
    with part.open("wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(part, final)
    fsync_dir(final.parent)


class AtomicFileFeedStorage:
    """A local feed file written as `<name>.part` and renamed to `<name>` on `store`."""

    def __init__(self, uri: str, *, feed_options: dict[str, Any] | None = None):
        self.path = Path(file_uri_to_path(uri) if uri.startswith("file:") else uri)
        self.part_path = part_path_for(self.path)
        self.overwrite = bool((feed_options or {}).get("overwrite", False))

    def open(self, spider: Spider | None = None) -> IO[bytes]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if self.part_path.exists():
            # Only a run that died leaves one; the run lock keeps a live one from sharing it.
            logger.warning("replacing %s, left by a run that did not finish", self.part_path)
        if not self.overwrite and self.path.exists():
            shutil.copyfile(self.path, self.part_path)
            return self.part_path.open("ab")
        return self.part_path.open("wb")

    def store(self, file: IO[bytes]) -> None:
        # With post-processing (gzip, ...) Scrapy may hand over the file already closed.
        if not file.closed:
            file.close()
        publish(self.part_path, self.path)
