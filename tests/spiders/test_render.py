"""Pages that build their article with JavaScript are rendered through scrapy-playwright and the
system's Chromium: with `render = "auto"` (the generic spider's default) only the pages whose
HTML turns out to be a script-built shell, with NEWSCRAWL_RENDER=1 every article page, with 0
none. Real crawls of a local site (tests/spiders/render_site.py)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.crawl import CrawlResult, scrapy_crawl
from tests.localserver import PageServer
from tests.spiders import render_site

pytestmark = pytest.mark.crawl


@contextmanager
def serving(**kinds: list[int]) -> Iterator[PageServer]:
    """The site with pages of each kind, and /sitemap.xml listing every article."""
    pages = render_site.site(kinds)
    with PageServer(pages) as server:
        paths = render_site.article_paths(pages)
        pages["/sitemap.xml"] = ("application/xml", render_site.sitemap(server.base_url, paths))
        yield server


def crawl(server: PageServer, tmp_path: Path, **settings: Any) -> CrawlResult:
    return scrapy_crawl("news", "-a", f"sitemap={server.base_url}sitemap.xml",
                        out=tmp_path / "out.jsonl",
                        settings={k: str(v) for k, v in settings.items()})


def paths(items: list[dict[str, Any]]) -> list[str]:
    return sorted("/" + item["url"].split("/", 3)[3] for item in items)


def fetches(server: PageServer, kind: str) -> Counter[str]:
    return Counter(p for p in server.requested if p.startswith(f"/{kind}/"))


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[CrawlResult, PageServer]]:
    """One crawl of a site with static and script-built articles, read by several tests."""
    with serving(static=[1, 2, 3], inline=[4, 5], fetch=[6, 7], heavy=[8]) as server:
        yield crawl(server, tmp_path_factory.mktemp("mixed")), server


def test_auto_renders_only_the_script_built_articles(
    mixed: tuple[CrawlResult, PageServer],
) -> None:
    result, server = mixed
    assert result.returncode == 0, result.log[-3000:]
    assert paths(result.records) == sorted(
        [f"/static/story-{n}.html" for n in (1, 2, 3)]
        + [f"/inline/story-{n}.html" for n in (4, 5)]
        + [f"/fetch/story-{n}.html" for n in (6, 7)]
        + ["/heavy/story-8.html"]
    )
    assert result.summary is not None
    render = result.summary["render"]
    assert render["mode"] == "auto"
    assert render["rendered"] == 5
    assert render["failed"] == {}
    assert render["browser"]["launches"] == 1
    # Static pages were fetched once, without a browser; each shell a second time, in one.
    assert set(fetches(server, "static").values()) == {1}
    for kind in ("inline", "fetch", "heavy"):
        assert set(fetches(server, kind).values()) == {2}
    assert fetches(server, "api") == {"/api/story-6.json": 1, "/api/story-7.json": 1}


def test_rendered_articles_carry_the_text_their_scripts_drew(
    mixed: tuple[CrawlResult, PageServer],
) -> None:
    by_path = {"/" + r["url"].split("/", 3)[3]: r for r in mixed[0].records}
    for path, n in (("/inline/story-4.html", 4), ("/fetch/story-6.html", 6)):
        record = by_path[path]
        assert record["title"] == render_site.title(n)
        assert record["body"].split("\n\n") == render_site.paragraphs(n)
        assert "createElement" not in record["body"]
        assert [a["name"] for a in record["authors"]] == ["Ada Quill"]


def test_the_browser_never_downloads_images_media_or_fonts(
    mixed: tuple[CrawlResult, PageServer],
) -> None:
    requested = mixed[1].requested
    assert "/assets/site.css" in requested  # the browser did load the page's other assets
    for blocked in ("/assets/photo.jpg", "/assets/clip.mp4", "/assets/gazette.woff2"):
        assert blocked not in requested


def test_without_rendering_shells_are_rejected_as_such(tmp_path: Path) -> None:
    with serving(static=[1, 2], inline=[4], fetch=[6]) as server:
        result = crawl(server, tmp_path, NEWSCRAWL_RENDER=0)
    assert paths(result.records) == ["/static/story-1.html", "/static/story-2.html"]
    assert {(r["url"].split("/", 3)[3], r["reason"]) for r in result.rejects} == {
        ("inline/story-4.html", "script_shell"), ("fetch/story-6.html", "script_shell")}
    assert result.summary is not None
    assert result.summary["render"]["rendered"] == 0
    assert result.summary["render"]["browser"]["launches"] == 0
    assert set(fetches(server, "inline").values()) == {1}


def test_a_static_crawl_starts_no_browser(tmp_path: Path) -> None:
    with serving(static=[1, 2, 3]) as server:
        result = crawl(server, tmp_path)
    assert result.returncode == 0, result.log[-3000:]
    assert len(result.records) == 3
    assert result.summary is not None
    assert result.summary["render"]["mode"] == "auto"
    assert result.summary["render"]["browser"]["launches"] == 0
    # Not even Playwright's driver: the handler starts it with the first page to render.
    assert "Starting download handler" not in result.log
    assert "Launching browser" not in result.log


def test_render_on_renders_every_article_page(tmp_path: Path) -> None:
    with serving(static=[1], inline=[4]) as server:
        result = crawl(server, tmp_path, NEWSCRAWL_RENDER=1)
    assert result.returncode == 0, result.log[-3000:]
    assert len(result.records) == 2
    assert result.summary is not None and result.summary["render"]["rendered"] == 2
    # Every article went straight to the browser: no static fetch first.
    assert set(fetches(server, "static").values()) == set(fetches(server, "inline").values()) \
        == {1}


def test_pages_that_never_render_are_counted_and_the_crawl_goes_on(tmp_path: Path) -> None:
    """A script that throws leaves a shell; one that never ends times out while loading; one
    that locks the page after loading is cut off. Each is a counted failure, once."""
    with serving(static=[1], inline=[4], throwing=[7], hanging=[8], stuck=[9]) as server:
        result = crawl(server, tmp_path, NEWSCRAWL_RENDER_TIMEOUT=1)
    assert paths(result.records) == ["/inline/story-4.html", "/static/story-1.html"]
    reasons = {r["url"].split("/", 3)[3]: r["reason"] for r in result.rejects}
    assert reasons == {"throwing/story-7.html": "script_shell",
                       "hanging/story-8.html": "render_failed",
                       "stuck/story-9.html": "render_failed"}
    assert result.summary is not None
    render = result.summary["render"]
    assert render["rendered"] == 1
    assert render["failed"] == {"still_shell": 1, "timeout": 2}
    assert result.summary["finish_reason"] == "finished"
    for kind in ("throwing", "hanging", "stuck"):  # the static fetch and one render, no more
        assert set(fetches(server, kind).values()) == {2}


def test_the_browser_restarts_after_its_page_budget(tmp_path: Path) -> None:
    with serving(inline=[1, 2, 3, 4, 5]) as server:
        result = crawl(server, tmp_path, NEWSCRAWL_RENDER_RESTART_PAGES=2,
                       NEWSCRAWL_RENDER_CONCURRENCY=1)
    assert len(result.records) == 5
    assert result.summary is not None
    browser = result.summary["render"]["browser"]
    assert browser["restarts"] == {"pages": 2}  # after pages 2 and 4
    assert browser["launches"] == 3
    assert browser["max_pages_at_once"] == 1


def test_the_browser_restarts_when_its_memory_grows(tmp_path: Path) -> None:
    with serving(inline=[1, 2, 3]) as server:
        result = crawl(server, tmp_path, NEWSCRAWL_RENDER_MAX_MEMORY_MB=1)
    assert len(result.records) == 3
    assert result.summary is not None
    browser = result.summary["render"]["browser"]
    assert browser["peak_memory_mb"] > 1
    assert sum(browser["restarts"].values()) >= 2
    assert set(browser["restarts"]) == {"memory"}


def test_a_rendered_page_that_leaves_the_site_is_rejected(tmp_path: Path) -> None:
    """Scrapy's offsite filter never sees where a page's script sends the browser."""
    with serving(leaving=[1], static=[2]) as server:
        result = crawl(server, tmp_path)
    assert paths(result.records) == ["/static/story-2.html"]
    assert [(r["url"].split("/", 3)[3], r["reason"]) for r in result.rejects] == [
        ("leaving/story-1.html", "offsite")]
    assert result.summary is not None
    assert result.summary["render"]["failed"] == {"offsite": 1}
