"""The verdict and summary of one run, so cron and its users can tell a good run from a bad one.

Exit codes of `scrapy crawl` / `newscrawl crawl`:
    0   EXIT_OK      the run finished and passed every check;
    1   EXIT_FAILED  the run finished but failed a check: too many errors, no articles where
                     articles were expected, field coverage under the site's floors, output not
                     stored (the reason names the file and the system's error), the state store
                     not usable, or the run was stopped early (a signal, a close-spider limit);
    75  EXIT_LOCKED  another run of the same site holds the lock; nothing was done
                     (EX_TEMPFAIL: cron may simply try again later).

Each run writes a summary JSON next to its output (`out.jsonl` -> `out.summary.json`) with the
counts, the coverage of each field, errors and drops by kind, the duration, the lock and the
state store, and the verdict with its reasons. Everything here is pure apart from
`write_summary`, which writes atomically.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from newscrawl.run.lock import EXIT_LOCKED as EXIT_LOCKED  # re-exported: one place for codes
from newscrawl.run.output import atomic_write_bytes
from newscrawl.run.reasons import WALLS

EXIT_OK = 0
EXIT_FAILED = 1

COVERAGE_FIELDS: tuple[str, ...] = ("title", "published_at", "authors_or_agencies", "body")
# Defaults for sites without their own floors: a share of records that must have each field.
DEFAULT_FLOORS: dict[str, float] = {
    "title": 0.95,
    "published_at": 0.80,
    "authors_or_agencies": 0.50,
    "body": 0.95,
}
DEFAULT_MAX_ERROR_RATE = 0.10
FINISHED = "finished"
# Finish reasons of a run that stopped itself, for a reason judge is told apart.
OUTPUT_NOT_STORED = "output_not_stored"
STATE_NOT_USABLE = "state_not_usable"
# Error lines the run logged about its output files: not errors of the crawl.
OUTPUT_ERROR_LINES = "newscrawl/output/error_lines"


def _present(value: object) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    return bool(value)


def _has_field(record: Mapping[str, Any], name: str) -> bool:
    if name == "authors_or_agencies":
        return _present(record.get("authors")) or _present(record.get("agencies"))
    return _present(record.get(name))


class CoverageCounter:
    """Counts, record by record, how many records have each field (no records are kept)."""

    def __init__(self, fields: Iterable[str] = COVERAGE_FIELDS):
        self.fields = tuple(fields)
        self.total = 0
        self.present = dict.fromkeys(self.fields, 0)

    def add(self, record: Mapping[str, Any]) -> None:
        self.total += 1
        for name in self.fields:
            if _has_field(record, name):
                self.present[name] += 1

    def result(self) -> dict[str, float]:
        """The share of records with each field; 0.0 for every field when there are none."""
        if not self.total:
            return dict.fromkeys(self.fields, 0.0)
        return {name: self.present[name] / self.total for name in self.fields}


def coverage(records: Iterable[Mapping[str, Any]]) -> dict[str, float]:
    counter = CoverageCounter()
    for record in records:
        counter.add(record)
    return counter.result()


def _int(stats: Mapping[str, Any], key: str) -> int:
    value = stats.get(key, 0)
    return value if isinstance(value, int) else 0


def counts_with_prefix(stats: Mapping[str, Any], prefix: str) -> dict[str, int]:
    """Scrapy's `prefix/<kind>` counters as {kind: count}."""
    return {
        key[len(prefix) :]: value
        for key, value in sorted(stats.items())
        if key.startswith(prefix) and isinstance(value, int)
    }


def error_count(stats: Mapping[str, Any]) -> int:
    """Error lines of the crawl (the output's own are counted apart, see judge)."""
    errors = _int(stats, "log_count/ERROR") + _int(stats, "log_count/CRITICAL")
    return max(0, errors - _int(stats, OUTPUT_ERROR_LINES))


def errors_by_kind(stats: Mapping[str, Any]) -> dict[str, dict[str, int]]:
    return {
        "log": counts_with_prefix(stats, "log_count/"),
        "download": counts_with_prefix(stats, "downloader/exception_type_count/"),
        "spider": counts_with_prefix(stats, "spider_exceptions/"),
        "http_status": counts_with_prefix(stats, "downloader/response_status_count/"),
        "feed_store_failed": counts_with_prefix(stats, "feedexport/failed_count/"),
    }


def drops_by_kind(stats: Mapping[str, Any]) -> dict[str, int]:
    return counts_with_prefix(stats, "item_dropped_reasons_count/")


def judge(
    stats: Mapping[str, Any],
    coverage: Mapping[str, float],
    floors: Mapping[str, float],
    *,
    expected_articles: bool,
    max_error_rate: float = DEFAULT_MAX_ERROR_RATE,
    output_errors: Sequence[str] = (),
) -> tuple[int, list[str]]:
    """The run's exit code and, when it failed, every reason why (empty when it passed).

    `stats` are the crawler's stats; `expected_articles` says whether this run had articles
    to write (an incremental run with nothing new expects none); `output_errors` says why
    output files could not be stored: then nothing was stored, and the articles are not
    judged.
    """
    reasons = [
        *(f"output not stored: {error}" for error in output_errors),
        *_finish_reasons(stats),
        *_error_reasons(stats, max_error_rate),
    ]
    if not output_errors:
        reasons += _article_reasons(stats, coverage, floors, expected_articles)
    return (EXIT_FAILED if reasons else EXIT_OK), reasons


def _finish_reasons(stats: Mapping[str, Any]) -> list[str]:
    finish = stats.get("finish_reason")
    if finish is None or finish in (FINISHED, OUTPUT_NOT_STORED, STATE_NOT_USABLE):
        return []  # the last two come with their own reason
    return [f"run ended early: {finish}"]


def _error_reasons(stats: Mapping[str, Any], max_error_rate: float) -> list[str]:
    errors = error_count(stats)
    if not errors:
        return []
    requests = _int(stats, "downloader/request_count")
    rate = errors / requests if requests else 1.0
    if rate <= max_error_rate:
        return []
    return [f"{errors} errors in {requests} requests ({rate:.0%}) exceed {max_error_rate:.0%}"]


def _article_reasons(
    stats: Mapping[str, Any],
    coverage: Mapping[str, float],
    floors: Mapping[str, float],
    expected_articles: bool,
) -> list[str]:
    articles = _int(stats, "item_scraped_count")
    walled = {why: _int(stats, f"newscrawl/dropped/{why}") for why in sorted(WALLS)}
    if not articles and any(walled.values()):
        # Nothing written and walls met: the crawl was blocked or locked out, which cron users
        # must hear of, although a wall is no article to expect.
        counts = ", ".join(f"{n} {why}" for why, n in walled.items() if n)
        return [f"no articles written; pages behind walls: {counts}"]
    if not articles:
        return ["no articles written where articles were expected"] if expected_articles else []
    return [
        f"{name} in {coverage.get(name, 0.0):.0%} of records, under the floor of {floor:.0%}"
        for name, floor in floors.items()
        if coverage.get(name, 0.0) < floor
    ]


def _duration(stats: Mapping[str, Any]) -> float | None:
    elapsed = stats.get("elapsed_time_seconds")
    if isinstance(elapsed, int | float):
        return round(float(elapsed), 3)
    start, finish = stats.get("start_time"), stats.get("finish_time")
    if isinstance(start, datetime) and isinstance(finish, datetime):
        return round((finish - start).total_seconds(), 3)
    return None


def build_summary(
    *,
    site: str,
    stats: Mapping[str, Any],
    coverage: Mapping[str, float],
    floors: Mapping[str, float],
    exit_code: int,
    reasons: list[str],
    output: str | None = None,
    lock: Mapping[str, Any] | None = None,
    store: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The summary document of one run, ready for `write_summary`."""
    return {
        "site": site,
        "verdict": "ok" if exit_code == EXIT_OK else "failed",
        "exit_code": exit_code,
        "reasons": list(reasons),
        "output": output,
        "started_at": stats.get("start_time"),
        "finished_at": stats.get("finish_time"),
        "duration_seconds": _duration(stats),
        "finish_reason": stats.get("finish_reason"),
        "counts": {
            "articles": _int(stats, "item_scraped_count"),
            "dropped": _int(stats, "item_dropped_count"),
            "requests": _int(stats, "downloader/request_count"),
            "responses": _int(stats, "downloader/response_count"),
            "errors": error_count(stats),
        },
        "coverage": dict(coverage),
        "floors": dict(floors),
        "errors_by_kind": errors_by_kind(stats),
        "drops_by_kind": drops_by_kind(stats),
        "lock": dict(lock) if lock is not None else None,
        "store": dict(store) if store is not None else None,
    }


def summary_path_for(output: str | Path) -> Path:
    """Where a run's summary goes: `out.jsonl` -> `out.summary.json`."""
    path = Path(output)
    if path.suffix in {".jsonl", ".jl", ".json", ".ndjson"}:
        path = path.with_suffix("")
    return path.with_name(path.name + ".summary.json")


def _json_default(value: object) -> object:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, timedelta):
        return value.total_seconds()
    if isinstance(value, set | frozenset):
        return sorted(value, key=str)
    return str(value)


def write_summary(path: str | Path, summary: Mapping[str, Any]) -> Path:
    """Write the summary JSON atomically; the path written."""
    text = json.dumps(summary, indent=2, sort_keys=True, ensure_ascii=False, default=_json_default)
    atomic_write_bytes(path, (text + "\n").encode("utf-8"))
    return Path(path)
