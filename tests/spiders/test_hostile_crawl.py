"""A crawl of a server that misbehaves on purpose finishes, writes every good article exactly
once, counts every bad link by reason, and stays within a bounded amount of memory. Runs whose
output cannot be stored (a folder in the way, a read-only folder, a full disk) fail with that
reason and mark nothing done; pages a sitemap lists that are no article are fetched once, not
every run."""

from __future__ import annotations

import os
import resource
import subprocess
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from newscrawl.run.output import part_path_for
from tests.crawl import ENV, REPO, CrawlResult, crawl_command, scrapy_crawl
from tests.hostile_server import (
    AFTER_BREAK_ARTICLE,
    ARTICLES,
    BAD_BYTE_ARTICLE,
    BROKEN_ENTRY_SLUG,
    CHANGING_SLUG,
    DUPLICATE_SLUG,
    NOT_ARTICLE_PATHS,
    NUL_ARTICLE,
    PAGED_PATH,
    PAGED_QUERY,
    PAYWALLED_PATH,
    RETRY_AFTER_SECONDS,
    TRACKING_SUFFIXES,
    HostileServer,
)

pytestmark = pytest.mark.crawl

# Hangs last until the crawler gives up, so the timeout sets the crawl's length; it must still
# leave a loaded machine time for everything else (10 MB of a chunked page, a redirect), or
# those end as timeouts too.
FAST = {"DOWNLOAD_TIMEOUT": "8", "RETRY_TIMES": "1", "NEWSCRAWL_RETRY_BACKOFF": "0.2"}
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


# -- an output folder that cannot take the output -------------------------------------------


def good_crawl(server: HostileServer, out: Path, state: Path) -> CrawlResult:
    return scrapy_crawl(
        "news", "-a", f"sitemap={server.url('/sitemaps/good.xml')}", out=out, state_dir=state
    )


def failure_line(result: CrawlResult) -> str:
    (line,) = [x for x in result.log.splitlines() if x.startswith("newscrawl: run failed:")]
    return line


def article_hits(server: HostileServer) -> int:
    return sum(server.hits(p) for p in GOOD_SITEMAP_PATHS)


GOOD_SITEMAP_PATHS = [*(a.path for a in ARTICLES), f"/articles/{CHANGING_SLUG}.html"]


@pytest.fixture(scope="module")
def unwritable(
    server: HostileServer, tmp_path_factory: pytest.TempPathFactory
) -> tuple[CrawlResult, int, CrawlResult]:
    """A run whose output folder cannot be created (a file is in its way), then a run of the
    same site into a writable folder."""
    folder = tmp_path_factory.mktemp("unwritable")
    (folder / "not-a-folder").write_text("a file where the output folder should be")
    hits = article_hits(server)
    failed = good_crawl(server, folder / "not-a-folder" / "out.jsonl", folder / "state")
    fetched = article_hits(server) - hits
    after = good_crawl(server, folder / "ok" / "out.jsonl", folder / "state")
    return failed, fetched, after


def test_unwritable_output_fails_with_the_real_reason(unwritable: tuple) -> None:
    failed, _, _ = unwritable
    assert failed.returncode == 1
    line = failure_line(failed)
    assert "output not stored: cannot write" in line and "not-a-folder/out.jsonl.part" in line
    assert "errors in" not in line


def test_unwritable_output_stops_the_run_before_any_article_is_fetched(
    unwritable: tuple,
) -> None:
    _, fetched, _ = unwritable
    assert fetched == 0


def test_run_after_an_unwritable_output_writes_every_article(unwritable: tuple) -> None:
    _, _, after = unwritable
    assert after.returncode == 0, after.log[-3000:]
    assert sorted(path_of(r["url"]) for r in after.records) == sorted(GOOD_SITEMAP_PATHS)


def read_only_command(folder: Path, command: list[str]) -> list[str]:
    """`command` with `folder` read-only: a read-only bind mount in a mount namespace of its
    own when run as root (root writes through file modes), else the folder's mode."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        return command
    script = 'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" && exec "$@"'
    return ["unshare", "--mount", "--propagation", "private", "sh", "-c", script,
            str(folder), *command]  # fmt: skip


def test_read_only_output_folder_keeps_the_articles_to_be_fetched(
    server: HostileServer, tmp_path: Path
) -> None:
    folder, state = tmp_path / "read-only", tmp_path / "state"
    folder.mkdir()
    (folder / "out.jsonl").write_text("old\n")
    sitemap = ("-a", f"sitemap={server.url('/sitemaps/good.xml')}")
    command = crawl_command("news", *sitemap, out=folder / "out.jsonl", state_dir=state)
    try:
        done = subprocess.run(
            read_only_command(folder, command), cwd=REPO, env=ENV, capture_output=True,
            text=True, timeout=180, check=False,
        )  # fmt: skip
    finally:
        folder.chmod(0o755)
    assert done.returncode == 1
    assert "Read-only file system" in done.stderr or "Permission denied" in done.stderr
    assert (folder / "out.jsonl").read_text() == "old\n"
    after = good_crawl(server, tmp_path / "ok" / "out.jsonl", state)
    assert len(after.records) == len(GOOD_SITEMAP_PATHS)


def test_full_disk_keeps_the_old_file_and_the_articles_to_be_fetched(
    server: HostileServer, tmp_path: Path
) -> None:
    out, state = tmp_path / "out.jsonl", tmp_path / "state"
    out.write_text('{"old": true}\n')
    part_path_for(out).symlink_to("/dev/full")  # the part file's writes fail with ENOSPC
    failed = good_crawl(server, out, state)
    assert failed.returncode == 1
    assert "No space left on device" in failure_line(failed)
    assert out.read_text() == '{"old": true}\n' and not part_path_for(out).exists()
    after = good_crawl(server, tmp_path / "after.jsonl", state)
    assert len(after.records) == len(GOOD_SITEMAP_PATHS)


# -- pages a sitemap lists that are no article, across runs --------------------------------


@pytest.fixture(scope="module")
def with_pages(
    server: HostileServer, tmp_path_factory: pytest.TempPathFactory
) -> list[CrawlResult]:
    folder = tmp_path_factory.mktemp("with-pages")
    sitemap = ("-a", f"sitemap={server.url('/sitemaps/with-pages.xml')}")
    return [
        scrapy_crawl("news", *sitemap, out=folder / f"{n}.jsonl", state_dir=folder / "state")
        for n in ("first", "second", "third")
    ]


def test_sitemap_with_pages_that_are_no_article_passes_every_run(
    with_pages: list[CrawlResult],
) -> None:
    assert [r.returncode for r in with_pages] == [0, 0, 0], with_pages[1].log[-2000:]


def test_pages_that_are_no_article_are_rejected_once(with_pages: list[CrawlResult]) -> None:
    first, *later = with_pages
    assert {path_of(r["url"]): r["reason"] for r in first.rejects} == dict.fromkeys(
        NOT_ARTICLE_PATHS, "not_article"
    )
    assert [r.rejects for r in later] == [[], []]


def test_pages_that_are_no_article_are_not_fetched_again(
    with_pages: list[CrawlResult], server: HostileServer
) -> None:
    second = with_pages[1]
    assert second.summary is not None
    assert second.summary["articles"]["skipped"] == {"already_written": 3, "not_article": 2}
    assert [server.hits(p) for p in NOT_ARTICLE_PATHS] == [1, 1]


def test_page_that_is_no_article_is_looked_at_again_after_the_revisit_interval(
    server: HostileServer, tmp_path: Path
) -> None:
    url = ("-a", f"url={server.url('/pages/about.html')}")
    before = server.hits("/pages/about.html")
    for name in ("first", "second"):
        scrapy_crawl(
            "news", *url, out=tmp_path / f"{name}.jsonl", state_dir=tmp_path / "state",
            settings={"NEWSCRAWL_REVISIT_AFTER": "0.00001"},
        )  # fmt: skip
    assert server.hits("/pages/about.html") - before == 2


def test_transient_failure_is_not_remembered(server: HostileServer, tmp_path: Path) -> None:
    url = ("-a", f"url={server.url('/status/500')}")
    before = server.hits("/status/500")
    results = [
        scrapy_crawl("news", *url, out=tmp_path / f"{n}.jsonl", state_dir=tmp_path / "state",
                     settings=FAST)
        for n in ("first", "second")
    ]  # fmt: skip
    assert server.hits("/status/500") - before == 4  # each run: a try and one retry
    assert results[1].summary is not None
    assert results[1].summary["store"]["not_articles"] == 0
