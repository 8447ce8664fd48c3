"""The run of one site: its crawl state, what it wrote, and its verdict.

On spider_opened the site's state store is opened and a journal started. The spider asks
`why_fetch` before it requests an article; the dedup pipeline asks the journal for revisions.
Each written record is held in the journal (item_scraped) and committed to the store only once
every feed is stored under its final name (feed_exporter_closed), so a killed run's articles
are fetched again next time. On spider_closed the run is judged and its summary JSON written
beside the output; the exit code is left in the stat `newscrawl/exit_code` (and `exit_code`)
for the `crawl` command.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.extensions.feedexport import FeedExporter
from scrapy.settings import BaseSettings
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.defer import Deferred

from newscrawl.render.stats import render_summary
from newscrawl.run.journal import RunJournal
from newscrawl.run.lock import lock_path, read_holder
from newscrawl.run.store import CrawlState, StateError, Written, content_fingerprint
from newscrawl.run.summary import (
    EXIT_FAILED,
    CoverageCounter,
    build_summary,
    counts_with_prefix,
    judge,
    summary_path_for,
    write_summary,
)

logger = logging.getLogger(__name__)

EXIT_CODE_STAT = "newscrawl/exit_code"


def revisit_after(settings: BaseSettings) -> timedelta | None:
    """NEWSCRAWL_REVISIT_AFTER in hours; 0 (the default) never revisits an unchanged article."""
    hours = settings.getfloat("NEWSCRAWL_REVISIT_AFTER")
    return timedelta(hours=hours) if hours > 0 else None


def coverage_floors(settings: BaseSettings, site_floors: Mapping[str, float]) -> dict[str, float]:
    return {**settings.getdict("NEWSCRAWL_COVERAGE_FLOORS"), **site_floors}


def written_entry(record: Mapping[str, Any]) -> Written:
    return Written(
        url=record["url"],
        canonical_url=record.get("canonical_url"),
        fingerprint=content_fingerprint(record.get("body") or ""),
        published_at=record.get("published_at"),
        modified_at=record.get("modified_at"),
    )


class RunExtension:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.settings = crawler.settings
        self.state_dir = Path(self.settings.get("NEWSCRAWL_STATE_DIR") or "state")
        self.incremental = self.settings.getbool("NEWSCRAWL_INCREMENTAL", True)
        self.revisit_after = revisit_after(self.settings)
        self.state: CrawlState | None = None
        self.journal: RunJournal | None = None
        self.coverage = CoverageCounter()
        self.exit_code: int | None = None
        self.summary_path: Path | None = None
        self.reasons: list[str] = []  # found while closing, besides judge's
        self.final_reasons: list[str] = []
        self._feeds_done: Deferred[None] | None = None
        self._stored = True

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RunExtension:
        ext = cls(crawler)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(ext.feed_exporter_closed, signal=signals.feed_exporter_closed)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    @property
    def stats(self) -> Any:
        return self.crawler.stats

    # -- opening -----------------------------------------------------------------------------

    def spider_opened(self, spider: Spider) -> None:
        if self.crawler.get_extension(FeedExporter) is not None:
            self._feeds_done = Deferred()
        if not self.incremental:
            return  # a full crawl: the store is neither read nor written
        name = getattr(spider, "state_name", spider.name)
        self.state = CrawlState.for_site(self.state_dir, name).open()
        self.journal = RunJournal(self.state)
        self.stats.set_value("newscrawl/store/articles_at_start", self.state.stats()["articles"])

    def why_fetch(self, url: str, lastmod: datetime | None) -> str | None:
        """Why to fetch an article ("new", "updated"), or None when the store says it is done."""
        if self.state is None or self.state.get(url) is None:
            return "new"
        if self.state.should_fetch(url, lastmod=lastmod, revisit_after=self.revisit_after):
            return "updated"
        return None

    # -- while running -----------------------------------------------------------------------

    def item_scraped(self, item: Any) -> None:
        if not isinstance(item, Mapping):
            return
        self.coverage.add(item)
        if self.journal is not None:
            revision = self.journal.add(written_entry(item))
            kind = "new" if revision == 1 else "revised"
            self.stats.inc_value(f"newscrawl/written/{kind}")

    def feed_exporter_closed(self) -> None:
        failed = counts_with_prefix(self.stats.get_stats(), "feedexport/failed_count/")
        self._stored = not any(failed.values())
        if self._feeds_done is not None and not self._feeds_done.called:
            self._feeds_done.callback(None)

    # -- closing -----------------------------------------------------------------------------

    async def spider_closed(self, spider: Spider, reason: str) -> None:
        if self._feeds_done is not None:
            # Judge the output only once it is stored (or failed to be).
            await maybe_deferred_to_future(self._feeds_done)
        try:
            self.commit()
            self.finish(spider, reason)
        finally:
            if self.state is not None:
                self.state.close()

    def commit(self) -> None:
        """Mark this run's articles done, only if its output is in its final place."""
        if self.journal is None:
            return
        if not self._stored:
            self.journal.discard()
            self.reasons.append("output not stored: articles stay to be fetched again")
            return
        try:
            self.stats.set_value("newscrawl/store/committed", len(self.journal))
            self.journal.commit()
        except (StateError, sqlite3.Error, OSError) as exc:
            self.reasons.append(f"state store not updated: {exc}")
            logger.error("could not update the state store: %s", exc)

    def finish(self, spider: Spider, reason: str) -> None:
        stats = {**self.stats.get_stats(), "finish_reason": reason}
        profile = getattr(spider, "profile", None)
        floors = coverage_floors(self.settings, getattr(profile, "floors", {}))
        coverage = self.coverage.result()
        code, reasons = judge(
            stats, coverage, floors,
            expected_articles=self.expected_articles(stats),
            max_error_rate=self.settings.getfloat("NEWSCRAWL_MAX_ERROR_RATE"),
        )  # fmt: skip
        reasons += self.reasons
        code = EXIT_FAILED if reasons else code
        self.exit_code, self.final_reasons = code, reasons
        self.stats.set_value(EXIT_CODE_STAT, code)
        summary = self.summary(spider, stats, coverage, floors, code, reasons)
        self.summary_path = self.write(spider, summary)
        self.report(spider, code, reasons)

    def expected_articles(self, stats: Mapping[str, Any]) -> bool:
        """Articles are expected when links not yet written were fetched and did not turn out
        to be articles already written, or when no link was found at all (a feed that lists
        nothing is broken); not when every link was already written."""
        if not stats.get("newscrawl/articles/found", 0):
            return True
        known = sum(stats.get(f"newscrawl/dropped/{why}", 0) for why in ("unchanged", "duplicate"))
        return stats.get("newscrawl/articles/fetch_new", 0) > known

    def summary(
        self,
        spider: Spider,
        stats: Mapping[str, Any],
        coverage: Mapping[str, float],
        floors: Mapping[str, float],
        code: int,
        reasons: list[str],
    ) -> dict[str, Any]:
        output = getattr(spider, "output_path", lambda: None)()
        document = build_summary(
            site=getattr(spider, "state_name", spider.name),
            stats=stats, coverage=coverage, floors=floors, exit_code=code, reasons=reasons,
            output=str(output) if output else None,
            lock=self.lock_info(spider), store=self.store_info(),
        )  # fmt: skip
        document["articles"] = {
            "found": stats.get("newscrawl/articles/found", 0),
            "fetched": counts_with_prefix(stats, "newscrawl/articles/fetch_"),
            "written": counts_with_prefix(stats, "newscrawl/written/"),
            "skipped": counts_with_prefix(stats, "newscrawl/skipped/"),
            "rejected": counts_with_prefix(stats, "newscrawl/dropped/"),
            "flagged": counts_with_prefix(stats, "newscrawl/flagged/"),
            "offsite_filtered": stats.get("offsite/filtered", 0),
            # Requests seen before in this run, e.g. a sitemap index that lists itself.
            "repeat_requests_filtered": stats.get("dupefilter/filtered", 0),
        }
        document["listings"] = {
            "read": counts_with_prefix(stats, "newscrawl/listings/"),
            "unreadable": stats.get("newscrawl/bad_listing", 0),
            "entries_unreadable": stats.get("newscrawl/listing_entries_unreadable", 0),
            "failed": counts_with_prefix(stats, "newscrawl/listing_failed/"),
        }
        document["render"] = render_summary(stats, getattr(spider, "render_mode", None))
        return document

    def lock_info(self, spider: Spider) -> dict[str, Any]:
        path = lock_path(self.state_dir, getattr(spider, "state_name", spider.name))
        holder = read_holder(path)
        return {
            "path": str(path),
            "held": holder.pid == os.getpid(),
            "pid": holder.pid,
            "started_at": holder.started_at,
        }

    def store_info(self) -> dict[str, Any] | None:
        if self.state is None:
            return None
        info = self.state.stats()
        info["articles_at_start"] = self.stats.get_value("newscrawl/store/articles_at_start")
        info["committed_this_run"] = self.stats.get_value("newscrawl/store/committed", 0)
        return info

    def write(self, spider: Spider, summary: Mapping[str, Any]) -> Path | None:
        output = getattr(spider, "output_path", lambda: None)()
        if output is not None:
            path = summary_path_for(output)
        else:  # a remote feed: the summary goes to the default output folder
            stamp = getattr(spider, "run_stamp", datetime.now(UTC).strftime("%Y-%m-%dT%H-%M-%SZ"))
            folder = Path(self.settings.get("NEWSCRAWL_OUTPUT_DIR") or "output") / spider.name
            path = folder / f"{stamp}.summary.json"
        try:
            return write_summary(path, summary)
        except OSError as exc:
            logger.error("could not write the run summary %s: %s", path, exc)
            return None

    def report(self, spider: Spider, code: int, reasons: list[str]) -> None:
        where = f" (summary: {self.summary_path})" if self.summary_path else ""
        if reasons:
            logger.warning("run FAILED, exit code %d%s: %s", code, where, "; ".join(reasons))
        else:
            logger.info("run ok%s", where)
