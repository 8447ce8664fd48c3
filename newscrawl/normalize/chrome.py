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

# A trailing-list header ("Related stories", "Most read") ends the body when what follows it is
# a list: at most TAIL_MAX_PROSE_PARAGRAPHS prose paragraphs. On a page whose links are known,
# the header's box is the run of lines under it where linked lines come at least every
# BOX_MAX_GAP lines (a headline, its teaser); when the lines after the box hold
# TAIL_MIN_SENTENCES sentences or more, however short, the box stood mid-story and only the box
# goes (the extractor may have dropped its links already, leaving the header alone). A comment
# thread's header keeps the prose test alone.
TAIL_MAX_PROSE_PARAGRAPHS = 1
PROSE_MIN_WORDS = 25
BOX_MAX_GAP = 3
TAIL_MIN_SENTENCES = 2
SENTENCE_MIN_WORDS = 5
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)]*$")
LINKED_LINE_MIN_SHARE = 0.5  # a line is linked when link texts cover this much of it
# Byline lines at the top of a body ("By Jane Doe and John Roe"): moved out of the text.
LEADING_BYLINE = re.compile(rf"^(?:{LINE_BY_WORDS})\s+\w", re.IGNORECASE)
LEADING_BYLINE_MAX_WORDS = 12
LEADING_POSITIONS = 3
DUPLICATE_MIN_WORDS = 4
# Company boilerplate ("About Acme Corp" and a paragraph opening with "Acme Corp") ends the body
# when it stands in the closing part: what it cuts holds at most this share of the body's words.
ABOUT_MAX_SHARE = 0.5
NAME_MAX_WORDS = 6
_NAME_END = re.compile(r"[\s:.,;]+$")
# List bullets and table-cell bars around a line ("- Related: ...", "| Top stories |"): the
# vocabulary is matched against the line without them.
_FRAME_START = re.compile(r"[\s|*•·>–-]+")


@dataclass(frozen=True)
class Rule:
    name: str
    max_words: int
    patterns: tuple[str, ...]  # the vocabulary's regular expressions, one by one


@dataclass(frozen=True)
class RuleSet:
    """The rules of one section, searched with one pattern: for each word limit, the rules
    that allow a line of that length, combined. To test a line, the rules anchored at its start
    ("^...", most of them) are tried there only, and the others searched for: one pattern of
    both kinds would be tried at every position of the line."""

    rules: tuple[Rule, ...]
    limits: tuple[int, ...] = ()
    patterns: tuple[re.Pattern[str], ...] = ()
    at_start: tuple[re.Pattern[str] | None, ...] = ()  # the anchored rules, "^" dropped
    anywhere: tuple[re.Pattern[str] | None, ...] = ()

    @classmethod
    def of(cls, rules: tuple[Rule, ...]) -> RuleSet:
        limits = tuple(sorted({r.max_words for r in rules}))
        patterns, at_start, anywhere = [], [], []
        for limit in limits:
            sources = [p for r in rules if r.max_words >= limit for p in r.patterns]
            patterns.append(re.compile("|".join(f"(?:{p})" for p in sources), re.IGNORECASE))
            at_start.append(_combined([p[1:] for p in sources if _anchored(p)]))
            anywhere.append(_combined([p for p in sources if not _anchored(p)]))
        return cls(rules, limits, tuple(patterns), tuple(at_start), tuple(anywhere))

    def matches(self, paragraph: str, words: int) -> bool:
        at = bisect_left(self.limits, words)  # the rules whose limit is at least `words`
        if at == len(self.limits):
            return False
        start, anywhere = self.at_start[at], self.anywhere[at]
        return bool((start and start.match(paragraph)) or (anywhere and anywhere.search(paragraph)))


def _combined(patterns: list[str]) -> re.Pattern[str] | None:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE) if patterns \
        else None


def _anchored(pattern: str) -> bool:
    """The pattern starts with "^" and has no "|" outside its groups (which would let another
    branch match anywhere)."""
    return pattern.startswith("^") and not any(
        char == "|" and depth == 0 for _, char, depth in vocab.regex_structure(pattern))


@dataclass(frozen=True)
class Vocabulary:
    drop: RuleSet
    tail: RuleSet
    threads: RuleSet  # the tail headers of comment threads (tail.comments)
    caption: RuleSet
    about: RuleSet  # the label of a company's "About" header (closing.about)


def _rules(table: dict[str, object], name: str) -> tuple[Rule, ...]:
    patterns = table.get("patterns", [])
    max_words = int(table.get("max_words", 30))  # type: ignore[call-overload]
    assert isinstance(patterns, list)
    return (Rule(name, max_words, tuple(patterns)),) if patterns else ()


@cache
def vocabulary() -> Vocabulary:
    data = vocab.load("chrome")
    drop = tuple(r for name, t in data.get("drop", {}).items() for r in _rules(t, name))
    tail = tuple(r for name, t in data.get("tail", {}).items() for r in _rules(t, name))
    threads = tuple(r for r in tail if r.name == "comments")
    caption = _rules(data.get("caption", {}), "caption")
    about = _rules(data.get("closing", {}).get("about", {}), "about")
    return Vocabulary(RuleSet.of(drop), RuleSet.of(tail), RuleSet.of(threads),
                      RuleSet.of(caption), RuleSet.of(about))


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
    body = _cut_about(_cut_tail([p.strip() for p in draft.body], draft.link_texts))
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


def _cut_tail(body: list[str], links: frozenset[str] | None) -> list[str]:
    """The body up to the first trailing-list header followed by no more than a list; a header
    followed by more article ("Most read" mid-story, "Read more: ..." lines) loses only its own
    line and the box of links under it."""
    rules = vocabulary()
    dropped: set[int] = set()
    for index in range(1, len(body)):
        core = _core(body[index])
        if index in dropped or not rules.tail.matches(core, _words(core)):
            continue
        box_end = index
        rest = body[index + 1:]
        ends = sum(_words(p) >= PROSE_MIN_WORDS for p in rest) <= TAIL_MAX_PROSE_PARAGRAPHS
        if links is not None and not rules.threads.matches(core, _words(core)):
            box_end = _box_end(body, index, links)
            after = body[box_end + 1:]
            ends = ends and sum(_is_sentence(p) for p in after) < TAIL_MIN_SENTENCES
        if ends:
            return [p for i, p in enumerate(body[:index]) if i not in dropped]
        dropped.update(range(index, box_end + 1))
    return [p for i, p in enumerate(body) if i not in dropped]


def _cut_about(body: list[str]) -> list[str]:
    """The body up to a company's boilerplate: an "About <Name>" header whose next paragraph
    opens with that name ("Acme Corp is a leading ..."), in the closing part of the body."""
    rules = vocabulary().about
    total = sum(_words(p) for p in body)
    rest = total
    for index, line in enumerate(body[:-1]):
        core = _core(line)
        if rest <= ABOUT_MAX_SHARE * total and rules.matches(core, _words(core)):
            label = rules.patterns[-1].match(core)
            name = _NAME_END.sub("", core[label.end():]) if label else ""
            if _is_name(name) and _core(body[index + 1]).lower().startswith(name.lower()):
                return body[:index]
        rest -= _words(line)
    return body


def _is_name(text: str) -> bool:
    """A proper name: a few words, each capitalised save short joining words ("of", "&")."""
    words = text.split()
    return 0 < len(words) <= NAME_MAX_WORDS and words[0][:1].isupper() and all(
        w[:1].isupper() or w[:1].isdigit() or len(w) <= 3 for w in words)


def _box_end(body: list[str], header: int, links: frozenset[str]) -> int:
    """The last linked line of the run under the header in which linked lines come at least
    every BOX_MAX_GAP lines; the header itself when no linked line follows it closely."""
    end = header
    for index in range(header + 1, len(body)):
        if index - end > BOX_MAX_GAP:
            break
        if _is_linked(body[index], links):
            end = index
    return end


def _is_sentence(line: str) -> bool:
    return _words(line) >= SENTENCE_MIN_WORDS and _SENTENCE_END.search(line) is not None


def _is_linked(line: str, links: frozenset[str]) -> bool:
    """The line is a link's text, or mostly ("- Headline", "Headline 3 hours ago", a headline
    printed twice by two links)."""
    core = _core(line)
    if core in links:
        return True
    least = LINKED_LINE_MIN_SHARE * len(core)
    return any(link in core and len(link) * core.count(link) >= least for link in links)


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
