"""A small pool of worker processes: one task at a time per worker, under a time budget.

The standard library's ProcessPoolExecutor cannot stop a task that is running, and one worker
that dies breaks the whole pool (every pending future fails with BrokenProcessPool). Here each
worker process is fed by a thread of its own in this process, one task at a time over a pipe;
the thread waits for the answer until the task's deadline. A task over its budget gets its
worker killed and replaced (TaskTimeout); a worker that dies fails its own task only
(WorkerCrashed); the other tasks go on. Futures complete in the order tasks finish.

Workers are started by a fork server where the platform has one (spawn elsewhere): forking a
process that already runs threads and an event loop is unsafe. The fork server imports the
job's modules once, so a replacement worker is ready in milliseconds. Workers ignore Ctrl-C
(their parent decides when they stop) and end as soon as this process ends, however it ends
(each holds the reading end of a pipe only this process can write to, and watches it).

What a job logs in a worker travels back with its answer and is logged here, by the logger of
the same name, so a crawl's log file and level apply to it (warnings too).
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import pickle
import queue
import signal
import threading
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.context import BaseContext
from multiprocessing.process import BaseProcess
from typing import Any, Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Log records one task may send back: a page that makes a library warn a million times must
# not flood the log (the count left out is logged instead).
MAX_RECORDS = 100
logger = logging.getLogger(__name__)
_STOP = None  # sent to a worker: finish


class TaskTimeout(Exception):
    """The task ran past its time budget; its worker was killed and replaced."""

    def __init__(self, budget: float) -> None:
        super().__init__(f"took longer than {budget:g} s")
        self.budget = budget


class WorkerCrashed(Exception):
    """The worker running the task died (killed, out of memory, a crash in C code)."""

    def __init__(self, exitcode: int | None) -> None:
        how = f"exit code {exitcode}" if exitcode is not None else "no exit code"
        super().__init__(f"the worker process died ({how})")
        self.exitcode = exitcode


def default_workers() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


@dataclass
class Outcome(Generic[R]):
    """What a task gave: its value or its exception, and the log records it made."""

    value: R | None = None
    error: BaseException | None = None
    records: list[logging.LogRecord] = field(default_factory=list)

    def result(self) -> R:
        """Log the task's records here, then return its value or raise its exception."""
        for record in self.records:
            logger = logging.getLogger(record.name)
            if logger.isEnabledFor(record.levelno):
                logger.handle(record)
        self.records = []
        if self.error is not None:
            raise self.error
        return self.value  # type: ignore[return-value]


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection


class WorkerPool(Generic[T, R]):
    """`workers` processes running `job` (a module-level function) on submitted tasks.

    `timeout` is each task's budget in seconds (None: no limit). `preload` names modules the
    fork server imports once for all workers (the job's module is always one); `initializer`,
    a module-level function, runs in each worker before its first task (to warm caches)."""

    def __init__(self, job: Callable[[T], R], workers: int, timeout: float | None = None, *,
                 preload: Sequence[str] = (),
                 initializer: Callable[[], None] | None = None) -> None:
        if workers < 1:
            raise ValueError("a pool needs at least one worker")
        self.job = job
        self.timeout = timeout
        self.initializer = initializer
        self._context = _context([job.__module__, *preload])
        self._log_level = _handled_level()
        # Never written to: its end of file tells the workers that this process is gone.
        self._lifeline, self._lifeline_writer = self._context.Pipe(duplex=False)
        self._tasks: queue.SimpleQueue[tuple[T, Future[Outcome[R]]] | None] = \
            queue.SimpleQueue()
        self._workers: dict[int, _Worker] = {}  # feeder index -> its current worker
        self._lock = threading.Lock()
        self._closed = False
        self._feeders = [threading.Thread(target=self._feed, args=(i,), daemon=True,
                                          name=f"newscrawl-worker-{i}") for i in range(workers)]
        for feeder in self._feeders:
            feeder.start()

    # -- use -----------------------------------------------------------------------------------

    def submit(self, task: T) -> Future[Outcome[R]]:
        """Queue `task`; the future gives its Outcome once a worker has done it."""
        if self._closed:
            raise RuntimeError("the pool is closed")
        future: Future[Outcome[R]] = Future()
        self._tasks.put((task, future))
        return future

    def map_ordered(self, tasks: Iterable[T], window: int | None = None
                    ) -> Iterator[tuple[T, Outcome[R]]]:
        """Each task with its Outcome, in the order of `tasks`, with at most `window` tasks
        queued or running at once (default: four per worker), so a long input is never all
        in memory."""
        window = window or 4 * len(self._feeders)
        pending: deque[tuple[T, Future[Outcome[R]]]] = deque()
        for task in tasks:
            pending.append((task, self.submit(task)))
            if len(pending) >= window:
                done, future = pending.popleft()
                yield done, future.result()
        while pending:
            done, future = pending.popleft()
            yield done, future.result()

    def close(self, *, cancel: bool = False) -> None:
        """Stop the workers once the queued tasks are done; with `cancel`, drop the queued
        tasks (their futures are cancelled) and kill the running ones now."""
        if self._closed:
            return
        self._closed = True
        if cancel:
            self._cancel_queued()
            with self._lock:
                for worker in self._workers.values():
                    _kill(worker)
        for _ in self._feeders:
            self._tasks.put(_STOP)
        for feeder in self._feeders:
            feeder.join()
        self._lifeline.close()
        self._lifeline_writer.close()

    def __enter__(self) -> WorkerPool[T, R]:
        return self

    def __exit__(self, kind: type[BaseException] | None, *rest: object) -> None:
        # Interrupted (Ctrl-C, an error in the caller): nothing waits for the rest.
        self.close(cancel=kind is not None)

    @property
    def pids(self) -> list[int]:
        with self._lock:
            return [w.process.pid for w in self._workers.values() if w.process.pid]

    # -- the feeders ---------------------------------------------------------------------------

    def _feed(self, index: int) -> None:
        """Start this feeder's worker now (off the caller's thread: the fork server's first
        start imports and warms the whole stack), then give it one task at a time until told
        to stop."""
        try:
            try:
                self._replace(index)
            except Exception:  # tried again with the first task, which then fails with it
                logger.exception("could not start an extraction worker")
            while (item := self._tasks.get()) is not _STOP:
                task, future = item
                if not future.set_running_or_notify_cancel():
                    continue
                try:
                    outcome = self._run(index, task)
                except Exception as exc:  # a bug here must fail one task, not hang the caller
                    outcome = Outcome(error=exc)
                future.set_result(outcome)
        finally:
            with self._lock:
                worker = self._workers.pop(index, None)
            if worker is not None:
                _stop(worker)

    def _run(self, index: int, task: T) -> Outcome[R]:
        with self._lock:
            worker = self._workers.get(index)
        if worker is None or not worker.process.is_alive():
            worker = self._replace(index)
            if worker is None:  # the pool closed meanwhile
                return Outcome(error=WorkerCrashed(None))
        try:
            worker.conn.send(task)
            ready = wait([worker.conn, worker.process.sentinel], self.timeout)
            if worker.conn in ready:
                outcome: Outcome[R] = worker.conn.recv()
                return outcome
        except (EOFError, OSError):  # the worker died while we spoke to it
            ready = [worker.process.sentinel]
        except (pickle.PicklingError, TypeError, AttributeError) as exc:  # the task itself
            return Outcome(error=exc)
        self._replace(index)  # now, so the next task finds a warm worker
        if not ready:
            return Outcome(error=TaskTimeout(self.timeout or 0))
        return Outcome(error=WorkerCrashed(worker.process.exitcode))

    def _replace(self, index: int) -> _Worker | None:
        """Kill feeder `index`'s worker if it has one, and start another unless the pool is
        closed (outside the lock: a start may wait for the fork server to warm up)."""
        with self._lock:
            old = self._workers.pop(index, None)
        if old is not None:
            _kill(old)
        if self._closed:
            return None
        worker = self._start_worker()
        with self._lock:
            if not self._closed:
                self._workers[index] = worker
                return worker
        _kill(worker)
        return None

    def _start_worker(self) -> _Worker:
        ours, theirs = self._context.Pipe()
        process = self._context.Process(  # type: ignore[attr-defined]
            target=_serve, daemon=True,
            args=(theirs, self._lifeline, self.job, self._log_level, self.initializer),
            name="newscrawl-worker")
        process.start()
        theirs.close()  # ours alone: a worker that dies is an end of file here
        return _Worker(process, ours)

    def _cancel_queued(self) -> None:
        while True:
            try:
                item = self._tasks.get_nowait()
            except queue.Empty:
                return
            if item is not _STOP:
                item[1].cancel()


def _context(preload: Sequence[str]) -> BaseContext:
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        # Only the first pool of a process decides: the fork server starts once.
        context.set_forkserver_preload(list(dict.fromkeys(preload)))
        return context
    return multiprocessing.get_context("spawn")


def _handled_level() -> int:
    """The lowest level that the root logger's handlers here write; worth sending back."""
    levels = [h.level for h in logging.getLogger().handlers] or [logging.WARNING]
    root = logging.getLogger().level
    return max(min(levels), root) if root else min(levels)


def _kill(worker: _Worker) -> None:
    with contextlib.suppress(OSError, ValueError):
        worker.process.kill()
    worker.process.join(timeout=10)
    worker.conn.close()


def _stop(worker: _Worker) -> None:
    """Ask the worker to finish; kill it if it does not within a few seconds."""
    with contextlib.suppress(OSError, ValueError):
        worker.conn.send(_STOP)
    worker.process.join(timeout=5)
    _kill(worker)


# -- in the worker process ----------------------------------------------------------------------


class _Capture(logging.Handler):
    """Keeps the records of one task, ready to be pickled."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []
        self.dropped = 0

    def emit(self, record: logging.LogRecord) -> None:
        if len(self.records) >= MAX_RECORDS:
            self.dropped += 1
            return
        record.msg, record.args = record.getMessage(), None
        if record.exc_info:
            record.exc_text = "".join(traceback.format_exception(*record.exc_info)).rstrip()
            record.exc_info = None
        self.records.append(record)

    def take(self) -> list[logging.LogRecord]:
        taken, self.records = self.records, []
        if self.dropped:
            taken.append(logging.makeLogRecord({
                "name": __name__, "levelno": logging.WARNING, "levelname": "WARNING",
                "msg": f"{self.dropped} more log records of this task were left out"}))
            self.dropped = 0
        return taken


def _serve(conn: Connection, lifeline: Connection, job: Callable[[Any], Any], log_level: int,
           initializer: Callable[[], None] | None) -> None:
    """The worker's loop: a task in, an Outcome out, until told to stop or the parent is gone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_watch, args=(lifeline,), daemon=True).start()
    capture = _Capture()
    root = logging.getLogger()
    root.handlers[:] = [capture]
    root.setLevel(log_level)
    logging.captureWarnings(True)
    if initializer is not None:
        try:
            initializer()
        except Exception:  # a cold cache is no reason to lose the worker; said with task one
            logging.getLogger(__name__).exception("worker initializer failed")
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is _STOP:
            return
        try:
            outcome = Outcome(value=job(task))
        except Exception as exc:
            outcome = Outcome(error=_portable(exc))
        outcome.records = capture.take()
        try:
            conn.send(outcome)
        except (pickle.PicklingError, TypeError, AttributeError) as exc:
            conn.send(Outcome(error=RuntimeError(f"the task's result cannot be sent: {exc!r}")))


def _portable(exc: Exception) -> Exception:
    """The exception if it survives pickling, else a RuntimeError that says what it was; the
    worker's traceback goes along as a note."""
    text = "".join(traceback.format_exception(exc)).rstrip()
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        exc = RuntimeError(f"{type(exc).__name__}: {exc}")
    exc.add_note(f"in the worker process:\n{text}")
    return exc


def _watch(lifeline: Connection) -> None:
    """End this worker at once when the pool's process is gone (killed, crashed) or closed the
    pool: a task left running would hold a core and memory with nobody to take its result."""
    with contextlib.suppress(EOFError, OSError):
        lifeline.recv_bytes()
    os._exit(0)
