"""A worker's life in its group (a Scrapy extension, inert without NEWSCRAWL_REDIS_URL).

On spider_opened it joins the group and starts its heartbeat, a thread of its own (a reactor
held up, by the story index's lock or a slow page, is no dead worker), which also publishes its
counters (pages, articles written, errors) for `newscrawl status` and reclaims silent workers.
When the
spider goes idle, it stays open while the group is not drained (another worker's sitemap may
still fill the queue) and closes once the group has been drained for NEWSCRAWL_IDLE_GRACE
seconds, or at once when a stop is asked. The run extension, the one that commits the run,
settles the worker's requests after its commit and makes it leave after its summary.

`group_settings` is what NewsSpider.update_settings applies when NEWSCRAWL_REDIS_URL is set.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider, NotConfigured
from scrapy.http import Response
from scrapy.settings import BaseSettings
from twisted.internet import task

from newscrawl.group.worker import (
    DEFAULT_DISCOVERY_INTERVAL,
    DEFAULT_IDLE_GRACE,
    DEFAULT_TTL,
    GroupWorker,
    new_worker_id,
)
from newscrawl.run.redis_url import describe_url
from newscrawl.run.summary import error_count

if TYPE_CHECKING:
    from newscrawl.group.scheduler import GroupScheduler

logger = logging.getLogger(__name__)

SCHEDULER = "newscrawl.group.scheduler.GroupScheduler"
RECEIVED_STAT = "newscrawl/articles/received"
POLL_SECONDS = 1.0  # an idle worker looks at the queue this often (Scrapy's own: 5 s)


def group_settings(settings: BaseSettings) -> str | None:
    """Make the crawl a worker of its site's group when NEWSCRAWL_REDIS_URL is set: the shared
    scheduler, and a worker id (unless NEWSCRAWL_WORKER_ID gives one); the worker id or None."""
    if not settings.get("NEWSCRAWL_REDIS_URL"):
        return None
    settings.set("SCHEDULER", SCHEDULER, "spider")
    worker_id = settings.get("NEWSCRAWL_WORKER_ID") or new_worker_id()
    settings.set("NEWSCRAWL_WORKER_ID", worker_id, "spider")
    return str(worker_id)


def is_article_request(request: Request) -> bool:
    return "listed_as" in request.cb_kwargs


class GroupExtension:
    def __init__(self, crawler: Crawler, worker: GroupWorker) -> None:
        self.crawler = crawler
        self.worker = worker
        self.scheduler: GroupScheduler | None = None  # set by the scheduler it serves
        self.grace = crawler.settings.getfloat("NEWSCRAWL_IDLE_GRACE", DEFAULT_IDLE_GRACE)
        self.on_lost: Callable[[str], None] | None = None
        self.requeued = 0
        self.settled = False
        self.left = False
        self._drained_since: float | None = None
        self._stop_beats = threading.Event()
        self._beats: threading.Thread | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> GroupExtension:
        s = crawler.settings
        url = s.get("NEWSCRAWL_REDIS_URL")
        if not url:
            raise NotConfigured("no NEWSCRAWL_REDIS_URL: one machine, the SQLite store")
        spider = crawler.spider
        site = str(getattr(spider, "state_name", None) or getattr(spider, "name", "site"))
        worker = GroupWorker(
            url, site, s.get("NEWSCRAWL_WORKER_ID") or new_worker_id(),
            ttl=s.getfloat("NEWSCRAWL_WORKER_TTL", DEFAULT_TTL),
            discovery_interval=s.getfloat("NEWSCRAWL_DISCOVERY_INTERVAL",
                                          DEFAULT_DISCOVERY_INTERVAL),
        )  # fmt: skip
        ext = cls(crawler, worker)
        connect = crawler.signals.connect
        connect(ext.spider_opened, signal=signals.spider_opened)
        connect(ext.spider_idle, signal=signals.spider_idle)
        connect(ext.response_received, signal=signals.response_received)
        return ext

    def count(self, key: str, value: int = 1) -> None:
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value(f"newscrawl/group/{key}", value)

    # -- membership ----------------------------------------------------------------------

    def spider_opened(self, spider: Spider) -> None:
        self.worker.join()
        logger.info("worker %s joined the group of %s at %s", self.worker.id,
                    self.worker.keys.site, describe_url(self.worker.url))  # fmt: skip
        # SIGSTOP and SIGKILL silence this thread too, as they should.
        self._beats = threading.Thread(target=self.beat_until_stopped, daemon=True,
                                       name="newscrawl-heartbeat")  # fmt: skip
        self._beats.start()

    def beat_until_stopped(self) -> None:
        interval = max(self.worker.ttl / 3, 0.5)
        while not self._stop_beats.wait(interval) and self.heartbeat():
            pass

    def counters(self) -> dict[str, Any]:
        # A copy (atomic for a dict): the heartbeat thread reads what the reactor writes.
        stats: Mapping[str, Any] = dict(self.crawler.stats.get_stats()) if self.crawler.stats \
            else {}
        return {
            "pages": stats.get("response_received_count", 0),
            "written": stats.get("item_scraped_count", 0),
            "errors": error_count(stats),
            "requests": stats.get("downloader/request_count", 0),
        }

    def heartbeat(self) -> bool:
        """One beat (from the heartbeat thread); False once the group has reclaimed us."""
        try:
            alive = self.worker.beat(self.counters())
            if alive:
                self.reclaim()
        except Exception as exc:  # a Redis outage: the next beat tries again
            logger.error("worker heartbeat failed: %s", exc)
            return True
        if not alive:
            why = (f"worker {self.worker.id} was silent longer than NEWSCRAWL_WORKER_TTL "
                   f"({self.worker.ttl} s) and the group took its requests back")
            logger.error("%s; this run publishes nothing", why)
            if self.on_lost is not None:
                from twisted.internet import reactor

                reactor.callFromThread(self.on_lost, why)
        return alive

    def reclaim(self) -> None:
        for member, requeued in self.worker.reclaim_dead().items():
            logger.warning("worker %s stopped heartbeating: %d of its requests are back in "
                           "the queue", member, requeued)  # fmt: skip
            self.count("reclaimed_workers")
            self.count("reclaimed_requests", requeued)

    def response_received(self, response: Response, request: Request) -> None:
        if is_article_request(request) and self.crawler.stats is not None:
            self.crawler.stats.inc_value(RECEIVED_STAT)

    # -- idle ----------------------------------------------------------------------------

    def spider_idle(self, spider: Spider) -> None:
        """Stay open while the group may still have work (see the module's notes)."""
        worker = self.worker
        if worker.lost:
            return
        worker.mark_idle()
        if worker.stop_requested:
            logger.info("a stop was asked (newscrawl status --stop): worker %s closes",
                        worker.id)
            return
        self.reclaim()
        now = time.monotonic()
        if not worker.drained():
            self._drained_since = None
        elif self._drained_since is None:
            self._drained_since = now
        elif now - self._drained_since >= self.grace:
            logger.info("the group is drained: worker %s closes", worker.id)
            return
        self.poll_soon()
        raise DontCloseSpider

    def poll_soon(self) -> None:
        """Ask the engine to look at the queue again in a second, not in Scrapy's 5 s."""
        slot = getattr(self.crawler.engine, "_slot", None)
        nextcall = getattr(slot, "nextcall", None)
        if nextcall is not None:
            from twisted.internet import reactor  # the one Scrapy installed, never at import

            task.deferLater(reactor, POLL_SECONDS, nextcall.schedule)

    # -- closing (called by the run extension) ----------------------------------------------

    def settle(self, *, committed: bool) -> None:
        """After the run's commit: done requests leave the dupefilter; without a commit they
        go back to the queue."""
        if self.settled or self.worker.lost:
            return
        self.settled = True
        taken = self.scheduler.taken if self.scheduler is not None else set()
        self.requeued = self.worker.settle(committed=committed, fingerprints=taken)
        if self.requeued:
            logger.warning("%d requests of worker %s are back in the queue (nothing committed)",
                           self.requeued, self.worker.id)  # fmt: skip

    def info(self) -> dict[str, Any]:
        """The worker's part of the run summary."""
        worker = self.worker
        return {
            "id": worker.id,
            **worker.identity,
            "redis": describe_url(worker.url),
            "discovery_round": worker.discovered,
            "taken": len(self.scheduler.taken) if self.scheduler is not None else 0,
            "requeued_at_close": self.requeued,
            "reclaimed": dict(worker.reclaimed),
            "lost": worker.lost,
        }

    def leave(self, record: Mapping[str, Any]) -> None:
        if self.left:
            return
        self.left = True
        self._stop_beats.set()
        if self._beats is not None and self._beats is not threading.current_thread():
            self._beats.join(timeout=self.worker.ttl)
        try:  # a reclaimed worker has left already, but its verdict is worth keeping
            self.worker.leave({**record, "counters": self.counters()})
        finally:
            self.worker.close()
