"""Jobs for the pool tests: module-level functions, so worker processes can import them."""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

from newscrawl.workers.page import PageResult, PageTask, prepare_page

logger = logging.getLogger("tests.workers.jobs")


class Unpicklable(Exception):
    def __init__(self, what: str, extra: object) -> None:  # two arguments: pickle cannot rebuild it
        super().__init__(what)
        self.extra = extra


def act(task: str) -> str:
    """`crash` ends the process, `sleep` outlasts any budget of the tests, `fail` raises,
    `odd` raises an exception that cannot be pickled, `log` logs; anything else is echoed."""
    if task == "crash":
        os._exit(3)
    if task == "sleep":
        time.sleep(600)
    if task == "fail":
        raise ValueError("no good")
    if task == "odd":
        raise Unpicklable("odd", lambda: None)
    if task == "log":
        logger.warning("a warning from %s", "the worker")
    return f"{task}:{os.getpid()}"


# Markers a test page carries to make the crawl's worker misbehave on it.
CRASH_MARK = b"crash-the-extraction-worker"
SLOW_MARK = b"outlast-the-extraction-budget"
BUG_MARK = b"raise-in-the-extraction-job"
# A page with GATE_MARK is extracted only once a page with OPENER_MARK has been: the file named
# by $NEWSCRAWL_TEST_GATE tells (gives up after GATE_WAIT seconds, with an error).
GATE_MARK = b"wait-for-the-opener-page"
OPENER_MARK = b"open-the-gate"
GATE_WAIT = 30.0


def page_job_with_hooks(task: PageTask) -> PageResult:
    """The crawl's page job, except on test pages that carry a marker: those end the worker
    process, outlast any budget, raise, or wait for another page. Set as NEWSCRAWL_EXTRACT_JOB by the
    tests only."""
    if CRASH_MARK in task.body:
        os._exit(9)
    if SLOW_MARK in task.body:
        time.sleep(600)
    if BUG_MARK in task.body:
        raise KeyError("a bug the page set off")
    gate = Path(os.environ.get("NEWSCRAWL_TEST_GATE", "/nonexistent/gate"))
    if GATE_MARK in task.body:
        deadline = time.monotonic() + GATE_WAIT
        while not gate.exists():
            if time.monotonic() > deadline:
                raise RuntimeError("no other page was extracted while this one waited")
            time.sleep(0.05)
    result = prepare_page(task)
    if OPENER_MARK in task.body:
        gate.touch()
    return result
