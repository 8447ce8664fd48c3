"""Cron runs only add what is new: two runs of a site in a row, read from their summary files."""

from __future__ import annotations

import shlex
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from newscrawl.demo_site import DemoServer
from newscrawl.demo_site.server import crawl_commands
from tests.crawl import ENV, CrawlResult, scrapy_crawl

pytestmark = pytest.mark.crawl


@pytest.fixture(scope="module")
def demo() -> Iterator[DemoServer]:
    with DemoServer() as server:
        yield server


@pytest.fixture(scope="module")
def two_runs(
    demo: DemoServer, tmp_path_factory: pytest.TempPathFactory
) -> tuple[CrawlResult, CrawlResult]:
    folder = tmp_path_factory.mktemp("incremental")
    site = ("-a", f"start_url={demo.site_url('rudaw')}")
    first = scrapy_crawl("rudaw", *site, out=folder / "first.jsonl", state_dir=folder / "state")
    second = scrapy_crawl("rudaw", *site, out=folder / "second.jsonl", state_dir=folder / "state")
    return first, second


def test_first_run_writes_every_article_as_new(two_runs: tuple[CrawlResult, ...]) -> None:
    first, _ = two_runs
    assert first.returncode == 0, first.log[-3000:]
    assert first.summary is not None
    assert first.summary["articles"]["written"] == {"new": 5}


def test_second_run_fetches_no_article_already_written(two_runs: tuple[CrawlResult, ...]) -> None:
    first, second = two_runs
    assert second.summary is not None and first.summary is not None
    assert second.summary["articles"]["fetched"] == {}
    assert second.summary["articles"]["skipped"] == {"already_written": 5}
    assert second.summary["counts"]["requests"] == first.summary["counts"]["requests"] - 5


def test_second_run_writes_nothing_and_still_passes(two_runs: tuple[CrawlResult, ...]) -> None:
    _, second = two_runs
    assert second.returncode == 0, second.log[-3000:]
    assert second.records == []
    assert second.summary is not None and second.summary["verdict"] == "ok"


def test_store_holds_each_article_once_after_two_runs(two_runs: tuple[CrawlResult, ...]) -> None:
    _, second = two_runs
    assert second.summary is not None
    assert second.summary["store"]["articles"] == 5


def test_reset_state_fetches_everything_again(demo: DemoServer, tmp_path: Path) -> None:
    site = ("-a", f"start_url={demo.site_url('rudaw')}")
    scrapy_crawl("rudaw", *site, out=tmp_path / "a.jsonl", state_dir=tmp_path / "state")
    again = scrapy_crawl(
        "rudaw", *site, out=tmp_path / "b.jsonl", state_dir=tmp_path / "state",
        settings={"NEWSCRAWL_RESET_STATE": "1"},
    )  # fmt: skip
    assert len(again.records) == 5


def test_since_keeps_only_articles_the_feed_dates_recent(demo: DemoServer, tmp_path: Path) -> None:
    result = scrapy_crawl(
        "rudaw", "-a", f"start_url={demo.site_url('rudaw')}", "-a", "since=2019-02-10",
        out=tmp_path / "since.jsonl",
    )  # fmt: skip
    # The feed dates two articles on or after 10 February 2019 (11 and 13 February).
    assert sorted(r["url"].rsplit("/", 1)[1] for r in result.records) == ["110220191", "130220194"]


def test_bad_since_is_a_usage_error(demo: DemoServer, tmp_path: Path) -> None:
    result = scrapy_crawl(
        "rudaw", "-a", f"start_url={demo.site_url('rudaw')}", "-a", "since=last tuesday",
        out=tmp_path / "bad.jsonl",
    )  # fmt: skip
    assert result.returncode == 2


# The demo site is ours and local: no need to wait between requests.
FAST_POLITE = ["-s", "LOG_LEVEL=WARNING", "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=0"]


def test_demo_crawl_lines_run_twice_all_pass(demo: DemoServer, tmp_path: Path) -> None:
    """The four lines `newscrawl demo --serve` prints, run in sequence twice from one folder,
    as a crontab would: the ledger's sitemap lists an "about" and a tag page besides its
    articles, and the second run must not fail on them."""
    codes = []
    for _ in range(2):
        for line in crawl_commands(demo.base_url):
            command = [sys.executable, "-m", *shlex.split(line), *FAST_POLITE]
            done = subprocess.run(command, cwd=tmp_path, env=ENV, capture_output=True,
                                  text=True, timeout=180, check=False)  # fmt: skip
            codes.append((line.split(" -a ")[1], done.returncode, done.stderr[-300:]))
    assert [code for _, code, _ in codes] == [0] * 8, codes
