"""Chrome cleaning: page furniture dropped from the body, captions moved to images.

The vocabulary is data (vocab/chrome.toml, plus each site's `chrome.lines`); this module only
applies it. Works on paragraphs from HTML and from plain-text dumps alike.
"""

from __future__ import annotations

import re
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
_FRAME = re.compile(r"^[\s|*•·>–-]+|[\s|]+$")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Rule:
    name: str
    max_words: int
    pattern: re.Pattern[str]

    def matches(self, paragraph: str, words: int) -> bool:
        return words <= self.max_words and self.pattern.search(paragraph) is not None


@dataclass(frozen=True)
class Vocabulary:
    drop: tuple[Rule, ...]
    tail: tuple[Rule, ...]
    caption: tuple[Rule, ...]


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
    return Vocabulary(drop, tail, _rules(data.get("caption", {}), "caption"))


def _words(paragraph: str) -> int:
    return len(paragraph.split())


def _core(paragraph: str) -> str:
    """The line without its frame, with single plain spaces (no-break spaces included)."""
    return _SPACES.sub(" ", _FRAME.sub("", paragraph))


def is_chrome(paragraph: str) -> bool:
    """A paragraph that is page furniture wherever it stands."""
    core = _core(paragraph)
    words = _words(core)
    return any(rule.matches(core, words) for rule in vocabulary().drop)


def is_tail_header(paragraph: str) -> bool:
    """The header of a trailing list: related stories, a comment thread."""
    core = _core(paragraph)
    words = _words(core)
    return any(rule.matches(core, words) for rule in vocabulary().tail)


def is_caption(paragraph: str) -> bool:
    words = _words(paragraph)
    return any(rule.matches(paragraph, words) for rule in vocabulary().caption)


def is_boundary(paragraph: str) -> bool:
    """Where article text ends in a page dump: chrome, a trailing list or a comment thread."""
    return is_chrome(paragraph) or is_tail_header(paragraph)


def clean_body(draft: ArticleDraft) -> None:
    """Drop chrome paragraphs from draft.body; captions go to draft.images (mutates the draft)."""
    site_patterns = draft.profile.chrome.line_patterns
    body = _cut_tail(draft.body)
    kept: list[str] = []
    for index, paragraph in enumerate(body):
        text = paragraph.strip()
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
    end = len(body)
    for index, paragraph in enumerate(body):
        if index == 0 or not is_tail_header(paragraph.strip()):
            continue
        rest = body[index + 1:]
        prose = [p for p in rest if _words(p) >= PROSE_MIN_WORDS]
        if len(prose) <= TAIL_MAX_PROSE_PARAGRAPHS:
            end = index
            break
    return [p for i, p in enumerate(body[:end]) if i == 0 or not is_tail_header(p.strip())]


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
