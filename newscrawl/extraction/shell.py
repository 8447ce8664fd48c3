"""Script-built pages ("shells"): HTML that holds no article because the page's scripts build it
in the browser. Told apart from pages that are simply no article, so that a crawl renders that
one page (`render = "auto"`) and an offline run says why it found nothing.

A shell shows next to no text of its own (under SHELL_MAX_TEXT_WORDS words outside links) and
has at least one of:
- an empty app root: the element a script framework draws into (`<div id="root"></div>`,
  `<app-root></app-root>`; ids and tags in vocab/walls.toml), with a script on the page;
- a `<noscript>` notice that asks for JavaScript;
- article-length prose only in its scripts' string literals (hydration state, inline data) that
  the static reader could not use;
- nearly no text at all beside a script of its own code (a bundle, or a long inline script).

`script_shell` mutates the tree it reads (scripts go): give it a tree of its own. It is meant for
pages that gave no article, so it costs nothing on the pages that did.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache

import lxml.etree
from lxml.html import HtmlElement

from newscrawl import vocab
from newscrawl.extraction.body import MIN_WORDS
from newscrawl.extraction.document import Page
from newscrawl.extraction.text import squash, unmarkup
from newscrawl.wordcount import word_count

# A page that shows this many words outside links shows text of its own: no shell.
SHELL_MAX_TEXT_WORDS = 2 * MIN_WORDS
# An app root with more words than this ("Loading...") has been drawn on the server.
ROOT_MAX_WORDS = 3
# "Nearly no text": fewer words than this in the whole body, links included.
NEARLY_EMPTY_WORDS = MIN_WORDS // 2
# Inline code this long is a script of the page's own (an analytics snippet is shorter).
OWN_SCRIPT_MIN_CHARS = 1_000
# Prose in scripts: string literals of at least this many characters, mostly letters and
# spaces, adding up to an article's minimum of words.
PROSE_MIN_CHARS = 80
PROSE_LETTER_SHARE = 0.85
PROSE_MIN_WORDS_PER_LITERAL = 10
MAX_SCRIPT_CHARS = 2_000_000
# A string literal in double or single quotes, escapes allowed, of at least PROSE_MIN_CHARS.
_LITERAL = re.compile(
    rf'"((?:[^"\\\n]|\\.){{{PROSE_MIN_CHARS},}})"|\'((?:[^\'\\\n]|\\.){{{PROSE_MIN_CHARS},}})\''
)
# Scripts that hold data the structured layers read already, or no code at all.
_DATA_TYPES = ("application/ld+json",)
_INERT = ("script", "style", "template", "noscript", "svg", "{http://www.w3.org/2000/svg}svg")


@dataclass(frozen=True)
class _Scripts:
    own_code: bool  # an external script, or inline code of OWN_SCRIPT_MIN_CHARS or more
    any_code: bool
    prose_words: int


@cache
def _vocabulary() -> tuple[re.Pattern[str], frozenset[str]]:
    table = vocab.load("walls")["script_shell"]
    noscript = re.compile("|".join(re.escape(w) for w in table["noscript"]), re.IGNORECASE)
    return noscript, frozenset(table["app_roots"])


def script_shell(page: Page) -> str | None:
    """Why the page looks built by its scripts (a short phrase), or None."""
    tree = page.tree
    scripts = _scripts(tree)
    noscript_asks = _noscript_asks(tree)
    lxml.etree.strip_elements(tree, *_INERT, with_tail=False)
    roots = _empty_roots(tree)
    words, outside_links = _visible_words(tree)
    if outside_links >= SHELL_MAX_TEXT_WORDS or not scripts.any_code:
        return None
    if roots:
        return f"an empty app root ({roots[0]}) and scripts to draw it"
    if noscript_asks:
        return "a <noscript> notice asks for JavaScript"
    if scripts.prose_words >= MIN_WORDS and scripts.prose_words > outside_links:
        return f"{scripts.prose_words} words of text only inside scripts"
    if words < NEARLY_EMPTY_WORDS and scripts.own_code:
        return f"{words} words of text and scripts of its own"
    return None


def _scripts(tree: HtmlElement) -> _Scripts:
    own = anything = False
    prose = 0
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() in _DATA_TYPES:
            continue
        code = script.text or ""
        if script.get("src"):
            own = anything = True
        elif code.strip():
            anything = True
            own = own or len(code) >= OWN_SCRIPT_MIN_CHARS
        if len(code) < MAX_SCRIPT_CHARS:
            prose += _prose_words(code)
    return _Scripts(own_code=own, any_code=anything, prose_words=prose)


def _prose_words(code: str) -> int:
    """Words in the string literals of `code` that read as sentences, not code or data."""
    total = 0
    for match in _LITERAL.finditer(code):
        literal = match.group(1) if match.group(1) is not None else match.group(2)
        try:
            text = unmarkup(json.loads(f'"{literal}"'))
        except ValueError:
            continue
        words = word_count(text)
        letters = sum(c.isalpha() or c.isspace() for c in text)
        if words >= PROSE_MIN_WORDS_PER_LITERAL and letters >= PROSE_LETTER_SHARE * len(text):
            total += words
    return total


def _noscript_asks(tree: HtmlElement) -> bool:
    pattern, _ = _vocabulary()
    return any(pattern.search(n.text_content() or "") for n in tree.iter("noscript"))


def _empty_roots(tree: HtmlElement) -> list[str]:
    """The app roots that hold no text (scripts already gone), as `#id` or `<tag>`."""
    _, names = _vocabulary()
    found = []
    body = tree.find("body")
    for el in body.iter() if body is not None else ():
        if not isinstance(el.tag, str):
            continue
        key = f"#{el.get('id')}" if el.get("id") in names else None
        if key is None and "-" in el.tag and el.tag in names:
            key = f"<{el.tag}>"
        if key and word_count(squash(el.text_content())) <= ROOT_MAX_WORDS:
            found.append(key)
    return found


def _visible_words(tree: HtmlElement) -> tuple[int, int]:
    """Words in the body (scripts and styles gone), and those outside links. Text runs are
    counted apart, since markup that runs them together ("Menu<a>Home</a>") separates them."""
    body = tree.find("body")
    if body is None:
        return 0, 0
    words = word_count(" ".join(body.itertext()))
    outside = word_count(" ".join(body.xpath(".//text()[not(ancestor::a)]")))
    return words, outside
