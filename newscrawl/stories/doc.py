"""A record as the linker sees it: its fields, when it happened, and the features of its text."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import cached_property
from typing import Any

from newscrawl.normalize.urls import canonicalize_url, url_key
from newscrawl.stories import text
from newscrawl.stories.text import Sentence

SHINGLE_WORDS = 4
# A day-only date says nothing of the hour, nor of the zone the day was counted in.
DAY_SLACK = timedelta(hours=14)
# The fields a story index keeps of each member, enough to compare it again.
STORED_FIELDS = ("url", "canonical_url", "site", "title", "agencies", "dateline",
                 "published_at", "fetched_at", "body")


@dataclass(frozen=True)
class When:
    """A moment in UTC seconds, give or take `slack` seconds."""

    at: float
    slack: float = 0.0

    def apart(self, other: When) -> float:
        """Hours between the two moments, at the least their uncertainty allows."""
        gap = abs(self.at - other.at) - self.slack - other.slack
        return max(gap, 0.0) / 3600.0


def parse_when(value: Any) -> When | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        if len(value) == 10:
            day = date.fromisoformat(value)
            noon = datetime(day.year, day.month, day.day, 12, tzinfo=UTC)
            return When(noon.timestamp(), DAY_SLACK.total_seconds())
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return When(moment.timestamp())


def record_key(record: Mapping[str, Any]) -> str:
    """The article's identity: its canonical URL (else the fetched one), as the store keys it."""
    for name in ("canonical_url", "url"):
        value = record.get(name)
        if isinstance(value, str) and value:
            try:
                return url_key(canonicalize_url(value))
            except ValueError:
                continue
    return ""


@dataclass
class StoryDoc:
    record: Mapping[str, Any]
    key: str = field(init=False)

    def __post_init__(self) -> None:
        self.key = record_key(self.record)

    @property
    def url(self) -> str:
        return str(self.record.get("canonical_url") or self.record.get("url") or "")

    @property
    def first_url(self) -> str:
        return str(self.record.get("url") or self.url)

    @cached_property
    def when(self) -> When | None:
        """Publication time; the fetch time only when the page gave none (less sure)."""
        published = parse_when(self.record.get("published_at"))
        if published is not None:
            return published
        fetched = parse_when(self.record.get("fetched_at"))
        return When(fetched.at, DAY_SLACK.total_seconds()) if fetched else None

    @cached_property
    def agencies(self) -> frozenset[str]:
        return frozenset(a.casefold() for a in self.record.get("agencies") or [])

    @cached_property
    def dateline(self) -> str | None:
        value = self.record.get("dateline")
        return " ".join(text.words(value)) or None if isinstance(value, str) else None

    @cached_property
    def body(self) -> str:
        body = self.record.get("body")
        return text.strip_dateline(body, self.record.get("dateline")) if isinstance(
            body, str) else ""

    @cached_property
    def tokens(self) -> list[str]:
        return text.words(self.body)

    @cached_property
    def shingles(self) -> set[int]:
        return text.shingle_hashes(self.tokens, SHINGLE_WORDS)

    @cached_property
    def sentences(self) -> list[Sentence]:
        return text.sentence_units(self.body)

    @cached_property
    def quotes(self) -> list[frozenset[str]]:
        return text.quotes(self.body)

    def stored(self) -> dict[str, Any]:
        return {name: self.record.get(name) for name in STORED_FIELDS}
