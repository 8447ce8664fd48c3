"""Moments of a run: UTC normalization and the `-a since=` window."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta

_SINCE_SPAN = re.compile(r"^\s*(\d+)\s*([mhdw])\s*$", re.IGNORECASE)
_SPAN_UNITS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


def as_utc(moment: datetime) -> datetime:
    """The moment in UTC; a naive value is read as UTC (sitemaps often omit the offset)."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def parse_since(text: str, now: datetime | None = None) -> datetime:
    """The start of a `since` window: a span back from now (`30m`, `12h`, `2d`, `1w`) or a
    date or ISO datetime (`2026-11-01`, `2026-11-01T06:00:00+02:00`); ValueError otherwise."""
    now = as_utc(now or datetime.now(UTC))
    span = _SINCE_SPAN.match(text)
    if span:
        amount, unit = int(span.group(1)), span.group(2).lower()
        return now - timedelta(**{_SPAN_UNITS[unit]: amount})
    value = text.strip()
    try:
        if len(value) == 10:
            return datetime.combine(date.fromisoformat(value), time(), UTC)
        return as_utc(datetime.fromisoformat(value))
    except ValueError:
        raise ValueError(
            f"since {text!r}: expected a span like 12h, 2d, 1w or a date like 2026-11-01"
        ) from None
