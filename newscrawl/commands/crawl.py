"""`scrapy crawl SPIDER`, cron-grade: one run per site at a time, and an exit code that says
whether the run worked.

    0   the run finished and passed its checks (see newscrawl.run.summary)
    1   the run failed a check, or could not start; the summary JSON says why
    2   usage error (unknown option, bad -a since=...)
    75  another run of the same site holds the lock; nothing was done

The lock is `<NEWSCRAWL_STATE_DIR>/<site>.lock`, taken before any output file is opened, so a
second run cannot touch the first one's files. `-s NEWSCRAWL_RESET_STATE=1` forgets every
article of the site's store (under the lock) before crawling.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.crawler import Crawler
from scrapy.exceptions import UsageError

from newscrawl.run.extension import EXIT_CODE_STAT, RunExtension
from newscrawl.run.lock import EXIT_LOCKED, LockHeld, RunLock
from newscrawl.run.since import parse_since
from newscrawl.run.store import CrawlState
from newscrawl.run.summary import EXIT_FAILED


class Command(ScrapyCrawlCommand):
    def short_desc(self) -> str:
        return "Run a spider of the project: one run per site, exit code 0 ok, 1 failed, 75 locked"

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) != 1:
            raise UsageError("give exactly one spider: scrapy crawl SPIDER")
        assert self.crawler_process is not None and self.settings is not None
        try:
            spidercls = self.crawler_process.spider_loader.load(args[0])
        except KeyError:
            raise UsageError(
                f"no spider named {args[0]!r} (see `scrapy list`)", print_help=False
            ) from None
        check_since(opts.spargs)
        name_for = getattr(spidercls, "state_name_for", None)
        site = name_for(opts.spargs) if name_for else spidercls.name
        state_dir = self.settings.get("NEWSCRAWL_STATE_DIR") or "state"
        try:
            with RunLock.for_site(state_dir, site):
                self.reset_state(state_dir, site)
                self.exitcode = self.crawl(args[0], opts.spargs)
        except LockHeld as exc:
            print(f"newscrawl: {site}: {exc} (exit code {EXIT_LOCKED})", file=sys.stderr)
            self.exitcode = EXIT_LOCKED

    def reset_state(self, state_dir: str, site: str) -> None:
        assert self.settings is not None
        if self.settings.getbool("NEWSCRAWL_RESET_STATE"):
            with CrawlState.for_site(state_dir, site) as state:
                state.reset()
            print(f"newscrawl: {site}: state store reset", file=sys.stderr)

    def crawl(self, spider: str, spargs: dict[str, Any]) -> int:
        assert self.crawler_process is not None
        crawler = self._create_crawler(spider)
        self.crawler_process.crawl(crawler, **spargs)
        self.crawler_process.start()
        if self.crawler_process.bootstrap_failed:
            return EXIT_FAILED
        return run_exit_code(crawler)


def run_exit_code(crawler: Crawler) -> int:
    """The verdict the run extension reached; failed when it never reached one."""
    run = crawler.get_extension(RunExtension)
    if run is not None and run.exit_code is not None:
        if run.exit_code != 0:
            where = f"; see {run.summary_path}" if run.summary_path else ""
            print(f"newscrawl: run failed: {'; '.join(run.final_reasons)}{where}", file=sys.stderr)
        return run.exit_code
    code = crawler.stats.get_value(EXIT_CODE_STAT) if crawler.stats else None
    return code if isinstance(code, int) else EXIT_FAILED


def check_since(spargs: dict[str, Any]) -> None:
    since = spargs.get("since")
    if since is None:
        return
    try:
        parse_since(str(since))
    except ValueError as exc:
        raise UsageError(str(exc), print_help=False) from None
