"""Learned site templates: lines that repeat across many pages of one site are chrome.

A `SiteTemplate` counts, for each normalized line of a page's body, on how many distinct pages
of the site it was seen. A line is confirmed chrome once the site has enough pages and the line
was on enough of them; long lines (prose) need far more evidence than short ones, so a quoted
sentence that two stories share is never taken for a footer. `TemplateStore` keeps one small
JSON file per site and writes it atomically. Pure: no Scrapy.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# Never judge a line before the site has this many learned pages.
MIN_PAGES = 5
# A line is chrome when it was on at least this many pages and this share of the site's pages.
MIN_LINE_PAGES = 3
MIN_SHARE = 0.3
# Lines of this many words or more read as prose: they need more pages and a larger share.
PROSE_WORDS = 20
PROSE_MIN_LINE_PAGES = 10
PROSE_MIN_SHARE = 0.6
# Bounds that keep a template small: lines seen once are forgotten first when there are too
# many, and only the most recent page keys are kept to skip pages learned twice.
MAX_LINES = 20_000
MAX_PAGE_KEYS = 5_000
FORMAT = 1

logger = logging.getLogger(__name__)

_TOKEN = re.compile(r"\w+")
_DIGITS = re.compile(r"\d+")
_UNSAFE = re.compile(r"[^\w.-]+")


def fingerprint(line: str) -> str:
    """A short key for a line: words casefolded, numbers blurred (years, counts, dates)."""
    words = " ".join(_TOKEN.findall(_DIGITS.sub("0", line.casefold())))
    return hashlib.blake2b(words.encode("utf-8"), digest_size=8).hexdigest() if words else ""


@dataclass
class SiteTemplate:
    site: str
    pages: int = 0
    lines: dict[str, int] = field(default_factory=dict)  # fingerprint -> pages it was on
    page_keys: list[str] = field(default_factory=list)  # recently learned pages (hashed URLs)

    def learn(self, paragraphs: list[str], page_key: str | None = None) -> bool:
        """Count the page's distinct lines; False when the page was learned already."""
        if page_key is not None:
            key = hashlib.blake2b(page_key.encode("utf-8"), digest_size=8).hexdigest()
            if key in self.page_keys:
                return False
            self.page_keys.append(key)
            del self.page_keys[:-MAX_PAGE_KEYS]
        self.pages += 1
        for fp in {fingerprint(p) for p in paragraphs} - {""}:
            self.lines[fp] = self.lines.get(fp, 0) + 1
        if len(self.lines) > MAX_LINES:
            self._forget_rare()
        return True

    def is_chrome(self, paragraph: str) -> bool:
        if self.pages < MIN_PAGES:
            return False
        seen = self.lines.get(fingerprint(paragraph), 0)
        if len(paragraph.split()) >= PROSE_WORDS:
            return seen >= PROSE_MIN_LINE_PAGES and seen >= PROSE_MIN_SHARE * self.pages
        return seen >= MIN_LINE_PAGES and seen >= MIN_SHARE * self.pages

    def strip(self, paragraphs: list[str]) -> list[str]:
        """The paragraphs without the lines this template has confirmed as chrome."""
        if self.pages < MIN_PAGES:
            return list(paragraphs)
        return [p for p in paragraphs if not self.is_chrome(p)]

    def _forget_rare(self) -> None:
        self.lines = {fp: n for fp, n in self.lines.items() if n > 1}

    def to_json(self) -> dict[str, Any]:
        return {"format": FORMAT, "site": self.site, "pages": self.pages,
                "lines": self.lines, "page_keys": self.page_keys}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SiteTemplate:
        if data.get("format") != FORMAT:
            raise ValueError(f"unknown template format {data.get('format')!r}")
        return cls(site=str(data["site"]), pages=int(data["pages"]),
                   lines={str(k): int(v) for k, v in dict(data["lines"]).items()},
                   page_keys=[str(k) for k in data.get("page_keys", [])])


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

    def learn(self, site: str, paragraphs: list[str], page_key: str | None = None) -> bool:
        return self.template(site).learn(paragraphs, page_key)

    def strip(self, site: str, paragraphs: list[str]) -> list[str]:
        return self.template(site).strip(paragraphs)

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
