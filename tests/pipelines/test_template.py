from __future__ import annotations

from pathlib import Path

from newscrawl.items import ArticleDraft
from newscrawl.pipelines.template import SiteTemplatePipeline

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
