from __future__ import annotations

import gzip

import pytest

from newscrawl.discovery import FeedError, parse_listing

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>The Quarry Courier</title>
<item><title>Bridge reopens</title><link>https://courier.example/news/2024/03/02/bridge/</link>
<pubDate>Sat, 02 Mar 2024 09:15:00 +0100</pubDate></item>
<item><title>No link here</title></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Ledger</title>
<entry><title>Harbour dues rise</title>
<link rel="alternate" href="https://ledger.example/a/harbour-dues"/>
<link rel="enclosure" href="https://ledger.example/a/harbour.mp3"/>
<published>2024-03-01T08:00:00Z</published><updated>2024-03-01T10:30:00Z</updated></entry>
</feed>"""

NEWS_SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://ledger.example/a/tide-tables</loc><lastmod>2024-03-03</lastmod>
<news:news><news:publication><news:name>Ledger</news:name><news:language>en</news:language>
</news:publication><news:publication_date>2024-03-02T18:40:00+00:00</news:publication_date>
<news:title>Tide tables</news:title></news:news></url>
</urlset>"""

INDEX = b"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://ledger.example/sitemap-news.xml</loc></sitemap>
<sitemap><loc>https://ledger.example/sitemap-2024.xml.gz</loc><lastmod>2024-03-04</lastmod></sitemap>
</sitemapindex>"""


def test_rss_items_give_link_and_pubdate() -> None:
    listing = parse_listing(RSS)
    assert listing.kind == "feed"
    assert [(e.url, e.published) for e in listing.entries] == [
        ("https://courier.example/news/2024/03/02/bridge/", "Sat, 02 Mar 2024 09:15:00 +0100")
    ]


def test_atom_entry_uses_alternate_link_and_both_dates() -> None:
    (entry,) = parse_listing(ATOM).entries
    assert entry.url == "https://ledger.example/a/harbour-dues"
    assert (entry.published, entry.updated) == ("2024-03-01T08:00:00Z", "2024-03-01T10:30:00Z")


def test_google_news_sitemap_gives_publication_date_and_lastmod() -> None:
    listing = parse_listing(NEWS_SITEMAP)
    assert listing.kind == "urlset"
    (entry,) = listing.entries
    assert (entry.published, entry.updated) == ("2024-03-02T18:40:00+00:00", "2024-03-03")


def test_sitemap_index_lists_child_sitemaps() -> None:
    listing = parse_listing(INDEX)
    assert listing.kind == "sitemapindex"
    assert [e.url for e in listing.entries][-1] == "https://ledger.example/sitemap-2024.xml.gz"


def test_gzipped_sitemap_is_read() -> None:
    assert parse_listing(gzip.compress(NEWS_SITEMAP)).kind == "urlset"


def test_entity_expansion_is_refused() -> None:
    laughs = b"""<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">
<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<rss><channel><item><link>&lol2;</link></item></channel></rss>"""
    with pytest.raises(FeedError, match="entities"):
        parse_listing(laughs)


@pytest.mark.parametrize(
    "data", [b"", b"   ", b"<html><body>not a feed</body></html>", b"\x00\x01\x02binary"]
)
def test_non_feeds_raise_feed_error(data: bytes) -> None:
    with pytest.raises(FeedError):
        parse_listing(data)


def test_truncated_feed_still_gives_complete_items() -> None:
    listing = parse_listing(RSS[: RSS.index(b"<item><title>No link")])
    assert len(listing.entries) == 1


def test_gzip_bomb_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    import newscrawl.discovery as discovery

    monkeypatch.setattr(discovery, "MAX_XML_BYTES", 1024)
    bomb = gzip.compress(b"<urlset>" + b" " * 100_000 + b"</urlset>")
    with pytest.raises(FeedError, match="larger"):
        parse_listing(bomb)


def test_gzip_with_corrupt_deflate_data_raises_feed_error() -> None:
    packed = gzip.compress(NEWS_SITEMAP)
    corrupt = packed[:12] + b"\xff" * 20 + packed[32:]  # header intact, deflate stream broken
    with pytest.raises(FeedError, match="gzip"):
        parse_listing(corrupt)
