from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from newscrawl.run.lock import EXIT_LOCKED, LockHeld, RunLock, lock_path, read_holder

HOLD_SCRIPT = """
import sys, time
from newscrawl.run.lock import RunLock
with RunLock(sys.argv[1]):
    print("locked", flush=True)
    time.sleep(30)
"""


@contextmanager
def lock_in_other_process(path: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process holding the lock until the block ends (then it is killed)."""
    with subprocess.Popen(
        [sys.executable, "-c", HOLD_SCRIPT, str(path)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[1],
    ) as proc:
        try:
            assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
            yield proc
        finally:
            proc.kill()
            proc.wait(timeout=10)


def test_exit_code_is_ex_tempfail() -> None:
    assert EXIT_LOCKED == 75


def test_lock_file_lives_in_the_state_dir(tmp_path: Path) -> None:
    assert lock_path(tmp_path, "rudaw") == tmp_path / "rudaw.lock"


def test_lock_names_its_holder(tmp_path: Path) -> None:
    with RunLock(tmp_path / "site.lock"):
        assert read_holder(tmp_path / "site.lock").pid == os.getpid()


def test_second_lock_fails_at_once(tmp_path: Path) -> None:
    with RunLock(tmp_path / "site.lock"), pytest.raises(LockHeld):
        RunLock(tmp_path / "site.lock").acquire()


def test_lock_held_reports_the_holder_pid(tmp_path: Path) -> None:
    with RunLock(tmp_path / "site.lock"), pytest.raises(LockHeld) as info:
        RunLock(tmp_path / "site.lock").acquire()
    assert info.value.pid == os.getpid()


def test_lock_held_message_says_who_and_what(tmp_path: Path) -> None:
    with RunLock(tmp_path / "site.lock"), pytest.raises(LockHeld) as info:
        RunLock(tmp_path / "site.lock").acquire()
    assert f"pid {os.getpid()}" in str(info.value) and "site.lock" in str(info.value)


def test_released_lock_can_be_taken_again(tmp_path: Path) -> None:
    with RunLock(tmp_path / "site.lock"):
        pass
    with RunLock(tmp_path / "site.lock"):
        assert read_holder(tmp_path / "site.lock").pid == os.getpid()


def test_lock_is_released_when_the_block_raises(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError), RunLock(tmp_path / "site.lock"):
        raise RuntimeError("crawl failed")
    with RunLock(tmp_path / "site.lock"):
        assert read_holder(tmp_path / "site.lock").pid == os.getpid()


def test_released_lock_file_names_no_holder(tmp_path: Path) -> None:
    with RunLock(tmp_path / "site.lock"):
        pass
    assert read_holder(tmp_path / "site.lock").pid is None


def test_lock_creates_the_state_dir(tmp_path: Path) -> None:
    with RunLock(tmp_path / "new" / "site.lock") as lock:
        assert lock.path.exists()


def test_unreadable_holder_file_gives_no_pid(tmp_path: Path) -> None:
    (tmp_path / "site.lock").write_text("not json {")
    assert read_holder(tmp_path / "site.lock").pid is None


def test_lock_held_by_another_process_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "site.lock"
    with lock_in_other_process(path) as proc, pytest.raises(LockHeld) as info:
        RunLock(path).acquire()
    assert info.value.pid == proc.pid


def test_lock_of_a_killed_process_is_free(tmp_path: Path) -> None:
    path = tmp_path / "site.lock"
    with lock_in_other_process(path) as proc:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        with RunLock(path):
            assert read_holder(path).pid == os.getpid()


def test_holder_file_is_json(tmp_path: Path) -> None:
    with RunLock(tmp_path / "site.lock"):
        data = json.loads((tmp_path / "site.lock").read_text())
    assert set(data) == {"pid", "started_at"}
