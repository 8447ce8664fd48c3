"""The dates a feed or sitemap gives an entry, as the spider reads them for `since` and lastmod."""

from __future__ import annotations

from datetime import UTC, datetime

from newscrawl.discovery import Entry
from newscrawl.spiders.base import listed_time


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
    crawler = get_crawler(GenericNewsSpider)
    spider = GenericNewsSpider.from_crawler(
        crawler, sitemap="http://news.example/sitemap.xml", feed="http://news.example/rss"
    )
    (request,) = spider.parse_listing(XmlResponse("http://news.example/sitemap.xml", body=sitemap))
    assert list(spider.parse_listing(XmlResponse("http://news.example/rss", body=feed))) == []
    page = "<html><body><article><h1>Pier repairs</h1>" + "".join(
        f"<p>Paragraph {n}: the harbour board met on Tuesday to weigh the pier repairs, the cost "
        f"of new pilings and whether the ferry timetable must change while crews work.</p>"
        for n in range(1, 7)
    ) + "</article></body></html>"
    response = HtmlResponse(article, body=page.encode(), encoding="utf-8",
                            request=Request(article))
    (draft,) = spider.parse_article(response, **request.cb_kwargs)
    listed = {(d.raw, d.kind) for d in draft.dates if d.layer == "feed"}
    assert listed == {("Tue, 05 Feb 2019 09:12:00 -0500", "published"), ("2019-02-06", "modified")}
