"""One run at a time per site: an exclusive `flock` on `<state_dir>/<site>.lock`.

The operating system drops the lock when the holding process exits, however it exits, so a
crashed run never leaves a stale lock behind. The lock file itself stays (removing it would let
a third process lock a fresh file while a second still holds the old one); while held it
names the holder's pid and start time, for the message the second run prints.
"""

from __future__ import annotations

import fcntl
import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from newscrawl.run.store import validate_site_name

EXIT_LOCKED = 75  # EX_TEMPFAIL from sysexits.h: try again later


@dataclass(frozen=True)
class Holder:
    pid: int | None
    started_at: str | None


class LockHeld(Exception):
    """Another process holds the run lock."""

    def __init__(self, path: Path, holder: Holder):
        self.path = path
        self.holder = holder
        self.pid = holder.pid
        who = f"pid {holder.pid}" if holder.pid else "another process"
        since = f" since {holder.started_at}" if holder.started_at else ""
        super().__init__(f"another run holds {path} ({who}{since}); not starting a second one")


def lock_path(state_dir: str | Path, site: str) -> Path:
    return Path(state_dir) / f"{validate_site_name(site)}.lock"


def read_holder(path: str | Path) -> Holder:
    """Who the lock file says holds it; empty when unreadable or between runs."""
    try:
        data = json.loads(Path(path).read_text("utf-8") or "{}")
    except (OSError, ValueError):
        return Holder(None, None)
    if not isinstance(data, dict):
        return Holder(None, None)
    pid = data.get("pid")
    started = data.get("started_at")
    return Holder(
        pid if isinstance(pid, int) else None,
        started if isinstance(started, str) else None,
    )


class RunLock:
    """An exclusive, non-blocking lock for one run; `acquire` raises `LockHeld` at once."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._fd: int | None = None
        self.started_at: datetime | None = None

    @classmethod
    def for_site(cls, state_dir: str | Path, site: str) -> RunLock:
        return cls(lock_path(state_dir, site))

    def acquire(self) -> RunLock:
        if self._fd is not None:
            return self
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise LockHeld(self.path, read_holder(self.path)) from None
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd
        self.started_at = datetime.now(UTC)
        self._write_holder(fd)
        return self

    def _write_holder(self, fd: int) -> None:
        assert self.started_at is not None
        info = {"pid": os.getpid(), "started_at": self.started_at.isoformat(timespec="seconds")}
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(info).encode("utf-8") + b"\n", 0)

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            os.ftruncate(fd, 0)  # the file no longer names a holder
            fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)

    def __enter__(self) -> RunLock:
        return self.acquire()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()
