"""Feed files that appear under their final name only when the run closes.

`AtomicFileFeedStorage` is a drop-in for Scrapy's `FileFeedStorage`: while the run writes,
items go to `<name>.part` in the target folder; `store` (called by the feed exporter when the
run closes) flushes and fsyncs it and renames it over the final name. A consumer that reads
`*.jsonl` never sees half a file, and a killed run leaves a `.part` file that says what it is.

With `overwrite: False` (Scrapy's default, "append") the existing final file is copied into the
`.part` file first, so appending is atomic too.

Whatever fails (the folder cannot be written, the disk fills up, the rename is refused), the
final name keeps its previous content and the storage's `error` says why; the run extension
reads it and marks no article done.

Register it for plain paths and file URIs:

    FEED_STORAGES = {"": "newscrawl.run.output.AtomicFileFeedStorage",
                     "file": "newscrawl.run.output.AtomicFileFeedStorage"}

Nothing here imports Scrapy at run time: the feed storage interface is a plain protocol.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import tempfile
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, cast

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


class OutputFailed(Exception):
    """The output could not be stored; the message says which file and why."""


def io_failure(action: str, path: str | Path, exc: OSError) -> str:
    """`cannot write out.jsonl.part: No space left on device`, without errno numbers."""
    return f"cannot {action} {path}: {exc.strerror or exc}"


class _GuardedFile:
    """The part file as the feed exporter sees it. The first I/O error is kept by the storage
    instead of being raised on every item (the file is lost anyway); later writes are dropped.
    With no file (it could not be created) every write is dropped."""

    def __init__(self, file: IO[bytes] | None, storage: AtomicFileFeedStorage):
        self._file = file
        self._storage = storage
        self._closed = False

    @property
    def closed(self) -> bool:
        return self._closed

    def write(self, data: bytes) -> int:
        self._guard(lambda file: file.write(data))
        return len(data)

    def flush(self) -> None:
        self._guard(lambda file: file.flush())

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._guard(lambda file: file.close(), even_after_error=True)

    def _guard(self, action: Any, *, even_after_error: bool = False) -> None:
        if self._file is None or (self._storage.error and not even_after_error):
            return
        try:
            action(self._file)
        except OSError as exc:
            self._storage.fail(io_failure("write", self._storage.part_path, exc))

    def __enter__(self) -> _GuardedFile:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __getattr__(self, name: str) -> Any:  # writable(), fileno(), ... for post-processing
        if self._file is None:
            raise AttributeError(name)
        return getattr(self._file, name)


class AtomicFileFeedStorage:
    """A local feed file written as `<name>.part` and renamed to `<name>` on `store`.

    It never raises while the run writes: a folder it cannot write, a full disk or a failed
    rename sets `error` ("cannot write out.jsonl.part: Read-only file system"), which the run
    reads to fail with that reason and to keep its articles to be fetched again; `store` then
    removes the part file and raises OutputFailed, so Scrapy counts the feed as failed.
    """

    def __init__(self, uri: str, *, feed_options: dict[str, Any] | None = None):
        self.path = Path(file_uri_to_path(uri) if uri.startswith("file:") else uri)
        self.part_path = part_path_for(self.path)
        self.overwrite = bool((feed_options or {}).get("overwrite", False))
        self.error: str | None = None

    def fail(self, error: str) -> None:
        """Keep the first failure: later ones follow from it."""
        if self.error is None:
            self.error = error

    def check(self) -> str | None:
        """Before the run: why its output could not be stored here, or None."""
        if self.path.is_dir():
            self.fail(f"cannot write {self.path}: it is a folder")
            return self.error
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.TemporaryFile(dir=self.path.parent):
                pass
        except (FileExistsError, NotADirectoryError) as exc:  # a file where a folder should be
            blocker = next((p for p in self.path.parents if p.exists()), None)
            if blocker is not None and not blocker.is_dir():
                self.fail(f"cannot write {self.part_path}: {blocker} is not a folder")
            self.fail(io_failure("write", self.part_path, exc))
        except OSError as exc:
            self.fail(io_failure("write", self.part_path, exc))
        return self.error

    def open(self, spider: Spider | None = None) -> IO[bytes]:
        try:
            file: IO[bytes] | None = self._open_part()
        except OSError as exc:
            self.fail(io_failure("write", self.part_path, exc))
            file = None
        return cast("IO[bytes]", _GuardedFile(file, self))

    def _open_part(self) -> IO[bytes]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if self.part_path.exists():
            # Only a run that died leaves one; the run lock keeps a live one from sharing it.
            logger.warning("replacing %s, left by a run that did not finish", self.part_path)
        if not self.overwrite and self.path.exists():
            shutil.copyfile(self.path, self.part_path)
            return self.part_path.open("ab")
        return self.part_path.open("wb")

    def discard(self, file: IO[bytes]) -> None:
        """Give up on this output: close the file and remove the part file, if any."""
        with contextlib.suppress(OSError):
            file.close()
            self.part_path.unlink(missing_ok=True)

    def store(self, file: IO[bytes]) -> None:
        # With post-processing (gzip, ...) Scrapy may hand over the file already closed.
        if not file.closed:
            file.close()
        if self.error is None:
            try:
                publish(self.part_path, self.path)
            except OSError as exc:
                self.fail(io_failure(f"move {self.part_path.name} to", self.path, exc))
        if self.error is not None:
            with contextlib.suppress(OSError):  # a full disk wants the space back
                self.part_path.unlink(missing_ok=True)
            raise OutputFailed(self.error)
