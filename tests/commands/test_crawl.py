"""The crawl command's usage errors and help, through `scrapy crawl` and `newscrawl crawl`:
a mistake is one line on stderr and exit code 2, before any log or crawl."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from newscrawl.demo_site import DemoServer
from tests.crawl import ENV, REPO

URL = "-a url=http://127.0.0.1:9/story"


def run(*args: str, cwd: Path = REPO, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], cwd=cwd, env=ENV, capture_output=True,
                          text=True, timeout=timeout, check=False)  # fmt: skip


def scrapy_crawl(*args: str) -> subprocess.CompletedProcess[str]:
    return run("-m", "scrapy", "crawl", *args)


def newscrawl_crawl(*args: str) -> subprocess.CompletedProcess[str]:
    return run("-m", "newscrawl.cli", "crawl", *args)


USAGE_ERRORS = {
    "max_articles that is no number": ("news", *URL.split(), "-a", "max_articles=abc"),
    "news without feed, sitemap or url": ("news",),
    "unknown option": ("news", *URL.split(), "--bogus"),
    "url that is no URL": ("news", "-a", "url=not-a-url"),
    "unknown spider argument": ("news", *URL.split(), "-a", "feeds=http://x.example/"),
    "unknown spider": ("no-such-spider",),
    "no spider": (),
    "since that cannot be read": ("rudaw", "-a", "since=last tuesday"),
    "-a without a value": ("news", "-a", "url"),
}


@pytest.mark.parametrize("crawl", [scrapy_crawl, newscrawl_crawl], ids=["scrapy", "newscrawl"])
@pytest.mark.parametrize("args", USAGE_ERRORS.values(), ids=USAGE_ERRORS.keys())
def test_usage_error_is_one_line_and_exit_2(crawl: object, args: tuple[str, ...]) -> None:
    done = crawl(*args)  # type: ignore[operator]
    assert done.returncode == 2, done.stderr
    assert len(done.stderr.splitlines()) == 1, done.stderr
    assert done.stderr.startswith("newscrawl: ")
    assert "Traceback" not in done.stderr and "Scrapy" not in done.stderr
    assert done.stdout == ""


def test_usage_error_says_what_is_wrong() -> None:
    done = scrapy_crawl("news", *URL.split(), "-a", "max_articles=abc")
    assert "max_articles" in done.stderr and "'abc'" in done.stderr


@pytest.mark.parametrize("crawl", [scrapy_crawl, newscrawl_crawl], ids=["scrapy", "newscrawl"])
def test_help_lists_the_spider_arguments_and_every_exit_code(crawl: object) -> None:
    done = crawl("news", "-h")  # type: ignore[operator]
    assert done.returncode == 0, done.stderr
    for argument in ("feed=", "sitemap=", "url=", "max_articles=", "since=", "state_name="):
        assert f"-a {argument}" in done.stdout
    exit_codes = done.stdout.split("Exit codes:")[1]
    assert [line.split()[0] for line in exit_codes.splitlines() if line[:4].strip()] == [
        "0", "1", "2", "75"
    ]


def test_help_of_a_site_spider_lists_its_mirror_argument() -> None:
    done = scrapy_crawl("rudaw", "--help")
    assert "-a start_url=URL" in done.stdout and "-a feed=" not in done.stdout


@pytest.fixture(scope="module")
def demo() -> Iterator[DemoServer]:
    with DemoServer() as server:
        yield server


@pytest.mark.crawl
def test_log_file_folder_is_created(demo: DemoServer, tmp_path: Path) -> None:
    # The README's crontab line on a fresh clone: no logs/ folder yet.
    done = run("-m", "newscrawl.cli", "crawl", "rudaw", "-a", f"start_url={demo.site_url('rudaw')}",
               "-s", "LOG_FILE=logs/rudaw.log", cwd=tmp_path)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Spider closed (finished)" in (tmp_path / "logs" / "rudaw.log").read_text()
    assert done.stderr == ""


def test_log_file_folder_that_cannot_be_made_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "logs").write_text("a file, not a folder")
    done = run("-m", "newscrawl.cli", "crawl", "news", *URL.split(),
               "-s", "LOG_FILE=logs/news.log", cwd=tmp_path)  # fmt: skip
    assert done.returncode == 1
    assert done.stderr.startswith("newscrawl: cannot create the folder of LOG_FILE")
    assert len(done.stderr.splitlines()) == 1
