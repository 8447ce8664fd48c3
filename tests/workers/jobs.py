"""Jobs for the pool tests: module-level functions, so worker processes can import them."""

from __future__ import annotations

import logging
import os
import time

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


def page_job_with_hooks(task: PageTask) -> PageResult:
    """The crawl's page job, except on test pages that carry a marker: those end the worker
    process or outlast any budget. Set as NEWSCRAWL_EXTRACT_JOB by the tests only."""
    if CRASH_MARK in task.body:
        os._exit(9)
    if SLOW_MARK in task.body:
        time.sleep(600)
    return prepare_page(task)
