"""The parsed page, built once and handed to every layer: tree, meta tags, links, language."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import urljoin, urlsplit

import lxml.etree
import lxml.html
from lxml.html import HtmlElement

from newscrawl.extraction.errors import ExtractionError
from newscrawl.extraction.text import squash

# The page is parsed from its UTF-8 bytes (the text is decoded already; a charset the page
# declares is not read again): lxml parses bytes faster than a str, which it converts.
_PARSER = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, collect_ids=False,
                               default_doctype=False, encoding="utf-8")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
# Characters XML forbids: lxml keeps them in HTML trees, but they break serialising the tree
# later (the generic extractor then returns nothing), so they go before parsing. The control
# characters are taken from the UTF-8 bytes, where each is a byte of its own (bytes.translate
# is some 4x faster than a regex over the text).
_INVALID_XML_BYTES = bytes(b for b in range(32) if b not in b"\t\n\r")
_INVALID_XML_NONCHARS = ("\ufffe", "\uffff")
# Attributes that name a meta tag, in the order sites use them.
_META_KEYS = ("property", "name", "itemprop", "http-equiv")
_KEY_SEPARATORS = re.compile(r"[\s:._-]+")
# Microdata items inside a page with authors and dates of their own: a video player, a
# picture, a comment, a review (a property belongs to the nearest item around it).
OTHER_ITEMS = re.compile(r"(?:Video|Audio|Image|Media)Object|Comment|Review|Clip", re.IGNORECASE)


@dataclass
class Page:
    url: str
    tree: HtmlElement
    meta: dict[str, list[str]] = field(default_factory=dict)  # lowercased key -> contents
    links: dict[str, list[str]] = field(default_factory=dict)  # rel -> hrefs, as written
    # The article region (page_text.page_region), found once for every layer that reads it.
    region_cache: HtmlElement | None = field(default=None, repr=False, compare=False)

    def first_meta(self, *keys: str) -> tuple[str, str] | None:
        """(key, value) of the first key in `keys` with a non-empty value."""
        for key in keys:
            for value in self.meta_values(key):
                if value:
                    return key, value
        return None

    def meta_values(self, key: str) -> list[str]:
        """The contents of the meta tags named `key`, however the page spells the key's
        separators ("article:published_time", "article:published:time", "DC.date")."""
        return self.meta.get(meta_key(key), [])

    def link_urls(self, rel: str) -> list[str]:
        """The absolute hrefs of the page's <link rel> tags of this rel (resolved when asked
        for: a page has dozens of <link> tags, stylesheets and preloads, read by nobody)."""
        return [self.absolute(href) for href in self.links.get(rel, [])]

    def absolute(self, href: str) -> str:
        """`href` resolved against the page; as found when it is no URL ("http://[bad")."""
        try:
            return urljoin(self.url, href.strip())
        except ValueError:
            return href.strip()

    @cached_property
    def host(self) -> str:
        return (urlsplit(self.url).hostname or "").lower()

    @cached_property
    def html_lang(self) -> str | None:
        lang = self.tree.get("lang") or self.tree.get("xml:lang")
        return lang.strip() or None if lang else None


def parse(text: str, url: str) -> Page:
    """One lxml tree for the page plus an index of its meta tags and <link rel> hrefs."""
    text = _XML_DECLARATION.sub("", text, count=1)
    for char in _INVALID_XML_NONCHARS:
        if char in text:
            text = text.replace(char, "")
    data = text.encode("utf-8", "replace").translate(None, _INVALID_XML_BYTES)
    try:
        tree = lxml.html.document_fromstring(data, parser=_PARSER)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise ExtractionError("empty", f"no HTML document could be parsed ({exc})") from exc
    page = Page(url=url, tree=tree)
    page.meta = _meta_index(tree)
    page.links = _link_index(page)
    return page


def meta_key(name: str) -> str:
    """A meta tag's name as the index keeps it: lower case, each run of separators one colon."""
    return _KEY_SEPARATORS.sub(":", name.strip().lower())


def _meta_index(tree: HtmlElement) -> dict[str, list[str]]:
    index: dict[str, list[str]] = defaultdict(list)
    for meta in tree.iter("meta"):
        content = meta.get("content")
        if content is None:
            continue
        for attr in _META_KEYS:
            key = meta.get(attr)
            if key:
                if attr != "itemprop" or _of_the_page(meta):
                    index[meta_key(key)].append(squash(content))
                break
    return dict(index)


def _of_the_page(meta: HtmlElement) -> bool:
    """A microdata <meta itemprop> describes the page unless it sits in an item with dates of
    its own: a video player's upload date, a picture's, a comment's, a review's."""
    for ancestor in meta.iterancestors():
        if ancestor.get("itemscope") is not None:
            return OTHER_ITEMS.search(ancestor.get("itemtype") or "") is None
    return True


def _link_index(page: Page) -> dict[str, list[str]]:
    index: dict[str, list[str]] = defaultdict(list)
    for link in page.tree.iter("link"):
        href = link.get("href")
        for rel in (link.get("rel") or "").lower().split():
            if href:
                index[rel].append(href)
    return dict(index)
