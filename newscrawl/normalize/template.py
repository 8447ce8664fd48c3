"""Learned site templates: lines that repeat across many articles of one site are chrome.

A `SiteTemplate` remembers, for each of the site's most recent articles, the distinct lines of
its body (as short fingerprints), and counts in how many of those articles each line appears.
An article is its key (its path and query, see `article_key`): the same article fetched again,
under another port, mirror or tracking parameter, replaces its own earlier contribution instead
of adding to it, and a line repeated inside one page counts once. When a page is judged, its
own contribution is left out: a line is chrome only when enough *other* articles have it, so a
paragraph unique to one article is never removed, however often that article is crawled. Long
lines (prose) need far more evidence than short ones, so a quoted sentence that two stories
share is never taken for a footer. The template is bounded: MAX_ARTICLES articles (the oldest is
forgotten first) and MAX_LINES_PER_ARTICLE lines of each. `TemplateStore` keeps one small JSON
file per site and writes it atomically; files of an older format are ignored and learned again.
Pure: no Scrapy.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from newscrawl.normalize.urls import canonicalize_url

# Never judge a line before this many other articles of the site were learned.
MIN_PAGES = 5
# A line is chrome when this many other articles had it, and this share of them.
MIN_LINE_PAGES = 3
MIN_SHARE = 0.3
# Lines of this many words or more read as prose: they need more articles and a larger share.
PROSE_WORDS = 20
PROSE_MIN_LINE_PAGES = 10
PROSE_MIN_SHARE = 0.6
# Bounds: the most recent articles of the site, and of each the first and last lines (chrome
# sits at the edges of a body; a page of thousands of lines must not fill the template).
MAX_ARTICLES = 1_000
MAX_LINES_PER_ARTICLE = 200
FORMAT = 2

logger = logging.getLogger(__name__)

_TOKEN = re.compile(r"\w+")
_DIGITS = re.compile(r"\d+")
_UNSAFE = re.compile(r"[^\w.-]+")


@lru_cache(maxsize=4096)  # a page's lines are learnt, then stripped: fingerprinted twice
def fingerprint(line: str) -> str:
    """A short key for a line: words casefolded, numbers blurred (years, counts, dates)."""
    words = " ".join(_TOKEN.findall(_DIGITS.sub("0", line.casefold())))
    return hashlib.blake2b(words.encode("utf-8"), digest_size=8).hexdigest() if words else ""


def article_key(url: str, root: str = "/") -> str:
    """The article a URL names within its site: the canonical path (relative to the site's
    `root`, the path a mirror serves it under) and query. Host, port and scheme are left out:
    the template is the site's already, and a mirror, another port or the `www.` host shows
    the same article. ValueError for a URL that is no absolute http(s) URL."""
    parts = urlsplit(canonicalize_url(url))
    path = parts.path
    if root != "/" and path.startswith(root):
        path = "/" + path[len(root):]
    return path + (f"?{parts.query}" if parts.query else "")


def _hashed(key: str) -> str:
    return hashlib.blake2b(key.encode("utf-8"), digest_size=8).hexdigest()


def _line_prints(paragraphs: Iterable[str]) -> list[str]:
    """The page's distinct line fingerprints in order, the first and last lines if many."""
    prints = list(dict.fromkeys(fingerprint(p) for p in paragraphs))
    prints = [fp for fp in prints if fp]
    if len(prints) > MAX_LINES_PER_ARTICLE:
        half = MAX_LINES_PER_ARTICLE // 2
        prints = prints[:half] + prints[-(MAX_LINES_PER_ARTICLE - half):]
    return prints


@dataclass
class SiteTemplate:
    site: str
    # hashed article key -> the line fingerprints it had; oldest article first
    articles: dict[str, list[str]] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)  # fingerprint -> articles that had it

    @property
    def pages(self) -> int:
        return len(self.articles)

    def learn(self, paragraphs: list[str], key: str) -> bool:
        """Count the article's distinct lines, replacing what it gave before; False when the
        article was learned already."""
        hashed = _hashed(key)
        old = self.articles.pop(hashed, None)
        if old is not None:
            self._count(old, -1)
        prints = _line_prints(paragraphs)
        self.articles[hashed] = prints
        self._count(prints, 1)
        while len(self.articles) > MAX_ARTICLES:
            self._count(self.articles.pop(next(iter(self.articles))), -1)
        return old is None

    def strip(self, paragraphs: list[str], key: str) -> list[str]:
        """The article's paragraphs without the lines that enough other articles have."""
        own = set(self.articles.get(_hashed(key), ()))
        others = self.pages - (1 if _hashed(key) in self.articles else 0)
        if others < MIN_PAGES:
            return list(paragraphs)
        return [p for p in paragraphs if not self._is_chrome(p, own, others)]

    def _is_chrome(self, paragraph: str, own: set[str], others: int) -> bool:
        fp = fingerprint(paragraph)
        seen = self.lines.get(fp, 0) - (1 if fp in own else 0)
        if len(paragraph.split()) >= PROSE_WORDS:
            return seen >= PROSE_MIN_LINE_PAGES and seen >= PROSE_MIN_SHARE * others
        return seen >= MIN_LINE_PAGES and seen >= MIN_SHARE * others

    def _count(self, prints: list[str], step: int) -> None:
        for fp in prints:
            count = self.lines.get(fp, 0) + step
            if count > 0:
                self.lines[fp] = count
            else:
                self.lines.pop(fp, None)

    def to_json(self) -> dict[str, Any]:
        articles = {key: " ".join(prints) for key, prints in self.articles.items()}
        return {"format": FORMAT, "site": self.site, "articles": articles}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SiteTemplate:
        if data.get("format") != FORMAT:
            raise OldFormat(f"template format {data.get('format')!r}, not {FORMAT}")
        template = cls(site=str(data["site"]))
        for key, prints in dict(data["articles"]).items():
            template.articles[str(key)] = str(prints).split()[:MAX_LINES_PER_ARTICLE]
        for key in list(template.articles)[:-MAX_ARTICLES]:
            del template.articles[key]
        for prints in template.articles.values():
            template._count(prints, 1)
        return template


class OldFormat(ValueError):
    """A template file written by another version: ignored, the template is learned again."""


class TemplateStore:
    """Site templates under one directory, `<dir>/<site>.json`, loaded on first use."""

    def __init__(self, directory: str | os.PathLike[str]) -> None:
        self.directory = Path(directory)
        self._templates: dict[str, SiteTemplate] = {}

    def path(self, site: str) -> Path:
        return self.directory / f"{_UNSAFE.sub('_', site) or '_'}.json"

    def template(self, site: str) -> SiteTemplate:
        if site not in self._templates:
            self._templates[site] = self._load(site)
        return self._templates[site]

    def learn(self, site: str, paragraphs: list[str], key: str) -> bool:
        return self.template(site).learn(paragraphs, key)

    def strip(self, site: str, paragraphs: list[str], key: str) -> list[str]:
        return self.template(site).strip(paragraphs, key)

    def save(self, site: str | None = None) -> None:
        """Write the named site's template (or every loaded one), atomically."""
        sites = [site] if site is not None else list(self._templates)
        for name in sites:
            if name in self._templates:
                _write_atomic(self.path(name), self._templates[name].to_json())

    def _load(self, site: str) -> SiteTemplate:
        path = self.path(site)
        try:
            return SiteTemplate.from_json(json.loads(path.read_text("utf-8")))
        except FileNotFoundError:
            return SiteTemplate(site)
        except OldFormat as exc:
            logger.info("site template %s has an older format, learning it again: %s", path, exc)
            return SiteTemplate(site)
        except (OSError, ValueError, KeyError, TypeError) as exc:  # a broken file: start again
            logger.warning("site template %s is unreadable, starting a new one: %r", path, exc)
            return SiteTemplate(site)


def _write_atomic(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as sink:
            json.dump(data, sink, separators=(",", ":"))
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
