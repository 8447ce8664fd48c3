"""Pages that build their text with JavaScript are crawled through scrapy-playwright and the
system's Chromium when rendering is on."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.crawl import scrapy_crawl
from tests.localserver import PageServer

SCRIPTED = b"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Lantern festival returns to the old port</title></head><body>
<h1>Lantern festival returns to the old port</h1><div id="story"></div>
<script>
const paragraphs = [
  "Hundreds of paper lanterns drifted across the old port on Saturday night as the festival returned after a four-year pause.",
  "Organisers said volunteers had folded more than two thousand lanterns over the winter, most of them in the library basement.",
  "The harbour master closed the inner basin to boats for three hours so that the lanterns could float without being swamped.",
  "Stallholders along the quay reported their busiest evening since the summer, with queues for grilled corn stretching past the customs house."
];
const story = document.getElementById("story");
for (const text of paragraphs) { const p = document.createElement("p"); p.textContent = text; story.appendChild(p); }
</script></body></html>"""


@pytest.fixture
def server():
    with PageServer(
        {
            "/story/lanterns": ("text/html; charset=utf-8", SCRIPTED),
            "/robots.txt": ("text/plain", b"User-agent: *\nAllow: /\n"),
        }
    ) as srv:
        yield srv


@pytest.mark.crawl
def test_rendering_runs_the_page_script(server: PageServer, tmp_path: Path) -> None:
    result = scrapy_crawl(
        "news",
        "-a",
        f"url={server.base_url}story/lanterns",
        "-s",
        "NEWSCRAWL_RENDER=1",
        out=tmp_path / "out.jsonl",
    )
    assert result.returncode == 0, result.log[-3000:]
    (record,) = result.records
    assert "drifted across the old port" in record["body"]
    assert "document.createElement" not in record["body"]


@pytest.mark.crawl
def test_without_rendering_the_scripted_page_is_a_counted_drop(
    server: PageServer, tmp_path: Path
) -> None:
    result = scrapy_crawl(
        "news", "-a", f"url={server.base_url}story/lanterns", out=tmp_path / "out.jsonl"
    )
    assert result.records == []
    assert [r["reason"] for r in result.rejects] == ["not_article"]
