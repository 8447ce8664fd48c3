"""Plain-text page dumps: headline above the first byline line, header lines, then the prose.

A dump is the visible text of a page, chrome included. The article is found by its shape: a
byline line ("By ...", "- Agency - Monday, January 28, 2019") under a title-like line, captions and
more byline lines, then a run of prose paragraphs that ends where page chrome starts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newscrawl import vocab
from newscrawl.extraction.errors import ExtractionError
from newscrawl.extraction.text import squash, word_count
from newscrawl.items import ArticleDraft, Candidate, DateCandidate, Image
from newscrawl.normalize.bylines import LINE_BY_WORDS, STAMP_LABELS
from newscrawl.normalize.chrome import is_boundary, is_caption

_UPPER = r"[^\W\d_a-z]"  # a letter that is not lowercase ASCII: a capital, or any script
BYLINE_LINES = (
    re.compile(rf"^(?i:{LINE_BY_WORDS})\s+{_UPPER}"),  # By Jane Doe
    re.compile(r"^[-–—]\s*\S[^-–—]{1,60}?\s+[-–—]\s+\S"),  # - Agency - Monday, January 28, 2019
)
MONTHS = rf"(?:{vocab.alternation(vocab.months())})"
DATE_LINES = (
    re.compile(r"^(?:\w+,?\s+)?\d{1,2}[./-]\d{1,2}[./-]\d{2,4}(?:[ ,T]+\d{1,2}:\d\d.*)?$"),
    re.compile(rf"^(?:\w+,?\s+)?(?:{MONTHS}\.?\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\.?\s+{MONTHS}\.?\s+\d{{4}})\b.{{0,30}}$",
               re.IGNORECASE),
    re.compile(r"^\d{4}-\d\d-\d\d(?:[ T]\d\d:\d\d.*)?$"),
    re.compile(rf"^(?:{STAMP_LABELS})\b.{{0,10}}\d.{{0,50}}$", re.IGNORECASE),
)
MAX_BYLINE_WORDS = 16
MAX_TITLE_WORDS = 30
MAX_DATE_WORDS = 10
# A run of this many short lines is interface (pagers, menus, comment headers), not article.
SHORT_LINE_WORDS = 6
SHORT_RUN = 2
PROSE_END = tuple(".!?…\"”’»)")
MIN_BODY_WORDS = 25


@dataclass
class Header:
    title: str | None
    bylines: list[str]
    dates: list[str]
    captions: list[str]
    body_start: int


def extract_text_dump(text: str, draft: ArticleDraft) -> None:
    lines = [squash(line) for line in text.replace("\r\n", "\n").split("\n")]
    header = read_header(lines)
    body = read_body(lines, header.body_start)
    if word_count(" ".join(body)) < MIN_BODY_WORDS:
        raise ExtractionError("not_article", "the text dump holds no run of prose paragraphs")
    draft.title = header.title
    draft.bylines = [Candidate(b, "text") for b in header.bylines]
    draft.dates = [DateCandidate(d, "text", "published") for d in header.dates]
    draft.images = [Image(None, c) for c in header.captions]
    draft.body = body
    draft.sources.update({"body": "text", **({"title": "text"} if header.title else {})})


def is_byline_line(line: str) -> bool:
    return word_count(line) <= MAX_BYLINE_WORDS and any(p.match(line) for p in BYLINE_LINES)


def is_date_line(line: str) -> bool:
    return word_count(line) <= MAX_DATE_WORDS and any(p.match(line) for p in DATE_LINES)


def _is_title_like(line: str) -> bool:
    words = word_count(line)
    return (2 <= words <= MAX_TITLE_WORDS and not line.endswith((".", ":", ",", ";"))
            and not is_boundary(line) and not is_caption(line) and not is_date_line(line))


def read_header(lines: list[str]) -> Header:
    first = next((i for i, line in enumerate(lines) if is_byline_line(line)), None)
    if first is None:
        return _header_without_byline(lines)
    above = next((i for i in range(first - 1, -1, -1) if lines[i]), None)
    title = lines[above] if above is not None and _is_title_like(lines[above]) else None
    header = Header(title, [], [], [], first)
    seen: set[str] = set()
    index = first
    while index < len(lines):
        line = lines[index]
        if line and not _add_header_line(header, line, seen):
            break
        seen.add(line)
        index += 1
    header.body_start = index
    return header


def _add_header_line(header: Header, line: str, seen: set[str]) -> bool:
    """Files a header line under bylines, dates or captions; False when the article starts."""
    if is_byline_line(line):
        header.bylines.append(line)
    elif is_date_line(line):
        header.dates.append(line)
    elif is_caption(line) or line in seen:
        if line not in header.captions:
            header.captions.append(line)
    else:
        return False
    return True


def _header_without_byline(lines: list[str]) -> Header:
    """No byline: the body is the first prose run; a title-like line right above it is the title."""
    prose = (i for i, line in enumerate(lines) if _is_prose(line) and not is_boundary(line))
    start = next(prose, 0)
    above = next((i for i in range(start - 1, -1, -1) if lines[i]), None)
    title = lines[above] if above is not None and _is_title_like(lines[above]) else None
    return Header(title, [], [], [], start)


def _is_prose(line: str) -> bool:
    return word_count(line) >= 12 and line.endswith(PROSE_END)


def _is_short(line: str) -> bool:
    return word_count(line) < SHORT_LINE_WORDS and not line.endswith(PROSE_END)


def read_body(lines: list[str], start: int) -> list[str]:
    """Paragraphs from `start` until chrome begins: a chrome line or a run of short lines."""
    paragraphs = _paragraphs(lines[start:])
    body: list[str] = []
    for index, paragraph in enumerate(paragraphs):
        if is_boundary(paragraph) or _starts_short_run(paragraphs, index):
            break
        body.append(paragraph)
    return body


def _starts_short_run(paragraphs: list[str], index: int) -> bool:
    run = paragraphs[index:index + SHORT_RUN]
    return len(run) == SHORT_RUN and all(_is_short(p) for p in run)


def _paragraphs(lines: list[str]) -> list[str]:
    """Blank-line separated blocks; a block of long lines is one hard-wrapped paragraph, a
    block of short lines stays one paragraph per line."""
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    paragraphs: list[str] = []
    for block in blocks:
        if _is_wrapped(block):
            paragraphs.append(" ".join(block))
        else:
            paragraphs.extend(block)
    return paragraphs


def _is_wrapped(block: list[str]) -> bool:
    if len(block) < 2:
        return False
    lengths = [len(line) for line in block[:-1]]
    return min(lengths) >= 50 and not any(line.endswith(PROSE_END) for line in block[:-1])
