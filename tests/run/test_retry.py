from __future__ import annotations

from datetime import UTC, datetime

from newscrawl.run.retry import backoff_seconds, retry_after_seconds

NOW = datetime(2026, 11, 21, 8, 0, tzinfo=UTC)


def test_retry_after_in_seconds() -> None:
    assert retry_after_seconds(b"120", NOW) == 120.0


def test_retry_after_as_http_date() -> None:
    assert retry_after_seconds("Sat, 21 Nov 2026 08:00:30 GMT", NOW) == 30.0


def test_retry_after_in_the_past_means_no_wait() -> None:
    assert retry_after_seconds("Sat, 21 Nov 2026 07:00:00 GMT", NOW) == 0.0


def test_unreadable_retry_after_is_ignored() -> None:
    assert retry_after_seconds(b"soon", NOW) is None


def test_backoff_doubles_each_retry() -> None:
    assert [backoff_seconds(n, 1.0, 60.0) for n in (1, 2, 3)] == [1.0, 2.0, 4.0]


def test_backoff_is_capped() -> None:
    assert backoff_seconds(10, 1.0, 60.0) == 60.0
