from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from newscrawl.run.summary import (
    DEFAULT_FLOORS,
    EXIT_FAILED,
    EXIT_LOCKED,
    EXIT_OK,
    OUTPUT_ERROR_LINES,
    OUTPUT_NOT_STORED,
    CoverageCounter,
    build_summary,
    coverage,
    drops_by_kind,
    errors_by_kind,
    judge,
    summary_path_for,
    write_summary,
)

FULL = {
    "title": "Bridge reopens",
    "published_at": "2026-11-02T07:30:00+01:00",
    "authors": [{"name": "Ilse Marwood", "raw": "By Ilse Marwood"}],
    "agencies": [],
    "body": "The bridge carried its first buses on Monday.",
}
GOOD_COVERAGE = dict.fromkeys(DEFAULT_FLOORS, 1.0)


def stats(**extra: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "finish_reason": "finished",
        "item_scraped_count": 10,
        "downloader/request_count": 20,
        "downloader/response_count": 20,
    }
    base.update({k.replace("__", "/"): v for k, v in extra.items()})
    return base


def verdict(
    run_stats: dict[str, Any], cov: dict[str, float] | None = None
) -> tuple[int, list[str]]:
    return judge(
        run_stats,
        GOOD_COVERAGE if cov is None else cov,
        DEFAULT_FLOORS,
        expected_articles=True,
        max_error_rate=0.1,
    )


# -- coverage ------------------------------------------------------------------------------


def test_full_record_covers_every_field() -> None:
    assert coverage([FULL]) == {
        "title": 1.0,
        "published_at": 1.0,
        "authors_or_agencies": 1.0,
        "body": 1.0,
    }


def test_coverage_is_a_share_of_records() -> None:
    assert coverage([FULL, {**FULL, "title": None}])["title"] == 0.5


def test_blank_text_does_not_count() -> None:
    assert coverage([{**FULL, "body": "  \n"}])["body"] == 0.0


def test_agency_alone_covers_authors_or_agencies() -> None:
    record = {**FULL, "authors": [], "agencies": ["Associated Press"]}
    assert coverage([record])["authors_or_agencies"] == 1.0


def test_neither_authors_nor_agencies_is_not_covered() -> None:
    assert coverage([{**FULL, "authors": [], "agencies": []}])["authors_or_agencies"] == 0.0


def test_no_records_cover_nothing() -> None:
    assert set(coverage([]).values()) == {0.0}


def test_counter_adds_records_one_at_a_time() -> None:
    counter = CoverageCounter()
    counter.add(FULL)
    counter.add({})
    assert (counter.total, counter.result()["body"]) == (2, 0.5)


# -- the verdict ---------------------------------------------------------------------------


def test_exit_codes_are_distinct() -> None:
    assert (EXIT_OK, EXIT_FAILED, EXIT_LOCKED) == (0, 1, 75)


def test_clean_run_passes() -> None:
    assert verdict(stats()) == (EXIT_OK, [])


def test_errors_over_the_threshold_fail() -> None:
    code, reasons = verdict(stats(log_count__ERROR=5))
    assert code == EXIT_FAILED and "5 errors in 20 requests" in reasons[0]


def test_errors_within_the_threshold_pass() -> None:
    assert verdict(stats(log_count__ERROR=2))[0] == EXIT_OK


def test_critical_log_counts_as_an_error() -> None:
    assert verdict(stats(log_count__CRITICAL=3))[0] == EXIT_FAILED


def test_errors_without_requests_fail() -> None:
    assert verdict(stats(**{"downloader/request_count": 0, "log_count/ERROR": 1}))[0] == 1


def test_no_articles_when_expected_fails() -> None:
    code, reasons = verdict(stats(item_scraped_count=0))
    assert code == EXIT_FAILED and "no articles" in reasons[0]


def test_no_articles_and_only_walls_fails_with_the_walls_named() -> None:
    run = stats(item_scraped_count=0, **{"newscrawl/dropped/bot_check": 3,
                                          "newscrawl/dropped/not_article": 1})
    cov = dict.fromkeys(DEFAULT_FLOORS, 0.0)
    code, reasons = judge(run, cov, DEFAULT_FLOORS, expected_articles=False, max_error_rate=0.5)
    assert code == EXIT_FAILED and reasons == ["no articles written; pages behind walls: 3 bot_check"]


def test_walls_beside_written_articles_pass() -> None:
    assert verdict(stats(**{"newscrawl/dropped/paywall": 4}))[0] == 0


def test_no_articles_when_none_expected_passes() -> None:
    run = stats(item_scraped_count=0)
    cov = dict.fromkeys(DEFAULT_FLOORS, 0.0)
    assert judge(run, cov, DEFAULT_FLOORS, expected_articles=False, max_error_rate=0.1) == (0, [])


def test_coverage_under_a_floor_fails() -> None:
    code, reasons = verdict(stats(), {**GOOD_COVERAGE, "published_at": 0.5})
    assert code == EXIT_FAILED and reasons == [
        "published_at in 50% of records, under the floor of 80%"
    ]


def test_field_without_a_floor_is_not_checked() -> None:
    run = stats()
    cov = {**GOOD_COVERAGE, "body": 0.0}
    assert judge(run, cov, {"title": 0.9}, expected_articles=True, max_error_rate=0.1)[0] == 0


def test_stopped_run_fails() -> None:
    code, reasons = verdict(stats(finish_reason="shutdown"))
    assert code == EXIT_FAILED and reasons == ["run ended early: shutdown"]


def test_unstored_output_fails_with_its_reason_first() -> None:
    error = "cannot write out/run.jsonl.part: Read-only file system"
    code, reasons = judge(stats(log_count__ERROR=10), GOOD_COVERAGE, DEFAULT_FLOORS,
                          expected_articles=True, output_errors=[error])
    assert code == EXIT_FAILED
    assert reasons[0] == f"output not stored: {error}"


def test_output_error_lines_are_not_errors_of_the_crawl() -> None:
    # A run stopped by its output at the start: two error lines, no request at all.
    run = stats(**{"log_count/ERROR": 2, OUTPUT_ERROR_LINES: 2, "downloader/request_count": 0,
                   "item_scraped_count": 0, "finish_reason": OUTPUT_NOT_STORED})
    reasons = judge(run, GOOD_COVERAGE, DEFAULT_FLOORS, expected_articles=True,
                    output_errors=["cannot write x: Permission denied"])[1]
    assert reasons == ["output not stored: cannot write x: Permission denied"]


def test_every_reason_is_reported() -> None:
    run = stats(finish_reason="closespider_errorcount", log_count__ERROR=10)
    assert len(verdict(run, {**GOOD_COVERAGE, "title": 0.0})[1]) == 3


# -- errors and drops by kind --------------------------------------------------------------


def test_drops_are_grouped_by_reason() -> None:
    run = stats(**{"item_dropped_reasons_count/DropItem": 3, "item_dropped_count": 3})
    assert drops_by_kind(run) == {"DropItem": 3}


def test_download_errors_are_grouped_by_exception() -> None:
    key = "downloader/exception_type_count/twisted.internet.error.TimeoutError"
    assert errors_by_kind(stats(**{key: 2}))["download"] == {
        "twisted.internet.error.TimeoutError": 2
    }


def test_http_statuses_are_grouped_by_code() -> None:
    run = stats(**{"downloader/response_status_count/429": 4})
    assert errors_by_kind(run)["http_status"] == {"429": 4}


# -- the summary ---------------------------------------------------------------------------


def summary(**overrides: Any) -> dict[str, Any]:
    run = stats(
        start_time=datetime(2026, 11, 3, 6, 0, tzinfo=UTC),
        finish_time=datetime(2026, 11, 3, 6, 2, 30, tzinfo=UTC),
    )
    args: dict[str, Any] = {
        "site": "example",
        "stats": run,
        "coverage": GOOD_COVERAGE,
        "floors": DEFAULT_FLOORS,
        "exit_code": EXIT_OK,
        "reasons": [],
        "output": "output/example.jsonl",
        "lock": {"path": "state/example.lock", "held": True},
        "store": {"articles": 12},
    }
    return build_summary(**{**args, **overrides})


def test_summary_counts_articles() -> None:
    assert summary()["counts"]["articles"] == 10


def test_summary_duration_comes_from_the_stats() -> None:
    assert summary()["duration_seconds"] == 150.0


def test_summary_verdict_follows_the_exit_code() -> None:
    assert summary(exit_code=EXIT_FAILED, reasons=["x"])["verdict"] == "failed"


def test_summary_keeps_lock_and_store_state() -> None:
    data = summary()
    assert (data["lock"]["held"], data["store"]["articles"]) == (True, 12)


@pytest.mark.parametrize(
    ("output", "expected"),
    [
        ("out/example.jsonl", "out/example.summary.json"),
        ("out/example.jl", "out/example.summary.json"),
        ("out/example.jsonl.gz", "out/example.jsonl.gz.summary.json"),
    ],
)
def test_summary_sits_next_to_the_output(output: str, expected: str) -> None:
    assert summary_path_for(output) == Path(expected)


def test_written_summary_is_json_with_dates(tmp_path: Path) -> None:
    path = write_summary(tmp_path / "example.summary.json", summary())
    assert json.loads(path.read_text())["started_at"] == "2026-11-03T06:00:00+00:00"


def test_written_summary_leaves_no_part_file(tmp_path: Path) -> None:
    write_summary(tmp_path / "example.summary.json", summary())
    assert [p.name for p in tmp_path.iterdir()] == ["example.summary.json"]
