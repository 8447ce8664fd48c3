"""A broken link or date in a feed or section page costs that link only, not the listing."""

from __future__ import annotations

from scrapy.http import HtmlResponse, XmlResponse
from scrapy.utils.test import get_crawler

from newscrawl.discovery import Entry
from newscrawl.spiders.base import listed_time
from newscrawl.spiders.news import GenericNewsSpider
from newscrawl.spiders.rudaw import RudawSpider

FEED_URL = "http://harbour.example/rss"


def _spider() -> GenericNewsSpider:
    return GenericNewsSpider.from_crawler(get_crawler(GenericNewsSpider), feed=FEED_URL)


def _item(link: str, date: str = "") -> bytes:
    pub = f"<pubDate>{date}</pubDate>" if date else ""
    return f"<item><link>{link}</link>{pub}</item>".encode()


def test_a_malformed_link_in_a_feed_skips_that_link_only() -> None:
    spider = _spider()
    feed = (b"<rss><channel>" + _item("http://harbour.example/2024/ferry")
            + _item("http://[broken/2024/pier") + _item("http://harbour.example/2024/quay")
            + b"</channel></rss>")
    assert list(spider.parse_listing(XmlResponse(FEED_URL, body=feed))) == []
    requests = list(spider.listed_requests())
    assert [r.url for r in requests] == ["http://harbour.example/2024/ferry",
                                         "http://harbour.example/2024/quay"]
    assert spider.crawler.stats.get_value("newscrawl/skipped/bad_url") == 1


def test_a_malformed_link_on_a_section_page_skips_that_link_only() -> None:
    spider = RudawSpider.from_crawler(get_crawler(RudawSpider))
    page = (b'<html><body><a href="http://[broken/english/world/120520241">x</a>'
            b'<a href="/english/world/120520242">Quay works</a></body></html>')
    response = HtmlResponse("https://www.rudaw.net/english/world", body=page, encoding="utf-8")
    assert [r.url for r in spider.parse_section(response)] == [
        "https://www.rudaw.net/english/world/120520242"
    ]


def test_a_feed_date_that_has_no_utc_value_gives_none() -> None:
    assert listed_time(Entry("http://x/a", published="0001-01-01T00:00:00+01:00")) is None


def test_rudaw_section_page_finds_the_days_first_article_and_the_later_ones() -> None:
    spider = RudawSpider.from_crawler(get_crawler(RudawSpider))
    page = (b'<html><body><a href="/english/middleeast/iraq/06022025">First of the day</a>'
            b'<a href="/english/middleeast/iraq/060220252">Second of the day</a>'
            b'<a href="/english/middleeast/iraq">Iraq</a>'
            b'<a href="/english/opinion/06022025">A column</a></body></html>')
    response = HtmlResponse("https://www.rudaw.net/english/middleeast", body=page,
                            encoding="utf-8")
    assert [r.url for r in spider.parse_section(response)] == [
        "https://www.rudaw.net/english/middleeast/iraq/06022025",
        "https://www.rudaw.net/english/middleeast/iraq/060220252",
        "https://www.rudaw.net/english/opinion/06022025",
    ]


def test_a_broken_listing_counts_its_unreadable_entries() -> None:
    spider = _spider()
    feed = (b"<rss><channel>" + _item("http://harbour.example/2024/ferry?a=1&b=2")
            + b"<item><link>http://harbour.example/2024/pier</lnk></item>"
            + _item("http://harbour.example/2024/quay") + b"</channel></rss>")
    assert list(spider.parse_listing(XmlResponse(FEED_URL, body=feed))) == []
    requests = list(spider.listed_requests())
    assert [r.url for r in requests] == ["http://harbour.example/2024/ferry?a=1&b=2",
                                         "http://harbour.example/2024/quay"]
    assert spider.crawler.stats.get_value("newscrawl/listing_entries_unreadable") == 1
