from __future__ import annotations

from pathlib import Path

from newscrawl.items import ArticleDraft
from newscrawl.pipelines.template import SiteTemplatePipeline
from newscrawl.process import resolve_dateline_language
from newscrawl.sites import load_profile

FOOTER = "Eastport Post is published by Harbour Media Group, Quay Street, Eastport."
TOPICS = ["harbour", "market", "station", "library", "museum", "stadium", "school", "bridge"]


def _draft(topic: str) -> ArticleDraft:
    draft = ArticleDraft(url=f"https://news.example.org/{topic}", site="eastport")
    draft.body = [f"The council voted on the {topic} plan after a long debate.", FOOTER]
    return draft


def test_pipeline_strips_a_learned_footer_and_saves_the_template(tmp_path: Path) -> None:
    pipeline = SiteTemplatePipeline(tmp_path)
    drafts = [pipeline.process_item(_draft(topic)) for topic in TOPICS]
    pipeline.close_spider()
    assert FOOTER in drafts[0].body  # not yet confirmed on the first page
    assert drafts[-1].body == ["The council voted on the bridge plan after a long debate."]
    assert (tmp_path / "eastport.json").exists()


def _page(topic: str, url: str, canonical: str | None = None) -> ArticleDraft:
    draft = ArticleDraft(url=url, site="eastport")
    draft.canonical_url = canonical
    draft.body = [f"The council voted on the {topic} plan after a long debate.",
                  f"Residents near the {topic} asked for a public meeting first.", FOOTER]
    return draft


def test_articles_crawled_again_from_other_ports_keep_every_line(tmp_path: Path) -> None:
    for run in range(6):  # six crawls, each from another port, as the demo does
        pipeline = SiteTemplatePipeline(tmp_path)
        for topic in TOPICS[:4]:
            page = _page(topic, f"http://127.0.0.1:{8000 + run}/news/{topic}")
            full = list(page.body)
            assert pipeline.process_item(page).body == full
        pipeline.close_spider()


def test_footer_of_many_articles_is_stripped_however_often_they_are_crawled(
    tmp_path: Path,
) -> None:
    pipeline = SiteTemplatePipeline(tmp_path)
    for port in (8001, 8002, 8003):
        bodies = [pipeline.process_item(_page(t, f"http://127.0.0.1:{port}/x/{t}",
                                              canonical=f"https://eastport.example/news/{t}")).body
                  for t in TOPICS]
    assert bodies[-1] == _page(TOPICS[-1], "http://x.example/").body[:2]
    assert all(len(body) == 2 for body in bodies)  # the story's lines stay


def test_a_mirror_without_canonical_links_shows_the_live_sites_articles(tmp_path: Path) -> None:
    live = load_profile("rudaw")
    pipeline = SiteTemplatePipeline(tmp_path)
    for run in range(6):
        mirror = live.with_base(f"http://127.0.0.1:{9000 + run}/rudaw/")
        for topic in TOPICS[:4]:
            page = _page(topic, mirror.absolute(f"english/world/{topic}"))
            page.profile, page.site = mirror, "rudaw"
            full = list(page.body)
            assert pipeline.process_item(page).body == full
    assert pipeline.templates.template("rudaw").pages == 4


def test_the_template_learns_lines_the_chrome_step_removed_from_other_pages(
        tmp_path: Path) -> None:
    # The chrome step removed the footer on most pages (the body), not on the last one: the
    # template counted it on every page as extracted, and strips it there too.
    pipeline = SiteTemplatePipeline(tmp_path)
    for topic in TOPICS[:-1]:
        draft = _draft(topic)
        draft.extracted_body, draft.body = draft.body, draft.body[:1]
        pipeline.process_item(draft)
    last = _draft(TOPICS[-1])
    last.extracted_body = list(last.body)
    assert pipeline.process_item(last).body == [last.body[0]]


def test_the_date_line_is_read_again_when_the_template_took_the_top_line(
        tmp_path: Path) -> None:
    banner = "Eastport Post: independent news for the harbour towns since 1921"
    pipeline = SiteTemplatePipeline(tmp_path)
    drafts = []
    for topic in TOPICS:
        draft = _draft(topic)
        draft.body = [banner, f"EASTPORT — The council voted on the {topic} plan on Monday."]
        draft.extracted_body = list(draft.body)
        resolve_dateline_language(draft)  # as the worker did: the banner opened the body
        drafts.append(pipeline.process_item(draft))
    assert drafts[0].dateline is None  # the banner is not yet known as chrome
    assert drafts[-1].body[0].startswith("EASTPORT")
    assert drafts[-1].dateline == "EASTPORT"
