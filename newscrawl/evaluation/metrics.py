"""Quality metrics for article records against corpus ground truth (pure functions, no I/O).

The definitions follow the evaluation corpus README, so that numbers agree with its reference
scorer:

- body: word 4-gram shingle multisets (tokens ``\\w+``, case kept); per page precision and
  recall, macro-averaged over pages, F1 of the two averages (article-extraction-benchmark).
- title: exact match after NFKC, soft-hyphen removal, whitespace collapse and casefold.
- authors: the set of normalized names equals the truth's; a record's names are its authors,
  or its agencies when it names no person, or its credit (the newsroom or publisher a byline
  credits) when it names neither.
- day / minute: see `date_scores`.
- snippets: recall = share of must-contain snippets in the body; precision = 1 - share of
  must-not-contain snippets in it.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, time
from typing import Any

SHINGLE_SIZE = 4
SOFT_HYPHEN = "\u00ad"

# Ground-truth quirks of the corpus sources (see the corpus README):
# trafilatura's titles are not labelled as article headlines, so they are not scored; only
# fundus labels authors as person names (trafilatura keeps raw byline strings).
UNSCORED_TITLE_SOURCES = frozenset({"trafilatura"})
AUTHOR_SOURCES = frozenset({"fundus"})

_WORD = re.compile(r"\w+")
_WHITESPACE = re.compile(r"\s+")
_DATE_ONLY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_SPACE_BEFORE_TIME = re.compile(r"\d{4}-\d\d-\d\d \d")


def normalize_text(value: object) -> str:
    """NFKC, no soft hyphens, single spaces, casefolded; anything but a string counts as ''."""
    text = value if isinstance(value, str) else ""
    text = unicodedata.normalize("NFKC", text).replace(SOFT_HYPHEN, "")
    return _WHITESPACE.sub(" ", text).strip().casefold()


# --- body -------------------------------------------------------------------------------------


def shingles(text: object, size: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    """Multiset of word n-grams; a text shorter than n words is one shingle of all its words."""
    tokens = _WORD.findall(text) if isinstance(text, str) else []
    if not tokens:
        return Counter()
    if len(tokens) < size:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1))


def body_precision_recall(predicted: object, truth: object) -> tuple[float, float]:
    """Shingle precision and recall of one page; two empty texts agree perfectly."""
    pred, gold = shingles(predicted), shingles(truth)
    tp = (pred & gold).total()
    fp = (pred - gold).total()
    fn = (gold - pred).total()
    if tp + fp + fn == 0:
        return 1.0, 1.0
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall


# --- title and authors ------------------------------------------------------------------------


def title_matches(predicted: object, truth: str) -> bool:
    return normalize_text(predicted) == normalize_text(truth)


def record_names(record: Mapping[str, Any]) -> set[str]:
    """Normalized names of a record: its authors, or its agencies when it lists no author, or
    its credit when it names neither."""
    names: list[object] = [
        author.get("name") if isinstance(author, dict) else author
        for author in record.get("authors") or []
    ]
    if not names:
        names = list(record.get("agencies") or [])
    if not names and record.get("credit"):
        names = [record["credit"]]
    return {normalize_text(name) for name in names if name}


def authors_match(record: Mapping[str, Any], truth: Iterable[str]) -> bool:
    return record_names(record) == {normalize_text(name) for name in truth}


# --- dates ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class When:
    """A parsed timestamp and how much it says: a time of day, a UTC offset."""

    value: datetime
    has_time: bool
    has_offset: bool

    @property
    def is_timed(self) -> bool:
        """Carries a time of day other than midnight (midnight usually means 'no time')."""
        return self.has_time and self.value.time().replace(microsecond=0) != time(0)


def parse_when(raw: object) -> When | None:
    """An RFC 3339 / ISO 8601 timestamp or a YYYY-MM-DD date; None when absent or malformed."""
    if not isinstance(raw, str) or not raw:
        return None
    text = raw.strip()
    if _SPACE_BEFORE_TIME.match(text):  # "2024-05-03 15:47:42" is common in ground truth
        text = text.replace(" ", "T", 1)
    text = text.replace("Z", "+00:00")
    try:
        return _parse_iso(text)
    except (ValueError, OverflowError):
        return None


def _parse_iso(text: str) -> When | None:
    if date_only := _DATE_ONLY.fullmatch(text):
        return When(_date_of(date_only), has_time=False, has_offset=False)
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        # Trailing junk after a date ("2019-10-19 (updated)") still gives the day.
        prefix = _DATE_ONLY.match(text)
        return When(_date_of(prefix), has_time=False, has_offset=False) if prefix else None
    return When(value, has_time=True, has_offset=value.tzinfo is not None)


def _date_of(match: re.Match[str]) -> datetime:
    year, month, day = (int(part) for part in match.groups())
    return datetime(year, month, day)


def date_scores(predicted: object, truth: object) -> tuple[int | None, int | None]:
    """(day, minute) hits for one page, each 1, 0 or None when that measure does not apply.

    day: same calendar date, the prediction moved to the truth's offset when both have one.
    minute: only for truths with a time of day (not midnight); a prediction without a time is
    a miss; within a minute of the same instant when both have offsets, else same wall-clock
    minute.
    """
    gold = parse_when(truth)
    if gold is None:
        return None, None
    pred = parse_when(predicted)
    if pred is None:
        return 0, (0 if gold.is_timed else None)
    day = int(_same_day(pred, gold))
    if not gold.is_timed:
        return day, None
    if not pred.has_time:
        return day, 0
    return day, int(_same_minute(pred, gold))


def _same_day(pred: When, gold: When) -> bool:
    value = pred.value
    if pred.has_offset and gold.has_offset:
        try:
            value = value.astimezone(gold.value.tzinfo)
        except OverflowError:  # e.g. year 1 moved west: not a plausible publication date
            return False
    return value.date() == gold.value.date()


def _same_minute(pred: When, gold: When) -> bool:
    if pred.has_offset and gold.has_offset:
        return abs((pred.value - gold.value).total_seconds()) < 60
    return _wall_minute(pred.value) == _wall_minute(gold.value)


def _wall_minute(value: datetime) -> datetime:
    return value.replace(tzinfo=None, second=0, microsecond=0)


# --- snippets ---------------------------------------------------------------------------------


def snippet_share(body: object, snippets: Sequence[str]) -> float:
    """Share of snippets found in the body, both normalized."""
    text = normalize_text(body)
    return sum(normalize_text(snippet) in text for snippet in snippets) / len(snippets)


# --- per source -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Truth:
    """The ground truth of one page; None where the source does not label a field."""

    title: str | None = None
    authors: list[str] | None = None
    published: str | None = None
    body: str | None = None
    must_contain: list[str] = field(default_factory=list)
    must_not_contain: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class SourceMetrics:
    """Scores of one system on one source; None where no page has ground truth for it."""

    pages: int
    errors: int
    body_precision: float | None = None
    body_recall: float | None = None
    body_f1: float | None = None
    title: float | None = None
    title_n: int | None = None
    authors: float | None = None
    authors_n: int | None = None
    day: float | None = None
    day_n: int | None = None
    minute: float | None = None
    minute_n: int | None = None
    snippet_precision: float | None = None
    snippet_recall: float | None = None
    snippet_f1: float | None = None

    def as_dict(self) -> dict[str, float | int]:
        """The measured values only, keyed like the reference scorer's output."""
        return {key: value for key, value in vars(self).items() if value is not None}


# The measures a quality floor can name, in table order.
QUALITY_MEASURES = ("body_f1", "title", "authors", "day", "minute", "snippet_f1")


@dataclass
class MetricAccumulator:
    """Collects per-page hits for one source; `result()` averages them."""

    source: str
    pages: int = 0
    errors: int = 0
    body_p: list[float] = field(default_factory=list)
    body_r: list[float] = field(default_factory=list)
    hits: dict[str, list[int]] = field(
        default_factory=lambda: {"title": [], "authors": [], "day": [], "minute": []}
    )
    snippet_p: list[float] = field(default_factory=list)
    snippet_r: list[float] = field(default_factory=list)

    def add(self, truth: Truth, record: Mapping[str, Any]) -> None:
        """Score one page; an error record counts as an empty record."""
        self.pages += 1
        self.errors += bool(record.get("error"))
        if truth.body is not None:
            precision, recall = body_precision_recall(record.get("body"), truth.body)
            self.body_p.append(precision)
            self.body_r.append(recall)
        if truth.title and self.source not in UNSCORED_TITLE_SOURCES:
            self.hits["title"].append(int(title_matches(record.get("title"), truth.title)))
        if truth.authors is not None and self.source in AUTHOR_SOURCES:
            self.hits["authors"].append(int(authors_match(record, truth.authors)))
        if truth.published:
            self._add_date(record.get("published_at"), truth.published)
        if truth.must_contain:
            self.snippet_r.append(snippet_share(record.get("body"), truth.must_contain))
        if truth.must_not_contain:
            self.snippet_p.append(1 - snippet_share(record.get("body"), truth.must_not_contain))

    def _add_date(self, predicted: object, truth: str) -> None:
        day, minute = date_scores(predicted, truth)
        if day is not None:
            self.hits["day"].append(day)
        if minute is not None:
            self.hits["minute"].append(minute)

    def result(self) -> SourceMetrics:
        values: dict[str, Any] = {"pages": self.pages, "errors": self.errors}
        if self.body_p:
            values.update(_pr_f1("body", _mean(self.body_p), _mean(self.body_r)))
        for name, hits in self.hits.items():
            if hits:
                values[name] = _mean(hits)
                values[f"{name}_n"] = len(hits)
        # Snippet scores need must-contain snippets; must-not-contain alone says too little.
        if self.snippet_r:
            precision = _mean(self.snippet_p) if self.snippet_p else None
            values.update(_pr_f1("snippet", precision, _mean(self.snippet_r)))
        return SourceMetrics(**values)


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values)


def _pr_f1(prefix: str, precision: float | None, recall: float) -> dict[str, float | None]:
    if precision is None:
        return {f"{prefix}_recall": recall}
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {f"{prefix}_precision": precision, f"{prefix}_recall": recall, f"{prefix}_f1": f1}


def score_source(
    source: str, truths: Iterable[Truth], records: Iterable[Mapping[str, Any]]
) -> SourceMetrics:
    """Metrics of records against truths, paired in order (the index order of the corpus)."""
    accumulator = MetricAccumulator(source)
    for truth, record in zip(truths, records, strict=True):
        accumulator.add(truth, record)
    return accumulator.result()
