"""The dates a feed or sitemap gives an entry, as the spider reads them for `since` and lastmod."""

from __future__ import annotations

from datetime import UTC, datetime

from newscrawl.discovery import Entry
from newscrawl.spiders.base import listed_time


def test_rss_date_is_read_in_utc() -> None:
    entry = Entry("http://x/a", published="Tue, 05 Feb 2019 11:20:00 +0300")
    assert listed_time(entry) == datetime(2019, 2, 5, 8, 20, tzinfo=UTC)


def test_the_later_of_published_and_updated_counts() -> None:
    entry = Entry("http://x/a", published="2019-02-05", updated="2019-02-07T10:00:00Z")
    assert listed_time(entry) == datetime(2019, 2, 7, 10, 0, tzinfo=UTC)


def test_unreadable_dates_give_none() -> None:
    assert listed_time(Entry("http://x/a", published="yesterday-ish")) is None
