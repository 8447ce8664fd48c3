"""The last step: turn the draft into a schema-v1 record, or drop it with a reason on record.

Dropped items are counted in the stats (newscrawl/dropped/<reason>) and dropped as `Refused`,
which the run writes, with the reason, to the rejects file beside the output, so nothing is
lost silently.
"""

from __future__ import annotations

from typing import Any

from scrapy.crawler import Crawler

from newscrawl.items import ArticleDraft, Rejected
from newscrawl.run.rejects import Refused
from newscrawl.schema import schema_errors


class ValidatePipeline:
    def __init__(self, stats: Any = None) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ValidatePipeline:
        return cls(crawler.stats)

    def process_item(self, item: Any) -> Any:
        if isinstance(item, Rejected):
            self.count(f"dropped/{item.reason}")
            raise Refused({"url": item.url}, item.reason, [item.message], listed_as=item.listed_as)
        if not isinstance(item, ArticleDraft):
            return item
        record = item.to_record()
        errors = schema_errors(record)
        if errors:
            self.count("dropped/invalid")
            raise Refused(record, "invalid", errors)
        self.count("records_written")
        return record

    def count(self, key: str) -> None:
        if self.stats is not None:
            self.stats.inc_value(f"newscrawl/{key}")
