from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from newscrawl.stories import Linker, Settings, SqliteStoryIndex
from newscrawl.stories.metrics import adjusted_rand_index, pair_counts
from tests.stories.conftest import wire_record


def link_all(records: list[dict[str, Any]], path: str = ":memory:", **settings: Any) -> list[str]:
    with SqliteStoryIndex(path) as index:
        linker = Linker(index, Settings(**settings))
        return [linker.link(r).story_id for r in records]


def test_copies_share_a_story_and_follow_ups_do_not(copies: list[dict], gold: list[str]) -> None:
    ids = link_all(copies)
    counts = pair_counts(gold, ids)
    assert counts.true_positive == counts.predicted == counts.actual  # every pair right
    assert adjusted_rand_index(gold, ids) == 1.0


def test_the_same_input_gives_the_same_ids(copies: list[dict]) -> None:
    assert link_all(copies) == link_all(copies)


def test_a_story_id_is_derived_from_the_first_record_not_from_the_run(copies: list[dict]) -> None:
    first = link_all(copies)[0]
    assert link_all(copies[:1]) == [first]


def test_the_first_copy_starts_the_story_and_the_next_says_what_it_matched() -> None:
    with SqliteStoryIndex(":memory:") as index:
        linker = Linker(index)
        first = linker.link(wire_record())
        second = linker.link(wire_record(url="https://outlet-b.example/2", site="outlet-b"))
    assert first.story() == {"size": 1, "first_seen_url": "https://outlet-a.example/news/1",
                             "match": None}
    assert second.story_id == first.story_id
    assert second.story() == {"size": 2, "first_seen_url": "https://outlet-a.example/news/1",
                              "match": {"url": "https://outlet-a.example/news/1", "score": 1.0}}


def test_a_revision_of_an_article_keeps_its_story() -> None:
    with SqliteStoryIndex(":memory:") as index:
        linker = Linker(index)
        first = linker.link(wire_record())
        revised = linker.link(wire_record(body="Completely rewritten text of the article, now "
                                          "about something else entirely, with new words."))
    assert revised.story_id == first.story_id and revised.size == 1


def test_a_record_without_text_is_a_story_of_its_own() -> None:
    with SqliteStoryIndex(":memory:") as index:
        linker = Linker(index)
        empty = [linker.link(wire_record(url=f"https://e.example/{i}", body="")) for i in (1, 2)]
    assert empty[0].story_id != empty[1].story_id


def test_a_copy_outside_the_window_starts_a_new_story() -> None:
    late = wire_record(url="https://outlet-b.example/2", published_at="2024-01-25T10:00:00+01:00")
    assert len(set(link_all([wire_record(), late], window_days=14))) == 1
    assert len(set(link_all([wire_record(), late], window_days=7))) == 2


def test_stories_older_than_the_window_are_forgotten(tmp_path: Path) -> None:
    path = tmp_path / "stories.sqlite3"
    old = wire_record()
    new = wire_record(url="https://other.example/1", body="A different story " * 20,
                      published_at="2024-03-15T10:00:00+01:00")
    with SqliteStoryIndex(path) as index:
        linker = Linker(index, Settings(window_days=14))
        linker.link(old)
        linker.link(new)
        assert index.stats()["members"] == 2
        assert linker.prune() == 1
        assert index.stats()["members"] == 1 and index.stats()["stories"] == 1
        assert index.story_of("outlet-a.example/news/1") is None
        buckets = index.conn.execute("SELECT MIN(at) FROM buckets").fetchone()[0]
        assert buckets >= 1710000000  # no bucket of the old story is left


def test_a_future_date_does_not_age_out_the_index() -> None:
    yesterday = (datetime.now(UTC) - timedelta(days=1)).isoformat(timespec="seconds")
    with SqliteStoryIndex(":memory:") as index:
        linker = Linker(index, Settings(window_days=14))
        linker.link(wire_record(published_at=yesterday))
        linker.link(wire_record(url="https://x.example/far", body="Other text " * 30,
                                published_at="2099-01-01T00:00:00+00:00"))
        linker.prune()
        assert index.stats()["members"] == 2
