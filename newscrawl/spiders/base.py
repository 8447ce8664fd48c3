"""The base news spider: discovery from a site profile, extraction of each article page.

Feeds, sitemaps and section pages are fetched every run; links that match the profile's article
pattern are fetched as articles. A page that cannot give an article becomes a Rejected item,
which the validate pipeline counts and writes to the rejects file.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urljoin

import scrapy
from scrapy.http import Response, TextResponse
from scrapy.settings import BaseSettings

from newscrawl.discovery import Entry, FeedError, parse_listing
from newscrawl.extraction import ExtractionError, extract
from newscrawl.items import DateCandidate, Rejected
from newscrawl.sites import SiteProfile, load_profile

DEFAULT_FEED = "%(output_dir)s/%(name)s/%(run_stamp)s.jsonl"


def split_arg(value: str | Iterable[str] | None) -> list[str]:
    """`-a feed=A,B` and repeated values alike, as a list."""
    if value is None:
        return []
    parts = value.split(",") if isinstance(value, str) else list(value)
    return [p.strip() for p in parts if p.strip()]


class NewsSpider(scrapy.Spider):
    """A spider for one site profile. Arguments: start_url (crawl a mirror), max_articles."""

    site: ClassVar[str] = ""

    def __init__(self, *args: Any, start_url: str | None = None,
                 max_articles: str | int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.run_started = datetime.now(UTC)
        self.run_stamp = self.run_started.strftime("%Y-%m-%dT%H-%M-%SZ")
        self.profile = self.build_profile(start_url)
        self.allowed_domains = list(self.profile.domains)
        self.max_articles = int(max_articles) if max_articles else None
        self._article_urls: set[str] = set()

    def build_profile(self, start_url: str | None) -> SiteProfile:
        profile = load_profile(self.site or self.name)
        return profile.with_base(start_url) if start_url else profile

    @classmethod
    def update_settings(cls, settings: BaseSettings) -> None:
        super().update_settings(settings)
        if settings.getbool("NEWSCRAWL_RENDER") or load_profile(cls.site or cls.name).render:
            # Only rendering runs load the browser download handler.
            handler = "scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler"
            settings.set("DOWNLOAD_HANDLERS", {"http": handler, "https": handler}, "spider")
            settings.set("NEWSCRAWL_RENDER", True, "spider")
        # Default output unless the user chose one (-o/-O or FEEDS).
        if not settings.getdict("FEEDS"):
            uri = DEFAULT_FEED.replace("%(output_dir)s", settings.get("NEWSCRAWL_OUTPUT_DIR"))
            settings.set("FEEDS", {uri: {"format": "jsonlines", "encoding": "utf-8"}}, "spider")

    # -- output paths ------------------------------------------------------------------------

    def output_path(self) -> Path | None:
        """The JSON Lines file this run writes (its first local feed), for files beside it."""
        for uri in self.settings.getdict("FEEDS"):
            text = str(uri)
            if text.startswith("file://"):
                text = text[len("file://"):]
            elif "://" in text:
                continue
            params = {"name": self.name, "run_stamp": self.run_stamp,
                      "time": self.run_started.strftime("%Y-%m-%dT%H-%M-%S+00-00")}
            try:
                return Path(text % params)
            except (KeyError, ValueError):
                return None
        return None

    def sibling_path(self, suffix: str) -> Path | None:
        out = self.output_path()
        if out is None:
            return None
        return out.with_name(out.name.removesuffix(".jsonl").removesuffix(".json") + suffix)

    # -- discovery ---------------------------------------------------------------------------

    async def start(self) -> AsyncIterator[Any]:
        for request in self.discovery_requests():
            yield request

    def discovery_requests(self) -> Iterable[scrapy.Request]:
        p = self.profile
        for path in p.feeds:
            yield scrapy.Request(p.absolute(path), self.parse_listing, priority=10)
        for path in p.sitemaps:
            yield scrapy.Request(p.absolute(path), self.parse_listing, priority=10)
        for path in p.sections:
            yield scrapy.Request(p.absolute(path), self.parse_section, priority=5)

    def parse_listing(self, response: Response) -> Iterable[Any]:
        try:
            listing = parse_listing(response.body)
        except FeedError as exc:
            self.count("bad_listing")
            self.logger.warning("unreadable feed or sitemap %s: %s", response.url, exc)
            return
        self.count(f"listings/{listing.kind}")
        for entry in listing.entries:
            url = self.to_local(urljoin(response.url, entry.url))
            if listing.kind == "sitemapindex":
                yield scrapy.Request(url, self.parse_listing, priority=10)
            elif self.wants_article(url):
                yield self.article_request(url, entry)

    def parse_section(self, response: Response) -> Iterable[Any]:
        if not isinstance(response, TextResponse):
            self.count("bad_listing")
            return
        for href in response.css("a::attr(href)").getall():
            url = self.to_local(response.urljoin(href))
            if self.profile.is_article_url(url) and self.wants_article(url):
                yield self.article_request(url, None)

    def wants_article(self, url: str) -> bool:
        """Article links of this site, each once, up to max_articles."""
        if url in self._article_urls:
            return False
        if self.profile.article_pattern is not None and not self.profile.is_article_url(url):
            return False
        if self.max_articles is not None and len(self._article_urls) >= self.max_articles:
            return False
        self._article_urls.add(url)
        return True

    def article_request(self, url: str, entry: Entry | None) -> scrapy.Request:
        meta = {"playwright": True} if self.settings.getbool("NEWSCRAWL_RENDER") else {}
        return scrapy.Request(url, self.parse_article, cb_kwargs={"entry": entry}, meta=meta)

    def to_local(self, url: str) -> str:
        """Links to the live site point at the mirror when crawling one."""
        return self.profile.to_mirror(url)

    # -- articles ----------------------------------------------------------------------------

    def parse_article(self, response: Response, entry: Entry | None = None) -> Iterable[Any]:
        content_type = response.headers.get(b"Content-Type", b"").decode("latin-1")
        encoding = response.encoding if isinstance(response, TextResponse) else None
        profile = self.page_profile(response.url)
        try:
            draft = extract(
                response.body, response.url, profile,
                fetched_at=datetime.now(UTC), content_type=content_type, encoding=encoding,
            )
        except ExtractionError as exc:
            yield Rejected(response.url, exc.reason, str(exc))
            return
        draft.site = profile.site_for(response.url)
        if entry is not None:
            for raw, kind in ((entry.published, "published"), (entry.updated, "modified")):
                if raw:
                    draft.dates.append(DateCandidate(raw, "feed", kind))  # type: ignore[arg-type]
        yield draft

    def page_profile(self, url: str) -> SiteProfile:
        """The profile that extracts this page."""
        return self.profile

    def count(self, key: str) -> None:
        if self.crawler is not None and self.crawler.stats is not None:
            self.crawler.stats.inc_value(f"newscrawl/{key}")
