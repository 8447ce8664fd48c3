from __future__ import annotations

from newscrawl.spiders.base import NewsSpider


class RudawSpider(NewsSpider):
    """rudaw.net, English edition: RSS feed and section pages (see sites/rudaw.toml)."""

    name = "rudaw"
    site = "rudaw"
