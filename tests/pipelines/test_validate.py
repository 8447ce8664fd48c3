from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from scrapy.exceptions import DropItem

from newscrawl.items import ArticleDraft, Rejected
from newscrawl.pipelines.validate import ValidatePipeline


class Stats:
    def __init__(self) -> None:
        self.values: dict[str, int] = {}

    def inc_value(self, key: str, count: int = 1) -> None:
        self.values[key] = self.values.get(key, 0) + count


def pipeline(tmp_path: Path) -> tuple[ValidatePipeline, Stats, Path]:
    stats = Stats()
    rejects = tmp_path / "run.rejects.jsonl"
    spider = SimpleNamespace(sibling_path=lambda suffix: tmp_path / f"run{suffix}")
    pipe = ValidatePipeline(stats, SimpleNamespace(spider=spider))  # type: ignore[arg-type]
    pipe.open_spider()
    return pipe, stats, rejects


def draft(**fields: Any) -> ArticleDraft:
    d = ArticleDraft(url="https://news.example/a/1", site="example")
    d.title = "Ferry timetable changes"
    d.body = ["The ferry will run hourly from Monday.", "Tickets stay the same price."]
    for key, value in fields.items():
        setattr(d, key, value)
    return d


def test_valid_draft_becomes_a_schema_record(tmp_path: Path) -> None:
    pipe, stats, _ = pipeline(tmp_path)
    record = pipe.process_item(draft())
    assert record["body"] == (
        "The ferry will run hourly from Monday.\n\nTickets stay the same price."
    )
    assert record["schema_version"] == 1
    assert stats.values == {"newscrawl/records_written": 1}


def test_record_without_body_is_dropped_counted_and_kept_in_rejects(tmp_path: Path) -> None:
    pipe, stats, rejects = pipeline(tmp_path)
    with pytest.raises(DropItem, match="body"):
        pipe.process_item(draft(body=[]))
    pipe.close_spider()
    assert stats.values["newscrawl/dropped/invalid"] == 1
    (line,) = rejects.read_text("utf-8").splitlines()
    assert json.loads(line)["url"] == "https://news.example/a/1"


def test_malformed_date_is_invalid(tmp_path: Path) -> None:
    pipe, _, _ = pipeline(tmp_path)
    with pytest.raises(DropItem, match="published_at"):
        pipe.process_item(draft(published_at="28/1/2019", published_precision="day"))
    pipe.close_spider()


def test_rejected_page_is_counted_by_reason(tmp_path: Path) -> None:
    pipe, stats, rejects = pipeline(tmp_path)
    with pytest.raises(DropItem, match="not_article"):
        pipe.process_item(Rejected("https://news.example/tag/x", "not_article", "a listing"))
    pipe.close_spider()
    assert stats.values["newscrawl/dropped/not_article"] == 1
    assert json.loads(rejects.read_text("utf-8"))["reason"] == "not_article"


def test_rejects_file_appears_under_its_final_name_only_when_the_run_closes(
    tmp_path: Path,
) -> None:
    pipe, _, rejects = pipeline(tmp_path)
    with pytest.raises(DropItem):
        pipe.process_item(Rejected("https://news.example/x", "empty", "no bytes"))
    assert not rejects.exists()
    assert rejects.with_name(rejects.name + ".part").exists()
    pipe.close_spider()
    assert rejects.exists() and not rejects.with_name(rejects.name + ".part").exists()
