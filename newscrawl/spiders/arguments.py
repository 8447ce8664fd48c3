"""The arguments (`-a NAME=VALUE`) each spider takes, declared once.

`scrapy crawl SPIDER -h` lists them, and the crawl command checks every one before anything
starts, so a typo in a crontab is a one-line usage error (exit 2), not a traceback or a crawl
that silently ignores it. The spiders read their arguments with the same parsers.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from newscrawl.normalize.urls import http_url
from newscrawl.run.since import parse_since
from newscrawl.run.store import validate_site_name


class ArgumentError(ValueError):
    """A spider argument that cannot be used; the message says which and why."""


@dataclass(frozen=True)
class Argument:
    name: str
    metavar: str
    help: str
    parse: Callable[[str], Any]  # raises ValueError with a readable message

    def usage(self) -> str:
        return f"-a {self.name}={self.metavar}"


def split_arg(value: str | Iterable[str] | None) -> list[str]:
    """`-a feed=A,B` and repeated values alike, as a list."""
    if value is None:
        return []
    parts = value.split(",") if isinstance(value, str) else list(value)
    return [p.strip() for p in parts if p.strip()]


def http_urls(value: str | Iterable[str] | None) -> list[str]:
    """Comma-separated http(s) URLs; at least one."""
    urls = [http_url(u) for u in split_arg(value)]
    if not urls:
        raise ValueError("no URL given")
    return urls


def positive_int(value: str | int) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ValueError(f"{value!r} is not a whole number") from None
    if number < 1:
        raise ValueError(f"{value!r} is not a positive number")
    return number


NEWS_ARGUMENTS: tuple[Argument, ...] = (
    Argument("max_articles", "N", "fetch at most N articles this run", positive_int),
    Argument("since", "WHEN", "only articles a feed or sitemap dates since WHEN: a span "
             "back from now (30m, 12h, 2d, 1w) or a date (2026-11-01)", parse_since),
    Argument("state_name", "NAME", "the name of the run's state store and lock "
             "(default: the site)", validate_site_name),
)  # fmt: skip
SITE_ARGUMENTS: tuple[Argument, ...] = (
    Argument("start_url", "URL", "crawl a mirror of the site at URL: the profile's feeds, "
             "sitemaps and sections are read relative to it", http_url),
    *NEWS_ARGUMENTS,
)  # fmt: skip
GENERIC_ARGUMENTS: tuple[Argument, ...] = (
    Argument("feed", "URL[,URL...]", "RSS or Atom feeds to read", http_urls),
    Argument("sitemap", "URL[,URL...]", "sitemaps or sitemap indexes to read", http_urls),
    Argument("url", "URL[,URL...]", "article pages to fetch", http_urls),
    *NEWS_ARGUMENTS,
)  # fmt: skip


def check_arguments(
    spider: str,
    declared: Iterable[Argument],
    given: Mapping[str, Any],
    *,
    one_of: Iterable[str] = (),
) -> None:
    """ArgumentError for an argument the spider does not take or cannot use, or when none of
    `one_of` is given. Names starting with `_` (scrapyd's `_job`) are left alone."""
    by_name = {a.name: a for a in declared}
    for name, value in given.items():
        if name.startswith("_"):
            continue
        argument = by_name.get(name)
        if argument is None:
            takes = ", ".join(by_name) or "none"
            raise ArgumentError(f"spider {spider} takes no argument {name!r} (it takes: {takes})")
        try:
            argument.parse(value)
        except ValueError as exc:
            raise ArgumentError(f"-a {name}: {exc}") from None
    wanted = list(one_of)
    if wanted and not any(given.get(name) for name in wanted):
        choices = ", ".join(f"-a {name}=" for name in wanted)
        raise ArgumentError(f"spider {spider} needs at least one of {choices}")


def describe(declared: Iterable[Argument], one_of: Iterable[str] = ()) -> str:
    """The arguments, one per entry, for `scrapy crawl SPIDER -h`."""
    entries = [(a.usage(), a.help) for a in declared]
    wanted = list(one_of)
    if wanted:
        entries.append(("", f"(at least one of {', '.join(wanted)} is needed)"))
    return "\n".join(help_entry(term, text) for term, text in entries)


def help_entry(term: str, text: str, width: int = 100, indent: int = 30) -> str:
    """`  term    text`, the text wrapped under itself like argparse's help."""
    first = f"  {term}".ljust(indent)
    return textwrap.fill(text, width, initial_indent=first, subsequent_indent=" " * indent)
