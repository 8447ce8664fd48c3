"""Learned site templates during a crawl: each article's lines (as extracted) are counted into
its site's template (once per article, see newscrawl.process.template_key), and lines the
template has confirmed (repeated across many other articles of the site) are dropped from the
normalized body. See newscrawl.normalize.template and newscrawl.process.strip_site_template.

Templates live in NEWSCRAWL_TEMPLATE_DIR (default `<NEWSCRAWL_STATE_DIR>/templates`), one JSON
file per site, written every SAVE_EVERY learned pages and when the spider closes.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from newscrawl.items import ArticleDraft
from newscrawl.normalize.template import TemplateStore
from newscrawl.process import strip_site_template

logger = logging.getLogger(__name__)

SAVE_EVERY = 50


class SiteTemplatePipeline:
    def __init__(self, directory: str | Path, stats: Any = None) -> None:
        self.templates = TemplateStore(directory)
        self.stats = stats
        self._unsaved = 0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SiteTemplatePipeline:
        settings = crawler.settings
        directory = settings.get("NEWSCRAWL_TEMPLATE_DIR") or \
            Path(settings.get("NEWSCRAWL_STATE_DIR", "state")) / "templates"
        return cls(directory, crawler.stats)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, ArticleDraft):
            return item
        before = len(item.body)
        try:
            strip_site_template(item, self.templates)
        except Exception as exc:  # a bug on one page must not end the crawl; it is counted
            self._inc("newscrawl/dropped/step_error/strip_site_template")
            logger.exception("site template step failed on %s", item.url)
            raise DropItem(f"step_error: strip_site_template failed on {item.url}: {exc!r}") \
                from exc
        self._inc("newscrawl/template/lines_stripped", before - len(item.body))
        self._unsaved += 1
        if self._unsaved >= SAVE_EVERY:
            self._save()
        return item

    def close_spider(self) -> None:
        self._save()

    def _save(self) -> None:
        try:
            self.templates.save()
        except OSError:  # the crawl goes on; the template is learned again next run
            logger.exception("could not write site templates to %s", self.templates.directory)
        self._unsaved = 0

    def _inc(self, key: str, count: int = 1) -> None:
        if self.stats is not None and count:
            self.stats.inc_value(key, count)
