from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from newscrawl.items import DateCandidate
from newscrawl.normalize.timestamps import (
    Timestamp,
    choose_date,
    numeric_date_order,
    page_date_order,
    parse_timestamp,
    url_date,
)

NEW_YORK = ZoneInfo("America/New_York")
BAGHDAD = ZoneInfo("Asia/Baghdad")
BERLIN = ZoneInfo("Europe/Berlin")
UTC_ZONE = ZoneInfo("UTC")
# The fetch time of every test: relative dates count back from it, later dates are "future".
NOW = datetime(2021, 9, 15, 16, 30, tzinfo=UTC)


def choose_published(cands: Sequence[DateCandidate], **kwargs: Any) -> Timestamp | None:
    choice = choose_date(cands, "published", **kwargs)
    return choice.timestamp if choice else None


def choose_modified(cands: Sequence[DateCandidate], **kwargs: Any) -> Timestamp | None:
    choice = choose_date(cands, "modified", **kwargs)
    return choice.timestamp if choice else None


def parse(raw: str, tz: ZoneInfo = NEW_YORK, order: str = "MDY", *langs: str) -> Timestamp | None:
    return parse_timestamp(raw, tz=tz, date_order=order, now=NOW, languages=langs)


def iso(raw: str, tz: ZoneInfo = NEW_YORK, order: str = "MDY", *langs: str) -> str | None:
    ts = parse(raw, tz, order, *langs)
    return ts.isoformat() if ts else None


# --- machine formats ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected", "precision"),
    [
        ("2020-03-07T09:41:12Z", "2020-03-07T09:41:12+00:00", "second"),
        ("2020-03-07T09:41:12+05:30", "2020-03-07T09:41:12+05:30", "second"),
        ("2020-03-07T09:41:12-0700", "2020-03-07T09:41:12-07:00", "second"),
        ("2020-03-07T09:41:12.987654321+02:00", "2020-03-07T09:41:12+02:00", "second"),
        ("2020-03-07T09:41:12,5Z", "2020-03-07T09:41:12+00:00", "second"),
        ("2020-03-07T09:41+01:00", "2020-03-07T09:41:00+01:00", "minute"),
        ("2020-03-07 09:41:12", "2020-03-07T09:41:12-05:00", "second"),
        ("2020-03-07 09:41:12 UTC", "2020-03-07T09:41:12+00:00", "second"),
        ("20200307T094112Z", "2020-03-07T09:41:12+00:00", "second"),
        ("20200307T0941+0100", "2020-03-07T09:41:00+01:00", "minute"),
        ("2020-03-07", "2020-03-07", "day"),
        ("20200307", "2020-03-07", "day"),
        ("20200307094112", "2020-03-07T09:41:12-05:00", "second"),
    ],
)
def test_iso_8601_forms_parse_with_their_precision(raw: str, expected: str, precision: str) -> None:
    ts = parse(raw)
    assert ts is not None
    assert (ts.isoformat(), ts.precision) == (expected, precision)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Sat, 07 Mar 2020 09:41:12 GMT", "2020-03-07T09:41:12+00:00"),
        ("Sat, 07 Mar 2020 09:41:12 +0300", "2020-03-07T09:41:12+03:00"),
        ("Sat, 7 Mar 2020 09:41:12 -0800", "2020-03-07T09:41:12-08:00"),
        ("Sat, 07 Mar 2020 09:41:12 EST", "2020-03-07T09:41:12-05:00"),
        ("Sat, 07 Mar 2020 09:41 PDT", "2020-03-07T09:41:00-07:00"),
        ("Sat, 07 Mar 2020 09:41:12 UT", "2020-03-07T09:41:12+00:00"),
    ],
)
def test_rfc_822_dates_keep_their_zone(raw: str, expected: str) -> None:
    assert iso(raw, BAGHDAD) == expected


@pytest.mark.parametrize("raw", ["1583574072", "1583574072000", "1583574072.250"])
def test_unix_epochs_give_the_instant_in_the_site_zone(raw: str) -> None:
    ts = parse(raw)
    assert ts is not None
    assert ts.value == datetime(2020, 3, 7, 9, 41, 12, tzinfo=UTC)
    assert ts.value.utcoffset() == timedelta(hours=-5)
    assert ts.has_offset


# --- zones -------------------------------------------------------------------------------------


def test_offset_in_the_string_is_kept_not_converted() -> None:
    ts = parse("2020-03-07T09:41:12+03:00")
    assert ts is not None
    assert ts.value.utcoffset() == timedelta(hours=3)
    assert ts.has_offset


@pytest.mark.parametrize(
    ("raw", "offset"),
    [("2020-01-15T12:00:00", -5), ("2020-07-15T12:00:00", -4), ("2020-03-08T12:00:00", -4)],
)
def test_site_zone_applies_with_dst_of_that_date(raw: str, offset: int) -> None:
    ts = parse(raw)
    assert ts is not None
    assert ts.value.utcoffset() == timedelta(hours=offset)
    assert not ts.has_offset


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Jan. 14, 2020 2:05 p.m. ET", "2020-01-14T14:05:00-05:00"),
        ("July 14, 2020 2:05 p.m. ET", "2020-07-14T14:05:00-04:00"),
        ("July 14, 2020 8:15 AM PT", "2020-07-14T08:15:00-07:00"),
        ("Jan 14, 2020 8:15 AM CT", "2020-01-14T08:15:00-06:00"),
        ("July 14, 2020 8:15 AM EST", "2020-07-14T08:15:00-05:00"),
        ("July 14, 2020 8:15 AM CDT", "2020-07-14T08:15:00-05:00"),
        ("14 July 2020 08:15 GMT", "2020-07-14T08:15:00+00:00"),
        ("14 July 2020 08:15 (UTC)", "2020-07-14T08:15:00+00:00"),
        ("14 July 2020 08:15 GMT+3", "2020-07-14T08:15:00+03:00"),
        ("14 July 2020 08:15 UTC+05:30", "2020-07-14T08:15:00+05:30"),
    ],
)
def test_zone_names_and_offsets_after_a_time_apply(raw: str, expected: str) -> None:
    assert iso(raw, BERLIN) == expected


def test_zone_after_a_time_sets_has_offset() -> None:
    ts = parse("July 14, 2020 8:15 AM PT", BERLIN)
    assert ts is not None and ts.has_offset


def test_lowercase_zone_letters_in_text_are_not_zones() -> None:
    assert iso("14 July 2020 08:15 et al", BERLIN) == "2020-07-14T08:15:00+02:00"


# --- numeric and English dates -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "order", "expected"),
    [
        ("28/1/2020", "DMY", "2020-01-28"),
        ("1/28/2020", "MDY", "2020-01-28"),
        ("28/1/2020", "MDY", "2020-01-28"),
        ("1/28/2020", "DMY", "2020-01-28"),
        ("03/04/2020", "DMY", "2020-04-03"),
        ("03/04/2020", "MDY", "2020-03-04"),
        ("03/04/2020", "YMD", "2020-04-03"),
        ("28.01.2020", "DMY", "2020-01-28"),
        ("28-01-2020", "DMY", "2020-01-28"),
        ("2020/01/28", "MDY", "2020-01-28"),
        ("2020.1.28", "DMY", "2020-01-28"),
    ],
)
def test_numeric_dates_follow_the_site_order_when_ambiguous(
    raw: str, order: str, expected: str
) -> None:
    assert iso(raw, NEW_YORK, order) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Tuesday, January 28, 2020", "2020-01-28"),
        ("Tue, Jan 28, 2020", "2020-01-28"),
        ("Jan. 28, 2020", "2020-01-28"),
        ("Sept. 8, 2020", "2020-09-08"),
        ("January 28th, 2020", "2020-01-28"),
        ("28 January 2020", "2020-01-28"),
        ("28th of January, 2020", "2020-01-28"),
        ("28-Jan-2020", "2020-01-28"),
        ("Jan. 28, 2020 2:05 p.m.", "2020-01-28T14:05:00-05:00"),
        ("Jan. 28, 2020 12:05 a.m.", "2020-01-28T00:05:00-05:00"),
        ("Jan. 28, 2020 12:05 p.m.", "2020-01-28T12:05:00-05:00"),
        ("January 28, 2020 at 2:05 PM EST", "2020-01-28T14:05:00-05:00"),
        ("January 28, 2020 at 2 pm", "2020-01-28T14:00:00-05:00"),
        ("28 January 2020 14:05", "2020-01-28T14:05:00-05:00"),
        ("28 January 2020, 14:05:09", "2020-01-28T14:05:09-05:00"),
        ("2:05 PM ET, Tue January 28, 2020", "2020-01-28T14:05:00-05:00"),
        ("28.01.2020 um 14.05 Uhr", "2020-01-28T14:05:00-05:00"),
        ("28.01.2020 | 14:05", "2020-01-28T14:05:00-05:00"),
    ],
)
def test_english_and_numeric_dates_with_optional_times(raw: str, expected: str) -> None:
    assert iso(raw, NEW_YORK, "DMY") == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Published: January 28, 2020", "2020-01-28"),
        ("Posted on Jan 28, 2020 at 9:30 am", "2020-01-28T09:30:00-05:00"),
        ("Updated 2020-01-28T09:30:00Z", "2020-01-28T09:30:00+00:00"),
        ("By Jane Roe | January 28, 2020 | 4 min read", "2020-01-28"),
        ("Last updated: 28.01.2020", "2020-01-28"),
    ],
)
def test_text_around_the_date_is_ignored(raw: str, expected: str) -> None:
    assert iso(raw, NEW_YORK, "DMY") == expected


def test_the_first_date_in_the_string_wins() -> None:
    assert iso("Published 28 Jan 2020, updated 2020-02-03T10:00:00Z") == "2020-01-28"


def test_a_time_after_another_word_is_not_taken_for_the_date() -> None:
    ts = parse("January 28, 2020 | Updated 14:05")
    assert ts is not None and ts.precision == "day"


# --- other languages (dateparser) --------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "lang", "expected"),
    [
        ("28. Januar 2020, 14:05 Uhr", "de", "2020-01-28T14:05:00+01:00"),
        ("Dienstag, 28. Januar 2020", "de", "2020-01-28"),
        ("Veröffentlicht am 28. Januar 2020", "de", "2020-01-28"),
        ("28 janvier 2020 à 14h05", "fr", "2020-01-28T14:05:00+01:00"),
        ("Publié le 28 janvier 2020", "fr", "2020-01-28"),
        ("28 de enero de 2020, 14:05", "es", "2020-01-28T14:05:00+01:00"),
        ("Publicado el 28 de enero de 2020", "es", "2020-01-28"),
        ("28 gennaio 2020 ore 14:05", "it", "2020-01-28T14:05:00+01:00"),
        ("28 de janeiro de 2020 às 14h05", "pt", "2020-01-28T14:05:00+01:00"),
        ("28 januari 2020 14:05", "nl", "2020-01-28T14:05:00+01:00"),
        ("28 januari 2020 kl. 14.05", "sv", "2020-01-28T14:05:00+01:00"),
        ("28. januar 2020 kl. 14:05", "no", "2020-01-28T14:05:00+01:00"),
        ("28 stycznia 2020, 14:05:30", "pl", "2020-01-28T14:05:30+01:00"),
        ("28 Ocak 2020 14:05", "tr", "2020-01-28T14:05:00+01:00"),
        ("28 января 2020, 14:05", "ru", "2020-01-28T14:05:00+01:00"),
        ("28. Januar 2020 14:05 MEZ", "de", "2020-01-28T14:05:00+01:00"),
    ],
)
def test_other_languages_parse_through_the_fallback(raw: str, lang: str, expected: str) -> None:
    assert iso(raw, BERLIN, "DMY", lang) == expected


def test_fallback_zone_in_the_string_is_kept() -> None:
    ts = parse("28 janvier 2020 14:05 +0300", BERLIN, "DMY", "fr")
    assert ts is not None
    assert ts.value.utcoffset() == timedelta(hours=3)
    assert ts.has_offset


def test_unknown_language_codes_do_not_break_parsing() -> None:
    assert iso("January 28, 2020", NEW_YORK, "MDY", "xx", "") == "2020-01-28"


# --- relative dates ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "langs", "expected", "precision"),
    [
        ("2 hours ago", (), "2021-09-15T10:30:00-04:00", "minute"),
        ("5 minutes ago", (), "2021-09-15T12:25:00-04:00", "minute"),
        ("Updated 2 hours ago", (), "2021-09-15T10:30:00-04:00", "minute"),
        ("just now", (), "2021-09-15T12:30:00-04:00", "minute"),
        ("yesterday", (), "2021-09-14", "day"),
        ("yesterday at 9:15 pm", (), "2021-09-14T21:15:00-04:00", "minute"),
        ("3 days ago", (), "2021-09-12", "day"),
        ("vor 3 Stunden", ("de",), "2021-09-15T09:30:00-04:00", "minute"),
        ("gestern", ("de",), "2021-09-14", "day"),
        ("il y a 10 minutes", ("fr",), "2021-09-15T12:20:00-04:00", "minute"),
        ("hace 2 horas", ("es",), "2021-09-15T10:30:00-04:00", "minute"),
        ("Publicado hace 2 horas", ("es",), "2021-09-15T10:30:00-04:00", "minute"),
        ("heute, 09:05 Uhr", ("de",), "2021-09-15T09:05:00-04:00", "minute"),
        ("today", (), "2021-09-15", "day"),
    ],
)
def test_relative_dates_count_back_from_now(
    raw: str, langs: tuple[str, ...], expected: str, precision: str
) -> None:
    ts = parse(raw, NEW_YORK, "MDY", *langs)
    assert ts is not None
    assert (ts.isoformat(), ts.precision) == (expected, precision)


@pytest.mark.parametrize("raw", ["2 weeks ago", "3 months ago", "a year ago", "vor 2 Monaten"])
def test_relative_dates_coarser_than_a_day_are_rejected(raw: str) -> None:
    assert parse(raw, NEW_YORK, "MDY", "de") is None


@pytest.mark.parametrize("raw", ["tomorrow", "in 2 hours", "2 hours from now", "heute, 14:05 Uhr"])
def test_relative_dates_after_now_are_rejected_without_tolerance(raw: str) -> None:
    assert parse(raw, NEW_YORK, "MDY", "de") is None


@pytest.mark.parametrize("raw", ["10 minutes", "2 hours", "5 min read", "Lesezeit 4 Minuten"])
def test_bare_durations_are_not_dates(raw: str) -> None:
    assert parse(raw, NEW_YORK, "MDY", "de") is None


def test_relative_dates_do_not_claim_an_offset() -> None:
    ts = parse("2 hours ago")
    assert ts is not None and not ts.has_offset


def test_naive_now_is_taken_as_utc() -> None:
    ts = parse_timestamp("2 hours ago", tz=NEW_YORK, now=datetime(2021, 9, 15, 16, 30))
    assert ts is not None and ts.isoformat() == "2021-09-15T10:30:00-04:00"


# --- precision ---------------------------------------------------------------------------------


def test_day_precision_never_invents_a_time() -> None:
    ts = parse("Tuesday, January 28, 2020")
    assert ts is not None
    assert ts.isoformat() == "2020-01-28"
    assert ts.value == datetime(2020, 1, 28, tzinfo=NEW_YORK)


def test_explicit_midnight_is_kept_as_given() -> None:
    ts = parse("2020-01-28T00:00:00")
    assert ts is not None
    assert (ts.precision, ts.isoformat()) == ("second", "2020-01-28T00:00:00-05:00")


def test_minute_precision_prints_zero_seconds() -> None:
    ts = parse("2020-01-28T14:05+03:00")
    assert ts is not None and ts.isoformat() == "2020-01-28T14:05:00+03:00"


def test_fractional_seconds_stay_in_value_but_not_in_isoformat() -> None:
    ts = parse("2020-01-28T14:05:09.75Z")
    assert ts is not None
    assert ts.value.microsecond == 750000
    assert ts.isoformat() == "2020-01-28T14:05:09+00:00"


def test_raw_is_kept_as_given_but_stripped() -> None:
    ts = parse("  Published:  Jan. 28, 2020 \n")
    assert ts is not None and ts.raw == "Published:  Jan. 28, 2020"


# --- plausibility ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    ["2021-09-17T12:00:00Z", "2022-01-01", "2099-12-31T23:59:59+00:00", "Sept. 30, 2021"],
)
def test_dates_in_the_future_are_rejected(raw: str) -> None:
    assert parse(raw) is None


@pytest.mark.parametrize("raw", ["2021-09-16T12:00:00+09:00", "2021-09-16", "2021-09-15T23:00:00"])
def test_dates_within_a_day_of_now_are_accepted(raw: str) -> None:
    assert parse(raw) is not None


@pytest.mark.parametrize("raw", ["1989-12-31", "July 4, 1976", "100000000", "0"])
def test_dates_before_1990_are_rejected(raw: str) -> None:
    assert parse(raw) is None


@pytest.mark.parametrize(
    "raw",
    [
        "", "   ", "no date here", "Page 2 of 10", "2020", "January 2020", "28 January",
        "2020-13-45", "31/31/2020", "Feb 30, 2020", "2020-02-30T10:00:00Z", "99999999999999999",
        "12:30", "###", "lorem ipsum " * 50,
    ],
)  # fmt: skip
def test_garbage_gives_none(raw: str) -> None:
    assert parse(raw, NEW_YORK, "MDY", "de", "fr") is None


def test_non_string_input_gives_none() -> None:
    assert parse_timestamp(None, tz=NEW_YORK, now=NOW) is None  # type: ignore[arg-type]


def test_invalid_time_does_not_invent_one() -> None:
    ts = parse("2020-01-28T25:61:00Z")
    assert ts is not None and ts.precision == "day"


# --- url_date ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.com/news/2020/01/28/some-story/", date(2020, 1, 28)),
        ("https://example.com/news/2020/jan/28/some-story/", date(2020, 1, 28)),
        ("https://example.com/2020/1/8/story", date(2020, 1, 8)),
        ("https://example.com/world/2020-01-28-some-story", date(2020, 1, 28)),
        ("https://example.com/article/20200128/story", date(2020, 1, 28)),
        ("https://example.com/story-20200128.html", date(2020, 1, 28)),
        ("https://example.com/story?id=7&date=2020-01-28", date(2020, 1, 28)),
        ("https://example.com/story?pubdate=20200128", date(2020, 1, 28)),
    ],
)
def test_url_date_reads_common_url_layouts(url: str, expected: date) -> None:
    assert url_date(url) == expected


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/news/some-story",
        "https://example.com/2020/01/some-story",
        "https://example.com/article/12345678901",
        "https://example.com/article/20201345/story",
        "https://example.com/story?id=20200128",
        "https://20200128.example.com/story",
        "not a url [",
        "",
    ],
)
def test_url_date_is_none_without_a_full_date(url: str) -> None:
    assert url_date(url) is None


# --- choosing among candidates -----------------------------------------------------------------


def published(raw: str, layer: str) -> DateCandidate:
    return DateCandidate(raw=raw, layer=layer)


def modified(raw: str, layer: str) -> DateCandidate:
    return DateCandidate(raw=raw, layer=layer, kind="modified")


def choose(*cands: DateCandidate, url: str = "", tz: ZoneInfo = UTC_ZONE) -> str | None:
    """The choice on a site whose zone is UTC: ranking tests compare UTC times as given."""
    ts = choose_published(cands, url=url, tz=tz, now=NOW)
    return ts.isoformat() if ts else None


@pytest.mark.parametrize(
    ("better", "worse"),
    [
        ("jsonld", "opengraph"), ("jsonld", "meta"), ("meta", "microdata"),
        ("opengraph", "microdata"), ("microdata", "site"), ("site", "feed"), ("feed", "text"),
        ("text", "url"), ("url", "generic"), ("generic", "somethingelse"),
    ],
)  # fmt: skip
def test_better_layer_wins_whatever_the_order(better: str, worse: str) -> None:
    good = published("2020-01-28T10:00:00Z", better)
    bad = published("2020-01-27T10:00:00Z", worse)
    assert choose(bad, good) == "2020-01-28T10:00:00+00:00"


def test_equal_layers_keep_the_extraction_order() -> None:
    first = published("2020-01-28T10:00:00Z", "meta")
    second = published("2020-01-27T10:00:00Z", "opengraph")
    assert choose(first, second) == "2020-01-28T10:00:00+00:00"


def test_modified_dates_never_replace_published_ones() -> None:
    cands = (modified("2020-01-29T10:00:00Z", "jsonld"), published("2020-01-28", "text"))
    assert choose(*cands) == "2020-01-28"


def test_no_published_candidate_gives_none_even_with_modified_ones() -> None:
    assert choose(modified("2020-01-29T10:00:00Z", "jsonld")) is None


def test_choose_modified_uses_only_modified_candidates() -> None:
    cands = (published("2020-01-28T10:00:00Z", "jsonld"), modified("2020-01-29T08:00:00Z", "meta"))
    ts = choose_modified(cands, tz=UTC_ZONE, now=NOW)
    assert ts is not None and ts.isoformat() == "2020-01-29T08:00:00+00:00"


def test_day_only_best_takes_the_time_of_an_agreeing_lower_candidate() -> None:
    cands = (published("2020-01-28", "jsonld"), published("Jan. 28, 2020 2:05 p.m. ET", "text"))
    ts = choose_published(cands, tz=NEW_YORK, now=NOW)
    assert ts is not None
    assert ts.isoformat() == "2020-01-28T14:05:00-05:00"
    assert ts.raw == "Jan. 28, 2020 2:05 p.m. ET"


def test_time_from_another_zone_agrees_when_it_falls_on_the_same_local_day() -> None:
    cands = (published("2020-01-28", "jsonld"), published("Wed, 29 Jan 2020 03:30:00 GMT", "feed"))
    # 03:30 GMT on the 29th is 22:30 on the 28th in New York, the site's zone.
    assert choose(*cands, tz=NEW_YORK) == "2020-01-28T22:30:00-05:00"


def test_day_only_best_keeps_its_day_when_the_timed_one_disagrees() -> None:
    cands = (published("2020-01-28", "jsonld"), published("2020-01-25T14:05:00Z", "feed"))
    assert choose(*cands) == "2020-01-28"


def test_midnight_placeholder_takes_the_time_of_an_agreeing_candidate() -> None:
    cands = (
        published("2020-01-28T00:00:00-05:00", "jsonld"),
        published("28 Jan 2020 14:05", "text"),
    )
    assert choose(*cands, tz=NEW_YORK) == "2020-01-28T14:05:00-05:00"


def test_candidate_far_from_the_url_date_loses_to_one_that_agrees() -> None:
    url = "https://example.com/news/2020/01/28/story/"
    cands = (published("2016-05-02T10:00:00Z", "jsonld"), published("2020-01-28T09:00:00Z", "text"))
    assert choose(*cands, url=url) == "2020-01-28T09:00:00+00:00"


def test_candidate_within_60_days_of_the_url_date_keeps_its_rank() -> None:
    url = "https://example.com/news/2020/01/28/story/"
    cands = (published("2020-02-20T10:00:00Z", "jsonld"), published("2020-01-28T09:00:00Z", "text"))
    assert choose(*cands, url=url) == "2020-02-20T10:00:00+00:00"


def test_suspect_candidate_still_wins_when_it_is_the_only_one() -> None:
    url = "https://example.com/news/2020/01/28/story/"
    assert (
        choose(published("2016-05-02T10:00:00Z", "jsonld"), url=url) == "2016-05-02T10:00:00+00:00"
    )


def test_candidates_that_fail_to_parse_are_skipped() -> None:
    cands = (
        published("soon", "jsonld"),
        published("2031-01-01", "meta"),
        published("2020-01-28", "text"),
    )
    assert choose(*cands) == "2020-01-28"


def test_no_candidates_give_none() -> None:
    assert choose() is None


def test_choose_date_names_the_candidate_that_won() -> None:
    winner = published("Jan. 28, 2020 2:05 p.m. ET", "text")
    choice = choose_date(
        (published("2020-01-28", "jsonld"), winner), "published", tz=NEW_YORK, now=NOW
    )
    assert choice is not None and choice.candidate == winner


def test_candidates_use_the_site_date_order() -> None:
    ts = choose_published([published("03/04/2020", "text")], tz=BAGHDAD, date_order="DMY", now=NOW)
    assert ts is not None and ts.isoformat() == "2020-04-03"


# --- month names in other languages, numeric order --------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Jueves, 9 de Marzo de 2021", "2021-03-09"),
        ("14 oktober 2020 10:05", "2020-10-14T10:05:00-04:00"),
        ("Harbourtown Gazette, 3 septembrie 2021 08:15", "2021-09-03T08:15:00-04:00"),
        ("7 сентября 2021, 12:40", "2021-09-07T12:40:00-04:00"),
        ("Ditët e javës, 2 gusht 2021", "2021-08-02"),
        ("4. März 2021 (Pressedienst) Hafenstadt", "2021-03-04"),
        ("2021. május 6.", "2021-05-06"),
        ("2021年5月6日 10:30", "2021-05-06T10:30:00-04:00"),
        ("12 KASIM 2020", "2020-11-12"),
    ],
)
def test_month_names_of_many_languages_parse_on_the_fast_path(raw: str, expected: str) -> None:
    assert iso(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("02.11.2020", "2020-11-02"), ("2.9.2020 klo 12.45", "2020-09-02T12:45:00-04:00")],
)
def test_dotted_numeric_dates_are_day_first_even_on_month_first_sites(
    raw: str, expected: str
) -> None:
    assert iso(raw, NEW_YORK, "MDY") == expected


def test_iso_seconds_written_with_one_digit_keep_the_time() -> None:
    assert iso("2020-12-05T23:15:0Z") == "2020-12-05T23:15:00+00:00"


@pytest.mark.parametrize(
    ("language", "url", "expected"),
    [
        ("de-DE", "", "DMY"),
        ("fr", "", "DMY"),
        ("en-US", "", "MDY"),
        ("en-GB", "", "DMY"),
        ("en", "https://news.example.co.uk/story", "DMY"),
        ("en", "https://news.example.com/story", "MDY"),
        (None, "https://news.example.de/story", "MDY"),
    ],
)
def test_numeric_date_order_follows_the_page_language(
    language: str | None, url: str, expected: str
) -> None:
    assert numeric_date_order(language, url, "MDY") == expected


def test_page_dates_settle_the_order_of_an_ambiguous_one() -> None:
    raws = ["11/03/2021 12:43", "Created on 03.11.2021"]
    assert page_date_order(raws, "DMY") == "MDY"


def test_page_date_order_keeps_the_site_order_without_evidence() -> None:
    assert page_date_order(["11/03/2021"], "DMY") == "DMY"


def test_ambiguous_candidate_is_read_in_the_order_the_page_confirms() -> None:
    cands = (published("11/03/2020 12:43:42", "meta"), published("Created on 03.11.2020", "text"))
    ts = choose_published(cands, tz=BERLIN, date_order="DMY", now=NOW)
    assert ts is not None and ts.value.date() == date(2020, 11, 3)


# --- UTC times and the page's local day -------------------------------------------------------


def test_utc_time_takes_the_offset_of_the_same_instant_given_elsewhere() -> None:
    cands = (
        published("2021-03-18T22:04:00Z", "jsonld"),
        published("Fri, 19 Mar 2021 00:04:00 +0200", "meta"),
    )
    assert choose(*cands) == "2021-03-19T00:04:00+02:00"


def test_utc_time_takes_the_offset_of_a_local_wall_clock_time() -> None:
    cands = (
        published("2021-02-25T02:25:54Z", "jsonld"),
        published("February 24, 2021 | 9:25pm", "text"),
    )
    ts = choose_published(cands, tz=UTC_ZONE, now=NOW)
    assert ts is not None and ts.isoformat() == "2021-02-24T21:25:54-05:00"
    assert ts.raw == "2021-02-25T02:25:54Z"


def test_unrelated_wall_clock_time_gives_no_offset() -> None:
    cands = (published("2021-02-25T02:25:54Z", "jsonld"), published("Feb 24, 2021 9:17pm", "text"))
    ts = choose_published(cands, tz=UTC_ZONE, now=NOW)
    assert ts is not None and ts.isoformat() == "2021-02-25T02:25:54+00:00"


def test_printed_local_day_wins_over_a_utc_time_on_the_day_before() -> None:
    url = "https://blog.example.org/2021/01/01/new-year/"
    cands = (published("2020-12-31T23:11:59+00:00", "opengraph"), published("2021/01/01", "url"))
    ts = choose_published(cands, url=url, tz=UTC_ZONE, now=NOW)
    assert ts is not None and ts.isoformat() == "2021-01-01"


def test_printed_day_out_of_reach_of_any_zone_does_not_move_a_utc_time() -> None:
    cands = (published("2021-08-26T14:10:12Z", "jsonld"), published("Aug 25, 2021", "text"))
    assert choose(*cands) == "2021-08-26T14:10:12+00:00"


def test_utc_time_with_no_local_form_on_the_page_is_shown_in_the_site_zone() -> None:
    ts = choose_published((published("2020-12-05T23:15:00Z", "jsonld"),), tz=ZoneInfo("Europe/Rome"), now=NOW)
    assert ts is not None and ts.isoformat() == "2020-12-06T00:15:00+01:00"
    assert ts.raw == "2020-12-05T23:15:00Z"


def test_relative_dates_rank_after_dated_ones_of_any_layer() -> None:
    cands = (published("Yesterday at 02:12", "text"), published("2021-03-06", "generic"))
    assert choose(*cands) == "2021-03-06"


def test_relative_parse_is_marked() -> None:
    ts = parse("2 hours ago")
    assert ts is not None and ts.relative


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("Do 25.04.24 | 14:07 Uhr", "2024-04-25T14:07:00+02:00"), ("25.04.98", "1998-04-25"),
     ("05/03/24", "2024-03-05")],
)
def test_numeric_date_with_a_two_digit_year(raw: str, expected: str) -> None:
    later = datetime(2025, 1, 1, tzinfo=UTC)
    ts = parse_timestamp(raw, tz=ZoneInfo("Europe/Berlin"), date_order="DMY", now=later)
    assert ts is not None and ts.isoformat() == expected


def test_version_number_is_no_date() -> None:
    assert parse_timestamp("Version 1.2.34.5", tz=ZoneInfo("UTC"), now=NOW) is None
