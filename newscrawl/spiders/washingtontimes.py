from __future__ import annotations

from newscrawl.spiders.base import NewsSpider


class WashingtonTimesSpider(NewsSpider):
    """washingtontimes.com: RSS feeds and sitemaps (see sites/washingtontimes.toml)."""

    name = "washingtontimes"
    site = "washingtontimes"
