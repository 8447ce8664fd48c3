"""A crawl of a server that misbehaves on purpose finishes, writes every good article exactly
once, counts every bad link by reason, and stays within a bounded amount of memory."""

from __future__ import annotations

import resource
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.crawl import CrawlResult, scrapy_crawl
from tests.hostile_server import (
    AFTER_BREAK_ARTICLE,
    ARTICLES,
    BAD_BYTE_ARTICLE,
    BROKEN_ENTRY_SLUG,
    CHANGING_SLUG,
    DUPLICATE_SLUG,
    NUL_ARTICLE,
    PAGED_PATH,
    PAGED_QUERY,
    PAYWALLED_PATH,
    RETRY_AFTER_SECONDS,
    TRACKING_SUFFIXES,
    HostileServer,
)

pytestmark = pytest.mark.crawl

FAST = {"DOWNLOAD_TIMEOUT": "2", "RETRY_TIMES": "1", "NEWSCRAWL_RETRY_BACKOFF": "0.2"}
# Listings: the enormous sitemap is left out (60,000 links to 404 pages only make the test
# slow); the enormous feed is in, and larger than DOWNLOAD_MAXSIZE.
FEEDS = ("hostile", "malformed", "enormous", "billion-laughs", "external-entity")
SITEMAPS = ("good", "hostile", "malformed", "ampersand", "billion-laughs", "external-entity")
PAGED_CANONICAL_QUERY = "page=2&section=local"  # query parameters sorted, as fetched
GOOD_PATHS = {
    *(a.path for a in ARTICLES),
    f"/articles/{CHANGING_SLUG}.html",
    f"/articles/{DUPLICATE_SLUG}.html",
    "/charset/lying-latin1",  # says ISO-8859-1, is UTF-8: decoded right, written
    PAYWALLED_PATH,  # the full text is on the page: an article, marked paywalled
    "/charset/one-bad-byte",  # UTF-8 but for one byte: UTF-8, that byte replaced
    "/nul-bytes",  # NUL bytes inside the page: dropped, the page written
    f"{PAGED_PATH}?{PAGED_CANONICAL_QUERY}",  # a bare "&" in the sitemap: the URL as written
    AFTER_BREAK_ARTICLE.path,  # listed after a broken tag in the same sitemap
}
# 200 answers with no article: each a reject with its own reason.
WALL_REASONS = {
    "/walls/login.html": "login_wall",
    "/walls/paywall-teaser.html": "paywall",
    "/walls/consent.html": "consent_wall",
    "/walls/soft-404.html": "soft_404",
    "/walls/checking-your-browser.html": "bot_check",
}
# Entries no parser can read: the malformed feed's two items, the malformed sitemap's second
# entry and the ampersand sitemap's entry with a broken tag.
UNREADABLE_ENTRIES = 4
BAD_REASONS = {
    "/hang": "timeout",
    "/hang-after-headers": "timeout",
    "/reset": "connection_lost",
    "/truncated": "truncated",
    "/status/500": "http_500",
    "/status/429": "http_429",
    "/status/403": "http_403",
    "/gzip-bomb": "too_large",
    "/huge": "too_large",
    "/huge-chunked": "too_large",
    "/charset/lying-header": "not_article",
    "/many-paragraphs": "too_complex",  # 100,000 paragraphs, refused at once
    "/articles/missing.html": "http_404",
    "/articles/a.html": "http_404",  # listed by the malformed sitemap
    **WALL_REASONS,
    "/loop/a": "redirect_loop",  # refused when the loop closes, retried or not
}
MAX_RSS_BYTES = 600 * 1024 * 1024


@pytest.fixture(scope="module")
def server() -> Iterator[HostileServer]:
    # A hang lasts until the crawler gives up (DOWNLOAD_TIMEOUT), however late its timer fires
    # on a loaded machine; hang_seconds only bounds it.
    with HostileServer(hang_seconds=60) as hostile:
        yield hostile


@pytest.fixture(scope="module")
def hostile(server: HostileServer, tmp_path_factory: pytest.TempPathFactory) -> CrawlResult:
    feeds = ",".join(server.url(f"/feeds/{name}.xml") for name in FEEDS)
    sitemaps = ",".join(server.url(f"/sitemaps/{name}.xml") for name in SITEMAPS)
    out = tmp_path_factory.mktemp("hostile") / "hostile.jsonl"
    return scrapy_crawl(
        "news", "-a", f"feed={feeds}", "-a", f"sitemap={sitemaps}", out=out, settings=FAST
    )


def path_of(url: str) -> str:
    return "/" + url.split("/", 3)[3]


def test_every_good_article_is_written_exactly_once(hostile: CrawlResult) -> None:
    paths = Counter(path_of(r["url"]) for r in hostile.records)
    assert paths == Counter(GOOD_PATHS)


def test_pages_with_bad_bytes_are_written_with_their_text(hostile: CrawlResult) -> None:
    by_path = {path_of(r["url"]): r for r in hostile.records}
    bad_byte = by_path["/charset/one-bad-byte"]
    assert bad_byte["title"] == BAD_BYTE_ARTICLE.title
    assert [a["name"] for a in bad_byte["authors"]] == ["Aurélie Brandt"]
    assert bad_byte["body"].count("\ufffd") == 1 and "glass \ufffd screens" in bad_byte["body"]
    nul = by_path["/nul-bytes"]
    assert nul["title"] == NUL_ARTICLE.title
    assert nul["body"].endswith("\n\n".join(NUL_ARTICLE.paragraphs))


def test_broken_sitemap_entries_are_counted_and_never_guessed_at(
    hostile: CrawlResult, server: HostileServer
) -> None:
    assert hostile.summary is not None
    assert hostile.summary["listings"]["entries_unreadable"] == UNREADABLE_ENTRIES
    assert server.hits(f"/articles/{BROKEN_ENTRY_SLUG}.html") == 0
    (paged,) = [r for r in hostile.records if PAGED_PATH in r["url"]]
    assert paged["url"] == server.url(f"{PAGED_PATH}?{PAGED_CANONICAL_QUERY}")
    assert paged["canonical_url"] == server.url(f"{PAGED_PATH}?{PAGED_QUERY}")


def test_every_bad_link_is_a_reject_with_its_reason(hostile: CrawlResult) -> None:
    reasons = {path_of(r["url"]): r["reason"] for r in hostile.rejects}
    assert reasons == BAD_REASONS


def test_summary_counts_rejects_by_reason(hostile: CrawlResult) -> None:
    assert hostile.summary is not None
    assert hostile.summary["articles"]["rejected"] == dict(Counter(BAD_REASONS.values()))


def test_walls_are_rejected_with_their_reason_and_counted(hostile: CrawlResult) -> None:
    reasons = {path_of(r["url"]): r["reason"] for r in hostile.rejects}
    assert {p: reasons.get(p) for p in WALL_REASONS} == WALL_REASONS
    assert hostile.summary is not None
    rejected = hostile.summary["articles"]["rejected"]
    assert all(rejected.get(reason) == 1 for reason in WALL_REASONS.values())


def test_paywalled_article_with_its_full_text_is_written_marked(hostile: CrawlResult) -> None:
    paywalled = {path_of(r["url"]) for r in hostile.records if r["paywalled"]}
    assert paywalled == {PAYWALLED_PATH}


def test_redirects_off_the_site_are_dropped_not_followed(
    hostile: CrawlResult, server: HostileServer
) -> None:
    assert hostile.summary is not None
    assert hostile.summary["articles"]["offsite_filtered"] == 2
    # /redirect/other-host points at localhost: the article there was fetched once, directly.
    assert server.hits(ARTICLES[0].path) == 1


def test_tracking_parameter_links_are_never_fetched(
    server: HostileServer, hostile: CrawlResult
) -> None:
    assert hostile.records
    assert sum(server.hits(a.path + s) for a in ARTICLES for s in TRACKING_SUFFIXES) == 0


def test_identical_body_at_another_url_is_flagged(hostile: CrawlResult) -> None:
    flagged = {path_of(r["url"]): r["duplicate_of"] for r in hostile.records if r["duplicate_of"]}
    pair = {ARTICLES[0].path, f"/articles/{DUPLICATE_SLUG}.html"}
    assert len(flagged) == 1
    ((flagged_path, original),) = flagged.items()
    assert {flagged_path, path_of(original)} == pair


def test_run_fails_clearly_on_its_error_rate(hostile: CrawlResult) -> None:
    assert hostile.returncode == 1
    assert hostile.summary is not None and hostile.summary["finish_reason"] == "finished"
    assert any("errors in" in reason for reason in hostile.summary["reasons"])


def test_memory_stays_bounded(hostile: CrawlResult) -> None:
    # ru_maxrss of waited-for children, in KiB on Linux: the largest crawl of this session.
    assert hostile.summary is not None
    assert resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024 < MAX_RSS_BYTES


def test_retry_after_is_honoured(server: HostileServer, tmp_path: Path) -> None:
    before = server.hits("/status/429")
    result = scrapy_crawl(
        "news", "-a", f"url={server.url('/status/429')}", out=tmp_path / "429.jsonl",
        settings={**FAST, "NEWSCRAWL_RETRY_BACKOFF": "0"},
    )  # fmt: skip
    assert server.hits("/status/429") - before == 2  # the first try and one retry
    assert result.summary is not None
    assert result.summary["duration_seconds"] >= RETRY_AFTER_SECONDS


def test_robots_txt_disallow_is_obeyed(server: HostileServer, tmp_path: Path) -> None:
    result = scrapy_crawl(
        "news", "-a", f"url={server.url('/private/secret.html')}", out=tmp_path / "robots.jsonl"
    )
    assert server.hits("/private/secret.html") == 0
    assert [r["reason"] for r in result.rejects] == ["robots_txt"]


def test_changed_article_is_written_again_with_its_revision(
    server: HostileServer, tmp_path: Path
) -> None:
    def run(name: str) -> CrawlResult:
        return scrapy_crawl(
            "news", "-a", f"sitemap={server.url('/sitemaps/good.xml')}",
            out=tmp_path / f"{name}.jsonl", state_dir=tmp_path / "state",
            settings={"NEWSCRAWL_REVISIT_AFTER": "0.00001"},  # look at every article again
        )  # fmt: skip

    run("before")
    server.flip()
    after = run("after")
    assert [(path_of(r["url"]), r["revision"]) for r in after.records] == [
        (f"/articles/{CHANGING_SLUG}.html", 2)
    ]
