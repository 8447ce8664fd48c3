"""Work off the crawl's thread: a pool of worker processes with a time budget per task."""

from newscrawl.workers.pool import (
    Outcome,
    TaskTimeout,
    WorkerCrashed,
    WorkerPool,
    default_workers,
)

__all__ = ["Outcome", "TaskTimeout", "WorkerCrashed", "WorkerPool", "default_workers"]
