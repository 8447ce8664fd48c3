"""`newscrawl status SITE -s NEWSCRAWL_REDIS_URL=...` on a real Redis: the operator's screen of
a group (queue, workers alive, articles written, errors), --stop and --resume, and the reset
that is refused while a worker is alive."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator

import pytest

from newscrawl.group.status import reset_group
from newscrawl.group.worker import GroupWorker
from tests.crawl import ENV, REPO

SITE = "quayside"


def newscrawl_status(redis_url: str | None, *options: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "newscrawl.cli", "status", "news", "-a",
               f"state_name={SITE}", *options]  # fmt: skip
    if redis_url is not None:
        command += ["-s", f"NEWSCRAWL_REDIS_URL={redis_url}"]
    return subprocess.run(command, cwd=REPO, env=ENV, capture_output=True, text=True,
                          timeout=60, check=False)  # fmt: skip


@pytest.fixture
def group(redis_url: str) -> Iterator[tuple[GroupWorker, GroupWorker]]:
    """Two workers joined; the queue holds three requests, one taken by `busy`; `dead` went
    silent and was reclaimed; one run finished with 2 errors; 5 articles are in the store."""
    busy = GroupWorker(redis_url, SITE, "busy-1", ttl=30)
    idle = GroupWorker(redis_url, SITE, "idle-2", ttl=30)
    dead = GroupWorker(redis_url, SITE, "dead-3", ttl=30)
    for worker in (busy, idle, dead):
        worker.join()
    busy.raw.zadd(busy.keys.queue, {b"one": 0, b"two": 0, b"three": 0})
    assert busy.pop() is not None
    busy.beat({"pages": 7, "written": 5, "errors": 1})
    idle.mark_idle()
    dead.text.delete(dead.keys.worker(dead.id))  # as SIGKILL leaves it, past its TTL
    assert idle.reclaim_dead() == {"dead-3": 0}
    GroupWorker(redis_url, SITE, "done-4").leave({"exit_code": 1, "reasons": ["no output"],
                                                  "counters": {"written": 0, "errors": 2}})
    busy.text.hset(f"newscrawl:{{{SITE}}}:store:articles",
                   mapping={f"k{n}": "{}" for n in range(5)})  # fmt: skip
    yield busy, idle
    for worker in (busy, idle, dead):
        worker.close()


def test_status_shows_queue_workers_articles_and_errors(group, redis_url: str) -> None:
    done = newscrawl_status(redis_url)
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.splitlines()
    assert "queue       2 requests" in done.stdout
    assert "articles    5 written" in done.stdout
    assert "workers     2 alive" in done.stdout
    (busy,) = [line for line in lines if "busy-1" in line]
    assert busy.split()[-5:] == ["7", "5", "1", "1", "busy"]  # pages written errors held
    (idle,) = [line for line in lines if line.strip().startswith("idle-2")]
    assert idle.split()[-1] == "idle"
    assert "1 in live workers; 2 in the 2 last finished, 1 failed runs, 1 lost workers" \
        in done.stdout
    assert any("dead-3" in line and "lost: 0 requests requeued by idle-2" in line
               for line in lines)  # fmt: skip


def test_stop_is_seen_by_the_workers_and_resume_withdraws_it(group, redis_url: str) -> None:
    busy, _ = group
    assert newscrawl_status(redis_url, "--stop").returncode == 0
    busy.beat({})
    assert busy.stop_requested
    assert "stop        asked" in newscrawl_status(redis_url).stdout
    assert newscrawl_status(redis_url, "--resume").returncode == 0
    busy.beat({})
    assert not busy.stop_requested


def test_status_needs_the_redis_url() -> None:
    done = newscrawl_status(None)
    assert done.returncode == 2 and "NEWSCRAWL_REDIS_URL" in done.stderr


def test_a_reset_is_refused_while_a_worker_is_alive(group, redis_url: str) -> None:
    busy, idle = group
    assert not reset_group(redis_url, SITE)
    assert busy.queue_length() == 2
    for worker in (busy, idle):
        worker.leave({"exit_code": 0})
    assert reset_group(redis_url, SITE)
    assert busy.text.keys(f"newscrawl:{{{SITE}}}:*") == []
