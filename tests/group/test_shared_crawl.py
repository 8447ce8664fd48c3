"""Three worker processes share the crawl of one local site of 2,000 articles through a real
redis-server: every article is written exactly once across their files, a worker killed with
SIGKILL loses nothing, the listing dates the discovering worker read reach every record, and a
second run of the group writes nothing."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from tests.group.crawl import (
    KEYS,
    outputs,
    part_lines,
    records,
    start_worker,
    status,
    summaries,
    was_reclaimed,
    written_urls,
)
from tests.group.site import GeneratedSite

ARTICLES = 2000
TIMEOUT = 300
TTL = 10  # seconds a worker may be silent (60 by default)

pytestmark = pytest.mark.crawl


@pytest.fixture(scope="module")
def site() -> Iterator[GeneratedSite]:
    with GeneratedSite(ARTICLES) as served:
        yield served


def counts_per_file(files: list[Path]) -> list[int]:
    return [len(written_urls([path])) for path in files]


def wait_for_discovery_interval(redis_url: str) -> None:
    """As an operator's next cron tick would: the round's key has expired."""
    client = redis.Redis.from_url(redis_url)
    try:
        while client.exists(KEYS.discovery):
            time.sleep(0.2)
    finally:
        client.close()


def test_workers_write_every_article_once_lose_nothing_and_a_second_run_writes_none(
    site: GeneratedSite, redis_url: str, tmp_path: Path
) -> None:
    """One full crawl of the site, to keep the run time sane: three workers; one is killed
    with SIGKILL once it has exported records and started again; another, once it holds
    requests, is paused (SIGSTOP) until the group has taken them back (it was silent for the
    TTL), and resumed: it must then publish nothing. Every article is written exactly once
    across the final files, and each worker took its part of the site."""
    first = tmp_path / "first"
    group = {"NEWSCRAWL_WORKER_TTL": str(TTL), "NEWSCRAWL_DISCOVERY_INTERVAL": "5"}
    workers = [start_worker(site.sitemap_url, redis_url, first, f"w{i}", **group)
               for i in range(3)]  # fmt: skip
    killed, paused, steady = workers
    deadline = time.monotonic() + TIMEOUT
    while part_lines(first, killed) < 100:
        assert killed.process.poll() is None, "the worker finished before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.05)
    os.kill(killed.process.pid, signal.SIGKILL)
    killed.wait(30)
    held = part_lines(first, killed)
    restarted = start_worker(site.sitemap_url, redis_url, first, "w0-again", **group)
    while part_lines(first, paused) < 1:  # it holds requests when it goes silent
        assert paused.process.poll() is None and time.monotonic() < deadline
        time.sleep(0.05)
    os.kill(paused.process.pid, signal.SIGSTOP)
    while not was_reclaimed(redis_url, paused):  # silent past the TTL, then noticed by the others
        assert time.monotonic() < deadline, "the paused worker was never reclaimed"
        time.sleep(0.2)
    os.kill(paused.process.pid, signal.SIGCONT)
    codes = {w.log.stem: w.wait(TIMEOUT) for w in (paused, steady, restarted)}
    assert codes == {"w1": 1, "w2": 0, "w0-again": 0}, [w.log.read_text()[-2000:]
                                                       for w in (steady, restarted)]

    files = outputs(first)
    published = " ".join(f.name for f in files)
    assert f"-{killed.process.pid}-" not in published  # the killed worker's .part stays
    assert f"-{paused.process.pid}-" not in published  # the reclaimed one publishes nothing
    counts = written_urls(files)
    assert held >= 100 and len(files) == 2, published
    assert set(counts) == site.urls, len(site.urls - set(counts))  # none lost
    assert set(counts.values()) == {1}, counts.most_common(3)  # none twice
    # The sitemap's date reaches the record whichever worker fetched the article.
    dated = {r["url"]: r["modified_at"] for r in records(files)}
    assert dated == site.lastmods
    runs = summaries(first)
    # The work is shared, not kept by the worker that read the sitemaps: each one took
    # requests from the queue, and each published file holds a real part of the site.
    taken = {s["worker"]["id"]: s["worker"]["taken"] for s in runs}
    assert len(taken) == 3 and min(taken.values()) > 0, taken
    assert min(counts_per_file(files)) >= ARTICLES // 10, (counts_per_file(files), taken)
    reclaimed = sum(sum(s["worker"]["reclaimed"].values()) for s in runs)
    assert reclaimed >= held  # all the killed one took came back through the queue
    lost = [s for s in runs if s["worker"]["lost"]]
    assert len(lost) == 1 and "took its requests back" in lost[0]["reasons"][0]

    shown = status(redis_url)
    assert (shown["queue"], shown["pending"], shown["alive"]) == (0, 0, 0)
    assert shown["articles"]["written"] == ARTICLES
    assert shown["errors"]["lost_workers"] == 2 and shown["errors"]["failed_runs"] == 1

    wait_for_discovery_interval(redis_url)
    second = tmp_path / "second"
    again = [start_worker(site.sitemap_url, redis_url, second, f"w{i}") for i in range(3)]
    assert [w.wait(TIMEOUT) for w in again] == [0, 0, 0]
    assert written_urls(outputs(second)) == {}
    skipped = [s["articles"]["skipped"].get("already_written", 0) for s in summaries(second)]
    assert sorted(skipped) == [0, 0, ARTICLES]  # one worker rediscovered, all known
