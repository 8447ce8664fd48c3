from __future__ import annotations

from newscrawl import settings


def _order() -> list[str]:
    return [path for path, _ in sorted(settings.ITEM_PIPELINES.items(), key=lambda kv: kv[1])]


def test_dedup_sees_the_body_after_the_site_template_stripped_it() -> None:
    order = _order()
    template = order.index("newscrawl.pipelines.template.SiteTemplatePipeline")
    assert template < order.index("newscrawl.pipelines.dedup.DedupPipeline")


def test_validation_is_the_last_pipeline() -> None:
    assert _order()[-1].endswith("ValidatePipeline")
