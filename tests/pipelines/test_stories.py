from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from scrapy.utils.test import get_crawler

from newscrawl.items import ArticleDraft
from newscrawl.pipelines.stories import StoryPipeline
from newscrawl.schema import schema_errors
from tests.stories.conftest import FERRY


class Stats:
    def __init__(self) -> None:
        self.values: Counter[str] = Counter()

    def inc_value(self, key: str, count: int = 1) -> None:
        self.values[key] += count


def draft(url: str, site: str = "outlet-a") -> ArticleDraft:
    item = ArticleDraft(url=url, site=site, body=FERRY.split("\n\n"))
    item.agencies = ["Reuters"]
    item.dateline = "OSLO"
    item.published_at = "2024-01-15T10:05:00+01:00"
    item.published_precision = "second"
    return item


def pipeline(tmp_path: Path, **settings: Any) -> tuple[StoryPipeline, Stats]:
    crawler = get_crawler(settings_dict={"NEWSCRAWL_STATE_DIR": str(tmp_path / "state"),
                                         **settings})
    made = StoryPipeline.from_crawler(crawler)
    made.stats = stats = Stats()
    made.open_spider()
    return made, stats


def test_copies_on_two_sites_get_one_story_id_in_valid_records(tmp_path: Path) -> None:
    stories, stats = pipeline(tmp_path)
    first = stories.process_item(draft("https://a.example/1"))
    second = stories.process_item(draft("https://b.example/1", site="outlet-b"))
    stories.close_spider()
    assert first.story_id == second.story_id and second.story["size"] == 2
    assert not schema_errors(second.to_record())
    assert stats.values == {"newscrawl/stories/new": 1, "newscrawl/stories/linked": 1}
    assert (tmp_path / "state" / "stories.sqlite3").exists()


def test_linking_can_be_turned_off(tmp_path: Path) -> None:
    stories, _ = pipeline(tmp_path, NEWSCRAWL_STORIES=False)
    item = stories.process_item(draft("https://a.example/1"))
    assert item.story_id is None and item.story is None
    assert not (tmp_path / "state" / "stories.sqlite3").exists()


def test_an_unusable_index_costs_no_record(tmp_path: Path) -> None:
    broken = tmp_path / "broken.sqlite3"
    broken.write_bytes(b"not a database" * 200)
    stories, stats = pipeline(tmp_path, NEWSCRAWL_STORY_INDEX=str(broken))
    item = stories.process_item(draft("https://a.example/1"))
    assert item.story_id is None and not schema_errors(item.to_record())
    assert stats.values["newscrawl/stories/unavailable"] == 1


def test_a_failed_link_is_counted_and_the_record_goes_on(tmp_path: Path) -> None:
    stories, stats = pipeline(tmp_path)
    assert stories.index is not None
    stories.index.close()  # the next link fails inside the index
    item = stories.process_item(draft("https://a.example/1"))
    assert item.story_id is None
    assert stats.values["newscrawl/stories/error"] == 1


def test_the_window_setting_reaches_the_linker(tmp_path: Path) -> None:
    stories, _ = pipeline(tmp_path, NEWSCRAWL_STORY_WINDOW_DAYS=3)
    assert stories.settings.window_days == 3.0
