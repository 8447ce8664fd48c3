"""Walls: pages that answer 200 where an article should be, but show none, or only its teaser.

A login wall, a paywall teaser, a cookie-consent wall, a soft 404 ("Page not found" with status
200) or a bot check ("Checking your browser...") is rejected with its own reason (`login_wall`,
`paywall`, `consent_wall`, `soft_404`, `bot_check`), so the run counts it apart from other pages
that are no article. A paywalled article whose full text is on the page is kept and marked.

The evidence, read only when it can matter (the body is short or missing, or structured data
locks the article):
- structured data: `isAccessibleForFree` false (JSON-LD, microdata) or `article:content_tier`
  "locked"; its `hasPart` `cssSelector` says where the locked text stands, so a page that holds
  it is a paywalled article; a short text that stops with a cut mark ("...") or stands above
  a paywall's wording is a teaser;
- wording, as data by language (vocab/walls.toml): in the headline (<title>, h1), in the
  extracted body, or in the page's visible text;
- layout: boxes that consent managers, paywalls and bot checks draw (class/id fragments), a
  password field in the page's main part.

Precision first: a body of WALL_MAX_WORDS words or more is never rejected, whatever the page
says about cookies, subscriptions or logins; a shorter one only on wording that says the page
itself is the wall, or on a wall's headline together with a second signal.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any, Literal

from lxml import etree
from lxml.cssselect import CSSSelector
from lxml.html import HtmlElement

from newscrawl import vocab
from newscrawl.extraction.blocks import outermost
from newscrawl.extraction.document import Page
from newscrawl.extraction.errors import ExtractionError
from newscrawl.extraction.jsonld import ARTICLE_TYPES, PAGE_TYPES, JsonLd, types_of
from newscrawl.extraction.text import squash
from newscrawl.wordcount import word_count

Wall = Literal["bot_check", "soft_404", "consent_wall", "login_wall", "paywall"]
# When a page shows several, the first is its reason: an interstitial hides everything else.
WALLS: tuple[Wall, ...] = ("bot_check", "soft_404", "consent_wall", "login_wall", "paywall")

# A body this long is an article, whatever else the page shows (a paywall teaser is shorter).
WALL_MAX_WORDS = 200
# A locked part (hasPart cssSelector) with this many words holds the article's full text.
LOCKED_MIN_WORDS = 40
# A consent wall's own text must name at least this many of the consent phrases; with no body,
# the page around them must be small (a consent page, not a page with a cookie banner).
CONSENT_MIN_PHRASES = 2
CONSENT_PAGE_MAX_WORDS = 600
# Headline phrases of up to this many words must be the whole headline part; longer ones may
# have this many more words around them ("Oops! That page can't be found").
HEADLINE_EXACT_WORDS = 2
HEADLINE_EXTRA_WORDS = 2
MAX_H1S = 2  # besides the <title> and the chosen title
PAGE_TEXT_MAX_CHARS = 50_000

# Parts of a headline: "Page not found | Example News", "Error 404: Page not found".
_HEADLINE_PARTS = re.compile(r"\s[-–—·•»/]\s|[|｜:：]|::")
_EDGE = " .!?…¡¿'\"()[]«»“”„"
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})
_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_LOWER = _UPPER.lower()
# Visible text: no scripts, no hidden boxes, and no links, list items or page furniture, where
# teasers of other (subscriber-only) stories and "log in to comment" prompts stand.
_VISIBLE_TEXT = etree.XPath(
    "//body//text()[not(ancestor::script or ancestor::style or ancestor::noscript"
    " or ancestor::template or ancestor::nav or ancestor::footer or ancestor::aside"
    " or ancestor::a or ancestor::li or ancestor::*[@hidden]"
    " or ancestor::*[contains(translate(@style, ' ', ''), 'display:none')])]"
)
_PASSWORD_FIELD = etree.XPath(
    f"boolean(//input[translate(@type, '{_UPPER}', '{_LOWER}') = 'password']"
    "[not(ancestor::nav or ancestor::header or ancestor::footer or ancestor::aside"
    " or ancestor::*[@hidden])])"
)
_NOT_FREE = frozenset({"false", "no", "0"})
_CUT_MARKS = ("...", "…", "[…]", "[...]")
_LOCKED_TIERS = frozenset({"locked"})


@dataclass(frozen=True)
class Wording:
    headline: tuple[str, ...]
    text: re.Pattern[str]


def _norm(text: str) -> str:
    return squash(text).casefold().translate(_APOSTROPHES)


def _phrases(table: dict[str, list[str]]) -> list[str]:
    return list(dict.fromkeys(_norm(p) for words in table.values() for p in words))


@cache
def wording() -> dict[Wall, Wording]:
    data = vocab.load("walls")
    out: dict[Wall, Wording] = {}
    for wall in WALLS:
        pattern = re.compile(vocab.trie_alternation(_phrases(data[wall].get("text", {})),
                                                    bounded=True))
        out[wall] = Wording(tuple(_phrases(data[wall].get("headline", {}))), pattern)
    return out


@cache
def _markup_xpath(wall: Wall) -> etree.XPath:
    fragments = [f.lower() for f in vocab.load("walls")["markup"].get(wall, []) if "'" not in f]
    tests = " or ".join(
        f"contains(translate(@{attr}, '{_UPPER}', '{_LOWER}'), '{f}')"
        for f in fragments for attr in ("class", "id")
    )
    return etree.XPath(f"boolean(//*[{tests}])" if tests else "false()")


def check_walls(page: Page, data: JsonLd, title: str | None, body: list[str] | None) -> bool:
    """Raise ExtractionError when the page is a wall; else whether the article is paywalled.

    `body` is the chosen body, or None when the page had too little text to be an article.
    """
    words = word_count(" ".join(body)) if body is not None else 0
    locked = _locked_selectors(page, data)
    if locked is not None:
        if body is not None and (words >= WALL_MAX_WORDS or _words_in(page, locked)
                                 >= LOCKED_MIN_WORDS):
            return True
    elif body is not None and words >= WALL_MAX_WORDS:
        return False
    seen = _Seen(page, title, body)
    if locked is not None and (body is None or _cut_short(body)
                               or seen.said("paywall", seen.page_text)):
        raise ExtractionError("paywall", "structured data locks the article and the page "
                                         "holds only the start of its text")
    for wall in WALLS:
        why = seen.why(wall)
        if why:
            raise ExtractionError(wall, why)
    # A short locked article that ends like an article: a brief, whole (metered paywalls
    # often serve it in full).
    return locked is not None


def _cut_short(body: list[str]) -> bool:
    """The text stops with a cut mark ("All...", "further discipline...."): a teaser."""
    return body[-1].rstrip().endswith(_CUT_MARKS)


# --- structured data ---------------------------------------------------------------------------


def _is_false(value: Any) -> bool:
    if isinstance(value, bool):
        return not value
    return isinstance(value, str) and value.strip().casefold() in _NOT_FREE


def _locked_selectors(page: Page, data: JsonLd) -> list[str] | None:
    """None when the page does not lock its article; else the CSS selectors of the locked part
    (maybe none)."""
    selectors: list[str] = []
    locked = False
    for obj in data.objects:
        types = types_of(obj)
        if not any(t in ARTICLE_TYPES or t in PAGE_TYPES for t in types):
            continue
        if _is_false(obj.get("isAccessibleForFree")):
            locked = True
            selectors += _part_selectors(data, obj.get("hasPart"))
    tier = page.first_meta("article:content_tier")
    free = page.first_meta("isaccessibleforfree")
    if (tier and tier[1].casefold() in _LOCKED_TIERS) or (free and _is_false(free[1])):
        locked = True
    return selectors if locked else None


def _part_selectors(data: JsonLd, parts: Any) -> list[str]:
    out: list[str] = []
    for part in parts if isinstance(parts, list) else [parts]:
        part = data.resolve(part)
        if not isinstance(part, dict) or not _is_false(part.get("isAccessibleForFree")):
            continue
        css = part.get("cssSelector")
        out += [c for c in (css if isinstance(css, list) else [css]) if isinstance(c, str)]
    return out


def _words_in(page: Page, selectors: Iterable[str]) -> int:
    elements: list[HtmlElement] = []
    for selector in selectors:
        try:
            elements += CSSSelector(selector)(page.tree)
        except Exception:  # a selector cssselect cannot read says nothing about the page
            continue
    unique = list(dict.fromkeys(elements))
    return sum(word_count(squash(el.text_content())) for el in outermost(unique))


# --- wording and layout --------------------------------------------------------------------------


class _Seen:
    """What the page shows, each read once and only when a rule asks for it."""

    def __init__(self, page: Page, title: str | None, body: list[str] | None) -> None:
        self.page = page
        self.title = title
        self.body = body

    @cached_property
    def headlines(self) -> list[str]:
        """The parts of the page's <title>, chosen title and first h1s, normalized."""
        h1s = [h1.text_content() for _, h1 in zip(range(MAX_H1S), self.page.tree.iter("h1"),
                                                   strict=False)]
        parts: list[str] = []
        for value in (self.page.tree.findtext(".//title"), self.title, *h1s):
            parts += [p.strip(_EDGE) for p in _HEADLINE_PARTS.split(_norm(value or ""))]
        return [p for p in dict.fromkeys(parts) if p]

    @cached_property
    def body_text(self) -> str:
        return _norm(" ".join(self.body or []))

    @cached_property
    def page_text(self) -> str:
        return _norm(" ".join(_VISIBLE_TEXT(self.page.tree))[:PAGE_TEXT_MAX_CHARS])

    def headline(self, wall: Wall) -> str | None:
        for phrase in wording()[wall].headline:
            for part in self.headlines:
                if part == phrase or (
                    len(phrase.split()) > HEADLINE_EXACT_WORDS
                    and phrase in part
                    and len(part.split()) - len(phrase.split()) <= HEADLINE_EXTRA_WORDS
                ):
                    return phrase
        return None

    def said(self, wall: Wall, text: str) -> set[str]:
        return set(wording()[wall].text.findall(text))

    def markup(self, wall: Wall) -> bool:
        """The wall's box in the markup; for a login wall, a password field."""
        if wall == "login_wall":
            return bool(_PASSWORD_FIELD(self.page.tree))
        return bool(_markup_xpath(wall)(self.page.tree))

    def why(self, wall: Wall) -> str | None:
        """Why the page is this wall, or None.

        With no article text: the wall's headline, or its wording on the page (a consent
        notice only where it is most of a small page), or for a login wall a password field.
        With a short body: the wall's wording in the body itself (two consent phrases: the
        body is the notice), or its headline or its wording on the page, each together with
        another signal (the wording, or the wall's box in the markup; a cookie banner's box and
        buttons are on many article pages, so they count only beside a consent headline).
        """
        headline = self.headline(wall)
        in_page = self.said(wall, self.page_text)
        if self.body is None:
            if headline:
                return f"no article text, and the headline says {headline!r}"
            if wall == "consent_wall":
                small = word_count(self.page_text) < CONSENT_PAGE_MAX_WORDS
                if len(in_page) >= CONSENT_MIN_PHRASES and small:
                    return f"no article text; the page is a consent notice ({_listed(in_page)})"
            elif in_page and (wall != "paywall" or self.markup(wall)):
                return f"no article text, and the page says {_listed(in_page)}"
            elif wall == "login_wall" and self.markup(wall):
                return "no article text, and the page asks for a password"
            return None
        in_body = self.said(wall, self.body_text)
        if len(in_body) >= (CONSENT_MIN_PHRASES if wall == "consent_wall" else 1):
            return f"the text says {_listed(in_body)}"
        if headline and in_page:
            return f"the headline says {headline!r}, and the page says {_listed(in_page)}"
        # A cookie banner in the markup of an article page says cookies on every page.
        page_counts = in_page and wall != "consent_wall"
        if (headline or page_counts) and self.markup(wall):
            said = f"the headline says {headline!r}" if headline else \
                f"the page says {_listed(in_page)}"
            return f"{said}, and the page has the wall's box"
        return None


def _listed(found: set[str]) -> str:
    return ", ".join(repr(f) for f in sorted(found)[:3])
