"""The Redis backend of the story index gives the SQLite one's answers, on a real server."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from newscrawl.stories import Linker, SqliteStoryIndex, StoryIndexError
from newscrawl.stories.index import NewMember, open_index
from newscrawl.stories.metrics import pair_counts
from newscrawl.stories.redis import RedisStoryIndex
from tests.redis_server import free_port
from tests.stories.conftest import link_in_two_processes, wire_record


def link_all(index: Any, records: list[dict[str, Any]]) -> list[tuple[str, int, str | None]]:
    with index:
        linker = Linker(index)
        return [(link.story_id, link.size, link.match_url)
                for link in map(linker.link, records)]  # fmt: skip


def test_redis_links_as_sqlite_does(redis_url: str, copies: list[dict]) -> None:
    assert link_all(RedisStoryIndex(redis_url), copies) == link_all(
        SqliteStoryIndex(":memory:"), copies)


def test_two_processes_link_into_one_redis_index(redis_url: str, gold: list[str],
                                                 copies: list[dict]) -> None:
    ids = link_in_two_processes("RedisStoryIndex(sys.argv[2])", redis_url)
    counts = pair_counts(gold, [ids[r["url"]] for r in copies])
    assert counts.true_positive == counts.actual  # no story started twice
    assert counts.predicted - counts.true_positive <= 2
    with RedisStoryIndex(redis_url) as index:
        assert index.stats()["members"] == len(copies)


def member(key: str, at: float) -> NewMember:
    return NewMember(key=key, url=f"https://e.example/{key}", at=at, shingle_count=3,
                     signature=b"\x00\x01", payload={"body": key}, buckets=[(0, 7), (1, -9)])


@pytest.mark.parametrize("backend", ["sqlite", "redis"])
def test_pruning_forgets_old_members_buckets_and_stories(backend: str, request) -> None:
    spec = request.getfixturevalue("redis_url") if backend == "redis" else ":memory:"
    with open_index(spec) as index:
        with index.exclusive():
            index.add(member("old", 100.0), "story-old")
            index.add(member("new", 200.0), "story-new")
        assert index.prune(150.0) == 1
        assert index.story_of("old") is None and index.story_of("new") is not None
        assert len(index.candidates([(0, 7), (1, -9)], 0.0, 1000.0, 10)) == 1
        assert index.stats()["stories"] == 1 and index.stats()["members"] == 1


@pytest.mark.parametrize("backend", ["sqlite", "redis"])
def test_candidates_are_the_newest_of_a_bucket_within_the_window(backend: str, request) -> None:
    spec = request.getfixturevalue("redis_url") if backend == "redis" else ":memory:"
    with open_index(spec) as index:
        with index.exclusive():
            for i in range(5):
                index.add(member(f"k{i}", float(i)), f"s{i}")
        found = index.candidates([(0, 7)], 1.0, 3.0, 2)
        members = index.members(sorted(found))
        assert sorted(m.url for m in members) == [
            "https://e.example/k2", "https://e.example/k3"]
        assert all(count == 1 for count in found.values())


@pytest.mark.parametrize("backend", ["sqlite", "redis"])
def test_each_bucket_gives_its_own_newest_and_a_member_counts_every_bucket_it_shares(
        backend: str, request) -> None:
    spec = request.getfixturevalue("redis_url") if backend == "redis" else ":memory:"
    with open_index(spec) as index:
        with index.exclusive():
            for i in range(4):  # k0..k3 in buckets (0, 7) and (1, -9)
                index.add(member(f"k{i}", float(i)), f"s{i}")
            lone = member("lone", 9.0)
            index.add(replace(lone, buckets=[(1, -9)]), "s-lone")
        found = index.candidates([(0, 7), (1, -9), (2, 5)], 0.0, 10.0, 2)
        urls = {m.member_id: m.url.rsplit("/", 1)[1] for m in index.members(sorted(found))}
        assert {urls[i]: n for i, n in found.items()} == {"k3": 2, "k2": 1, "lone": 1}


def test_a_story_keeps_its_first_url_and_counts_its_members(redis_url: str) -> None:
    with RedisStoryIndex(redis_url) as index:
        linker = Linker(index)
        first = linker.link(wire_record())
        second = linker.link(wire_record(url="https://outlet-b.example/2", site="outlet-b"))
    assert second.story_id == first.story_id
    assert second.story()["size"] == 2
    assert second.story()["first_seen_url"] == "https://outlet-a.example/news/1"


def test_an_unreachable_redis_index_is_a_clear_error() -> None:
    with pytest.raises(StoryIndexError, match="cannot be reached"):
        RedisStoryIndex(f"redis://127.0.0.1:{free_port()}/0").open()
