"""The worker pool: results in order, a budget per task, crashes that stay with their task."""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterator

import pytest

from newscrawl.workers import TaskTimeout, WorkerCrashed, WorkerPool
from tests.workers.jobs import act


@pytest.fixture
def pool() -> Iterator[WorkerPool[str, str]]:
    with WorkerPool(act, workers=2, timeout=1.0) as started:
        yield started


def value(outcome_future: object) -> str:
    return outcome_future.result().result()  # type: ignore[attr-defined]


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as stat:  # a zombie is no live process
        return stat.read().split(") ")[1][0] != "Z"


def test_results_come_back_in_the_order_of_the_tasks(pool: WorkerPool[str, str]) -> None:
    tasks = [f"page{i}" for i in range(20)]
    got = [outcome.result().split(":")[0] for _, outcome in pool.map_ordered(tasks, window=3)]
    assert got == tasks


def test_work_runs_in_other_processes(pool: WorkerPool[str, str]) -> None:
    pids = {int(value(pool.submit(f"p{i}")).split(":")[1]) for i in range(6)}
    assert os.getpid() not in pids
    assert pids <= set(pool.pids)


def test_a_task_over_its_budget_fails_alone_and_its_worker_is_replaced(
        pool: WorkerPool[str, str]) -> None:
    slow = pool.submit("sleep")
    others = [pool.submit(f"p{i}") for i in range(6)]
    with pytest.raises(TaskTimeout):
        slow.result().result()
    assert [value(f).split(":")[0] for f in others] == [f"p{i}" for i in range(6)]
    assert value(pool.submit("after")).startswith("after:")
    assert len(pool.pids) == 2


def test_a_crashed_worker_fails_its_task_only(pool: WorkerPool[str, str]) -> None:
    before = value(pool.submit("x"))
    crash = pool.submit("crash")
    others = [pool.submit(f"p{i}") for i in range(6)]
    with pytest.raises(WorkerCrashed) as caught:
        crash.result().result()
    assert caught.value.exitcode == 3
    assert [value(f).split(":")[0] for f in others] == [f"p{i}" for i in range(6)]
    assert before.startswith("x:")


def test_an_exception_in_the_job_is_raised_here_with_the_worker_traceback(
        pool: WorkerPool[str, str]) -> None:
    with pytest.raises(ValueError, match="no good") as caught:
        value(pool.submit("fail"))
    assert "in the worker process" in "\n".join(caught.value.__notes__)


def test_an_exception_that_cannot_be_pickled_arrives_as_its_text(
        pool: WorkerPool[str, str]) -> None:
    with pytest.raises(RuntimeError, match="Unpicklable: odd"):
        value(pool.submit("odd"))


def test_what_a_job_logs_is_logged_here(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    with WorkerPool(act, workers=1, timeout=5.0) as pool:
        value(pool.submit("log"))
    assert ("tests.workers.jobs", logging.WARNING, "a warning from the worker") in \
        caplog.record_tuples


def test_closing_stops_every_worker() -> None:
    pool = WorkerPool(act, workers=2, timeout=5.0)
    value(pool.submit("x"))
    pids = pool.pids
    pool.close()
    assert pids and not any(alive(pid) for pid in pids)


def test_closing_with_cancel_kills_running_tasks_and_drops_queued_ones() -> None:
    pool = WorkerPool(act, workers=1, timeout=None)
    running, queued = pool.submit("sleep"), pool.submit("x")
    while not running.running():  # a worker has it
        time.sleep(0.01)
    pids = pool.pids
    pool.close(cancel=True)
    assert queued.cancelled()
    with pytest.raises(WorkerCrashed):
        running.result().result()
    assert not any(alive(pid) for pid in pids)


def test_a_closed_pool_takes_no_task() -> None:
    pool = WorkerPool(act, workers=1)
    pool.close()
    with pytest.raises(RuntimeError):
        pool.submit("x")


def test_a_worker_that_fails_to_start_is_logged_and_started_again_with_the_first_task(
        monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    start = WorkerPool._start_worker
    failures = [OSError("no more processes")]

    def flaky(self: WorkerPool[str, str]) -> object:
        if failures:
            raise failures.pop()
        return start(self)

    monkeypatch.setattr(WorkerPool, "_start_worker", flaky)
    with WorkerPool(act, workers=1, timeout=5.0) as pool:
        # Without the log-and-go-on, the feeder thread died and the task waited for ever.
        assert pool.submit("x").result(timeout=60).result().startswith("x:")
    assert "could not start an extraction worker" in caplog.text
