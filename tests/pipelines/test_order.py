from __future__ import annotations

from scrapy.utils.misc import load_object

from newscrawl import process, settings


def test_pipelines_run_the_process_steps_in_the_same_order() -> None:
    ordered = sorted(settings.ITEM_PIPELINES.items(), key=lambda kv: kv[1])
    steps = [getattr(load_object(path), "step", None) for path, _ in ordered]
    assert [s for s in steps if s is not None] == list(process.STEPS)


def test_validation_is_the_last_pipeline() -> None:
    last = max(settings.ITEM_PIPELINES.items(), key=lambda kv: kv[1])[0]
    assert last.endswith("ValidatePipeline")
