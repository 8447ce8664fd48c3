"""The last step: turn the draft into a schema-v1 record, or drop it with a reason on record.

Dropped items are counted in the stats (newscrawl/dropped/<reason>) and written, with the
reason, to a rejects file beside the output, so nothing is lost silently.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import IO, Any

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from newscrawl.items import ArticleDraft, Rejected
from newscrawl.run.output import part_path_for, publish
from newscrawl.schema import schema_errors

logger = logging.getLogger(__name__)


class ValidatePipeline:
    def __init__(self, stats: Any = None, crawler: Crawler | None = None) -> None:
        self.stats = stats
        self.crawler = crawler
        self.rejects_path: Path | None = None
        self._rejects: IO[str] | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ValidatePipeline:
        return cls(crawler.stats, crawler)

    def open_spider(self) -> None:
        spider = self.crawler.spider if self.crawler is not None else None
        sibling = getattr(spider, "sibling_path", None)
        self.rejects_path = sibling(".rejects.jsonl") if sibling else None

    def process_item(self, item: Any) -> Any:
        if isinstance(item, Rejected):
            self.reject({"url": item.url}, item.reason, [item.message])
            message = item.message.removeprefix(f"{item.reason}: ")
            raise DropItem(f"{item.reason}: {message} ({item.url})")
        if not isinstance(item, ArticleDraft):
            return item
        record = item.to_record()
        errors = schema_errors(record)
        if errors:
            self.reject(record, "invalid", errors)
            raise DropItem(f"invalid record {item.url}: {'; '.join(errors)}")
        if self.stats is not None:
            self.stats.inc_value("newscrawl/records_written")
        return record

    def reject(self, record: dict[str, Any], reason: str, details: list[str]) -> None:
        if self.stats is not None:
            self.stats.inc_value(f"newscrawl/dropped/{reason}")
        if self.rejects_path is None:
            return
        if self._rejects is None:
            # Written under a .part name like the output, and published when the run closes.
            self.rejects_path.parent.mkdir(parents=True, exist_ok=True)
            self._rejects = part_path_for(self.rejects_path).open("a", encoding="utf-8")
        line = {"url": record.get("url"), "reason": reason, "details": details, "record": record}
        self._rejects.write(json.dumps(line, ensure_ascii=False) + "\n")
        self._rejects.flush()

    def close_spider(self) -> None:
        if self._rejects is not None and self.rejects_path is not None:
            self._rejects.close()
            publish(part_path_for(self.rejects_path), self.rejects_path)
