"""The group's scheduler on a real Redis: what goes to the shared queue and what stays with the
worker that took it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from scrapy import Request, Spider

from newscrawl.group.scheduler import GroupScheduler
from newscrawl.group.worker import GroupWorker

SITE = "example"
URL = "https://news.example/2026/11/30/ferry"


class Articles(Spider):
    name = SITE

    def parse_article(self, response: Any, listed_as: str = "") -> None: ...


@pytest.fixture
def group(redis_url: str) -> Iterator[tuple[GroupScheduler, GroupScheduler]]:
    """The schedulers of two workers of one group."""
    workers = [GroupWorker(redis_url, SITE, name, ttl=30, discovery_interval=60)
               for name in ("one", "two")]
    schedulers = []
    for worker in workers:
        worker.join()
        scheduler = GroupScheduler(worker)
        scheduler.open(Articles())
        schedulers.append(scheduler)
    yield schedulers[0], schedulers[1]
    for worker in workers:
        worker.close()


def article(spider: Articles, url: str = URL) -> Request:
    return Request(url, spider.parse_article, cb_kwargs={"listed_as": url})


@pytest.mark.parametrize("again", ["retry", "render"])
def test_a_request_made_again_from_one_taken_stays_with_the_worker_that_took_it(
        group: tuple[GroupScheduler, GroupScheduler], again: str) -> None:
    """A retry (Scrapy's copy, not filtered) or the page asked again through the browser: in
    the shared queue, another worker would fetch it while the original is still this worker's,
    and given back with the rest if this one dies: the article twice."""
    one, two = group
    assert one.enqueue_request(article(one.spider))
    taken = one.next_request()
    assert taken is not None and taken.url == URL
    if again == "retry":
        made = taken.copy()
        made.dont_filter = True
    else:
        made = taken.replace(meta={"playwright": True}, dont_filter=True)
    assert one.enqueue_request(made)
    assert two.next_request() is None  # nothing for the other worker
    again_taken = one.next_request()
    assert again_taken is not None and again_taken.meta == made.meta


def test_a_redirect_names_another_request_and_is_shared(
        group: tuple[GroupScheduler, GroupScheduler]) -> None:
    one, two = group
    assert one.enqueue_request(article(one.spider))
    taken = one.next_request()
    assert taken is not None
    assert one.enqueue_request(taken.replace(url=URL + "/amp"))
    moved = two.next_request()
    assert moved is not None and moved.url == URL + "/amp"


def test_an_article_listed_goes_to_the_group(
        group: tuple[GroupScheduler, GroupScheduler]) -> None:
    one, two = group
    assert one.enqueue_request(article(one.spider))
    taken = two.next_request()
    assert taken is not None and taken.url == URL
    assert one.next_request() is None


def test_a_reclaimed_worker_keeps_what_it_still_makes(
        group: tuple[GroupScheduler, GroupScheduler]) -> None:
    """It publishes nothing, and the group fetches again what it held: a request it made,
    shared or marked seen, would be fetched twice or never."""
    one, two = group
    one.worker.text.delete(one.worker.keys.worker(one.worker.id))  # silent past its TTL
    assert two.worker.reclaim_dead() == {"one": 0}
    one.worker.beat({})
    assert one.worker.lost
    assert one.enqueue_request(article(one.spider))
    assert two.next_request() is None
    assert two.enqueue_request(article(two.spider))  # not seen: the group still fetches it
    assert two.next_request() is not None
