"""Publication timestamps from the strings pages give: time zone aware, with their precision.

`parse_timestamp` reads one raw string. Common machine formats (ISO 8601 / RFC 3339, RFC 822
as in RSS, Unix epochs, numeric and English month-name dates) go through precompiled regexes;
anything else (other languages, relative dates) falls back to dateparser, which is ~100x slower.

Rules, in the order they matter to a consumer:
- Precision is what the string gave: a date alone is "day" and gets no invented time; a time
  without seconds is "minute"; with seconds, "second". An explicit midnight ("T00:00:00") is
  taken as given ("second"), but `choose_date` lets a same-day candidate with a real time
  replace it, because CMSs often serialize date-only fields as midnight.
- An offset or zone in the string is kept in `value` as written; without one, the site's zone
  applies with the DST rule of that date. Only `choose_date` moves a chosen UTC time, to the
  page's own local offset or else the site's zone (the instant never changes). US regional names
  (ET, CT, MT, PT) follow DST; EST/EDT/PST/... are the fixed offsets they name.
- Unix epochs are absolute instants: `has_offset` is True and `value` is shown in the site zone.
- Relative dates ("2 hours ago", "gestern") count back from `now`, the fetch time; "N weeks /
  months / years ago" are rejected as too coarse to name a day.
- Dates later than `now` + FUTURE_TOLERANCE are rejected; one day covers a wrong site zone
  (up to 14 h), clock skew and day-precision dates from zones ahead of UTC. Dates before
  MIN_YEAR are rejected. Nothing here raises on bad input: it returns None.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from functools import lru_cache
from typing import Literal
from urllib.parse import parse_qsl, urlsplit
from zoneinfo import ZoneInfo

from newscrawl import vocab
from newscrawl.items import DateCandidate, DateKind

Precision = Literal["day", "minute", "second"]

MIN_YEAR = 1990
FUTURE_TOLERANCE = timedelta(days=1)
URL_DATE_TOLERANCE_DAYS = 60  # a candidate further than this from the URL's date is suspect
MAX_PARSE_CHARS = 200  # longer raw strings are parsed from their start only
_MAX_OFFSET = timedelta(hours=14)
_OFFSET_STEP = timedelta(minutes=30)
# Layers whose dates are the publisher's local day (printed on the page, or in the URL).
_LOCAL_DAY_LAYERS = frozenset({"text", "url", "site"})
_LOCAL_DAY_SHIFTS = (timedelta(hours=-10), timedelta(hours=14))  # UTC-10 ... UTC+14

# Extraction layers, best first; equal numbers tie and keep the extraction order.
LAYER_RANK: dict[str, int] = {
    "jsonld": 0, "opengraph": 1, "meta": 1, "microdata": 2, "site": 3,
    "feed": 4, "text": 5, "url": 6, "generic": 7,
}  # fmt: skip
_UNKNOWN_LAYER_RANK = len(LAYER_RANK)


@dataclass(frozen=True)
class Timestamp:
    value: datetime  # always tz-aware; day precision is local midnight
    precision: Precision
    raw: str  # the string as the page gave it, stripped
    has_offset: bool  # the raw string carried its own offset or zone
    relative: bool = False  # counted back from the fetch time ("2 hours ago", "Jul 10")

    def isoformat(self) -> str:
        """RFC 3339: a plain date for day precision, else seconds with the offset."""
        if self.precision == "day":
            return self.value.date().isoformat()
        return self.value.isoformat(timespec="seconds")


# ---------------------------------------------------------------------------------------------
# Zones

_FIXED_ZONES: dict[str, float] = {
    "UTC": 0, "GMT": 0, "UT": 0, "Z": 0, "WET": 0, "BST": 1, "WEST": 1, "CET": 1, "CEST": 2,
    "EET": 2, "EEST": 3, "MSK": 3, "JST": 9, "KST": 9, "EST": -5, "EDT": -4, "CST": -6,
    "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7, "AKST": -9, "AKDT": -8, "HST": -10,
}  # fmt: skip
# Names without S/D mean "whatever is in force there", so they follow DST.
_REGIONAL_ZONES: dict[str, str] = {
    "ET": "America/New_York", "CT": "America/Chicago", "MT": "America/Denver",
    "PT": "America/Los_Angeles", "AKT": "America/Anchorage",
}  # fmt: skip

# Case-sensitive, so "et"/"pt" in running text are not zones.
_ZONE = (
    r"(?-i:(?P<gmtoff>(?:GMT|UTC)\s?[+-]\d{1,2}(?::?\d{2})?)"
    r"|(?P<zname>UTC|GMT|UT|AK[SD]?T|[ECMP][SD]?T|HST|CES?T|EES?T|WES?T|BST|MSK|JST|KST)"
    r"(?![A-Za-z])"
    r"|(?P<off>[+-]\d{2}:?\d{2}))"
)
_OFFSET = re.compile(r"(?:GMT|UTC)?\s?(?P<sign>[+-])(?P<h>\d{1,2})(?::?(?P<m>\d{2}))?")


def _fixed(hours: float, name: str | None = None) -> timezone:
    if hours == 0:
        return UTC
    return timezone(timedelta(hours=hours), name) if name else timezone(timedelta(hours=hours))


def _offset_zone(text: str) -> tzinfo | None:
    if text.upper() in _FIXED_ZONES:
        return _fixed(_FIXED_ZONES[text.upper()])
    m = _OFFSET.fullmatch(text)
    if not m or int(m["h"]) > 14 or int(m["m"] or 0) > 59:
        return None
    minutes = int(m["h"]) * 60 + int(m["m"] or 0)
    return _fixed((-minutes if m["sign"] == "-" else minutes) / 60)


def _named_zone(name: str) -> tzinfo | None:
    if name in _REGIONAL_ZONES:
        return ZoneInfo(_REGIONAL_ZONES[name])
    if name in _FIXED_ZONES:
        return _fixed(_FIXED_ZONES[name], None if _FIXED_ZONES[name] == 0 else name)
    return None


def _zone_of(m: re.Match[str]) -> tzinfo | None:
    if m["zname"]:
        return _named_zone(m["zname"])
    text = m["gmtoff"] or m["off"]
    return _offset_zone(text) if text else None


# ---------------------------------------------------------------------------------------------
# Fast paths: regexes for the common formats

# Month names of every language in vocab/months.toml, and the month each names.
_MONTHS: dict[str, int] = vocab.months()
# A month name with an optional dot; not the start of a longer word ("marzo" is not "mar").
_MONTH = (
    r"(?P<mon>"
    + vocab.alternation(_MONTHS)
    + r")\.?(?![^\W\d_])"
)
_ORDINAL = r"(?:st|nd|rd|th)?"

ISO_DATETIME = re.compile(
    r"(?<!\d)(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"
    r"(?:[T ](?P<H>\d{2}):(?P<M>\d{2})(?::(?P<S>\d{1,2})(?:[.,](?P<f>\d+))?)?"
    r"\s?(?P<z>Z|[+-]\d{2}(?::?\d{2})?|UTC|GMT)?)?(?![\d:])",
    re.I,
)
COMPACT_ISO = re.compile(
    r"(?<!\d)(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})T(?P<H>\d{2})(?P<M>\d{2})(?P<S>\d{2})?"
    r"(?:[.,](?P<f>\d+))?(?P<z>Z|[+-]\d{2}(?::?\d{2})?)?(?!\d)",
    re.I,
)
NAMED_MDY = re.compile(
    rf"(?<![^\W\d_]){_MONTH}\s*(?P<d>\d{{1,2}}){_ORDINAL}(?!\d),?\s+(?P<y>\d{{4}})(?!\d)", re.I
)
NAMED_DMY = re.compile(
    rf"(?<![\d.])(?P<d>\d{{1,2}}){_ORDINAL}\.?[\s-]*(?:(?:of|de)\s+)?{_MONTH}[\s,-]*"
    r"(?:del?\s+)?(?P<y>\d{4})(?!\d)",
    re.I,
)
# Year first: "2020. május 4." (Hungarian), "2020 May 4".
NAMED_YMD = re.compile(
    rf"(?<![\d.])(?P<y>\d{{4}})\.?,?\s+{_MONTH}\s+(?P<d>\d{{1,2}})(?!\d)(?!:)", re.I
)
# Chinese, Japanese and Korean: "2020年5月4日", "2020년 5월 4일".
CJK_YMD = re.compile(
    r"(?<!\d)(?P<y>\d{4})\s*[年년]\s*(?P<m>\d{1,2})\s*[月월]\s*(?P<d>\d{1,2})\s*[日일]"
)
NUMERIC_YMD = re.compile(
    r"(?<![\d.:/-])(?P<y>\d{4})(?P<sep>[/.-])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?!\d)"
)
# Day and month with a four-digit year, or a two-digit one ("Do 25.04.24 | 14:07 Uhr").
NUMERIC_XXY = re.compile(
    r"(?<![\d.:/-])(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})"
    r"(?!\d)(?!\.\d)"
)
DIGITS_ONLY = re.compile(r"(?P<ymd>\d{8})|(?P<ymdhms>\d{14})|(?P<epoch>\d{9,13})(?:\.\d+)?")

# A clock time: 12-hour with am/pm (minutes optional), or 24-hour with ":", "h" or "." and
# then an optional zone. "." is safe because the time must sit right next to the date.
_TIME = (
    r"(?<![\d:.])(?:"
    r"(?P<h12>\d{1,2})(?::(?P<m12>\d{2})(?::(?P<s12>\d{2}))?)?\s?(?P<ap>[ap])\.?\s?m\.?(?![^\W\d_])"
    r"|(?P<h24>\d{1,2})[:h.](?P<m24>\d{2})(?::(?P<s24>\d{2})(?:[.,]\d+)?)?(?!:?\d)(?!\.\d)"
    r")(?:\s?uhr\b)?"
    rf"(?:\s*\(?{_ZONE}\)?)?"
)
# The time right after the date ("..., 2019 at 2:05 PM EST", "28.01.2019 um 14.05 Uhr").
TIME_AFTER_DATE = re.compile(
    rf"[\s,;|–—/-]*(?:(?:at|@|um|à|às|a las|alle|ore|om|kl|klo)\.?\s*)?{_TIME}", re.I
)
TIME_ANYWHERE = re.compile(_TIME, re.I)
# Between a time and a later date: separators and at most one word, e.g. a weekday.
_TIME_BEFORE_GAP = re.compile(r"[\s,;|–—-]*(?:on\s+)?(?:[^\W\d_]{2,}\.?,?\s*)?")


@dataclass(frozen=True)
class _Clock:
    hour: int
    minute: int
    second: int | None  # None: the string gave no seconds
    micro: int = 0


@dataclass(frozen=True)
class _Parts:
    day: date
    clock: _Clock | None = None
    zone: tzinfo | None = None  # the string's own zone or offset


@dataclass(frozen=True)
class _Found:
    start: int
    end: int
    parts: _Parts


def _make_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _make_clock(hour: int, minute: int, second: int | None, fraction: str | None) -> _Clock | None:
    if hour > 23 or minute > 59 or (second is not None and second > 59):
        return None  # 24:00 and leap seconds are not worth a special case
    micro = int((fraction or "0")[:6].ljust(6, "0"))
    return _Clock(hour, minute, second, micro)


def _iso_found(m: re.Match[str]) -> _Found | None:
    day = _make_date(int(m["y"]), int(m["m"]), int(m["d"]))
    if day is None:
        return None
    clock = zone = None
    if m["H"] is not None:
        second = int(m["S"]) if m["S"] is not None else None
        clock = _make_clock(int(m["H"]), int(m["M"]), second, m["f"])
        zone = _offset_zone(m["z"]) if m["z"] and clock else None
    return _Found(m.start(), m.end(), _Parts(day, clock, zone))


def _named_found(m: re.Match[str]) -> _Found | None:
    day = _make_date(int(m["y"]), _month_number(m["mon"]), int(m["d"]))
    return _Found(m.start(), m.end(), _Parts(day)) if day else None


def _month_number(name: str) -> int:
    word = name.lower()
    return _MONTHS.get(word) or _MONTHS[word.replace("ı", "i")]  # Turkish dotless i


def _ymd_found(m: re.Match[str]) -> _Found | None:
    day = _make_date(int(m["y"]), int(m["m"]), int(m["d"]))
    return _Found(m.start(), m.end(), _Parts(day)) if day else None


def _full_year(digits: str) -> int:
    """A two-digit year is this century's, unless that lies ahead ("98" is 1998)."""
    if len(digits) != 2:
        return int(digits)
    year = 2000 + int(digits)
    return year if year <= datetime.now(UTC).year + 1 else year - 100


def _month_day(a: int, b: int, sep: str, date_order: str) -> tuple[int, int]:
    """(month, day) of "a/b/yyyy": a number above 12 settles it, then dots (day-first in
    every locale that writes them), then the site's order."""
    if a > 12 >= b:
        return b, a
    if b > 12 >= a:
        return a, b
    if sep == ".":
        return b, a
    return (a, b) if date_order == "MDY" else (b, a)  # YMD sites: day-first, as most of the world


def _first(
    pattern: re.Pattern[str], text: str, build: Callable[[re.Match[str]], _Found | None]
) -> _Found | None:
    for m in pattern.finditer(text):
        found = build(m)
        if found:
            return found
    return None


def _find_dates(text: str, date_order: str) -> list[_Found]:
    def numeric(m: re.Match[str]) -> _Found | None:
        month, day_ = _month_day(int(m["a"]), int(m["b"]), m["sep"], date_order)
        day = _make_date(_full_year(m["y"]), month, day_)
        return _Found(m.start(), m.end(), _Parts(day)) if day else None

    found = (
        _first(ISO_DATETIME, text, _iso_found),
        _first(COMPACT_ISO, text, _iso_found),
        _first(NAMED_MDY, text, _named_found),
        _first(NAMED_DMY, text, _named_found),
        _first(NAMED_YMD, text, _named_found),
        _first(CJK_YMD, text, _ymd_found),
        _first(NUMERIC_YMD, text, _ymd_found),
        _first(NUMERIC_XXY, text, numeric),
    )
    return [f for f in found if f is not None]


def _clock_of(m: re.Match[str]) -> _Clock | None:
    if m["h12"] is not None:
        hour = int(m["h12"])
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if m["ap"].lower() == "p" else 0)
        second = int(m["s12"]) if m["s12"] is not None else None
        return _make_clock(hour, int(m["m12"] or 0), second, None)
    second = int(m["s24"]) if m["s24"] is not None else None
    return _make_clock(int(m["h24"]), int(m["m24"]), second, None)


def _adjacent_time(text: str, found: _Found) -> re.Match[str] | None:
    """A time right after the date, or else right before it ("2:05 PM ET, Mon Jan 28, 2019")."""
    after = TIME_AFTER_DATE.match(text, found.end)
    if after:
        return after
    before = None
    for m in TIME_ANYWHERE.finditer(text, 0, found.start):
        if _TIME_BEFORE_GAP.fullmatch(text, m.end(), found.start):
            before = m
    return before


def _first_date(text: str, date_order: str) -> _Found | None:
    """The first date in the string; at one position, the earlier pattern in the list wins."""
    iso = ISO_DATETIME.match(text)
    found = _iso_found(iso) if iso else None
    if found:  # the common case (JSON-LD, meta tags): nothing can start earlier
        return found
    return min(_find_dates(text, date_order), key=lambda f: f.start, default=None)


def date_span(text: str) -> tuple[int, int] | None:
    """Where the first full date (day, month and a plausible year) in the text is, if the fast
    path reads one: (start, end)."""
    found = _first_date(text, "DMY")
    if found is None or not MIN_YEAR <= found.parts.day.year <= datetime.now(UTC).year + 1:
        return None
    return found.start, found.end


def _parse_fast(text: str, date_order: str) -> _Parts | None:
    first = _first_date(text, date_order)
    if first is None:
        return None
    if first.parts.clock is not None:
        return first.parts
    m = _adjacent_time(text, first)
    clock = _clock_of(m) if m else None
    if m is None or clock is None:
        return first.parts
    return _Parts(first.parts.day, clock, _zone_of(m))


def _parse_digits(text: str, tz: ZoneInfo) -> _Parts | None:
    """Digits only: YYYYMMDD, YYYYMMDDHHMMSS, or a Unix epoch in seconds or milliseconds."""
    m = DIGITS_ONLY.fullmatch(text)
    if not m:
        return None
    digits = m["ymd"] or m["ymdhms"]
    if digits:
        day = _make_date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
        if len(digits) == 8 or day is None:
            return _Parts(day) if day else None
        clock = _make_clock(int(digits[8:10]), int(digits[10:12]), int(digits[12:]), None)
        return _Parts(day, clock) if clock else None
    seconds = int(m["epoch"])
    if seconds >= 10**11:  # milliseconds
        seconds //= 1000
    try:
        moment = datetime.fromtimestamp(seconds, tz)
    except (OverflowError, OSError, ValueError):
        return None
    clock = _Clock(moment.hour, moment.minute, moment.second)
    return _Parts(moment.date(), clock, tz)


# ---------------------------------------------------------------------------------------------
# Fallback: dateparser, for other languages and relative dates

# Labels that precede a date on the page, with the small word after them ("Published on",
# "Updated:"): vocab/date_labels.toml.
_DATE_LABELS = vocab.alternation(
    vocab.words("date_labels", "published")
    + vocab.words("date_labels", "updated")
    + vocab.words("date_labels", "other")
)
LEADING_LABEL = re.compile(
    rf"^\W*(?:{_DATE_LABELS})\b\.?"
    rf"(?:\s+(?:{vocab.alternation(vocab.words('date_labels', 'linking'))}))?\s*:?\s*",
    re.I,
)
_LABEL_BEFORE_COLON = re.compile(r"^[^\d:]{1,40}:\s*")
_FRENCH_HOURS = re.compile(r"(?<!\d)(\d{1,2})\s?h\s?(\d{2})(?!\d)", re.I)  # 14h05
_DOTTED_HOURS = re.compile(r"\b(?:kl|klo|ore|um)\.?\s*(\d{1,2})\.(\d{2})(?!\.?\d)", re.I)
_HAS_SECONDS = re.compile(r"\d:\d{2}:\d{2}")
_FIRST_DIGIT = re.compile(r"\d")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_BARE_DURATION = re.compile(r"\d+\s+[^\W\d_]+\.?")
_DATEPARSER_ALIASES = {"no": "nb"}


@lru_cache(maxsize=64)
def _dateparser_languages(languages: tuple[str, ...]) -> list[str]:
    from dateparser.data.languages_info import language_order

    known = set(language_order)
    codes = [_DATEPARSER_ALIASES.get(code, code) for code in (*languages, "en")]
    return list(dict.fromkeys(code for code in codes if code in known))


def _dateparser_variants(text: str) -> list[str]:
    """The text, then without a leading label, then from its first digit if it has a year."""
    text = _FRENCH_HOURS.sub(r"\1:\2", text)
    text = _DOTTED_HOURS.sub(r"\1:\2", text)
    variants = [text, LEADING_LABEL.sub("", text), _LABEL_BEFORE_COLON.sub("", text)]
    digit = _FIRST_DIGIT.search(text)
    if digit and _YEAR.search(text, digit.start()):  # "Lesezeit 4 Minuten" is no date
        variants.append(text[digit.start() :])
    # A bare duration ("10 minutes", "2 Stunden") is a length, not a time ago.
    return list(dict.fromkeys(v for v in variants if v and not _BARE_DURATION.fullmatch(v)))


@dataclass(frozen=True)
class _Parsed:
    value: datetime
    precision: Precision
    relative: bool  # no year in the string: counted from now


def _settings(tz: ZoneInfo, date_order: str, now: datetime) -> dict[str, object]:
    return {
        "RELATIVE_BASE": now.astimezone(tz).replace(tzinfo=None),  # local wall time
        "DATE_ORDER": date_order,
        "REQUIRE_PARTS": ["day", "month", "year"],
        "RETURN_TIME_AS_PERIOD": True,  # period "time" tells us the string gave a time
        "PARSERS": ["relative-time", "absolute-time"],
        "PREFER_DATES_FROM": "past",
    }


def _parse_dateparser(
    text: str, tz: ZoneInfo, date_order: str, now: datetime, languages: Sequence[str]
) -> _Parsed | None:
    from dateparser.date import DateDataParser

    languages = _dateparser_languages(tuple(languages))
    parser = DateDataParser(languages=languages, settings=_settings(tz, date_order, now))
    for variant in _dateparser_variants(text):
        try:
            data = parser.get_date_data(variant)
        except Exception:  # dateparser raises assorted errors on odd input
            continue
        if data.date_obj is None or data.period not in ("day", "time"):
            continue  # weeks/months/years ago name no day
        precision: Precision = "day"
        if data.period == "time":
            precision = "second" if _HAS_SECONDS.search(variant) else "minute"
        value = _localize(data.date_obj, precision, tz)
        return _Parsed(value, precision, relative=not _YEAR.search(variant))
    return None


def _localize(value: datetime, precision: Precision, tz: ZoneInfo) -> datetime:
    """Dateparser's result with a plain offset, or the site zone, cut to its precision."""
    if value.tzinfo is not None:
        offset = value.utcoffset() or timedelta(0)
        value = value.replace(tzinfo=UTC if not offset else timezone(offset))
    else:
        value = value.replace(tzinfo=tz)
    if precision == "day":
        return value.replace(hour=0, minute=0, second=0, microsecond=0)
    if precision == "minute":
        return value.replace(second=0, microsecond=0)
    return value.replace(microsecond=0)


# ---------------------------------------------------------------------------------------------
# Public API

# English outside North America writes numeric dates day-first; so does nearly every other
# language. Year-first languages (zh, ja, ko, hu, lt) write day-first when the year comes last.
_MONTH_FIRST_REGIONS = frozenset({"us", "ph", "fm", "pw", "mh"})
_DAY_FIRST_TLDS = frozenset({
    "uk", "ie", "au", "nz", "in", "za", "sg", "pk", "ng", "ke", "gh", "lk", "bd", "my", "hk",
    "mt", "cy", "jm", "tt", "ug", "tz", "zw", "zm", "bw", "na", "np", "ae", "qa", "eg",
})  # fmt: skip


def numeric_date_order(language: str | None, url: str = "", default: str = "MDY") -> str:
    """The order of a numeric "a/b/yyyy" date on a page in `language` (a BCP 47 tag), for
    sites whose profile does not say: month-first only in US English."""
    tag = (language or "").replace("_", "-").lower().split("-")
    if not tag[0]:
        return default
    if tag[0] != "en":
        return "DMY"
    if len(tag) > 1 and len(tag[1]) == 2:
        return "MDY" if tag[1] in _MONTH_FIRST_REGIONS else "DMY"
    host = (urlsplit(url).hostname or "") if url else ""
    return "DMY" if host.rsplit(".", 1)[-1] in _DAY_FIRST_TLDS else "MDY"


def _aware_now(now: datetime | None) -> datetime:
    if now is None:
        return datetime.now(UTC)
    return now if now.tzinfo is not None else now.replace(tzinfo=UTC)  # naive: taken as UTC


def _timestamp_of(parts: _Parts, raw: str, tz: ZoneInfo) -> Timestamp:
    if parts.clock is None:
        return Timestamp(datetime.combine(parts.day, time(), tz), "day", raw, False)
    c = parts.clock
    zone = parts.zone or tz
    value = datetime.combine(parts.day, time(c.hour, c.minute, c.second or 0, c.micro), zone)
    precision: Precision = "minute" if c.second is None else "second"
    return Timestamp(value, precision, raw, parts.zone is not None)


def _plausible(ts: Timestamp, now: datetime, *, relative: bool = False) -> bool:
    # Relative dates are computed from now, so no zone error needs the tolerance.
    latest = now if relative else now + FUTURE_TOLERANCE
    return ts.value.year >= MIN_YEAR and ts.value <= latest


def parse_timestamp(
    raw: str,
    *,
    tz: ZoneInfo,
    date_order: str = "MDY",
    now: datetime | None = None,
    languages: Sequence[str] = (),
) -> Timestamp | None:
    """The timestamp in `raw`, or None when there is none or it is implausible."""
    if not isinstance(raw, str):
        return None
    raw = raw.strip()
    text = " ".join(raw[:MAX_PARSE_CHARS].split())
    if not text:
        return None
    moment = _aware_now(now)
    parts = _parse_digits(text, tz) or _parse_fast(text, date_order)
    if parts is not None:
        ts = _timestamp_of(parts, raw, tz)
        return ts if _plausible(ts, moment) else None
    parsed = _parse_dateparser(text, tz, date_order, moment, languages)
    if parsed is None:
        return None
    has_offset = parsed.value.tzinfo is not tz
    ts = Timestamp(parsed.value, parsed.precision, raw, has_offset, parsed.relative)
    return ts if _plausible(ts, moment, relative=parsed.relative) else None


# URL dates: /2019/01/28/, /2019/jan/28/, /2019-01-28-slug, /20190128/, ?date=2019-01-28
# English three-letter month abbreviations, which URLs use ("/2019/jan/28/").
_URL_MONTHS = vocab.alternation(
    word for forms in vocab.load("months")["en"]["months"] for word in forms.split()
    if len(word) == 3
)
URL_YMD = re.compile(
    r"(?<![\d])(?P<y>(?:19|20)\d{2})[/_-]"
    rf"(?:(?P<m>\d{{1,2}})|(?P<mon>{_URL_MONTHS})[a-z]*)"
    r"[/_-](?P<d>\d{1,2})(?!\d)",
    re.I,
)
URL_COMPACT = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})(?P<m>\d{2})(?P<d>\d{2})(?!\d)")
_DATE_QUERY_KEYS = re.compile(r"date|^d$|^day$", re.I)


def _date_in(text: str) -> date | None:
    for pattern in (URL_YMD, URL_COMPACT):
        for m in pattern.finditer(text):
            name = m.groupdict().get("mon")
            month = _MONTHS[name[:3].lower()] if name else int(m["m"])
            day = _make_date(int(m["y"]), month, int(m["d"]))
            if day and day.year >= MIN_YEAR:
                return day
    return None


def url_date(url: str) -> date | None:
    """The publication date an article URL spells out, if any."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    found = _date_in(parts.path)
    if found:
        return found
    for key, value in parse_qsl(parts.query):
        if _DATE_QUERY_KEYS.search(key):
            found = _date_in(value)
            if found:
                return found
    return None


@dataclass(frozen=True)
class DateChoice:
    """The chosen timestamp and the candidate that gave it (for the record's `sources`)."""

    timestamp: Timestamp
    candidate: DateCandidate


@dataclass(frozen=True)
class _Ranked:
    suspect: bool
    relative: bool
    rank: int
    index: int
    timestamp: Timestamp
    candidate: DateCandidate


def page_date_order(raws: Sequence[str], date_order: str) -> str:
    """The numeric date order of the page: the site's, unless the page's own unambiguous dates
    agree with the other reading of its ambiguous ones ("11/01/2023" beside "01.11.2023")."""
    readings = []
    for raw in raws:
        text = " ".join(raw[:MAX_PARSE_CHARS].split())
        mdy, dmy = _first_date(text, "MDY"), _first_date(text, "DMY")
        if mdy is not None and dmy is not None:
            readings.append((mdy.parts.day, dmy.parts.day))
    known = {mdy for mdy, dmy in readings if mdy == dmy}
    votes = Counter(
        "MDY" if mdy in known else "DMY"
        for mdy, dmy in readings
        if mdy != dmy and (mdy in known) != (dmy in known)
    )
    if not votes or votes["MDY"] == votes["DMY"]:
        return date_order
    return votes.most_common(1)[0][0]


def _lacks_time(ts: Timestamp) -> bool:
    """Day precision, or an exact local midnight that is likely a date-only field."""
    return ts.precision == "day" or ts.value.time() == time(0)


def _same_day(timed: Timestamp, day: Timestamp) -> bool:
    target = day.value.date()
    return timed.value.date() == target or timed.value.astimezone(day.value.tzinfo).date() == target


def _ranked(
    candidates: Sequence[DateCandidate],
    kind: DateKind,
    url: str,
    parse: Callable[[str], Timestamp | None],
) -> list[_Ranked]:
    ref = url_date(url) if url else None
    ranked = []
    for index, cand in enumerate(candidates):
        if cand.kind != kind:
            continue
        ts = parse(cand.raw)
        if ts is None:
            continue
        suspect = ref is not None and abs((ts.value.date() - ref).days) > URL_DATE_TOLERANCE_DAYS
        rank = LAYER_RANK.get(cand.layer, _UNKNOWN_LAYER_RANK)
        ranked.append(_Ranked(suspect, ts.relative, rank, index, ts, cand))
    ranked.sort(key=lambda r: (r.suspect, r.relative, r.rank, r.index))
    return ranked


def choose_date(
    candidates: Sequence[DateCandidate],
    kind: DateKind,
    *,
    url: str = "",
    tz: ZoneInfo,
    date_order: str = "MDY",
    now: datetime | None = None,
    languages: Sequence[str] = (),
) -> DateChoice | None:
    """The best candidate of `kind`: by layer; dates far from the URL's date last, and before
    them dates counted back from the fetch time ("2 hours ago"), which the page does not date.

    When the best one gives no time of day, the best-ranked candidate that agrees on the day
    and does give a time wins instead; its own raw string comes with it, so raw and value match.
    """

    order = page_date_order([c.raw for c in candidates], date_order)

    def parse(raw: str) -> Timestamp | None:
        return parse_timestamp(raw, tz=tz, date_order=order, now=now, languages=languages)

    ranked = _ranked(candidates, kind, url, parse)
    if not ranked:
        return None
    best = ranked[0]
    if _lacks_time(best.timestamp):
        timed = (r for r in ranked[1:] if not _lacks_time(r.timestamp))
        best = next((r for r in timed if _same_day(r.timestamp, best.timestamp)), best)
    if _is_utc(best.timestamp):
        others = [r for r in ranked if r is not best and not (r.suspect or r.relative)]
        return _in_local_offset(best, others, tz)
    return DateChoice(best.timestamp, best.candidate)


def _is_utc(ts: Timestamp) -> bool:
    return ts.has_offset and ts.precision != "day" and ts.value.utcoffset() == timedelta(0)


def _wall_minute(value: datetime) -> datetime:
    return value.replace(tzinfo=None, second=0, microsecond=0)


def _in_local_offset(best: _Ranked, others: Sequence[_Ranked], tz: ZoneInfo) -> DateChoice:
    """A UTC time, in the page's own local offset when another of its strings gives it.

    Pages often serialize the time in UTC for machines and print it in local time for readers;
    the local form names the day readers see. The same instant with another offset is taken
    as it is; a local wall-clock time without offset that differs from the UTC time by a
    plausible offset (whole or half hours, at most 14) gives that offset; the instant never
    changes. Failing both, a day the page prints or puts in its URL that is the UTC time's
    next or previous day in some inhabited zone, and not its day in the site's zone `tz`, is
    the publication day, without a time. Otherwise the time is shown in the site's zone.
    """
    utc = best.timestamp
    for other in others:
        ts = other.timestamp
        if ts.has_offset and not _is_utc(ts) and ts.precision != "day" and ts.value == utc.value:
            return DateChoice(ts, other.candidate)
    for other in others:
        ts = other.timestamp
        if ts.has_offset or ts.precision == "day":
            continue
        shift = _wall_minute(ts.value) - _wall_minute(utc.value)
        if shift and abs(shift) <= _MAX_OFFSET and not shift % _OFFSET_STEP:
            shifted = utc.value.astimezone(timezone(shift))
            return DateChoice(Timestamp(shifted, utc.precision, utc.raw, True), best.candidate)
    local = Timestamp(utc.value.astimezone(tz), utc.precision, utc.raw, True)
    for other in others:
        day = other.timestamp
        if (other.candidate.layer in _LOCAL_DAY_LAYERS and _local_day_of(day, utc)
                and day.value.date() != local.value.date()):
            return DateChoice(day, other.candidate)
    return DateChoice(local, best.candidate)


def _local_day_of(day: Timestamp, utc: Timestamp) -> bool:
    """Whether `day` (a date the page prints or puts in its URL) is the UTC time's next or
    previous day, as seen in a zone of the inhabited range (UTC-10 to UTC+14)."""
    if day.precision != "day":
        return False
    target = day.value.date()
    if target == utc.value.date():
        return False
    return any((utc.value + shift).date() == target for shift in _LOCAL_DAY_SHIFTS)
