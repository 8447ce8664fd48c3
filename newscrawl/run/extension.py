"""The run of one site: its crawl state, what it wrote, and its verdict.

On spider_opened the site's state store is opened, a journal started, and every output file
checked: a folder the run cannot write stops it at once ("output not stored: ..."), before
any page is fetched. The spider asks `fetch_decision` before it requests an article.

This extension is the one writer of the run's journal and files. Each written record is held
in the journal (item_scraped); a page refused as no article is held too, and a fetched article
that did not change is marked checked (item_dropped, from the pipelines' `Refused` and
`Unchanged` drops); every refusal is a line of the rejects file. The journal is committed to
the store only once every feed is stored under its final name (feed_exporter_closed), so a
killed run's articles are fetched again next time. An output that fails at any point (the
folder, a full disk, the final rename) stops the run, and nothing is marked done.

On spider_closed the run is judged and its summary JSON written beside the output; the exit
code is left in the stat `newscrawl/exit_code` for the `crawl` command.

A worker of a shared crawl (NEWSCRAWL_REDIS_URL, newscrawl.group) keeps its store in Redis;
after the commit (or its refusal) the worker settles the requests it took, and after the
summary it leaves the group. A worker the group gave up on (silent too long) publishes nothing.
"""

from __future__ import annotations

import gc
import logging
import os
import sqlite3
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import CloseSpider
from scrapy.extensions.feedexport import FeedExporter
from scrapy.settings import BaseSettings
from scrapy.utils.defer import deferred_from_coro, maybe_deferred_to_future
from twisted.internet.defer import Deferred

from newscrawl.group.extension import RECEIVED_STAT, GroupExtension
from newscrawl.render.stats import render_summary
from newscrawl.run.journal import RunJournal
from newscrawl.run.lock import lock_path, read_holder
from newscrawl.run.reasons import NOT_ARTICLE
from newscrawl.run.rejects import Refused, RejectsFile, Unchanged
from newscrawl.run.store import (
    Decision,
    NotArticle,
    StateError,
    StateStore,
    Written,
    content_fingerprint,
    open_store,
)
from newscrawl.run.summary import (
    EXIT_FAILED,
    OUTPUT_ERROR_LINES,
    OUTPUT_NOT_STORED,
    STATE_NOT_USABLE,
    CoverageCounter,
    build_summary,
    counts_with_prefix,
    judge,
    summary_path_for,
    write_summary,
)

logger = logging.getLogger(__name__)

EXIT_CODE_STAT = "newscrawl/exit_code"
# What our own feed storage is called in Scrapy's feedexport/failed_count/<storage> stats.
ATOMIC_STORAGE = "AtomicFileFeedStorage"


def hours_setting(settings: BaseSettings, name: str) -> timedelta | None:
    """A setting in hours as a span; 0 means never."""
    hours = settings.getfloat(name)
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
        self.revisit_after = hours_setting(self.settings, "NEWSCRAWL_REVISIT_AFTER")
        self.wall_recheck_after = hours_setting(self.settings, "NEWSCRAWL_WALL_RECHECK_AFTER")
        self.state: StateStore | None = None
        self.group: GroupExtension | None = None  # this run is a worker of a shared crawl
        self.journal: RunJournal | None = None
        self.rejects: RejectsFile | None = None
        self.coverage = CoverageCounter()
        self.exit_code: int | None = None
        self.summary_path: Path | None = None
        self.output_errors: list[str] = []  # why an output file could not be stored
        self.reasons: list[str] = []  # found while running or closing, besides judge's
        self.final_reasons: list[str] = []
        self._feeds_done: Deferred[None] | None = None
        self._stopping = False

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RunExtension:
        ext = cls(crawler)
        connect = crawler.signals.connect
        connect(ext.spider_opened, signal=signals.spider_opened)
        connect(ext.item_scraped, signal=signals.item_scraped)
        connect(ext.item_dropped, signal=signals.item_dropped)
        connect(ext.feed_slot_closed, signal=signals.feed_slot_closed)
        connect(ext.feed_exporter_closed, signal=signals.feed_exporter_closed)
        connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    @property
    def stats(self) -> Any:
        return self.crawler.stats

    # -- opening -----------------------------------------------------------------------------

    def spider_opened(self, spider: Spider) -> None:
        # The feed exporter opened its feeds before us (it is connected first).
        if self.crawler.get_extension(FeedExporter) is not None:
            self._feeds_done = Deferred()
        self.group = self.crawler.get_extension(GroupExtension)
        if self.group is not None:
            self.group.on_lost = self.abandon
        rejects = getattr(spider, "sibling_path", lambda suffix: None)(".rejects.jsonl")
        self.rejects = RejectsFile(rejects) if rejects is not None else None
        if self.check_outputs():
            raise CloseSpider(OUTPUT_NOT_STORED)
        if self.incremental:  # else a full crawl: the store is neither read nor written
            self.open_state(getattr(spider, "state_name", spider.name))
        # What is loaded by now (Scrapy, the extraction stack, vocabularies, the store) lives
        # as long as the crawl. Left in the collector's sight, each full collection walked it
        # all: a third of the crawl process's CPU went to collections of a quarter second.
        gc.freeze()

    def open_state(self, site: str) -> None:
        try:
            self.state = open_store(self.settings, site)
        except (StateError, sqlite3.Error, OSError) as exc:
            self.reasons.append(f"state store not usable: {exc}")
            logger.error("state store not usable: %s", exc)
            raise CloseSpider(STATE_NOT_USABLE) from None
        self.journal = RunJournal(self.state)
        self.stats.set_value("newscrawl/store/articles_at_start", self.state.stats()["articles"])

    def fetch_decision(self, url: str, lastmod: datetime | None) -> Decision:
        """Whether the store wants an article link fetched, and why (see CrawlState)."""
        if self.state is None:
            return Decision(True, "new")
        return self.state.fetch_decision(url, lastmod=lastmod, revisit_after=self.revisit_after,
                                         wall_recheck_after=self.wall_recheck_after)

    # -- the outputs ---------------------------------------------------------------------------

    def _outputs(self) -> list[Any]:
        exporter = self.crawler.get_extension(FeedExporter)
        storages = [slot.storage for slot in getattr(exporter, "slots", [])]
        return [*storages, self.rejects] if self.rejects is not None else storages

    def check_outputs(self) -> bool:
        """Before the run: whether an output file cannot be written (each reason logged)."""
        for output in self._outputs():
            if hasattr(output, "check"):
                output.check()
        return self.watch_outputs()

    def watch_outputs(self) -> bool:
        """Whether an output failed so far; each new failure is logged once."""
        for output in self._outputs():
            self.output_failed(getattr(output, "error", None))
        return bool(self.output_errors)

    def output_failed(self, error: str | None, *, lines_logged: int = 1) -> None:
        if error is None or error in self.output_errors:
            return
        self.output_errors.append(error)
        logger.error("output not stored: %s", error)
        # Error lines about the output are not errors of the crawl: judge leaves them out.
        self.stats.inc_value(OUTPUT_ERROR_LINES, lines_logged)

    def abandon(self, why: str) -> None:
        """Publish nothing of this run: every output fails with `why`, and the run stops."""
        for output in self._outputs():
            if hasattr(output, "fail"):
                output.fail(why)
        self.stop_if_output_failed()

    def stop_if_output_failed(self) -> None:
        """Stop at the first failed write: the rest of the crawl could not be stored either."""
        if self.watch_outputs() and not self._stopping and self.crawler.engine is not None:
            self._stopping = True
            deferred_from_coro(self.crawler.engine.close_spider_async(reason=OUTPUT_NOT_STORED))

    # -- while running -----------------------------------------------------------------------

    def item_scraped(self, item: Any) -> None:
        if not isinstance(item, Mapping):
            return
        self.coverage.add(item)
        if self.journal is not None:
            revision = self.journal.add(written_entry(item))
            kind = "new" if revision == 1 else "revised"
            self.stats.inc_value(f"newscrawl/written/{kind}")
        self.stop_if_output_failed()

    def item_dropped(self, item: Any, exception: BaseException) -> None:
        if isinstance(exception, Refused):
            if self.rejects is not None:
                self.rejects.add(exception.line())
            if exception.reason in NOT_ARTICLE and exception.url and self.journal is not None:
                page = NotArticle(exception.url, exception.reason, exception.listed_as)
                self.journal.add_not_article(page)
        elif isinstance(exception, Unchanged) and self.journal is not None:
            self.journal.add(exception.entry)  # fetched again, unchanged: checked now
        self.stop_if_output_failed()

    def feed_slot_closed(self, slot: Any) -> None:
        # A failed store was also logged by Scrapy ("Error storing ..."): two lines.
        self.output_failed(getattr(slot.storage, "error", None), lines_logged=2)

    def feed_exporter_closed(self) -> None:
        failed = counts_with_prefix(self.stats.get_stats(), "feedexport/failed_count/")
        others = sum(n for storage, n in failed.items() if storage != ATOMIC_STORAGE)
        if others:  # storages of Scrapy's (S3, FTP, ...): their own log says why
            self.output_failed(f"{others} feed(s) failed to store (see the log)",
                               lines_logged=others)
        if self._feeds_done is not None and not self._feeds_done.called:
            self._feeds_done.callback(None)

    # -- closing -----------------------------------------------------------------------------

    async def spider_closed(self, spider: Spider, reason: str) -> None:
        if self._feeds_done is not None:
            # Judge the output only once it is stored (or failed to be).
            await maybe_deferred_to_future(self._feeds_done)
        if self.rejects is not None:
            self.rejects.close()
        self.watch_outputs()
        try:
            self.commit()
            self.finish(spider, reason)
        finally:
            if self.state is not None:
                self.state.close()
            if self.group is not None:
                self.leave_group()
            gc.unfreeze()  # a process that runs another crawl collects this one's garbage

    def leave_group(self) -> None:
        assert self.group is not None
        record = {"exit_code": self.exit_code, "reasons": self.final_reasons,
                  "summary": str(self.summary_path) if self.summary_path else None}
        try:
            self.group.leave(record)
        except Exception as exc:  # the group reclaims a member that did not leave
            logger.error("could not leave the group: %s", exc)

    def commit(self) -> None:
        """Mark this run's articles done, only if its output is in its final place; then a
        worker of a shared crawl settles the requests it took."""
        committed = self.commit_journal()
        if self.group is not None:
            try:
                self.group.settle(committed=committed)
            except Exception as exc:  # its requests stay in flight: the group reclaims them
                self.reasons.append(f"requests not settled with the group: {exc}")
                logger.error("could not settle this worker's requests: %s", exc)

    def commit_journal(self) -> bool:
        """Whether this run's output counts: stored, and committed when there is a store."""
        if self.output_errors:
            if self.journal is not None:
                self.journal.discard()  # its articles stay to be fetched again
            return False
        if self.journal is None:
            return True
        try:
            self.stats.set_value("newscrawl/store/committed", len(self.journal))
            self.stats.set_value("newscrawl/store/not_articles_committed",
                                 self.journal.not_articles)
            self.journal.commit()
        except (StateError, sqlite3.Error, OSError) as exc:
            self.reasons.append(f"state store not updated: {exc}")
            logger.error("could not update the state store: %s", exc)
            return False
        return True

    def finish(self, spider: Spider, reason: str) -> None:
        stats = {**self.stats.get_stats(), "finish_reason": reason}
        profile = getattr(spider, "profile", None)
        floors = coverage_floors(self.settings, getattr(profile, "floors", {}))
        coverage = self.coverage.result()
        code, reasons = judge(
            stats, coverage, floors,
            expected_articles=self.expected_articles(stats),
            max_error_rate=self.settings.getfloat("NEWSCRAWL_MAX_ERROR_RATE"),
            output_errors=self.output_errors,
        )  # fmt: skip
        reasons += self.reasons
        code = EXIT_FAILED if reasons else code
        summary = self.summary(spider, stats, coverage, floors, code, reasons)
        self.summary_path, error = self.write(spider, summary)
        if error is not None:  # the verdict cannot be read beside the output: say it here
            reasons.append(f"summary not written: {error}")
            code = EXIT_FAILED
        self.exit_code, self.final_reasons = code, reasons
        self.stats.set_value(EXIT_CODE_STAT, code)
        self.report(spider, code, reasons)

    def expected_articles(self, stats: Mapping[str, Any]) -> bool:
        """Articles are expected when new links were fetched that did not turn out to be
        articles already written or pages that are no article (a tag page, a paywall: see
        NOT_ARTICLE), or when no link was found at all (a feed that lists nothing is broken);
        not when every link was already written or known to be no article."""
        known = ("unchanged", "duplicate", *NOT_ARTICLE)
        settled = sum(stats.get(f"newscrawl/dropped/{why}", 0) for why in known)
        if self.group is not None:
            # A worker fetches what any worker found: it expects articles when it received
            # article pages that were not settled as known.
            return stats.get(RECEIVED_STAT, 0) > settled
        if not stats.get("newscrawl/articles/found", 0):
            return True
        return stats.get("newscrawl/articles/fetch_new", 0) > settled

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
        document["worker"] = self.group.info() if self.group is not None else None
        return document

    def lock_info(self, spider: Spider) -> dict[str, Any] | None:
        if self.group is not None:  # workers of a shared crawl take no lock: see `worker`
            return None
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

    def write(self, spider: Spider, summary: Mapping[str, Any]) -> tuple[Path | None, str | None]:
        """Write the summary beside the output: (its path, None) or (None, why it failed)."""
        output = getattr(spider, "output_path", lambda: None)()
        if output is not None:
            path = summary_path_for(output)
        else:  # a remote feed: the summary goes to the default output folder
            stamp = getattr(spider, "run_stamp", datetime.now(UTC).strftime("%Y-%m-%dT%H-%M-%SZ"))
            folder = Path(self.settings.get("NEWSCRAWL_OUTPUT_DIR") or "output") / spider.name
            path = folder / f"{stamp}.summary.json"
        try:
            return write_summary(path, summary), None
        except OSError as exc:
            logger.error("could not write the run summary %s: %s", path, exc)
            return None, f"cannot write {path}: {exc.strerror or exc}"

    def report(self, spider: Spider, code: int, reasons: list[str]) -> None:
        where = f" (summary: {self.summary_path})" if self.summary_path else ""
        if reasons:
            logger.warning("run FAILED, exit code %d%s: %s", code, where, "; ".join(reasons))
        else:
            logger.info("run ok%s", where)
