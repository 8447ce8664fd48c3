"""A worker's membership, in-flight requests and the group's decisions, on a real Redis."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from newscrawl.group.worker import GroupWorker, new_worker_id

SITE = "example"


@pytest.fixture
def workers(redis_url: str) -> Iterator[list[GroupWorker]]:
    made: list[GroupWorker] = []

    def make(name: str, ttl: float = 30) -> GroupWorker:
        worker = GroupWorker(redis_url, SITE, name, ttl=ttl, discovery_interval=60)
        made.append(worker)
        return worker

    yield make  # type: ignore[misc]
    for worker in made:
        worker.close()


def queue(worker: GroupWorker, *requests: bytes) -> None:
    for priority, data in enumerate(requests):
        worker.raw.zadd(worker.keys.queue, {data: -priority})


def expire(worker: GroupWorker) -> None:
    """The worker goes silent past its TTL (as SIGKILL would leave it)."""
    worker.text.delete(worker.keys.worker(worker.id))


def test_a_request_taken_is_held_in_flight(workers) -> None:
    one = workers("one")
    one.join()
    queue(one, b"a", b"b")
    taken = one.pop()
    assert taken in (b"a", b"b") and one.queue_length() == 1
    assert one.raw.hkeys(one.keys.inflight("one")) == [taken]


def test_a_silent_workers_requests_go_back_to_the_queue(workers) -> None:
    dead, alive = workers("dead"), workers("alive")
    dead.join()
    alive.join()
    queue(dead, b"a", b"b", b"c")
    dead.pop(), dead.pop()
    expire(dead)
    assert alive.reclaim_dead() == {"dead": 2}
    assert alive.queue_length() == 3 and not alive.text.sismember(alive.keys.workers, "dead")


def test_a_dead_worker_is_reclaimed_once_when_two_race_for_it(workers) -> None:
    dead, one, two = workers("dead"), workers("one"), workers("two")
    for worker in (dead, one, two):
        worker.join()
    queue(dead, b"a")
    dead.pop()
    expire(dead)
    members = two.text.smembers  # `two` listed the members before `one` reclaimed
    two.text.smembers = lambda key: {"dead", "one", "two"}  # type: ignore[method-assign]
    try:
        assert one.reclaim_dead() == {"dead": 1}
        assert two.reclaim_dead() == {}  # one `lost` line for the status, not two
    finally:
        two.text.smembers = members  # type: ignore[method-assign]
    assert len(one.text.lrange(one.keys.finished, 0, -1)) == 1


def test_a_live_worker_is_not_reclaimed(workers) -> None:
    one, other = workers("one"), workers("other")
    one.join()
    other.join()
    queue(one, b"a")
    one.pop()
    assert other.reclaim_dead() == {} and other.queue_length() == 0


def test_a_reclaimed_worker_learns_it_at_its_next_beat_and_takes_nothing(workers) -> None:
    slow, other = workers("slow"), workers("other")
    slow.join()
    other.join()
    expire(slow)
    other.reclaim_dead()
    queue(other, b"a")
    assert slow.beat({"pages": 1}) is False and slow.lost
    assert slow.pop() is None and other.queue_length() == 1


def test_a_silent_worker_that_beats_again_before_any_reclaim_is_back(workers) -> None:
    slow = workers("slow")
    slow.join()
    expire(slow)
    assert slow.beat({}) is True
    assert slow.text.hget(slow.keys.worker("slow"), "host")


def test_settling_after_a_commit_ends_the_requests(workers) -> None:
    one = workers("one")
    one.join()
    one.text.sadd(one.keys.seen, "fp-a", "fp-other")
    queue(one, b"a")
    one.pop()
    assert one.settle(committed=True, fingerprints=["fp-a"]) == 0
    assert one.text.smembers(one.keys.seen) == {"fp-other"}
    assert not one.raw.exists(one.keys.inflight("one"))


def test_settling_without_a_commit_gives_the_requests_back(workers) -> None:
    one = workers("one")
    one.join()
    one.text.sadd(one.keys.seen, "fp-a")
    queue(one, b"a")
    one.pop()
    assert one.settle(committed=False, fingerprints=["fp-a"]) == 1
    assert one.queue_length() == 1 and one.text.smembers(one.keys.seen) == {"fp-a"}


def test_discovery_runs_once_per_interval_for_the_group(workers) -> None:
    one, other = workers("one"), workers("other")
    assert one.claim_discovery() is not None
    assert other.claim_discovery() is None


def test_the_group_is_drained_only_when_every_member_is_idle(workers) -> None:
    one, other = workers("one"), workers("other")
    one.join()
    other.join()
    one.mark_idle()
    assert not one.drained()  # the other has not gone idle yet
    other.mark_idle()
    assert one.drained()
    queue(one, b"a")
    assert not one.drained()
    other.pop()  # taking a request makes a worker busy
    assert not one.drained()


def test_a_dead_member_keeps_the_group_busy_until_reclaimed(workers) -> None:
    one, dead = workers("one"), workers("dead")
    one.join()
    dead.join()
    one.mark_idle()
    expire(dead)
    assert not one.drained()
    one.reclaim_dead()
    assert one.drained()


def test_a_stop_is_seen_at_the_next_beat(workers) -> None:
    one = workers("one")
    one.join()
    one.text.set(one.keys.stop, "1")
    one.beat({})
    assert one.stop_requested


def test_the_heartbeat_expires(workers) -> None:
    one = workers("one", ttl=2)
    one.join()
    time.sleep(2.2)
    assert not one.text.exists(one.keys.worker("one"))


def test_worker_ids_are_readable_and_unique() -> None:
    ids = {new_worker_id("web-1.example.org", 4242) for _ in range(20)}
    assert all(i.startswith("web-1-4242-") for i in ids) and len(ids) > 1


def test_the_heartbeat_goes_on_while_the_reactor_is_held_up(redis_url: str) -> None:
    """The crawl's thread (the reactor) blocked for longer than the TTL, as by a wait for the
    story index's lock: the worker is not taken for dead. No reactor runs in this test."""
    from scrapy import Spider
    from scrapy.utils.test import get_crawler

    from newscrawl.group.extension import GroupExtension

    settings = {"NEWSCRAWL_REDIS_URL": redis_url, "NEWSCRAWL_WORKER_ID": "held-up",
                "NEWSCRAWL_WORKER_TTL": "2"}  # fmt: skip
    crawler = get_crawler(Spider, settings)
    crawler.spider = Spider("example")
    ext = GroupExtension.from_crawler(crawler)
    other = GroupWorker(redis_url, SITE, "other", ttl=30)
    try:
        ext.spider_opened(crawler.spider)
        time.sleep(5)  # this thread is the reactor's: held up for 2.5 TTLs
        assert other.reclaim_dead() == {}
        assert not ext.worker.lost
    finally:
        ext.leave({"exit_code": 0})
        other.close()
    assert not other.text.sismember(other.keys.workers, "held-up")
