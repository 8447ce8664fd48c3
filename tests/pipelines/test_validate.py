from __future__ import annotations

from typing import Any

import pytest

from newscrawl.items import ArticleDraft, Rejected
from newscrawl.pipelines.validate import ValidatePipeline
from newscrawl.run.rejects import Refused


class Stats:
    def __init__(self) -> None:
        self.values: dict[str, int] = {}

    def inc_value(self, key: str, count: int = 1) -> None:
        self.values[key] = self.values.get(key, 0) + count


def pipeline() -> tuple[ValidatePipeline, Stats]:
    stats = Stats()
    return ValidatePipeline(stats), stats


def draft(**fields: Any) -> ArticleDraft:
    d = ArticleDraft(url="https://news.example/a/1", site="example")
    d.title = "Ferry timetable changes"
    d.body = ["The ferry will run hourly from Monday.", "Tickets stay the same price."]
    for key, value in fields.items():
        setattr(d, key, value)
    return d


def test_valid_draft_becomes_a_schema_record() -> None:
    pipe, stats = pipeline()
    record = pipe.process_item(draft())
    assert record["body"] == (
        "The ferry will run hourly from Monday.\n\nTickets stay the same price."
    )
    assert record["schema_version"] == 1
    assert stats.values == {"newscrawl/records_written": 1}


def test_record_with_a_credit_is_valid() -> None:
    pipe, _ = pipeline()
    record = pipe.process_item(draft(credit="Newsdesk", byline_raw="By Newsdesk"))
    assert (record["authors"], record["credit"]) == ([], "Newsdesk")


def test_record_without_body_is_refused_with_the_record_and_counted() -> None:
    pipe, stats = pipeline()
    with pytest.raises(Refused, match="body") as refused:
        pipe.process_item(draft(body=[]))
    assert stats.values["newscrawl/dropped/invalid"] == 1
    line = refused.value.line()
    assert (line["url"], line["reason"]) == ("https://news.example/a/1", "invalid")
    assert line["record"]["title"] == "Ferry timetable changes"


def test_malformed_date_is_invalid() -> None:
    pipe, _ = pipeline()
    with pytest.raises(Refused, match="published_at"):
        pipe.process_item(draft(published_at="28/1/2019", published_precision="day"))


def test_rejected_page_is_refused_and_counted_by_reason() -> None:
    pipe, stats = pipeline()
    page = Rejected("https://news.example/tag/x", "not_article", "not_article: a listing",
                    listed_as="https://news.example/tag/x?page=1")
    with pytest.raises(Refused, match="not_article: a listing") as refused:
        pipe.process_item(page)
    assert stats.values["newscrawl/dropped/not_article"] == 1
    assert refused.value.line() == {
        "url": "https://news.example/tag/x", "reason": "not_article",
        "details": ["not_article: a listing"], "record": {"url": "https://news.example/tag/x"},
    }
    assert refused.value.listed_as == "https://news.example/tag/x?page=1"
