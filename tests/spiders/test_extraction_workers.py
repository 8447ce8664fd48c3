"""Article pages are extracted in worker processes while downloads go on: a page over its time
budget is rejected as `too_complex`, a page that kills its worker loses no other page, a page that
sets off a bug in extraction is a counted reject, workers give the records an in-process crawl
and `newscrawl extract` give, and no worker outlives its crawl."""

from __future__ import annotations

import os
import signal
import subprocess
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from newscrawl.offline import record_for_file
from tests.crawl import ENV, REPO, CrawlResult, crawl_command, scrapy_crawl
from tests.localserver import PageServer
from tests.workers.jobs import BUG_MARK, CRASH_MARK, GATE_MARK, OPENER_MARK, SLOW_MARK

pytestmark = pytest.mark.crawl

TOPICS = ("harbour", "market", "station", "library", "museum", "stadium")
HOOKS = "tests.workers.jobs.page_job_with_hooks"


def article(topic: str, extra: bytes = b"") -> bytes:
    prose = "".join(
        f"<p>Paragraph {n} of the {topic} report: the council weighed the cost of the {topic} "
        f"works, the borrowing it needs and whether fees must rise while crews work.</p>"
        for n in range(1, 7))
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8">'
            f"<title>The {topic} plan goes to the council</title></head><body><article>"
            f"<h1>The {topic} plan goes to the council</h1>{prose}</article>"
            ).encode() + extra + b"</body></html>"


def sitemap(paths: list[str]) -> bytes:
    urls = "".join(f"<url><loc>{{base}}{p.lstrip('/')}</loc></url>" for p in paths)
    return ('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">' + urls
            + "</urlset>").encode()


GOOD = [f"/news/{topic}" for topic in TOPICS]
PAGES: dict[str, bytes] = {
    **{f"/news/{topic}": article(topic) for topic in TOPICS},
    "/news/crash": article("ferry", b"<!-- " + CRASH_MARK + b" -->"),
    "/news/slow": article("bridge", b"<!-- " + SLOW_MARK + b" -->"),
    "/news/bug": article("tunnel", b"<!-- " + BUG_MARK + b" -->"),
}


class Site:
    """The pages, a sitemap of all of them and one of the good ones only."""

    def __init__(self) -> None:
        self.server = PageServer({})

    def __enter__(self) -> Site:
        self.server.__enter__()
        base = self.server.base_url
        self.server.pages.update({p: ("text/html; charset=utf-8", b) for p, b in PAGES.items()})
        for name, paths in (("all", list(PAGES)), ("good", GOOD)):
            body = sitemap(paths).replace(b"{base}", base.encode())
            self.server.pages[f"/sitemap-{name}.xml"] = ("application/xml", body)
        self.server.pages["/robots.txt"] = ("text/plain", b"User-agent: *\nAllow: /\n")
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.__exit__(*exc)

    def sitemap(self, name: str) -> str:
        return f"sitemap={self.server.base_url}sitemap-{name}.xml"


def marked_processes(mark: str) -> list[int]:
    """Live processes whose environment carries `mark` (a crawl's and its children's)."""
    needle = f"NEWSCRAWL_TEST_MARK={mark}".encode()
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            environ = Path(f"/proc/{entry}/environ").read_bytes()
            state = Path(f"/proc/{entry}/stat").read_text().rsplit(") ", 1)[1][0]
        except OSError:
            continue
        if needle in environ.split(b"\0") and state != "Z":
            found.append(int(entry))
    return found


def gone(mark: str, within: float = 30.0) -> list[int]:
    """The processes with `mark` still alive once they had `within` seconds to go."""
    deadline = time.monotonic() + within
    while (left := marked_processes(mark)) and time.monotonic() < deadline:
        time.sleep(0.2)
    return left


def settings(workers: int, timeout: float = 3.0, job: str = HOOKS) -> dict[str, str]:
    return {"NEWSCRAWL_EXTRACT_WORKERS": str(workers), "NEWSCRAWL_EXTRACT_TIMEOUT": str(timeout),
            "NEWSCRAWL_EXTRACT_JOB": job}


@dataclass
class Crawls:
    pooled: CrawlResult  # every page, two workers, the test hooks
    alone: CrawlResult  # the good pages, in the crawl's own process
    mark: str  # in the environment of the pooled crawl and its children


@pytest.fixture(scope="module")
def crawls(tmp_path_factory: pytest.TempPathFactory) -> Crawls:
    mark = uuid.uuid4().hex
    folder = tmp_path_factory.mktemp("workers")
    with Site() as site:  # one server: the records of both crawls name the same URLs
        pooled = scrapy_crawl("news", "-a", site.sitemap("all"), out=folder / "pooled.jsonl",
                              settings=settings(2), env={"NEWSCRAWL_TEST_MARK": mark})
        alone = scrapy_crawl("news", "-a", site.sitemap("good"), out=folder / "alone.jsonl",
                             settings=settings(0))
    return Crawls(pooled, alone, mark)


def by_path(records: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {"/" + r["url"].split("/", 3)[3]: r for r in records}


def comparable(record: dict[str, Any]) -> dict[str, Any]:
    """The record less what depends on when it was fetched or written: the story links
    (these test pages read as copies of one story) name and count the copies written before,
    and pages finish in any order."""
    return {k: v for k, v in record.items() if k not in ("fetched_at", "story_id", "story")}


def test_a_page_over_its_time_budget_is_rejected_as_too_complex(crawls: Crawls) -> None:
    rejects = by_path(crawls.pooled.rejects)
    assert rejects["/news/slow"]["reason"] == "too_complex"
    assert "worker replaced" in rejects["/news/slow"]["details"][0]


def test_a_page_that_kills_its_worker_is_rejected_and_loses_no_other_page(
        crawls: Crawls) -> None:
    assert by_path(crawls.pooled.rejects)["/news/crash"]["reason"] == "extraction_crashed"
    assert sorted(by_path(crawls.pooled.records)) == sorted(GOOD)


def test_a_page_that_sets_off_a_bug_in_extraction_is_rejected_and_counted(
        crawls: Crawls) -> None:
    reject = by_path(crawls.pooled.rejects)["/news/bug"]
    assert reject["reason"] == "step_error/extract"
    assert "a bug the page set off" in reject["details"][0]
    assert crawls.pooled.summary is not None
    assert crawls.pooled.summary["articles"]["rejected"]["step_error/extract"] == 1


def test_no_worker_process_outlives_the_crawl(crawls: Crawls) -> None:
    assert crawls.pooled.returncode in (0, 1), crawls.pooled.log[-3000:]
    assert marked_processes(crawls.mark) == []


def test_workers_give_the_records_of_an_in_process_crawl(crawls: Crawls) -> None:
    assert crawls.alone.returncode == 0, crawls.alone.log[-3000:]
    pooled = by_path(crawls.pooled.records)
    assert {p: comparable(r) for p, r in by_path(crawls.alone.records).items()} == \
        {p: comparable(pooled[p]) for p in GOOD}


def test_a_crawl_and_newscrawl_extract_give_the_same_record(
        crawls: Crawls, tmp_path: Path) -> None:
    (tmp_path / "page.html").write_bytes(PAGES["/news/market"])
    crawl_record = by_path(crawls.pooled.records)["/news/market"]
    offline = record_for_file(tmp_path / "page.html", crawl_record["url"])
    assert comparable(offline) == comparable(crawl_record)


def test_other_pages_are_fetched_and_extracted_while_one_page_is(tmp_path: Path) -> None:
    """The gate page's extraction waits until the opener page is extracted. One request at a
    time, first in first out: the opener is requested only once the gate page is in, and the
    server answers it a second late. The gate page is large (6 MB, as some pages are), and
    Scrapy fetches nothing new while the pages it holds for their callbacks pass
    SCRAPER_SLOT_MAX_ACTIVE_SIZE. Extraction on the reactor's thread, or one large page holding
    the engine back, and the opener never comes: the gate gives up (an error, no record)."""
    padding = b"<!-- " + b"ballast " * (6_000_000 // 8) + b" -->"
    pages = {"/news/gate": article("pier", b"<!-- " + GATE_MARK + b" -->" + padding),
             "/news/opener": article("quay", b"<!-- " + OPENER_MARK + b" -->")}
    with PageServer({}, delays={"/news/opener": 1.0}) as server:
        server.pages.update({p: ("text/html; charset=utf-8", b) for p, b in pages.items()})
        body = sitemap(list(pages)).replace(b"{base}", server.base_url.encode())
        server.pages["/sitemap.xml"] = ("application/xml", body)
        result = scrapy_crawl(
            "news", "-a", f"sitemap={server.base_url}sitemap.xml", out=tmp_path / "out.jsonl",
            settings={**settings(2, timeout=60), "ROBOTSTXT_OBEY": "0",
                      "CONCURRENT_REQUESTS": "1", "CONCURRENT_REQUESTS_PER_DOMAIN": "1",
                      "SCHEDULER_MEMORY_QUEUE": "scrapy.squeues.FifoMemoryQueue"},
            env={"NEWSCRAWL_TEST_GATE": str(tmp_path / "gate")})
    assert sorted(by_path(result.records)) == ["/news/gate", "/news/opener"], result.log[-3000:]
    assert server.requested.index("/news/gate") < server.requested.index("/news/opener")


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGKILL])
def test_a_stopped_crawl_leaves_no_worker_behind(how: signal.Signals, tmp_path: Path) -> None:
    mark = uuid.uuid4().hex
    log = tmp_path / "crawl.log"
    with Site() as site, log.open("w") as sink:
        command = crawl_command("news", "-a", site.sitemap("all"), out=tmp_path / "out.jsonl",
                                settings={**settings(2, timeout=5), "LOG_LEVEL": "DEBUG"})
        crawl = subprocess.Popen(command, cwd=REPO, env={**ENV, "NEWSCRAWL_TEST_MARK": mark},
                                 stdout=sink, stderr=sink)
        try:
            # Until the page that outlasts its budget is fetched and both workers run (with
            # the crawl and the fork server: four processes).
            while crawl.poll() is None and (
                    "/news/slow>" not in log.read_text() or len(marked_processes(mark)) < 4):
                time.sleep(0.1)
            assert crawl.poll() is None, log.read_text()[-3000:]
            crawl.send_signal(how)
            crawl.wait(timeout=120)
        finally:
            if crawl.poll() is None:
                crawl.kill()
    assert gone(mark) == []
