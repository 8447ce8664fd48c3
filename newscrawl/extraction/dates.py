"""Dates printed in the article header: the short lines right after the headline.

Many pages print the publication date only as text, next to the byline under the headline,
with no class or markup that names it ("von Name | 3. März 2020"). The header is read in
document order from the headline on, for a bounded amount of text, so dates of comments,
teasers and footers further down are never reached.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from lxml.etree import iterwalk
from lxml.html import HtmlElement

from newscrawl import vocab
from newscrawl.extraction.document import Page
from newscrawl.extraction.fields import Fields
from newscrawl.extraction.text import squash
from newscrawl.normalize.timestamps import date_span

HEADER_TEXT_CHARS = 400  # text after the headline that may hold its date
MAX_DATE_PIECE_CHARS = 80  # a longer text run is prose, not a date line
MAX_WORDS_AROUND_DATE = 5
MAX_LINE_CHARS = 160  # the header line around the date, when a byline shares it
LINE_MARKS = frozenset("|•·,/–—-")
# Tags inside a line of text: the line is the nearest block around them.
INLINE_TAGS = frozenset({"span", "a", "time", "b", "strong", "em", "i", "small", "abbr", "font",
                         "u", "sup", "sub", "mark", "label", "bdi"})
MAX_H1S = 8
MIN_HEADLINE_CHARS = 15
_WORD = re.compile(r"[^\W\d_]{2,}")
# Labels of the publication date (not "updated" ones): vocab/date_labels.toml.
_PUBLISHED_LABELS = vocab.words("date_labels", "published")
PUBLISHED_LABEL = re.compile(
    rf"^\W*(?:{vocab.alternation(_PUBLISHED_LABELS)})(?![^\W\d_])", re.IGNORECASE
)
# The longest word of each label, lowercased: a text without any of them holds no label.
_LABEL_STEMS = tuple({max(label.lower().split(), key=len) for label in _PUBLISHED_LABELS})
# The other end of a date range next to a date: "12. bis " or "12–" before it, " to 7 ..."
# or "–2025" after it (vocab/date_labels.toml, `range`).
_RANGE_WORDS = vocab.alternation(vocab.words("date_labels", "range"))
_RANGE_BEFORE = re.compile(
    rf"(?<![\d:.])\d{{1,2}}\.?\s*(?:[-–—]|(?:{_RANGE_WORDS})\s)\s*$", re.IGNORECASE
)
_RANGE_MARK = re.compile(rf"^\s*(?:[-–—]|(?:{_RANGE_WORDS})\s)\s*", re.IGNORECASE)
_YEAR = re.compile(r"(?:19|20)\d\d(?!\d)")
# A year in a date string: four digits, a day and month with two ("25.04.24"), or the digits
# of a compact date or a Unix time.
_DATED = re.compile(
    r"(?<!\d)(?:19|20)\d\d(?!\d)|(?<![\d.])\d{1,2}[./-]\d{1,2}[./-]\d\d(?![\d.])|^\s*\d{8,14}\s*$"
)
_OTHER_CONTENT = re.compile(r"comment|related|teaser|recommend|sidebar|widget|promo", re.I)
_OTHER_CONTENT_TAGS = frozenset({"nav", "aside", "form"})
_SKIPPED_TAGS = frozenset({"script", "style", "noscript", "template", "select", "option", "button"})


def gives_dated_candidate(layers: Iterable[Fields]) -> bool:
    """Whether some layer found a publication string with a year in it; if none did (no
    string, or only times and relative dates: "10:52", "2 hours ago", "Jul 10"), the slow
    generic date search is worth its time. Only the shape is looked at: normalization reads
    the strings (normalize/timestamps.py)."""
    return any(_DATED.search(raw) for found in layers for raw in found.published)


@dataclass(frozen=True)
class HeaderDate:
    """The date line under the headline: the date's own text run, and the line around it
    when more than the date stands on it ("Jane Doe | 5. März 2024")."""

    date: str
    line: str | None


def find_header_date(h1: HtmlElement | None) -> HeaderDate | None:
    """The first short text run with a full date after the headline `h1`, read once."""
    if h1 is None:
        return None
    budget = HEADER_TEXT_CHARS
    for text, holder in _texts_after(h1):
        piece = squash(text)
        if not piece:
            continue
        if len(piece) <= MAX_DATE_PIECE_CHARS and _is_date_line(piece):
            return HeaderDate(piece, _line_around(piece, holder))
        budget -= len(piece)
        if budget <= 0:
            break
    return None


def _line_around(date: str, holder: HtmlElement) -> str | None:
    """The text of the nearest block around the date, when a mark sets the date apart from
    the rest of it: "Jane Doe | 5. März 2024", "5.3.2024 · Jane Doe"."""
    block = holder
    while block.tag in INLINE_TAGS and block.getparent() is not None:
        block = block.getparent()
    line = squash(" ".join(block.itertext()))
    at = line.find(date)
    if at < 0 or line == date or len(line) > MAX_LINE_CHARS:
        return None
    before, after = line[:at].rstrip(), line[at + len(date):].lstrip()
    beside = before[-1:] + after[:1]
    return line if beside and set(beside) & LINE_MARKS else None


def labeled_date(region: HtmlElement) -> list[str]:
    """The first date the region labels as the publication date ("Published on 3 May 2020",
    "Veröffentlicht am 03.05.2020"), outside comments and lists of other stories."""
    text = region.text_content().lower()
    if not any(stem in text for stem in _LABEL_STEMS):
        return []  # the common case, found out by fast substring tests
    pieces = _article_texts(region)
    for run in pieces:
        piece = squash(run)
        if len(piece) > MAX_DATE_PIECE_CHARS or not PUBLISHED_LABEL.match(piece):
            continue
        if _is_date_line(piece):
            return [piece]
        if date_span(piece) is None:  # the label alone: its date is in the next run of text
            following = next((squash(t) for t in pieces if t.strip()), "")
            if len(following) <= MAX_DATE_PIECE_CHARS and _is_date_line(following):
                return [f"{piece} {following}"]
    return []


def _article_texts(region: HtmlElement) -> Iterator[str]:
    """The region's text runs in document order, without those of comments, related stories,
    navigation and scripts."""
    skipping: HtmlElement | None = None
    for event, el in iterwalk(region, events=("start", "end")):
        if not isinstance(el.tag, str):
            continue
        if event == "start":
            if skipping is None and _is_other_content(el):
                skipping = el
            if skipping is None and el.tag not in _SKIPPED_TAGS and el.text:
                yield el.text
        else:
            if el is skipping:
                skipping = None
            if skipping is None and el.tail and el is not region:
                yield el.tail


def _opens_range(after: str) -> bool:
    """What follows a date is the other end of a range: "– 7 March 2024", "to 2025" (a time
    after a dash, "– 14:07", is the date's own)."""
    mark = _RANGE_MARK.match(after)
    if mark is None:
        return False
    rest = after[mark.end() :]
    span = date_span(rest)
    return (span is not None and span[0] == 0) or _YEAR.match(rest) is not None


def _is_other_content(el: HtmlElement) -> bool:
    if el.tag in _OTHER_CONTENT_TAGS:
        return True
    key = f"{el.get('class') or ''} {el.get('id') or ''}"
    return len(key) > 3 and _OTHER_CONTENT.search(key) is not None


def _is_date_line(text: str) -> bool:
    """A date with a few words around it ("von Name, 3. März 2020"), not a sentence that
    happens to hold one ("The next meeting is on 5 March 2020 at ..."), nor an end of a date
    range ("Hafenfest vom 12. bis 14. Juli 2024")."""
    span = date_span(text)
    if span is None:
        return False
    before, after = text[: span[0]], text[span[1] :]
    if _RANGE_BEFORE.search(before) or _opens_range(after):
        return False
    return len(_WORD.findall(f"{before} {after}")) <= MAX_WORDS_AROUND_DATE


def headline_element(page: Page, region: HtmlElement) -> HtmlElement | None:
    """The headline's h1: the one the page title repeats, else the article region's first,
    else the first with a few words (a logo's h1 has one or two)."""
    h1s = [
        h1 for h1 in itertools.islice(page.tree.iter("h1"), MAX_H1S) if squash(h1.text_content())
    ]
    title = _page_title(page)
    for h1 in h1s:
        text = squash(h1.text_content()).casefold()
        if len(text) >= MIN_HEADLINE_CHARS and (text in title or (title and title in text)):
            return h1
    in_region = next((h1 for h1 in region.iter("h1") if squash(h1.text_content())), None)
    if in_region is not None:
        return in_region
    return next((h1 for h1 in h1s if len(squash(h1.text_content()).split()) >= 3), None)


def _page_title(page: Page) -> str:
    hit = page.first_meta("og:title", "twitter:title")
    title = hit[1] if hit else page.tree.findtext(".//title")
    return squash(title or "").casefold()


def _texts_after(el: HtmlElement) -> Iterator[tuple[str, HtmlElement]]:
    """Text in document order after `el` (its own text excluded), each with the element it
    stands in: the XPath following axis, read lazily so a long page costs only what is
    read."""
    node: HtmlElement | None = el
    while node is not None:
        parent = node.getparent()
        if node.tail and parent is not None:
            yield node.tail, parent
        for sibling in node.itersiblings():
            yield from _texts_in(sibling)
        node = parent


def _texts_in(el: HtmlElement) -> Iterator[tuple[str, HtmlElement]]:
    """The element's text, its descendants' text and tails in document order, and its tail,
    each with the element it stands in."""
    for event, sub in iterwalk(el, events=("start", "end")):
        if event == "start":
            if isinstance(sub.tag, str) and sub.tag not in _SKIPPED_TAGS and sub.text:
                yield sub.text, sub
        elif sub.tail and sub.getparent() is not None:
            yield sub.tail, sub.getparent()
