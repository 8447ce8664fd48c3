"""Article HTML carried inside scripts: the last resort for pages that build their text in the
browser (Next.js flight data, hydration state) and print none of it as markup.

`html_in_scripts` is read before the body step strips scripts from the tree; `embedded_body`
parses the strings only when no layer found a body, so ordinary pages pay one substring test
per script.
"""

from __future__ import annotations

import json
import re

import lxml.etree
import lxml.html
from lxml.html import HtmlElement

from newscrawl.extraction.blocks import paragraphs_of
from newscrawl.extraction.text import word_count

# A paragraph tag, raw or JSON-escaped, inside a script.
_PARAGRAPH_MARKERS = ("\\u003cp", "\\u003Cp", "<p>", "<p ", "\\x3cp")
# A JSON string literal (double-quoted, escapes allowed).
_STRING = re.compile(r'"((?:[^"\\]|\\.){200,})"', re.DOTALL)
MAX_SCRIPT_CHARS = 2_000_000
# Picture captions and credits, which the fragment marks only by class.
_CAPTIONS = ".//*[contains(@class, 'caption') or contains(@class, 'credit')]"
# Template placeholders left in the markup ("$$AD$$", "{{ad}}").
_PLACEHOLDER = re.compile(r"^(?:\$\$\w+\$\$|\{\{[^}]*\}\})$")


def html_in_scripts(tree: HtmlElement) -> list[str]:
    """Texts of the scripts that hold paragraph markup."""
    found = []
    for script in tree.iter("script"):
        text = script.text
        if text and len(text) < MAX_SCRIPT_CHARS and any(m in text for m in _PARAGRAPH_MARKERS):
            found.append(text)
    return found


def embedded_body(scripts: list[str]) -> list[str]:
    """Paragraphs of the longest HTML string found in the scripts' string literals."""
    best: list[str] = []
    best_words = 0
    for script in scripts:
        for literal in _STRING.finditer(script):
            paragraphs = _paragraphs(literal.group(1))
            words = word_count(" ".join(paragraphs))
            if words > best_words:
                best, best_words = paragraphs, words
    return best


def _paragraphs(literal: str) -> list[str]:
    if not any(m in literal for m in _PARAGRAPH_MARKERS):
        return []
    try:
        markup = json.loads(f'"{literal}"')
    except ValueError:
        return []
    if "<p" not in markup:
        return []
    try:
        fragment = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return []
    for el in fragment.xpath(_CAPTIONS):
        el.drop_tree()
    return [p for p in paragraphs_of(fragment) if not _PLACEHOLDER.match(p)]
