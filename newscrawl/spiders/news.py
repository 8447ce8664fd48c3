from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urlsplit

import scrapy

from newscrawl.normalize.urls import http_url
from newscrawl.run.store import validate_site_name
from newscrawl.sites import SiteProfile, load_profile, profile_for_url
from newscrawl.spiders.arguments import GENERIC_ARGUMENTS, split_arg
from newscrawl.spiders.base import NewsSpider


class GenericNewsSpider(NewsSpider):
    """Any site without a profile: -a feed=URL, -a sitemap=URL, -a url=URL (each may list
    several, comma-separated). RSS 2.0, Atom, sitemap indexes and Google News sitemaps.

    Every link a feed or sitemap lists is fetched as an article; pages that turn out not to be
    articles are counted as drops. A URL on a site that has a profile is extracted with it.
    """

    name = "news"
    arguments = GENERIC_ARGUMENTS
    arguments_one_of = ("feed", "sitemap", "url")

    def __init__(self, *args: Any, feed: str | None = None, sitemap: str | None = None,
                 url: str | None = None, **kwargs: Any) -> None:
        self.feeds = [http_url(u) for u in split_arg(feed)]
        self.sitemaps = [http_url(u) for u in split_arg(sitemap)]
        self.urls = [http_url(u) for u in split_arg(url)]
        if not (self.feeds or self.sitemaps or self.urls):
            raise ValueError("news spider: give at least one of -a feed=, -a sitemap=, -a url=")
        super().__init__(*args, **kwargs)
        hosts = {urlsplit(u).hostname for u in (*self.feeds, *self.sitemaps, *self.urls)}
        self.allowed_domains = sorted(h for h in hosts if h)

    @classmethod
    def state_name_for(cls, args: Mapping[str, Any]) -> str:
        """The one host the arguments name (`www.` dropped), else "news"."""
        if args.get("state_name"):
            return super().state_name_for(args)
        urls = [u for key in ("feed", "sitemap", "url") for u in split_arg(args.get(key))]
        hosts = {(urlsplit(u).hostname or "").removeprefix("www.") for u in urls} - {""}
        return validate_site_name(hosts.pop()) if len(hosts) == 1 else cls.name

    def discovery_args(self) -> dict[str, Any]:
        return {"feed": self.feeds, "sitemap": self.sitemaps, "url": self.urls}

    def build_profile(self, start_url: str | None) -> SiteProfile:
        return load_profile("news")

    def discovery_requests(self) -> Iterable[scrapy.Request | None]:
        for listing in (*self.feeds, *self.sitemaps):
            yield self.listing_request(listing)

    def after_listings(self) -> Iterable[scrapy.Request]:
        """The pages given with -a url=, once the feeds and sitemaps (which may date them) are
        read."""
        for url in self.urls:
            if (request := self.link_request(url)) is not None:
                yield request

    def page_profile(self, url: str) -> SiteProfile:
        return profile_for_url(url) or self.profile
