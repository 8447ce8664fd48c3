"""End to end: `scrapy crawl` of the bundled demo site, asserting the JSON Lines it writes."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newscrawl.demo_site import DemoServer
from tests.crawl import ENV, REPO, CrawlResult, scrapy_crawl

pytestmark = pytest.mark.crawl


@pytest.fixture(scope="module")
def demo() -> Iterator[DemoServer]:
    with DemoServer() as server:
        yield server


@pytest.fixture(scope="module")
def rudaw(demo: DemoServer, tmp_path_factory: pytest.TempPathFactory) -> CrawlResult:
    out = tmp_path_factory.mktemp("rudaw") / "rudaw.jsonl"
    return scrapy_crawl("rudaw", "-a", f"start_url={demo.site_url('rudaw')}", out=out)


@pytest.fixture(scope="module")
def wt(demo: DemoServer, tmp_path_factory: pytest.TempPathFactory) -> CrawlResult:
    out = tmp_path_factory.mktemp("wt") / "wt.jsonl"
    return scrapy_crawl(
        "washingtontimes", "-a", f"start_url={demo.site_url('washingtontimes')}", out=out
    )


@pytest.fixture(scope="module")
def ledger(demo: DemoServer, tmp_path_factory: pytest.TempPathFactory) -> CrawlResult:
    out = tmp_path_factory.mktemp("ledger") / "ledger.jsonl"
    return scrapy_crawl("news", "-a", f"sitemap={demo.url('ledger/sitemap-index.xml')}", out=out)


def by_path(result: CrawlResult, fragment: str) -> dict[str, Any]:
    (record,) = [r for r in result.records if fragment in r["url"]]
    return record


def test_rudaw_crawl_writes_every_article_once(rudaw: CrawlResult) -> None:
    assert rudaw.returncode == 0, rudaw.log[-3000:]
    urls = [r["url"] for r in rudaw.records]
    assert len(urls) == len(set(urls)) == 5  # four from the feed, one from a section page
    assert {r["site"] for r in rudaw.records} == {"rudaw"}


def test_rudaw_days_first_article_is_found_on_its_section_page(rudaw: CrawlResult) -> None:
    column = by_path(rudaw, "/english/opinion/14022019")  # eight digits: no counter
    assert column["title"] == "Erbil’s old streetlights deserve a second life"
    assert [a["name"] for a in column["authors"]] == ["Soran Kadir"]
    assert column["published_at"] == "2019-02-14"
    assert column["body"].startswith("The cast-iron lamps along the streets below the citadel")


def test_rudaw_wire_story_separates_reporters_from_the_agency(rudaw: CrawlResult) -> None:
    story = by_path(rudaw, "050220192")
    assert [a["name"] for a in story["authors"]] == ["Layla Haddad", "Tomas Reinholt"]
    assert story["agencies"] == ["Associated Press"]


def test_rudaw_day_first_date_is_read_in_site_order(rudaw: CrawlResult) -> None:
    story = by_path(rudaw, "050220192")
    # The page prints 5/2/2019: read month-first it would be May 2, and the feed's time of day
    # (given for February 5) would not be taken. The feed adds the time, the page the day.
    assert story["published_at"] == "2019-02-05T11:20:00+03:00"
    assert story["published_precision"] == "second"
    assert story["byline_raw"].startswith("By Associated Press")


def test_rudaw_body_starts_at_dateline_and_keeps_no_chrome(rudaw: CrawlResult) -> None:
    story = by_path(rudaw, "050220192")
    assert story["dateline"] == "BASRA"
    assert story["body"].startswith("BASRA —")
    for chrome in ("Sign in", "seconds", "Reader views", "More on Rudaw", "By Layla", "Photo:"):
        assert chrome not in story["body"]


def test_rudaw_caption_goes_to_images(rudaw: CrawlResult) -> None:
    story = by_path(rudaw, "050220192")
    assert any((i["caption"] or "").endswith("Photo: Samir Qadir/AP") for i in story["images"])


def test_washingtontimes_wire_story_has_agency_and_no_author(wt: CrawlResult) -> None:
    assert wt.returncode == 0, wt.log[-3000:]
    story = by_path(wt, "drought-leaves-iraqs-date-palm")
    assert story["authors"] == []
    assert story["agencies"] == ["Associated Press"]
    # The page gives the day; the site's feed may add the time of day, never another day.
    assert story["published_at"][:10] == "2019-02-05"
    assert story["dateline"] == "BASRA"


def test_washingtontimes_body_drops_copyright_and_comment_policy(wt: CrawlResult) -> None:
    story = by_path(wt, "drought-leaves-iraqs-date-palm")
    assert story["body"].startswith("BASRA (AP) —")
    assert "Copyright" not in story["body"]
    assert "comment policy" not in story["body"]


def test_washingtontimes_all_caps_byline_becomes_a_name(wt: CrawlResult) -> None:
    story = by_path(wt, "snow-days-push-school")
    assert [a["name"] for a in story["authors"]] == ["Rhea Caldwell"]


def test_washingtontimes_finds_articles_through_feeds_and_sitemaps(wt: CrawlResult) -> None:
    assert len(wt.records) == 4


def test_ledger_json_ld_gives_authors_and_offset_dates(ledger: CrawlResult) -> None:
    assert ledger.returncode == 0, ledger.log[-3000:]
    assert len(ledger.records) == 3
    ferry = by_path(ledger, "ferry-fares")
    assert ferry["authors"] and ferry["sources"]["authors"] == "jsonld"
    assert ferry["published_at"].endswith("-05:00")
    assert ferry["published_precision"] in {"minute", "second"}


def test_ledger_bodies_start_with_the_text_not_the_headline(ledger: CrawlResult) -> None:
    assert ledger.records
    for record in ledger.records:
        assert not record["body"].startswith(record["title"])


def test_rudaw_byline_naming_the_site_is_kept_raw(rudaw: CrawlResult) -> None:
    story = by_path(rudaw, "231220182")
    assert (story["authors"], story["agencies"]) == ([], [])
    assert story["byline_raw"] == "By Rudaw"


def test_ledger_non_article_pages_are_counted_drops(ledger: CrawlResult) -> None:
    reasons = sorted(r["reason"] for r in ledger.rejects)
    assert reasons == ["not_article", "not_article"]


def test_default_output_goes_to_output_dir_by_spider_and_start_time(
    demo: DemoServer, tmp_path: Path
) -> None:
    command = [sys.executable, "-m", "scrapy", "crawl", "rudaw",
               "-a", f"start_url={demo.site_url('rudaw')}", "-a", "max_articles=1",
               "-s", f"NEWSCRAWL_OUTPUT_DIR={tmp_path}",
               "-s", f"NEWSCRAWL_STATE_DIR={tmp_path / 'state'}", "-s", "LOG_LEVEL=WARNING"]
    subprocess.run(command, cwd=REPO, env=ENV, check=True, timeout=120)
    (written,) = (tmp_path / "rudaw").glob("*Z.jsonl")
    assert len(written.read_text("utf-8").splitlines()) == 1
