"""The spider's side of a shared crawl (a spider middleware, inert without NEWSCRAWL_REDIS_URL).

- Discovery once per interval for the group: the spider's start requests (feeds, sitemaps,
  section pages, then the articles they list) go out only from the worker that claims this
  round (GroupWorker.claim_discovery); the others take their requests from the queue.
- Listing dates travel with the request: the feed and sitemap entries the discovering worker
  read for an article go into the request's meta (LISTED_META, by GroupScheduler), and the
  worker that fetches it adds them to what its spider knows, so the record gets the same dates
  whichever worker fetches it.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from typing import Any

from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response

from newscrawl.group.extension import GroupExtension

logger = logging.getLogger(__name__)

LISTED_META = "newscrawl_listed"  # the feed and sitemap entries read for an article


class GroupMiddleware:
    def __init__(self, group: GroupExtension, spider: Spider) -> None:
        self.group = group
        self.spider = spider

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> GroupMiddleware:
        group = crawler.get_extension(GroupExtension)
        if group is None:
            raise NotConfigured("no NEWSCRAWL_REDIS_URL")
        assert crawler.spider is not None
        return cls(group, crawler.spider)

    async def process_start(self, start: AsyncIterator[Any]) -> AsyncIterator[Any]:
        round_id = self.group.worker.claim_discovery()
        if round_id is None:
            logger.info("discovery ran in this group less than NEWSCRAWL_DISCOVERY_INTERVAL "
                        "ago: this worker takes its requests from the queue")
            self.group.count("discovery/skipped")
            return
        logger.info("this worker schedules the discovery of the group (round %s)", round_id)
        self.group.count("discovery/scheduled")
        async for item in start:
            yield item

    def process_spider_input(self, response: Response) -> None:
        entries = response.meta.get(LISTED_META)
        listed_as = response.request.cb_kwargs.get("listed_as") if response.request else None
        if entries and listed_as:
            known = self.listed(listed_as)
            add = getattr(self.spider, "add_listed", None)
            if add is not None:
                add(listed_as, [e for e in entries if e not in known])

    def listed(self, url: str) -> list[Any]:
        entries = getattr(self.spider, "listed_entries", None)
        return list(entries(url)) if entries is not None else []
