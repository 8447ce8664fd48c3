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


# -- broken listings: nothing is made up, what cannot be read is counted ----------------------

def _urlset(*entries: str) -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            + "\n".join(entries) + "\n</urlset>").encode()


def _url(loc: str, extra: str = "") -> str:
    return f"<url><loc>{loc}</loc>{extra}</url>"


def test_bare_ampersand_in_a_sitemap_url_is_read_as_written() -> None:
    listing = parse_listing(_urlset(_url("https://ledger.example/news?section=local&page=2"),
                                    _url("https://ledger.example/a?x=1&amp;y=2")))
    assert [e.url for e in listing.entries] == [
        "https://ledger.example/news?section=local&page=2", "https://ledger.example/a?x=1&y=2"]
    assert listing.unreadable == 0


def test_bare_ampersand_in_feed_links_is_read_as_written() -> None:
    rss = RSS.replace(b"/bridge/</link>", b"/bridge/?ref=home&page=2</link>")
    atom = ATOM.replace(b'href="https://ledger.example/a/harbour-dues"',
                        b'href="https://ledger.example/a/harbour-dues?s=1&t=2"')
    assert parse_listing(rss).entries[0].url.endswith("/bridge/?ref=home&page=2")
    assert parse_listing(atom).entries[0].url.endswith("/harbour-dues?s=1&t=2")


def test_entries_after_a_broken_tag_are_read_and_the_broken_one_is_counted() -> None:
    listing = parse_listing(_urlset(
        _url("https://ledger.example/a", "<lastmod>2024-03-01</lastmod>"),
        _url("https://ledger.example/b", "<lastmod>2024-03-02</lastmd>"),  # broken tag
        _url("https://ledger.example/c?d=1&e=2", "<lastmod>2024-03-03</lastmod>"),
        "<url><loc>https://ledger.example/d</loc><lastmod>2024-03-04</lastmod>",  # unclosed
        _url("https://ledger.example/e"),
    ))
    assert listing.kind == "urlset"
    assert [(e.url, e.updated) for e in listing.entries] == [
        ("https://ledger.example/a", "2024-03-01"),
        ("https://ledger.example/c?d=1&e=2", "2024-03-03"),
        ("https://ledger.example/d", "2024-03-04"),  # every field of it is complete
        ("https://ledger.example/e", None),
    ]
    assert listing.unreadable == 1


def test_an_entry_cut_inside_its_url_is_counted_not_guessed() -> None:
    listing = parse_listing(_urlset(_url("https://ledger.example/a"))[:-10]
                            + b"\n<url><loc>https://ledger.example/b-is-cut")
    assert [e.url for e in listing.entries] == ["https://ledger.example/a"]
    assert listing.unreadable == 1


def test_broken_item_in_a_feed_is_counted_and_the_others_are_read() -> None:
    items = b"".join(
        b"<item><title>T%d</title><link>https://courier.example/n/%d?a=1&b=2</link>"
        b"<pubDate>Sat, 02 Mar 2024 09:15:00 +0100</pubDate></item>\n" % (n, n) for n in range(3))
    broken = b"<item><title>Unclosed <b>bold</title><link>https://courier.example/x</link></item>"
    feed = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>C</title>\n'
            + items + broken + items.replace(b"/n/", b"/m/") + b"</channel></rss>")
    listing = parse_listing(feed)
    assert [e.url for e in listing.entries] == [
        f"https://courier.example/{d}/{n}?a=1&b=2" for d in "nm" for n in range(3)]
    assert listing.unreadable == 1


def test_broken_atom_entry_is_counted() -> None:
    entry = ATOM[ATOM.index(b"<entry>"):ATOM.index(b"</feed>")]
    broken = entry.replace(b"</title>", b"</titel>")
    listing = parse_listing(ATOM.replace(entry, entry + broken + entry))
    assert [e.url for e in listing.entries] == ["https://ledger.example/a/harbour-dues"] * 2
    assert listing.unreadable == 1
