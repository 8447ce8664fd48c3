"""The demo pages are well formed, and the site profiles find what they should on them."""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import urlsplit

import pytest
from lxml import etree, html
from lxml.cssselect import CSSSelector

from newscrawl.demo_site import DemoServer
from newscrawl.demo_site.server import pages_root
from newscrawl.sites import load_profile
from tests.demo_site.conftest import fetch

RUDAW_ARTICLES = [
    "rudaw/english/middleeast/iraq/050220192",
    "rudaw/english/kurdistan/110220191",
    "rudaw/english/world/130220194",
    "rudaw/english/business/231220182",
]
WT_ARTICLES = [
    "washingtontimes/news/2019/feb/5/drought-leaves-iraqs-date-palm-growers-counting-lo/",
    "washingtontimes/news/2019/feb/7/county-board-weighs-late-night-bus-service-cuts/",
    "washingtontimes/news/2019/feb/11/snow-days-push-school-calendars-past-emergency-day/",
    "washingtontimes/news/2019/feb/15/sled-dog-race-shortens-route-after-thin-snow/",
]
LEDGER_ARTICLES = [
    "ledger/news/2019/02/08/ferry-fares-to-rise-this-spring.html",
    "ledger/news/2019/02/12/volunteers-count-seabirds-on-the-breakwater.html",
    "ledger/news/2019/06/03/old-cannery-reopens-as-market-hall.html",
]
# Listed only on its section page: a day's first article, its URL the day without a counter.
RUDAW_OPINION = "rudaw/english/opinion/14022019"
PROFILED = [("rudaw", p) for p in (*RUDAW_ARTICLES, RUDAW_OPINION)] + [
    ("washingtontimes", p) for p in WT_ARTICLES]
FEEDS = {
    "rudaw": ["rudaw/english/rss"],
    "washingtontimes": ["washingtontimes/rss/headlines/news/"],
    "ledger": ["ledger/feed.atom"],
}
WIRE_RUDAW, WIRE_WT = RUDAW_ARTICLES[0], WT_ARTICLES[0]


def _xml_files() -> list[str]:
    found: list[str] = []
    stack = [(pages_root(), "")]
    while stack:
        node, prefix = stack.pop()
        for child in node.iterdir():
            rel = prefix + child.name
            if child.is_dir():
                stack.append((child, rel + "/"))
            elif rel.endswith((".xml", ".atom")):
                found.append(rel)
    return sorted(found)


def page(server: DemoServer, path: str) -> html.HtmlElement:
    reply = fetch(server.url(path))
    assert reply.status == 200, path
    return html.fromstring(reply.body)


def xml(server: DemoServer, path: str) -> etree._Element:
    return etree.fromstring(fetch(server.url(path)).body)


def select(tree: html.HtmlElement, selectors: tuple[str, ...]) -> list[str]:
    """Values of the first selector that matches, as the profile describes them."""
    for sel in selectors:
        css, _, attr = (
            sel.partition("@")
            if "@" in sel and "[" not in sel.rpartition("@")[2]
            else (sel, "", "")
        )
        elements = CSSSelector(css)(tree)
        values = [(el.get(attr) if attr else el.text_content()) or "" for el in elements]
        values = [" ".join(v.split()) for v in values if v.strip()]
        if values:
            return values
    return []


def body_paragraphs(tree: html.HtmlElement, site: str) -> list[str]:
    profile = load_profile(site)
    for css in profile.selectors.body:
        containers = CSSSelector(css)(tree)
        if containers:
            return [" ".join(p.text_content().split()) for p in containers[0].iter("p")]
    return []


def links(feed: etree._Element) -> list[str]:
    rss = [el.text or "" for el in feed.iter("link") if el.getparent().tag == "item"]
    atom = [
        el.get("href", "")
        for el in feed.iter("{http://www.w3.org/2005/Atom}link")
        if el.getparent().tag == "{http://www.w3.org/2005/Atom}entry"
    ]
    return rss + atom


def json_ld(tree: html.HtmlElement) -> list[Any]:
    return [json.loads(s.text or "") for s in tree.xpath('//script[@type="application/ld+json"]')]


# --------------------------------------------------------------------- feeds and sitemaps


@pytest.mark.parametrize("path", _xml_files())
def test_feed_or_sitemap_parses_as_xml(demo_server: DemoServer, path: str) -> None:
    assert xml(demo_server, path) is not None


@pytest.mark.parametrize("site", sorted(FEEDS))
def test_feed_links_are_absolute_and_served(demo_server: DemoServer, site: str) -> None:
    for feed in FEEDS[site]:
        for url in links(xml(demo_server, feed)):
            assert url.startswith(demo_server.base_url)
            assert fetch(url).status == 200, url


@pytest.mark.parametrize(
    ("site", "articles"),
    [("rudaw", RUDAW_ARTICLES), ("washingtontimes", WT_ARTICLES), ("ledger", LEDGER_ARTICLES)],
)
def test_main_feed_lists_every_article(
    demo_server: DemoServer, site: str, articles: list[str]
) -> None:
    listed = {urlsplit(u).path.lstrip("/") for u in links(xml(demo_server, FEEDS[site][0]))}
    assert listed == set(articles)


def test_rudaw_feed_dates_are_rfc_822(demo_server: DemoServer) -> None:
    dates = [el.text or "" for el in xml(demo_server, "rudaw/english/rss").iter("pubDate")]
    rfc822 = re.compile(r"^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$")
    assert dates and all(rfc822.match(d) for d in dates)


@pytest.mark.parametrize("index", ["washingtontimes/sitemap.xml", "ledger/sitemap-index.xml"])
def test_sitemap_index_points_at_served_urlsets(demo_server: DemoServer, index: str) -> None:
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    locs = [el.text or "" for el in xml(demo_server, index).iter(f"{ns}loc")]
    assert locs
    for loc in locs:
        assert etree.fromstring(fetch(loc).body).tag == f"{ns}urlset"


def test_news_sitemap_gives_a_publication_date_with_offset(demo_server: DemoServer) -> None:
    tag = "{http://www.google.com/schemas/sitemap-news/0.9}publication_date"
    dates = [el.text or "" for el in xml(demo_server, "ledger/sitemap-news.xml").iter(tag)]
    assert len(dates) == 3 and all(re.search(r"[+-]\d{2}:\d{2}$", d) for d in dates)


def test_ledger_plain_sitemap_lists_a_page_that_is_not_an_article(demo_server: DemoServer) -> None:
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    locs = {el.text for el in xml(demo_server, "ledger/sitemap-pages.xml").iter(f"{ns}loc")}
    assert demo_server.url("ledger/about.html") in locs


def test_robots_txt_disallows_search(demo_server: DemoServer) -> None:
    lines = fetch(demo_server.url("robots.txt")).text.splitlines()
    assert "Disallow: /rudaw/english/search" in lines


# --------------------------------------------------------------------- profiled articles


@pytest.mark.parametrize(("site", "path"), PROFILED)
def test_profile_finds_a_title(demo_server: DemoServer, site: str, path: str) -> None:
    assert select(page(demo_server, path), load_profile(site).selectors.title)


@pytest.mark.parametrize(("site", "path"), PROFILED)
def test_profile_finds_a_byline(demo_server: DemoServer, site: str, path: str) -> None:
    assert select(page(demo_server, path), load_profile(site).selectors.byline)


@pytest.mark.parametrize(("site", "path"), PROFILED)
def test_profile_finds_a_date(demo_server: DemoServer, site: str, path: str) -> None:
    assert select(page(demo_server, path), load_profile(site).selectors.date)


@pytest.mark.parametrize(("site", "path"), PROFILED)
def test_profile_finds_at_least_three_body_paragraphs(
    demo_server: DemoServer, site: str, path: str
) -> None:
    assert len(body_paragraphs(page(demo_server, path), site)) >= 3


@pytest.mark.parametrize(("site", "path"), PROFILED)
def test_profile_finds_a_section(demo_server: DemoServer, site: str, path: str) -> None:
    assert select(page(demo_server, path), load_profile(site).selectors.section)


@pytest.mark.parametrize(("site", "path"), PROFILED)
def test_chrome_selectors_match_chrome_on_the_page(
    demo_server: DemoServer, site: str, path: str
) -> None:
    tree = page(demo_server, path)
    matched = [s for s in load_profile(site).chrome.selectors if CSSSelector(s)(tree)]
    assert len(matched) >= 3


@pytest.mark.parametrize(("site", "path"), PROFILED)
def test_chrome_selectors_spare_title_byline_date_and_body(
    demo_server: DemoServer, site: str, path: str
) -> None:
    tree = page(demo_server, path)
    selectors = load_profile(site).selectors
    for css in load_profile(site).chrome.selectors:
        for el in CSSSelector(css)(tree):
            el.drop_tree()
    assert select(tree, selectors.title) and select(tree, selectors.byline)
    assert select(tree, selectors.date) and len(body_paragraphs(tree, site)) >= 3


@pytest.mark.parametrize(
    ("site", "path"), [("rudaw", WIRE_RUDAW), ("washingtontimes", WT_ARTICLES[1])]
)
def test_chrome_selectors_spare_the_photo_caption(
    demo_server: DemoServer, site: str, path: str
) -> None:
    tree = page(demo_server, path)
    for css in load_profile(site).chrome.selectors:
        for el in CSSSelector(css)(tree):
            el.drop_tree()
    assert tree.xpath("//figure/figcaption")


@pytest.mark.parametrize(("site", "path"), PROFILED)
def test_chrome_lines_keep_the_story_paragraphs(
    demo_server: DemoServer, site: str, path: str
) -> None:
    patterns = load_profile(site).chrome.line_patterns
    paragraphs = body_paragraphs(page(demo_server, path), site)
    kept = [p for p in paragraphs if not any(r.search(p) for r in patterns)]
    assert len(kept) >= len(paragraphs) - 1 and len(kept) >= 6


@pytest.mark.parametrize(("site", "path"), PROFILED)
def test_article_url_matches_the_profile_pattern(
    demo_server: DemoServer, site: str, path: str
) -> None:
    profile = load_profile(site).with_base(demo_server.site_url(site))
    assert profile.is_article_url(demo_server.url(path))


@pytest.mark.parametrize(
    ("site", "path"),
    [("rudaw", "rudaw/english/middleeast"), ("washingtontimes", "washingtontimes/")],
)
def test_listing_page_is_not_an_article_url(demo_server: DemoServer, site: str, path: str) -> None:
    profile = load_profile(site).with_base(demo_server.site_url(site))
    assert not profile.is_article_url(demo_server.url(path))


@pytest.mark.parametrize(("site", "path"), PROFILED)
def test_canonical_link_points_at_the_live_site(
    demo_server: DemoServer, site: str, path: str
) -> None:
    canonical = page(demo_server, path).xpath('string(//link[@rel="canonical"]/@href)')
    domain = load_profile(site).domains[-1]
    assert canonical.startswith(f"https://{domain}/")


@pytest.mark.parametrize("path", [*RUDAW_ARTICLES, RUDAW_OPINION])
def test_rudaw_date_is_day_first_and_matches_the_url(demo_server: DemoServer, path: str) -> None:
    (date,) = select(page(demo_server, path), load_profile("rudaw").selectors.date)
    day, month, year = (int(x) for x in date.split("/"))
    assert path.rsplit("/", 1)[1][:8] == f"{day:02d}{month:02d}{year}"


def test_washingtontimes_has_json_ld_on_some_pages_but_not_all(demo_server: DemoServer) -> None:
    with_ld = [p for p in WT_ARTICLES if json_ld(page(demo_server, p))]
    assert 0 < len(with_ld) < len(WT_ARTICLES)


def test_washingtontimes_topic_links_are_found_as_tags(demo_server: DemoServer) -> None:
    tags = select(page(demo_server, WIRE_WT), load_profile("washingtontimes").selectors.tags)
    assert tags == ["Iraq"]


# --------------------------------------------------------------------- the shared wire story


def test_wire_story_on_rudaw_names_the_agency_on_the_top_line(demo_server: DemoServer) -> None:
    tree = page(demo_server, WIRE_RUDAW)
    assert select(tree, (".article-main__byline",)) == ["By Associated Press"]
    assert select(tree, load_profile("rudaw").selectors.date) == ["5/2/2019"]


def test_wire_story_on_rudaw_yields_agency_and_reporter_bylines(demo_server: DemoServer) -> None:
    byline = select(page(demo_server, WIRE_RUDAW), load_profile("rudaw").selectors.byline)
    assert byline == ["By Associated Press", "By Layla Haddad and Tomas Reinholt"]


def test_staff_story_on_rudaw_yields_only_the_top_byline(demo_server: DemoServer) -> None:
    byline = select(page(demo_server, RUDAW_ARTICLES[1]), load_profile("rudaw").selectors.byline)
    assert byline == ["By Dilan Sherzad"]


def test_wire_story_on_rudaw_has_a_dateline_without_the_agency(demo_server: DemoServer) -> None:
    paragraphs = body_paragraphs(page(demo_server, WIRE_RUDAW), "rudaw")
    assert paragraphs[1].startswith("BASRA — ")


def test_wire_story_on_rudaw_has_a_captioned_photo(demo_server: DemoServer) -> None:
    captions = page(demo_server, WIRE_RUDAW).xpath("//figure/figcaption")
    assert len(captions) == 1 and captions[0].text_content().endswith("Photo: Samir Qadir/AP")


def test_wire_story_on_washingtontimes_has_only_the_source_line(demo_server: DemoServer) -> None:
    tree = page(demo_server, WIRE_WT)
    assert not CSSSelector(".meta .byline")(tree)
    assert select(tree, load_profile("washingtontimes").selectors.byline) == [
        "- Associated Press - Tuesday, February 5, 2019"
    ]


def test_named_wire_story_on_washingtontimes_yields_author_and_agency(
    demo_server: DemoServer,
) -> None:
    byline = select(
        page(demo_server, WT_ARTICLES[3]), load_profile("washingtontimes").selectors.byline
    )
    assert byline == ["By Henrik Vasquez", "- Associated Press - Friday, February 15, 2019"]


def test_wire_story_on_washingtontimes_has_an_ap_dateline(demo_server: DemoServer) -> None:
    paragraphs = body_paragraphs(page(demo_server, WIRE_WT), "washingtontimes")
    assert paragraphs[0].startswith("BASRA (AP) — ")


def test_wire_story_on_washingtontimes_ends_with_chrome_lines(demo_server: DemoServer) -> None:
    tree = page(demo_server, WIRE_WT)
    patterns = load_profile("washingtontimes").chrome.line_patterns
    last = body_paragraphs(tree, "washingtontimes")[-1]
    copyright_line = " ".join(CSSSelector(".copyright-info")(tree)[0].text_content().split())
    assert any(r.search(last) for r in patterns)
    assert any(r.search(copyright_line) for r in patterns)


def test_wire_story_headlines_differ_between_outlets(demo_server: DemoServer) -> None:
    rudaw = select(page(demo_server, WIRE_RUDAW), load_profile("rudaw").selectors.title)
    wt = select(page(demo_server, WIRE_WT), load_profile("washingtontimes").selectors.title)
    assert rudaw[0] != wt[0]


# --------------------------------------------------------------------- the JSON-LD-only outlet


@pytest.mark.parametrize("path", LEDGER_ARTICLES)
def test_ledger_article_has_a_news_article_in_json_ld(demo_server: DemoServer, path: str) -> None:
    blocks = json_ld(page(demo_server, path))
    nodes = [n for b in blocks for n in b.get("@graph", [b])]
    (article,) = [n for n in nodes if n.get("@type") == "NewsArticle"]
    assert article["headline"] and article["author"]
    assert re.search(r"T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$", article["datePublished"])


def test_ledger_graph_references_its_author_by_id(demo_server: DemoServer) -> None:
    (block,) = json_ld(page(demo_server, LEDGER_ARTICLES[0]))
    nodes = {n.get("@id"): n for n in block["@graph"]}
    article = next(n for n in nodes.values() if n["@type"] == "NewsArticle")
    assert nodes[article["author"]["@id"]]["@type"] == "Person"


def test_ledger_article_lists_several_authors(demo_server: DemoServer) -> None:
    (block,) = json_ld(page(demo_server, LEDGER_ARTICLES[1]))
    assert [a["name"] for a in block["author"]] == ["Owen Fairlie", "Priya Nandakumar"]


@pytest.mark.parametrize("path", LEDGER_ARTICLES)
def test_ledger_article_has_no_meta_tags_beyond_json_ld(demo_server: DemoServer, path: str) -> None:
    names = page(demo_server, path).xpath("//meta/@name | //meta/@property")
    assert set(names) <= {"viewport"}


@pytest.mark.parametrize("path", LEDGER_ARTICLES)
def test_ledger_canonical_link_is_on_the_demo_server(demo_server: DemoServer, path: str) -> None:
    canonical = page(demo_server, path).xpath('string(//link[@rel="canonical"]/@href)')
    assert canonical == demo_server.url(path)


# --------------------------------------------------------------------- size


@pytest.mark.parametrize("path", RUDAW_ARTICLES + WT_ARTICLES + LEDGER_ARTICLES)
def test_article_page_stays_small(demo_server: DemoServer, path: str) -> None:
    assert len(fetch(demo_server.url(path)).body) < 16_000
