"""Sets `story_id` and `story` on every record as it is written: the story the article belongs
to, shared by its copies on other sites, from other spiders and other runs. See
newscrawl.stories for the method.

The story index is `<NEWSCRAWL_STATE_DIR>/stories.sqlite3` (NEWSCRAWL_STORY_INDEX chooses
another file, or a redis:// URL), shared by every site's crawls; with NEWSCRAWL_REDIS_URL (the
workers of a shared crawl) it is in that Redis unless NEWSCRAWL_STORY_INDEX says otherwise.
NEWSCRAWL_STORY_WINDOW_DAYS (14) is how long a story stays a candidate; NEWSCRAWL_STORIES=0
turns linking off (both fields null).

Linking never costs a record: an index that cannot be opened or a link that fails leaves the
fields null, is logged and counted (newscrawl/stories/unavailable, newscrawl/stories/error).
Not a step of newscrawl.process: it needs shared state, so `newscrawl extract` leaves the
fields null and `newscrawl stories` links records afterwards.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path
from typing import Any

from scrapy.crawler import Crawler

from newscrawl.items import ArticleDraft
from newscrawl.stories import Linker, Settings, StoryIndex, StoryIndexError, default_path
from newscrawl.stories.index import is_redis_url, open_index

INDEX_ERRORS: tuple[type[Exception], ...] = (StoryIndexError, sqlite3.Error)

logger = logging.getLogger(__name__)


def index_errors(spec: str) -> tuple[type[Exception], ...]:
    """What a failing index raises: a Redis one also the client's errors (imported only then)."""
    if not is_redis_url(spec):
        return INDEX_ERRORS
    import redis

    return (*INDEX_ERRORS, redis.RedisError)


class StoryPipeline:
    def __init__(
        self, path: str | Path | None, settings: Settings | None = None, stats: Any = None
    ) -> None:
        self.path = path  # None: linking is off
        self.settings = settings or Settings()
        self.stats = stats
        self.index: StoryIndex | None = None
        self.linker: Linker | None = None
        self.errors = index_errors(str(path)) if path is not None else INDEX_ERRORS
        self.open_errors: tuple[type[Exception], ...] = (*self.errors, OSError)
        self.link_errors: tuple[type[Exception], ...] = (*self.errors, ValueError, TypeError)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StoryPipeline:
        s = crawler.settings
        path = None
        if s.getbool("NEWSCRAWL_STORIES", True):
            path = (s.get("NEWSCRAWL_STORY_INDEX") or s.get("NEWSCRAWL_REDIS_URL")
                    or default_path(s.get("NEWSCRAWL_STATE_DIR", "state")))
        window = s.getfloat("NEWSCRAWL_STORY_WINDOW_DAYS", Settings().window_days)
        return cls(path, Settings(window_days=window), crawler.stats)

    def open_spider(self) -> None:
        if self.path is None:
            return
        try:
            self.index = open_index(str(self.path)).open()
        except self.open_errors as exc:
            logger.error("story index unavailable, records get no story_id: %s", exc)
            self._inc("newscrawl/stories/unavailable")
            return
        self.linker = Linker(self.index, self.settings)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, ArticleDraft) or self.linker is None:
            return item
        try:
            link = self.linker.link(item.to_record())
        except self.link_errors as exc:  # goes out unlinked
            logger.error("could not link %s to a story: %r", item.url, exc)
            self._inc("newscrawl/stories/error")
            return item
        item.story_id = link.story_id
        item.story = link.story()
        self._inc("newscrawl/stories/linked" if link.match_url else "newscrawl/stories/new")
        return item

    def close_spider(self) -> None:
        if self.index is None:
            return
        try:
            if self.linker is not None:
                self.linker.prune()
        except self.errors as exc:
            logger.warning("story index not pruned: %s", exc)
        self.index.close()

    def _inc(self, key: str) -> None:
        if self.stats is not None:
            self.stats.inc_value(key)
