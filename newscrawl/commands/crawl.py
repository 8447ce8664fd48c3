"""`scrapy crawl SPIDER`, cron-grade: one run per site at a time, and an exit code that says
whether the run worked (EXIT_CODES below; `scrapy crawl SPIDER -h` lists them).

Everything a user can get wrong on the command line (the spider's name, an option, a spider
argument) is checked before the crawl starts, against the arguments each spider declares
(newscrawl/spiders/arguments.py): a mistake is one line on stderr and exit code 2, with no
traceback and no log. The folder of `-s LOG_FILE=` is created if it is missing.

The lock is `<NEWSCRAWL_STATE_DIR>/<site>.lock`, taken before any output file is opened, so a
second run cannot touch the first one's files. `-s NEWSCRAWL_RESET_STATE=1` forgets every
article of the site's store (under the lock) before crawling.

With `-s NEWSCRAWL_REDIS_URL=...` the run is a worker of the site's shared crawl
(newscrawl.group): no lock (any number of workers, each with its own files); membership in the
group takes its place. A reset then forgets the group's queue and store too, and is refused
(exit 75) while a worker is alive.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, NoReturn

from scrapy import Spider
from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.crawler import Crawler
from scrapy.exceptions import UsageError
from scrapy.spiderloader import get_spider_loader

from newscrawl.run.extension import EXIT_CODE_STAT, RunExtension
from newscrawl.run.lock import EXIT_LOCKED, LockHeld, RunLock
from newscrawl.run.store import CrawlState
from newscrawl.run.summary import EXIT_FAILED, EXIT_OK
from newscrawl.spiders.arguments import ArgumentError, check_arguments, describe, help_entry

EXIT_USAGE = 2
EXIT_CODES: tuple[tuple[int, str], ...] = (
    (EXIT_OK, "the run finished and passed its checks"),
    (EXIT_FAILED, "the run failed (its summary's reasons say why: errors, no articles where "
                  "some were expected, coverage, output not stored, stopped early), or the "
                  "spider could not start"),
    (EXIT_USAGE, "usage error: unknown spider, option or spider argument, a value that "
                 "cannot be used; nothing was done"),
    (EXIT_LOCKED, "another run of the same site holds the lock; nothing was done"),
)  # fmt: skip


def usage_error(message: str) -> NoReturn:
    print(f"newscrawl: {message} (see: scrapy crawl -h)", file=sys.stderr)
    raise SystemExit(EXIT_USAGE)


def load_spider(settings: Any, name: str) -> type[Spider]:
    """The spider class called `name`; a usage error when the project has none."""
    try:
        return get_spider_loader(settings).load(name)
    except KeyError:
        usage_error(f"no spider named {name!r} (`scrapy list` names them)")


def site_name(spidercls: type[Spider], spargs: dict[str, Any]) -> str:
    """The site a run of the spider with these arguments crawls: it names the run's store,
    lock and group (ValueError for arguments that name none)."""
    name_for = getattr(spidercls, "state_name_for", None)
    return str(name_for(spargs)) if name_for else str(spidercls.name)


class Command(ScrapyCrawlCommand):
    spidercls: type[Spider]  # loaded once, when the options are checked

    def short_desc(self) -> str:
        return ("Run a spider of the project, one run per site at a time; exit code 0 ok, "
                "1 failed, 2 usage error, 75 locked")

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        # Help is printed once the spider is known, with its arguments (see process_options).
        parser.add_argument("-h", "--help", action="store_true", dest="show_help",
                            help="show this help (with SPIDER: its arguments) and exit")
        self.parser = parser

    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        try:
            super().process_options(args, opts)
        except UsageError as exc:
            usage_error(str(exc) or "bad options")
        unknown = [a for a in args if a.startswith("-")]
        if opts.show_help:
            self.print_help(args[:1] if args and not unknown else [])
            raise SystemExit(EXIT_OK)
        if unknown:
            usage_error(f"unknown option {unknown[0]}")
        if len(args) != 1:
            usage_error("give exactly one spider: scrapy crawl SPIDER (`scrapy list` names them)")
        assert self.settings is not None
        spidercls = self.spidercls = load_spider(self.settings, args[0])
        try:
            check_arguments(spidercls.name, getattr(spidercls, "arguments", ()), opts.spargs,
                            one_of=getattr(spidercls, "arguments_one_of", ()))  # fmt: skip
        except ArgumentError as exc:
            usage_error(str(exc))
        self.prepare_log_folder()


    def prepare_log_folder(self) -> None:
        """A crontab's `-s LOG_FILE=logs/site.log` works on a fresh clone too."""
        assert self.settings is not None
        log_file = self.settings.get("LOG_FILE")
        if not log_file or not self.settings.getbool("LOG_ENABLED", True):
            return
        try:
            Path(log_file).parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            print(f"newscrawl: cannot create the folder of LOG_FILE {log_file}: "
                  f"{exc.strerror or exc}", file=sys.stderr)  # fmt: skip
            raise SystemExit(EXIT_FAILED) from None

    def print_help(self, spider: list[str]) -> None:
        self.parser.print_help()
        assert self.settings is not None
        loader = get_spider_loader(self.settings)
        names = spider if spider and spider[0] in loader.list() else sorted(loader.list())
        for name in names:
            cls = loader.load(name)
            declared = getattr(cls, "arguments", ())
            print(f"\nArguments of spider {name}:")
            print(describe(declared, getattr(cls, "arguments_one_of", ())) or "  (none)")
        print("\nExit codes:")
        for code, meaning in EXIT_CODES:
            print(help_entry(str(code), meaning, indent=8))

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        assert self.settings is not None
        site = site_name(self.spidercls, opts.spargs)
        state_dir = self.settings.get("NEWSCRAWL_STATE_DIR") or "state"
        if self.settings.get("NEWSCRAWL_REDIS_URL"):
            self.run_worker(args[0], opts.spargs, site)
            return
        try:
            with RunLock.for_site(state_dir, site):
                self.reset_state(state_dir, site)
                self.exitcode = self.crawl(args[0], opts.spargs)
        except LockHeld as exc:
            print(f"newscrawl: {site}: {exc} (exit code {EXIT_LOCKED})", file=sys.stderr)
            self.exitcode = EXIT_LOCKED

    def run_worker(self, spider: str, spargs: dict[str, Any], site: str) -> None:
        """A worker of the site's shared crawl: no lock; a reset only while none is alive."""
        from newscrawl.group.status import reset_group

        assert self.settings is not None
        if self.settings.getbool("NEWSCRAWL_RESET_STATE"):
            try:
                reset = reset_group(self.settings["NEWSCRAWL_REDIS_URL"], site)
            except Exception as exc:
                print(f"newscrawl: {site}: cannot reset the group: {exc}", file=sys.stderr)
                self.exitcode = EXIT_FAILED
                return
            if not reset:
                print(f"newscrawl: {site}: workers of the group are alive; not resetting "
                      f"(exit code {EXIT_LOCKED})", file=sys.stderr)  # fmt: skip
                self.exitcode = EXIT_LOCKED
                return
            print(f"newscrawl: {site}: the group's queue and store reset", file=sys.stderr)
        self.exitcode = self.crawl(spider, spargs)

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
