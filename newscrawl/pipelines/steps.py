"""One pipeline per normalization step; each calls the step of newscrawl.process by that name."""

from __future__ import annotations

import logging
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from newscrawl import process
from newscrawl.items import ArticleDraft

logger = logging.getLogger(__name__)


class StepPipeline:
    # A staticmethod, so the step is called as the plain function it is.
    step: staticmethod[[ArticleDraft], None]

    def __init__(self, stats: Any = None) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StepPipeline:
        return cls(crawler.stats)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, ArticleDraft):
            return item
        try:
            self.step(item)
        except Exception as exc:  # a bug on one page must not end the crawl; it is counted
            name = self.step.__name__
            if self.stats is not None:
                self.stats.inc_value(f"newscrawl/dropped/step_error/{name}")
            logger.exception("step %s failed on %s", name, item.url)
            raise DropItem(f"step_error: {name} failed on {item.url}: {exc!r}") from exc
        return item


class CleanChromePipeline(StepPipeline):
    step = staticmethod(process.clean_chrome)


class BylinesPipeline(StepPipeline):
    step = staticmethod(process.resolve_bylines)


class TimestampsPipeline(StepPipeline):
    step = staticmethod(process.resolve_timestamps)


class DatelineLanguagePipeline(StepPipeline):
    step = staticmethod(process.resolve_dateline_language)
