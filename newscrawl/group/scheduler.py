"""scrapy-redis' scheduler, dupefilter and priority queue, for workers that share a crawl.

What scrapy-redis gives as it is: requests serialized (`Request.to_dict`, pickled) into a
sorted set scored by priority, and a Redis set of request fingerprints as the dupefilter, both
shared by every worker. What does not fit, wrapped here rather than forked:

- `next_request` pops with no acknowledgement; ours takes a request into the worker's
  in-flight hash in the same Lua script (GroupWorker.pop), so a killed worker's requests are
  given back to the group;
- the queue and the dupefilter persist (a worker that closes must not clear what the others
  share), and a fingerprint leaves the dupefilter when the worker that fetched the request has
  committed its output (GroupWorker.settle): the set holds what is pending, not all that was
  ever seen, so the next discovery round can list an article again and the store decides;
- listing requests (feeds, sitemaps, section pages) stay with the worker that runs the
  discovery, in a local queue served first: the spider reads every listing before it requests
  the articles they list (so each article gets the dates of all its entries), and it can only
  know that when the listings come back to it. Only articles go to the shared queue, and the
  run's own dedup of listings (PendingListings) is all they need;
- an article request carries the feed and sitemap entries this worker read for it
  (`LISTED_META`), so the record gets the same dates whichever worker fetches it. It is added
  here, where every shared request passes, since the spider puts listed articles into the
  scheduler directly (`engine.crawl`), past the spider middlewares;
- a request made again from one this worker took (a retry, the page asked again through the
  browser: the same fingerprint, not filtered) stays with this worker, in its local queue: in
  the shared queue another worker would fetch it while the original is still in this worker's
  in-flight hash, and the original would go back to the queue too if this worker died (the
  article written twice). A redirect names another request, shared as any article is. A
  worker the group reclaimed keeps everything it still makes;
- requests the dupefilter drops are counted as Scrapy's scheduler counts them
  (`dupefilter/filtered`).

Callbacks must be methods of the spider: that is how scrapy-redis serializes them.
"""

from __future__ import annotations

from collections import deque
from typing import Any

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.scheduler import Scheduler

from newscrawl.group.middleware import LISTED_META
from newscrawl.group.worker import GroupWorker

QUEUE_CLASS = "scrapy_redis.queue.PriorityQueue"
LISTING_CALLBACKS = frozenset({"parse_listing", "parse_section"})


def is_listing(request: Request) -> bool:
    """A feed, sitemap or section page request of NewsSpider."""
    return getattr(request.callback, "__name__", None) in LISTING_CALLBACKS


class GroupScheduler(Scheduler):
    """The shared frontier of a group's workers (see the module's notes)."""

    def __init__(self, worker: GroupWorker, stats: Any = None, debug: bool = False) -> None:
        dupefilter = RFPDupeFilter(worker.raw, key=worker.keys.seen, debug=debug)
        super().__init__(worker.raw, persist=True, queue_key=worker.keys.queue,
                         queue_cls=QUEUE_CLASS, dupefilter=dupefilter,
                         dupefilter_key=worker.keys.seen)  # fmt: skip
        self.worker = worker
        self.stats = stats
        self.taken: set[str] = set()  # fingerprints of the requests this worker took
        # This worker's own: its discovery, and requests made again from those it took.
        self.local: deque[Request] = deque()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> GroupScheduler:
        from newscrawl.group.extension import GroupExtension

        group = crawler.get_extension(GroupExtension)
        if group is None:
            raise RuntimeError("GroupScheduler needs the GroupExtension (NEWSCRAWL_REDIS_URL)")
        scheduler = cls(group.worker, crawler.stats, crawler.settings.getbool("DUPEFILTER_DEBUG"))
        group.scheduler = scheduler
        return scheduler

    def close(self, reason: str) -> None:
        """Nothing is flushed: the queue and the dupefilter are the group's."""

    def enqueue_request(self, request: Request) -> bool:
        # The spider dedups its listings (PendingListings). A worker the group reclaimed
        # publishes nothing: what it still makes must neither reach the others nor mark a
        # request seen that they are to make again.
        if is_listing(request) or self.worker.lost:
            self.local.append(request)
            return True
        # scrapy-redis' own, without the `spider` argument Scrapy's stats no longer take.
        if not request.dont_filter and self.df.request_seen(request):
            self.df.log(request, self.spider)
            if self.stats is not None:
                self.stats.inc_value("dupefilter/filtered")
            return False
        if self.df.request_fingerprint(request) in self.taken:  # made again from one taken
            self.local.append(request)
            return True
        if self.stats is not None:
            self.stats.inc_value("scheduler/enqueued/redis")
        self.carry_listing_dates(request)
        self.queue.push(request)
        return True

    def carry_listing_dates(self, request: Request) -> None:
        """Put the feed and sitemap entries this worker read for the article into its meta."""
        listed_as = request.cb_kwargs.get("listed_as")
        entries = getattr(self.spider, "listed_entries", None)
        if not listed_as or entries is None or LISTED_META in request.meta:
            return
        if found := list(entries(listed_as)):
            request.meta[LISTED_META] = found

    def next_request(self) -> Request | None:
        if self.local:
            return self.local.popleft()
        if self.worker.stop_requested or self.worker.lost:
            return None
        data = self.worker.pop()
        if data is None:
            return None
        request: Request = self.queue._decode_request(data)
        self.taken.add(self.df.request_fingerprint(request))
        if self.stats is not None:
            self.stats.inc_value("scheduler/dequeued/redis")
        return request

    def has_pending_requests(self) -> bool:
        if self.local:
            return True
        if self.worker.stop_requested or self.worker.lost:
            return False
        return len(self) > 0
