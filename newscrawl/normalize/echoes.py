"""Echoes: lines at the top of a body that repeat what the record holds elsewhere.

Main-text extractors often start the body with the article's header: a kicker ("ANALYSIS"),
the headline, the byline, the date line, a picture caption. The record has each of these in its
own field, so the body starts with the article's text instead. Only the top of the body is
looked at, and only lines that match the page's own values: a headline candidate, a byline
candidate, a date candidate (or a line that is nothing but a date), an image caption, the
section name. A kicker is a short label straight above the headline. The page's summary printed
as the lead (a standfirst) is article text and stays.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from newscrawl.items import ArticleDraft
from newscrawl.normalize.timestamps import date_span

# How far down the body the header may reach; how many date lines may close it.
TOP_PARAGRAPHS = 6
BOTTOM_PARAGRAPHS = 2
_QUOTE_MARKS = "—–-\"“”„«»'"
# A headline printed with small changes ("brace for a sprint" / "brace for an intense sprint").
HEADLINE_MIN_RATIO = 0.8
HEADLINE_MIN_TOKENS = 3  # shorter headlines must match exactly
# A kicker or site name printed on the headline's line: this many words besides it.
KICKER_MAX_WORDS = 5
# Byline and date lines are short; a label or two may stand beside the date ("Updated").
LINE_MAX_TOKENS = 16
DATE_LABEL_MAX_WORDS = 3
CAPTION_MIN_TOKENS = 5  # a caption's start, printed without its credit

# Tokens: words, and each Chinese or Japanese character (those scripts have no spaces).
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKEN = re.compile(f"[{_CJK}]|[^\\W{_CJK}]+")
_WORD = re.compile(r"[^\W\d_]{2,}")
_DASH_END = re.compile(r"[-–—]\s*$")


def _tokens(text: str | None) -> list[str]:
    return _TOKEN.findall(text.casefold()) if text else []


def _contains(tokens: list[str], part: list[str]) -> int:
    """Where `part` runs inside `tokens`, or -1."""
    size = len(part)
    for i in range(len(tokens) - size + 1):
        if tokens[i:i + size] == part:
            return i
    return -1


def _is_sentence(text: str) -> bool:
    """Ends like a sentence: a full stop that is no ellipsis."""
    text = text.rstrip()
    return text.endswith(".") and not text.endswith("..")


@dataclass(frozen=True)
class Echoes:
    headlines: list[list[str]]
    bylines: list[list[str]]
    dates: list[list[str]]
    captions: list[list[str]]
    section: list[str]
    description: list[str]

    @classmethod
    def of(cls, draft: ArticleDraft) -> Echoes:
        def tokenized(values: list[str | None]) -> list[list[str]]:
            return [t for t in (_tokens(v) for v in dict.fromkeys(values)) if t]

        return cls(
            headlines=tokenized([draft.title, *draft.headlines]),
            bylines=tokenized([c.value for c in draft.bylines]),
            dates=tokenized([d.raw for d in draft.dates]),
            captions=tokenized([i.caption for i in draft.images]),
            section=_tokens(draft.section),
            description=_tokens(draft.description),
        )

    def headline(self, text: str) -> bool:
        tokens = _tokens(text)
        if not tokens:
            return False
        for head in self.headlines:
            if tokens == head:
                return True
            if _is_sentence(text) or len(head) < HEADLINE_MIN_TOKENS:
                continue
            if SequenceMatcher(None, head, tokens, autojunk=False).ratio() >= HEADLINE_MIN_RATIO:
                return True
            if len(tokens) - len(head) <= KICKER_MAX_WORDS and _contains(tokens, head) >= 0:
                return True
        return False

    def repeats(self, text: str) -> bool:
        """The line repeats the headline, a byline, a date, a caption or the section."""
        tokens = _tokens(text)
        return bool(tokens) and (
            self.headline(text) or self._byline(tokens) or self._date(text, tokens)
            or self._caption(tokens) or tokens == self.section
        )

    def _byline(self, tokens: list[str]) -> bool:
        """A byline candidate, maybe after a "by" word, maybe with the date beside it."""
        if len(tokens) > LINE_MAX_TOKENS:
            return False
        for byline in self.bylines:
            at = _contains(tokens, byline)
            if at < 0:
                continue
            rest = tokens[:at] + tokens[at + len(byline):]
            if len(rest) <= 1 or self._date_tokens(rest):
                return True
        return False

    def date_line(self, text: str, tokens: list[str]) -> bool:
        return self._date(text, tokens)

    def _date(self, text: str, tokens: list[str]) -> bool:
        """A line of nothing but a date, with a label or two ("Published 5 March 2024")."""
        if len(tokens) > LINE_MAX_TOKENS or _is_sentence(text) or _DASH_END.search(text):
            return False
        if self._date_tokens(tokens):
            return True
        span = date_span(text)
        if span is None:
            return False
        around = text[:span[0]] + " " + text[span[1]:]
        return len(_WORD.findall(around)) <= DATE_LABEL_MAX_WORDS

    def _date_tokens(self, tokens: list[str]) -> bool:
        for date in self.dates:
            if len(date) < 2:  # a bare year says too little
                continue
            at = _contains(tokens, date)
            if at >= 0 and len(tokens) - len(date) <= DATE_LABEL_MAX_WORDS:
                return True
        return False

    def _caption(self, tokens: list[str]) -> bool:
        """A caption, or its start without the credit. Structured data may give a picture
        the page's summary as its caption: a line that is the summary is the lead, not one."""
        if tokens == self.description[:len(tokens)]:
            return False
        return any(tokens == c or (len(tokens) >= CAPTION_MIN_TOKENS and c[:len(tokens)] == tokens)
                   for c in self.captions)


def drop_echoes(draft: ArticleDraft) -> None:
    """Drop the header lines at the top of the body (mutates the draft); never the whole body."""
    echoes = Echoes.of(draft)
    body = draft.body
    cut = index = 0
    while index < min(len(body), TOP_PARAGRAPHS):
        text = body[index]
        if echoes.repeats(text):
            cut = index = index + 1
        elif (index + 1 < len(body) and _is_label(text) and echoes.headline(body[index + 1])):
            cut = index = index + 2  # a kicker and the headline under it
        else:
            break
    if 0 < cut < len(body):
        body = body[cut:]
    draft.body = _without_closing_dates(body, echoes)


def _without_closing_dates(body: list[str], echoes: Echoes) -> list[str]:
    """The body without the date lines that close it ("Published 5 March 2024", "Erstellt am:
    01.11.2023"), at most BOTTOM_PARAGRAPHS of them; never the whole body. A quoted post's
    signature ("— Jane Roe (@jroe) May 5, 2024") and a table's row stay."""
    end = len(body)
    while end > 1 and len(body) - end < BOTTOM_PARAGRAPHS:
        text = body[end - 1]
        tokens = _tokens(text)
        if "@" in text or "|" in text or text.lstrip()[:1] in _QUOTE_MARKS \
                or not echoes.date_line(text, tokens):
            break
        end -= 1
    return body[:end]


def _is_label(text: str) -> bool:
    return 0 < len(_tokens(text)) <= KICKER_MAX_WORDS and not _is_sentence(text)
