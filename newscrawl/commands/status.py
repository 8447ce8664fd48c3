"""`newscrawl status SPIDER -s NEWSCRAWL_REDIS_URL=redis://...`: the shared crawl of a site at a
glance (queue, workers alive, articles written, errors), as plain text or `--json`; `--stop`
asks every worker to finish what it holds and exit, `--resume` withdraws that.

The site is named as `crawl` names it: the spider, and the spider arguments that choose its
store (`-a start_url=`, `-a state_name=`, the generic spider's `-a feed=`/`sitemap=`/`url=`).
Exit codes: 0 shown, 1 Redis could not be reached, 2 usage error.
"""

from __future__ import annotations

import argparse
import json
import sys

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError
from scrapy.utils.conf import arglist_to_dict

from newscrawl.commands.crawl import load_spider, site_name, usage_error
from newscrawl.run.store import StateError
from newscrawl.run.summary import EXIT_FAILED, EXIT_OK


class Command(ScrapyCommand):
    requires_project = True
    requires_crawler_process = False
    default_settings = {"LOG_ENABLED": False}  # noqa: RUF012 (Scrapy's own attribute)

    def syntax(self) -> str:
        return "[options] SPIDER"

    def short_desc(self) -> str:
        return ("Show the shared crawl of a site (NEWSCRAWL_REDIS_URL): queue, workers, "
                "articles, errors; --stop, --resume")

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("-a", dest="spargs", action="append", default=[],
                            metavar="NAME=VALUE", help="a spider argument that names the site")
        parser.add_argument("--json", action="store_true", help="print JSON")
        parser.add_argument("--stop", action="store_true",
                            help="ask the workers to finish what they hold and exit")
        parser.add_argument("--resume", action="store_true", help="withdraw --stop")

    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        try:
            super().process_options(args, opts)
            opts.spargs = arglist_to_dict(opts.spargs)
        except (UsageError, ValueError) as exc:
            usage_error(str(exc) or "bad options")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        from newscrawl.group.status import format_status, group_status, request_stop

        assert self.settings is not None
        url = self.settings.get("NEWSCRAWL_REDIS_URL")
        if not url:
            usage_error("status shows a shared crawl: give -s NEWSCRAWL_REDIS_URL=redis://...")
        if len(args) != 1:
            usage_error("give exactly one spider: newscrawl status SPIDER")
        try:
            site = site_name(load_spider(self.settings, args[0]), opts.spargs)
        except ValueError as exc:
            usage_error(str(exc))
        try:
            if opts.stop or opts.resume:
                request_stop(url, site, stop=opts.stop)
            status = group_status(url, site)
        except (StateError, OSError, Exception) as exc:
            print(f"newscrawl status: {site}: cannot read the group: {exc}", file=sys.stderr)
            self.exitcode = EXIT_FAILED
            return
        print(json.dumps(status, indent=2) if opts.json else format_status(status))
        self.exitcode = EXIT_OK
