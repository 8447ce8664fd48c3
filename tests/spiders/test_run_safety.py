"""Runs that overlap or die: a second run of a site exits at once with code 75 and leaves the
first alone; a run killed with SIGKILL leaves only a `.part` file, and the next run writes
every article it had fetched, so each article appears exactly once across the output files."""

from __future__ import annotations

import signal
import subprocess
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from newscrawl.run.lock import EXIT_LOCKED, lock_path, read_holder
from newscrawl.run.output import part_path_for
from tests.crawl import ENV, REPO, crawl_command, read_jsonl, scrapy_crawl
from tests.hostile_server import ARTICLES, CHANGING_SLUG, HostileServer

pytestmark = pytest.mark.crawl

GOOD = [a.path for a in ARTICLES] + [f"/articles/{CHANGING_SLUG}.html"]
SLOW = {"DOWNLOAD_TIMEOUT": "60", "RETRY_TIMES": "0"}


@pytest.fixture(scope="module")
def server() -> Iterator[HostileServer]:
    with HostileServer(hang_seconds=8) as hostile:
        yield hostile


def urls(server: HostileServer, paths: list[str]) -> str:
    return "url=" + ",".join(server.url(p) for p in paths)


def wait_for(condition: Callable[[], bool], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting for the crawl"
        time.sleep(0.1)


def start_crawl(
    server: HostileServer, paths: list[str], out: Path, state: Path
) -> subprocess.Popen[str]:
    command = crawl_command(
        "news", "-a", urls(server, paths), out=out, state_dir=state, settings=SLOW
    )
    return subprocess.Popen(
        command, cwd=REPO, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )


def holds_lock(process: subprocess.Popen[str], state: Path) -> Callable[[], bool]:
    return lambda: read_holder(lock_path(state, "127.0.0.1")).pid == process.pid


@pytest.fixture(scope="module")
def overlap(
    server: HostileServer, tmp_path_factory: pytest.TempPathFactory
) -> tuple[subprocess.CompletedProcess[str], int, Path]:
    """A first run held up by a slow page, a second run started meanwhile."""
    folder = tmp_path_factory.mktemp("overlap")
    first = start_crawl(server, [GOOD[0], "/hang"], folder / "first.jsonl", folder / "state")
    try:
        wait_for(holds_lock(first, folder / "state"))
        command = crawl_command(
            "news", "-a", urls(server, GOOD), out=folder / "second.jsonl",
            state_dir=folder / "state",
        )  # fmt: skip
        second = subprocess.run(
            command, cwd=REPO, env=ENV, capture_output=True, text=True, timeout=60, check=False
        )
    finally:
        first_code = first.wait(timeout=60)
        assert first.stderr is not None
        first.stderr.close()
    return second, first_code, folder


def test_second_concurrent_run_exits_with_the_locked_code(overlap: tuple) -> None:
    second, _, _ = overlap
    assert second.returncode == EXIT_LOCKED


def test_second_concurrent_run_says_why(overlap: tuple) -> None:
    second, _, _ = overlap
    assert "another run holds" in second.stderr


def test_second_concurrent_run_touches_no_output(overlap: tuple) -> None:
    _, _, folder = overlap
    assert not list(folder.glob("second*"))


def test_first_run_output_is_intact(overlap: tuple) -> None:
    _, first_code, folder = overlap
    assert first_code == 0
    assert [r["url"].endswith(GOOD[0]) for r in read_jsonl(folder / "first.jsonl")] == [True]


@pytest.fixture(scope="module")
def crash(server: HostileServer, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A run killed with SIGKILL while it waits for a slow page, then a run to completion."""
    folder = tmp_path_factory.mktemp("crash")
    state = folder / "state"
    killed = start_crawl(server, [*GOOD, "/hang"], folder / "killed.jsonl", state)
    try:
        wait_for(holds_lock(killed, state))
        wait_for(lambda: all(server.hits(p) for p in GOOD) and server.hits("/hang") > 0)
        # An article was exported (the .part file exists); not a fixed pause, which a loaded
        # machine can outlast.
        wait_for(part_path_for(folder / "killed.jsonl").exists)
    finally:
        killed.send_signal(signal.SIGKILL)
        killed.wait(timeout=30)
        assert killed.stderr is not None
        killed.stderr.close()
    scrapy_crawl("news", "-a", urls(server, GOOD), out=folder / "next.jsonl", state_dir=state)
    return folder


def test_killed_run_leaves_only_a_part_file(crash: Path) -> None:
    assert not (crash / "killed.jsonl").exists()
    assert (crash / "killed.jsonl.part").exists()


def test_every_article_appears_exactly_once_across_outputs(crash: Path) -> None:
    written = Counter(
        "/" + r["url"].split("/", 3)[3]
        for path in crash.glob("*.jsonl")
        if not path.name.endswith(".rejects.jsonl")
        for r in read_jsonl(path)
    )
    assert written == Counter(GOOD)
