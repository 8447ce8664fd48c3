"""The learned site template never eats article text: the demo site crawled again and again,
each time from another port (as `newscrawl demo` does), gives the same bodies every time."""

from __future__ import annotations

from pathlib import Path

import pytest

from newscrawl.demo_site import DemoServer
from tests.crawl import CrawlResult, scrapy_crawl

pytestmark = pytest.mark.crawl

# Every crawl fetches every article, whatever the state store says.
EVERYTHING = {"NEWSCRAWL_INCREMENTAL": "0"}


def word_counts(result: CrawlResult) -> dict[str, int]:
    """Words per article, by URL path (the port changes from run to run)."""
    assert result.returncode == 0, result.log[-3000:]
    return {r["url"].split("/", 3)[3]: r["word_count"] for r in result.records}


def test_articles_crawled_again_from_other_ports_keep_their_bodies(tmp_path: Path) -> None:
    state = tmp_path / "state"  # one state folder, and so one template per site, for all runs
    runs: list[dict[str, int]] = []
    for run in range(3):
        with DemoServer() as demo:
            rudaw = scrapy_crawl(  # a mirror: pages name the live site as canonical
                "rudaw", "-a", f"start_url={demo.site_url('rudaw')}",
                out=tmp_path / f"rudaw-{run}.jsonl", state_dir=state, settings=EVERYTHING,
            )
            ledger = scrapy_crawl(  # canonical links that name the port
                "news", "-a", f"sitemap={demo.url('ledger/sitemap-index.xml')}",
                out=tmp_path / f"ledger-{run}.jsonl", state_dir=state, settings=EVERYTHING,
            )
        runs.append(word_counts(rudaw) | word_counts(ledger))
    assert len(runs[0]) == 8
    assert runs[1] == runs[0]
    assert runs[2] == runs[0]
