"""End to end: crawls of the demo site's outlets share one story index, so the wire story that
two outlets carry gets one story_id, across spiders and runs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newscrawl.demo_site import DemoServer
from tests.crawl import CrawlResult, scrapy_crawl

pytestmark = pytest.mark.crawl


@pytest.fixture(scope="module")
def crawls(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, CrawlResult]]:
    root = tmp_path_factory.mktemp("stories")
    state = root / "state"  # one state folder, as cron runs every site from one project folder
    with DemoServer() as demo:
        yield {
            "rudaw": scrapy_crawl("rudaw", "-a", f"start_url={demo.site_url('rudaw')}",
                                  out=root / "rudaw.jsonl", state_dir=state),
            "wt": scrapy_crawl("washingtontimes", "-a",
                               f"start_url={demo.site_url('washingtontimes')}",
                               out=root / "wt.jsonl", state_dir=state),
            "ledger": scrapy_crawl("news", "-a", f"sitemap={demo.url('ledger/sitemap-index.xml')}",
                                   out=root / "ledger.jsonl", state_dir=state),
        }


def one(result: CrawlResult, fragment: str) -> dict:
    (record,) = [r for r in result.records if fragment in r["url"]]
    return record


def test_the_wire_story_on_two_outlets_gets_one_story_id(crawls: dict[str, CrawlResult]) -> None:
    assert all(c.returncode == 0 for c in crawls.values()), crawls["wt"].log[-2000:]
    rudaw = one(crawls["rudaw"], "050220192")
    wt = one(crawls["wt"], "drought-leaves-iraqs-date-palm")
    assert rudaw["story_id"] and rudaw["story_id"] == wt["story_id"]
    assert wt["story"]["size"] == 2
    assert wt["story"]["first_seen_url"] == rudaw["url"]
    assert wt["story"]["match"]["url"] == rudaw["url"]


def test_every_other_article_is_a_story_of_its_own(crawls: dict[str, CrawlResult]) -> None:
    records = [r for c in crawls.values() for r in c.records]
    ids = [r["story_id"] for r in records]
    assert all(ids) and len(records) == 12  # rudaw 5, washingtontimes 4, ledger 3
    assert len(set(ids)) == len(records) - 1  # only the wire story's two copies share an id
    rudaw = one(crawls["rudaw"], "050220192")
    assert rudaw["story"] == {"size": 1, "first_seen_url": rudaw["url"], "match": None}


def test_the_index_lives_in_the_state_folder(crawls: dict[str, CrawlResult]) -> None:
    out = Path(crawls["rudaw"].summary["output"]) if crawls["rudaw"].summary else None
    assert out is not None
    assert (out.parent / "state" / "stories.sqlite3").exists()
