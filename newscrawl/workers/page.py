"""The work a crawl does per article page, off the crawl's thread: extraction and the stateless
normalization steps. A fetched page goes in (`PageTask`: its bytes and what is needed to read
them); out comes the draft, normalized but for the steps that need the run's state (site
template, dedup, validation: pipelines in the crawl's process), or the Rejected reason the page
gave no record. `newscrawl extract` runs the same function on stored pages, so a crawl and an
offline run give the same record for the same page.

`PageExtractor` runs it in a WorkerPool (or in this process with 0 workers) and turns a page
over its time budget into a `too_complex` reject and a worker that died on it into an
`extraction_crashed` one. No Scrapy here.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from newscrawl.extraction import ExtractionError, extract
from newscrawl.items import ArticleDraft, DateCandidate, Rejected
from newscrawl.process import STEPS
from newscrawl.sites import SiteProfile
from newscrawl.workers.pool import TaskTimeout, WorkerCrashed, WorkerPool, default_workers

logger = logging.getLogger(__name__)

# A page's time budget, in seconds. The slowest page of the evaluation corpus takes under 2 s
# on a loaded 2-core machine; a page that needs ten times that is pathological (a generated
# wall of paragraphs, a tree that sends an XPath into quadratic time), and while it runs one
# worker is lost to the crawl. Other pages go on meanwhile on the other workers.
DEFAULT_TIMEOUT = 20.0

# Imported by the fork server before it starts workers: they start with warm caches.
WARM = ("newscrawl.workers.warm",)

# The reject of a page whose extraction raised something other than ExtractionError (a bug):
# named as a normalization step's failure is (`step_error/<step>`).
EXTRACT_ERROR = "step_error/extract"

PageResult = ArticleDraft | Rejected
PageJob = Callable[["PageTask"], PageResult]


@dataclass(frozen=True)
class PageTask:
    """A fetched page and what its extraction needs; what crosses to a worker process."""

    body: bytes
    url: str
    profile: SiteProfile
    fetched_at: datetime
    content_type: str | None = None
    listed_dates: tuple[DateCandidate, ...] = field(default=())  # from feeds and sitemaps


def prepare_page(task: PageTask) -> PageResult:
    """The page's draft, extracted and through the stateless steps, or why it gave none."""
    try:
        draft = extract(task.body, task.url, task.profile, fetched_at=task.fetched_at,
                        content_type=task.content_type)
    except ExtractionError as exc:
        return Rejected(task.url, exc.reason, str(exc))
    draft.site = task.profile.site_for(task.url)
    draft.dates.extend(task.listed_dates)
    draft.extracted_body = list(draft.body)
    for step in STEPS:
        try:
            step(draft)
        except Exception as exc:  # a bug on one page must not end the crawl; it is counted
            name = step.__name__
            logger.exception("step %s failed on %s", name, task.url)
            return Rejected(task.url, f"step_error/{name}", f"{name} failed: {exc!r}")
    return draft


def rejected_for(url: str, exc: TaskTimeout | WorkerCrashed) -> Rejected:
    """The reject for a page whose worker was stopped or died."""
    if isinstance(exc, TaskTimeout):
        return Rejected(url, "too_complex", f"too_complex: extraction {exc}; worker replaced")
    return Rejected(url, "extraction_crashed", f"extraction_crashed: {exc}")


class PageExtractor:
    """Pages through `job` in `workers` processes (0: in this process, for debugging), each
    under a budget of `timeout` seconds. Results come in the order pages finish."""

    def __init__(self, job: PageJob = prepare_page, workers: int | None = None,
                 timeout: float | None = DEFAULT_TIMEOUT) -> None:
        self.job = job
        count = default_workers() if workers is None else workers
        self.pool = WorkerPool(job, count, timeout, preload=WARM) if count > 0 else None

    async def extract(self, task: PageTask) -> PageResult:
        try:
            if self.pool is None:
                return self.job(task)
            outcome = await asyncio.wrap_future(self.pool.submit(task))
            return outcome.result()
        except (TaskTimeout, WorkerCrashed) as exc:
            log = logger.warning if isinstance(exc, TaskTimeout) else logger.error
            log("page given up (%s): %s", exc, task.url)
            return rejected_for(task.url, exc)
        except Exception as exc:  # a bug the page set off: counted and logged, the crawl goes on
            logger.error("extraction failed on %s", task.url, exc_info=exc)
            return Rejected(task.url, EXTRACT_ERROR, f"extraction failed: {exc!r}")

    def close(self, *, cancel: bool = False) -> None:
        if self.pool is not None:
            self.pool.close(cancel=cancel)
