"""Chrome cleaning: page furniture dropped from the body, captions moved to images.

The vocabulary is data (vocab/chrome.toml, plus each site's `chrome.lines`); this module only
applies it. Works on paragraphs from HTML and from plain-text dumps alike.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache

from newscrawl import vocab
from newscrawl.items import ArticleDraft, Candidate, Image
from newscrawl.normalize.bylines import LINE_BY_WORDS

# A rest of the body with at most this much prose is a list, not more article.
TAIL_MAX_PROSE_PARAGRAPHS = 1
PROSE_MIN_WORDS = 25
# Byline lines at the top of a body ("By Jane Doe and John Roe"): moved out of the text.
LEADING_BYLINE = re.compile(rf"^(?:{LINE_BY_WORDS})\s+\w", re.IGNORECASE)
LEADING_BYLINE_MAX_WORDS = 12
LEADING_POSITIONS = 3
DUPLICATE_MIN_WORDS = 4
# List bullets and table-cell bars around a line ("- Related: ...", "| Top stories |"): the
# vocabulary is matched against the line without them.
_FRAME_START = re.compile(r"[\s|*•·>–-]+")


@dataclass(frozen=True)
class Rule:
    name: str
    max_words: int
    pattern: re.Pattern[str]

    def matches(self, paragraph: str, words: int) -> bool:
        return words <= self.max_words and self.pattern.search(paragraph) is not None


@dataclass(frozen=True)
class RuleSet:
    """The rules of one section, searched with one pattern: for each word limit, the rules
    that allow a line of that length, combined."""

    rules: tuple[Rule, ...]
    limits: tuple[int, ...] = ()
    patterns: tuple[re.Pattern[str], ...] = ()

    @classmethod
    def of(cls, rules: tuple[Rule, ...]) -> RuleSet:
        limits = tuple(sorted({r.max_words for r in rules}))
        patterns = tuple(
            re.compile("|".join(f"(?:{r.pattern.pattern})" for r in rules if r.max_words >= limit),
                       re.IGNORECASE)
            for limit in limits)
        return cls(rules, limits, patterns)

    def matches(self, paragraph: str, words: int) -> bool:
        at = bisect_left(self.limits, words)  # the rules whose limit is at least `words`
        return at < len(self.limits) and self.patterns[at].search(paragraph) is not None


@dataclass(frozen=True)
class Vocabulary:
    drop: RuleSet
    tail: RuleSet
    caption: RuleSet


def _rules(table: dict[str, object], name: str) -> tuple[Rule, ...]:
    patterns = table.get("patterns", [])
    max_words = int(table.get("max_words", 30))  # type: ignore[call-overload]
    assert isinstance(patterns, list)
    combined = "|".join(f"(?:{p})" for p in patterns)
    return (Rule(name, max_words, re.compile(combined, re.IGNORECASE)),) if patterns else ()


@cache
def vocabulary() -> Vocabulary:
    data = vocab.load("chrome")
    drop = tuple(r for name, t in data.get("drop", {}).items() for r in _rules(t, name))
    tail = tuple(r for name, t in data.get("tail", {}).items() for r in _rules(t, name))
    caption = _rules(data.get("caption", {}), "caption")
    return Vocabulary(RuleSet.of(drop), RuleSet.of(tail), RuleSet.of(caption))


def _words(paragraph: str) -> int:
    return len(paragraph.split())


def _core(paragraph: str) -> str:
    """The line without its frame, with single plain spaces (no-break spaces included)."""
    start = _FRAME_START.match(paragraph)
    text = paragraph[start.end():] if start else paragraph
    text = text.rstrip()
    while text.endswith("|"):
        text = text[:-1].rstrip()
    return " ".join(text.split())


def is_chrome(paragraph: str) -> bool:
    """A paragraph that is page furniture wherever it stands."""
    core = _core(paragraph)
    return vocabulary().drop.matches(core, _words(core))


def is_tail_header(paragraph: str) -> bool:
    """The header of a trailing list: related stories, a comment thread."""
    core = _core(paragraph)
    return vocabulary().tail.matches(core, _words(core))


def is_caption(paragraph: str) -> bool:
    return vocabulary().caption.matches(paragraph, _words(paragraph))


def is_boundary(paragraph: str) -> bool:
    """Where article text ends in a page dump: chrome, a trailing list or a comment thread."""
    core = _core(paragraph)
    words = _words(core)
    rules = vocabulary()
    return rules.drop.matches(core, words) or rules.tail.matches(core, words)


def clean_body(draft: ArticleDraft) -> None:
    """Drop chrome paragraphs from draft.body; captions go to draft.images (mutates the draft)."""
    site_patterns = draft.profile.chrome.line_patterns
    body = _cut_tail([p.strip() for p in draft.body])
    kept: list[str] = []
    for index, text in enumerate(body):
        if not text or is_chrome(text) or any(p.search(text) for p in site_patterns):
            continue
        if is_caption(text):
            _add_caption(draft, text)
            continue
        if index < LEADING_POSITIONS and _is_leading_byline(text):
            _add_byline(draft, text)
            continue
        if index < LEADING_POSITIONS and _is_printed_byline(draft, text):
            continue
        # The same block read twice in a row; a line met again further down (a table's header
        # row, a recipe step, a refrain) is the page's text and stays.
        if _words(text) >= DUPLICATE_MIN_WORDS and kept and kept[-1] == text:
            continue
        kept.append(text)
    draft.body = kept


def _cut_tail(body: list[str]) -> list[str]:
    """The body up to the first trailing-list header followed by no more than a list; headers
    followed by more article ("Read more: ..." mid-story) lose only their own line."""
    headers = [index > 0 and is_tail_header(p) for index, p in enumerate(body)]
    prose_after = [0] * (len(body) + 1)  # prose paragraphs after each position
    for index in range(len(body) - 1, -1, -1):
        prose_after[index] = prose_after[index + 1] + (_words(body[index]) >= PROSE_MIN_WORDS)
    end = next((i for i, header in enumerate(headers)
                if header and prose_after[i + 1] <= TAIL_MAX_PROSE_PARAGRAPHS), len(body))
    return [p for p, header in zip(body[:end], headers, strict=False) if not header]


def _is_leading_byline(text: str) -> bool:
    return bool(LEADING_BYLINE.match(text)) and _words(text) <= LEADING_BYLINE_MAX_WORDS \
        and text[-1:] not in ".!?"


def _is_printed_byline(draft: ArticleDraft, text: str) -> bool:
    """A leading line made of the page's own byline strings ("Jane Doe/John Roe"): the byline
    as printed above the text, already read from the page's markup."""
    printed = {c.value.casefold() for c in draft.bylines if c.layer == "text"}
    return bool(printed) and all(p.strip().casefold() in printed for p in text.split("/"))


def _add_caption(draft: ArticleDraft, caption: str) -> None:
    # Which picture a caption line belongs to is unknown here, so it gets no URL.
    if all(image.caption != caption for image in draft.images):
        draft.images.append(Image(None, caption))


def _add_byline(draft: ArticleDraft, text: str) -> None:
    if all(c.value.casefold() != text.casefold() for c in draft.bylines):
        draft.bylines.append(Candidate(text, "text"))
