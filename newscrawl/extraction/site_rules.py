"""The site layer: a profile's chrome selectors removed, then its field selectors read.

Selectors are CSS; "sel@attr" reads an attribute. For each field the first selector that yields
a value wins.
"""

from __future__ import annotations

import logging
from functools import lru_cache

from cssselect import SelectorError
from lxml.cssselect import CSSSelector
from lxml.html import HtmlElement

from newscrawl.extraction.blocks import outermost, paragraphs_of
from newscrawl.extraction.fields import Fields
from newscrawl.extraction.text import squash
from newscrawl.sites.profile import SiteProfile

logger = logging.getLogger(__name__)


@lru_cache(maxsize=512)
def _compile(css: str) -> CSSSelector | None:
    try:
        return CSSSelector(css)
    except SelectorError:
        logger.warning("invalid CSS selector in a site profile: %r", css)
        return None


def select(tree: HtmlElement, css: str) -> list[HtmlElement]:
    selector = _compile(css.strip())
    return list(selector(tree)) if selector is not None else []


def remove_chrome(tree: HtmlElement, profile: SiteProfile) -> None:
    """Drop the profile's chrome elements (share bars, related boxes, ...) from the tree."""
    for css in profile.chrome.selectors:
        for el in select(tree, css):
            if el.getparent() is not None:
                el.drop_tree()


def site_fields(tree: HtmlElement, profile: SiteProfile) -> Fields:
    rules = profile.selectors
    found = Fields("site")
    found.title = next(iter(_values(tree, rules.title)), None)
    found.authors = _values(tree, rules.byline)
    found.published = _values(tree, rules.date)[:1]
    found.modified = _values(tree, rules.modified)[:1]
    found.body = _body(tree, rules.body)
    found.section = next(iter(_values(tree, rules.section)), None)
    found.tags = _values(tree, rules.tags)
    return found


def _values(tree: HtmlElement, selectors: tuple[str, ...]) -> list[str]:
    """Values of every element the first yielding selector matches."""
    for spec in selectors:
        css, _, attr = spec.partition("@")
        elements = select(tree, css)
        values = [_read(el, attr) for el in elements]
        values = list(dict.fromkeys(v for v in values if v))
        if values:
            return values
    return []


def _read(el: HtmlElement, attr: str) -> str:
    if attr:
        return squash(el.get(attr))
    return squash(el.text_content())


def _body(tree: HtmlElement, selectors: tuple[str, ...]) -> list[str]:
    for css in selectors:
        elements = outermost(select(tree, css))
        paragraphs = [p for el in elements for p in paragraphs_of(el)]
        if paragraphs:
            return paragraphs
    return []

