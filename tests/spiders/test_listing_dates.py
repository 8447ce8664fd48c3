"""The dates a feed or sitemap gives an entry, as the spider reads them for `since` and lastmod."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from newscrawl.discovery import Entry
from newscrawl.spiders.base import listed_time
from tests.crawl import scrapy_crawl
from tests.localserver import PageServer


async def collect(items: AsyncIterator[Any]) -> list[Any]:
    return [item async for item in items]


def test_rss_date_is_read_in_utc() -> None:
    entry = Entry("http://x/a", published="Tue, 05 Feb 2019 11:20:00 +0300")
    assert listed_time(entry) == datetime(2019, 2, 5, 8, 20, tzinfo=UTC)


def test_the_later_of_published_and_updated_counts() -> None:
    entry = Entry("http://x/a", published="2019-02-05", updated="2019-02-07T10:00:00Z")
    assert listed_time(entry) == datetime(2019, 2, 7, 10, 0, tzinfo=UTC)


def test_unreadable_dates_give_none() -> None:
    assert listed_time(Entry("http://x/a", published="yesterday-ish")) is None


def test_an_article_gets_the_dates_of_every_listing_that_names_it() -> None:
    from scrapy.http import HtmlResponse, Request, XmlResponse
    from scrapy.utils.test import get_crawler

    from newscrawl.spiders.news import GenericNewsSpider

    article = "http://news.example/2019/02/05/pier-repairs"
    sitemap = (b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>'
               + article.encode() + b"</loc><lastmod>2019-02-06</lastmod></url></urlset>")
    feed = (b"<rss><channel><item><link>" + article.encode()
            + b"</link><pubDate>Tue, 05 Feb 2019 09:12:00 -0500</pubDate></item></channel></rss>")
    crawler = get_crawler(GenericNewsSpider, {"NEWSCRAWL_EXTRACT_WORKERS": 0})
    spider = GenericNewsSpider.from_crawler(
        crawler, sitemap="http://news.example/sitemap.xml", feed="http://news.example/rss"
    )
    # Both listings hold the article (no request yet): it is requested once both are read.
    for url, body in (("http://news.example/sitemap.xml", sitemap), ("http://news.example/rss", feed)):
        response = XmlResponse(url, body=body, request=Request(url))
        assert list(spider.parse_listing(response)) == []
    page = "<html><body><article><h1>Pier repairs</h1>" + "".join(
        f"<p>Paragraph {n}: the harbour board met on Tuesday to weigh the pier repairs, the cost "
        f"of new pilings and whether the ferry timetable must change while crews work.</p>"
        for n in range(1, 7)
    ) + "</article></body></html>"
    response = HtmlResponse(article, body=page.encode(), encoding="utf-8",
                            request=Request(article))
    (draft,) = asyncio.run(collect(spider.parse_article(response, listed_as=article)))
    listed = {(d.raw, d.kind) for d in draft.dates if d.layer == "feed"}
    assert listed == {("Tue, 05 Feb 2019 09:12:00 -0500", "published"), ("2019-02-06", "modified")}


def _page(title: str) -> bytes:
    """An article page that prints no date of its own."""
    return ("<html><head><title>" + title + "</title></head><body><article><h1>" + title
            + "</h1>" + "".join(
                f"<p>Paragraph {n}: the lock keepers on the canal counted more barges this month "
                f"than in any month since the towpath was rebuilt, the trust said.</p>"
                for n in range(1, 7)) + "</article></body></html>").encode()


def test_a_slow_feed_still_dates_the_article_a_fast_sitemap_lists(tmp_path: Path) -> None:
    """The sitemap (no time of day) answers at once, the feed (with the time) a second later:
    the article is fetched only once both are read, so it always gets the feed's time."""
    article = "/canal/2019/03/04/barges"
    pages = {article: ("text/html; charset=utf-8", _page("More barges on the canal"))}
    with PageServer(pages, delays={"/rss.xml": 1.5}) as server:
        url = server.base_url.rstrip("/") + article
        pages["/sitemap.xml"] = ("application/xml", (
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>' + url
            + "</loc><lastmod>2019-03-04</lastmod></url></urlset>").encode())
        pages["/rss.xml"] = ("application/rss+xml", (
            "<rss><channel><item><link>" + url + "</link><pubDate>Mon, 04 Mar 2019 07:45:00"
            " +0000</pubDate></item></channel></rss>").encode())
        result = scrapy_crawl(
            "news", "-a", f"sitemap={server.base_url}sitemap.xml",
            "-a", f"feed={server.base_url}rss.xml", out=tmp_path / "out.jsonl",
            settings={"ROBOTSTXT_OBEY": "0"},
        )
    assert result.returncode == 0, result.log[-3000:]
    (record,) = result.records
    assert record["published_at"] == "2019-03-04T07:45:00+00:00"
