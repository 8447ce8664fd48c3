"""Bad pages are counted drops with a reason; the crawl goes on and writes the good ones."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.crawl import CrawlResult, scrapy_crawl
from tests.localserver import PageServer

pytestmark = pytest.mark.crawl

PROSE = " ".join(
    f"<p>Paragraph {n} of the council report says the ferry pier needs new pilings, and the "
    "harbour board will decide in spring whether to borrow for the repairs or raise fees.</p>"
    for n in range(1, 7)
)
GOOD = f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Pier repairs go to the harbour board</title></head>
<body><article><h1>Pier repairs go to the harbour board</h1>{PROSE}</article></body></html>"""

LATIN1_DECLARED = GOOD.replace('charset="utf-8"', 'charset="iso-8859-1"').replace(
    "Pier repairs", "Pier repairs at Ålesund café"
)

PAGES = {
    "/good": ("text/html; charset=utf-8", GOOD.encode()),
    "/empty": ("text/html; charset=utf-8", b""),
    "/binary": ("text/html", bytes(range(256)) * 40),
    "/broken": (
        "text/html; charset=utf-8",
        GOOD.replace("</p>", "").replace("</article></body></html>", "").encode(),
    ),
    "/charset-lie": ("text/html", LATIN1_DECLARED.encode("utf-8")),
    "/listing": (
        "text/html; charset=utf-8",
        (
            "<html><body><ul>"
            + "".join(f'<li><a href="/story/{n}">Story number {n}</a></li>' for n in range(60))
            + "</ul></body></html>"
        ).encode(),
    ),
    "/robots.txt": ("text/plain", b"User-agent: *\nAllow: /\n"),
}


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CrawlResult]:
    with PageServer(PAGES) as server:
        urls = ",".join(server.base_url + p.lstrip("/") for p in PAGES if p != "/robots.txt")
        out = tmp_path_factory.mktemp("bad") / "out.jsonl"
        yield scrapy_crawl("news", "-a", f"url={urls}", out=out)


def test_crawl_survives_and_exits_cleanly(crawl: CrawlResult) -> None:
    assert crawl.returncode == 0, crawl.log[-3000:]
    assert "Traceback" not in crawl.log


def test_good_broken_and_mislabelled_pages_give_records(crawl: CrawlResult) -> None:
    paths = sorted(Path(r["url"]).name for r in crawl.records)
    assert paths == ["broken", "charset-lie", "good"]


def test_charset_lie_is_decoded_correctly(crawl: CrawlResult) -> None:
    (record,) = [r for r in crawl.records if r["url"].endswith("/charset-lie")]
    assert record["title"] == "Pier repairs at Ålesund café go to the harbour board"


def test_every_bad_page_is_a_counted_drop_with_its_reason(crawl: CrawlResult) -> None:
    reasons = {Path(r["url"]).name: r["reason"] for r in crawl.rejects}
    assert reasons == {"empty": "empty", "binary": "binary", "listing": "not_article"}
