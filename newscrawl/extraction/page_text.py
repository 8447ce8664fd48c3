"""The text layer: bylines, dates and the headline as printed in the visible page.

Heuristics are named, ordered lists of class/id patterns; one pass over the article region
sorts its elements into them, and the first list that yields wins.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from lxml import etree
from lxml.html import HtmlElement

from newscrawl.extraction.blocks import outermost
from newscrawl.extraction.dates import find_header_date, headline_element, labeled_date
from newscrawl.extraction.document import Page
from newscrawl.extraction.fields import Fields
from newscrawl.extraction.printed_bylines import (
    bold_lines,
    is_label,
    labelled_bylines,
    names_account,
    starts_with_by,
    text_of,
)
from newscrawl.extraction.text import squash

# class/id patterns of byline elements, best first.
BYLINE_CLASSES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("byline", re.compile(r"by-?_?line")),
    ("author_name", re.compile(r"author-?_?name|article-?author|post-?author|entry-?author")),
    ("author", re.compile(r"author|autor|auteur|writer|reporter|journalist")),
)
# Links to an author's page ("/autoren/name/jane-doe", "/author/jdoe/"): a byline when the page
# marks its byline with no class of its own.
AUTHOR_HREF = re.compile(
    r"/(?:authors?|autor(?:en|in)?|auteurs?|autori?|journalists?|journalisten|reporters?)/",
    re.IGNORECASE)
# Author-ish classes that hold pictures, biographies, dates or picture credits, not the byline.
BYLINE_EXCLUDED = re.compile(
    r"bio|avatar|image|img|photo|thumb|icon|date|social|follow|credit|licen[cs]e|copyright")
# class/id patterns of elements holding a printed date, best first.
DATE_CLASSES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("published", re.compile(r"publish|pubdate|post-?date|entry-?date|article-?date|story-?date")),
    ("date", re.compile(r"dateline|date|timestamp|datum|fecha")),
)
# Any of the class patterns above: most elements match none, and are done with one search.
_ANY_CLASS = re.compile("|".join(p.pattern for _, p in BYLINE_CLASSES + DATE_CLASSES))
# Containers that are not the article: their bylines and dates belong to other stories.
NOT_ARTICLE = re.compile(r"comment|related|sidebar|teaser|recommend|footer|widget|promo")
NOT_ARTICLE_TAGS = frozenset({"nav", "footer", "aside"})
PAGE_TAGS = frozenset({"body", "html"})
# Boxes around a picture: an "author" inside names its photographer or licensor.
PICTURE_TAGS = frozenset({"figure", "figcaption", "picture"})
PICTURE_BOX = re.compile(r"(?:^|[\s_-])(?:licen[cs]e|caption|img|image|photo|figure)(?:$|[\s_-])",
                         re.IGNORECASE)
# A card of another story: a box this close around a byline whose heading links elsewhere.
TEASER_DEPTH = 3
TEASER_MAX_CHARS = 500
TEASER_HEADINGS = ("h2", "h3", "h4", "h5", "h6")
# Boxes of the site's header, where a date is today's: by tag, role or class.
CONTENT_TAGS = frozenset({"article", "main"})
MASTHEAD = re.compile(r"masthead|site-?header|page-?header|top-?bar|header-?top|navbar|banner")
# A kicker before the headline in the h1: a few words, and the marks that end one.
KICKER_MAX_WORDS = 6
KICKER_MARKS = frozenset(":|/–—-")
REGION_XPATHS = tuple(etree.XPath(x) for x in (
    "//article[.//h1]", "//main", "//*[@role='main']", "//article"))
_MODIFIED_HINT = re.compile(r"updat|modif|aktualisiert|actualis|revis", re.IGNORECASE)
_HAS_DIGIT = re.compile(r"\d")
MAX_BYLINE_CHARS = 160
MAX_DATE_CHARS = 80
MAX_BYLINES = 4


def text_fields(page: Page) -> Fields:
    found = Fields("text")
    region = page_region(page)
    found.title = headline(page.tree, region)
    bylines, dates, labels = _classified(region)
    host = page.host
    found.authors = (_bylines(bylines, CLASSED_GROUPS, host) or labelled_bylines(labels, host)
                     or _bylines(bylines, ("author_link",), host))
    h1 = headline_element(page, region)
    header = find_header_date(h1)
    if not found.authors:  # the name beside the date under the headline, if one stands there
        line = [header.line] if header and header.line else []
        found.authors = [text for text in line if starts_with_by(text)]
        found.unlabelled = bold_lines(region) + [t for t in line if not starts_with_by(t)]
    masthead = _masthead_test(h1)
    published, modified = _times(region, masthead)
    found.published = (published or labeled_date(region) or _date_texts(dates, masthead)
                       or ([header.date] if header else []))
    found.modified = modified
    return found


def article_region(tree: HtmlElement) -> HtmlElement:
    """The element that most likely holds the article and its header."""
    for xpath in REGION_XPATHS:
        hits = xpath(tree)
        if hits:
            return hits[0]
    return tree


def page_region(page: Page) -> HtmlElement:
    """The page's article region, found once; found again when the tree has lost it since
    (a step removed the element that held it)."""
    region = page.region_cache
    if region is None or region.getroottree().getroot() is not page.tree:
        region = page.region_cache = article_region(page.tree)
    return region


def headline(tree: HtmlElement, region: HtmlElement) -> str | None:
    for scope in (region, tree):
        for h1 in scope.iter("h1"):
            text = heading_text(h1)
            if text and len(text) < 400:
                return text
    return None


def heading_text(h1: HtmlElement) -> str:
    """The heading as read: a kicker in an element of its own before the headline
    ("<span>Verkehr</span> Brücke wieder offen") keeps the separator the page prints beside it,
    hidden or not ("Verkehr: ..."), or gets a colon."""
    plain = squash(" ".join(h1.itertext()))
    children = [c for c in h1 if isinstance(c.tag, str)]
    if squash(h1.text) or not children:
        return plain
    kicker = squash(children[0].text_content())
    rest = squash(" ".join([children[0].tail or ""] + [_all_text(c) for c in children[1:]]))
    if not kicker or len(kicker.split()) > KICKER_MAX_WORDS or len(rest.split()) < 2:
        return plain
    if kicker[-1] in KICKER_MARKS:
        return f"{kicker} {rest}"
    if rest[0] in KICKER_MARKS:
        return f"{kicker}{rest}" if rest[0] == ":" else f"{kicker} {rest}"
    return f"{kicker}: {rest}"


def _all_text(el: HtmlElement) -> str:
    return " ".join([*el.itertext(), el.tail or ""])


def _class_key(el: HtmlElement) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''} {el.get('rel') or ''}".lower()


Groups = dict[str, list[HtmlElement]]
# The byline groups by class, best first; then labels ("Autor:"), then links to author pages.
CLASSED_GROUPS = tuple(name for name, _ in BYLINE_CLASSES)


def _classified(region: HtmlElement) -> tuple[Groups, Groups, list[HtmlElement]]:
    """One pass over the region: elements by the byline and date pattern they match first,
    and the elements whose own text is a byline label, in the article."""
    bylines: Groups = {name: [] for name, _ in BYLINE_CLASSES}
    bylines["author_link"] = []  # tried last: links give no class to tell bylines by
    dates: Groups = {name: [] for name, _ in DATE_CLASSES}
    labels: list[HtmlElement] = []
    for el in region.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag == "a" and AUTHOR_HREF.search(el.get("href") or ""):
            bylines["author_link"].append(el)
        if is_label(el) and _in_article(el) and not _in_picture(el) and not _in_teaser(el):
            labels.append(el)
        key = _class_key(el)
        if len(key) < 4 or not _ANY_CLASS.search(key):
            continue
        if el.tag == "a" and "author" in (el.get("rel") or "").lower().split():
            bylines["author_name"].append(el)
        for name, pattern in BYLINE_CLASSES:
            if pattern.search(key) and (name == "byline" or not BYLINE_EXCLUDED.search(key)):
                bylines[name].append(el)
                break
        for name, pattern in DATE_CLASSES:
            if pattern.search(key):
                dates[name].append(el)
                break
    return bylines, dates, labels


def _boxes(el: HtmlElement) -> Iterator[HtmlElement]:
    """The element's ancestors below <body>: <body> and <html> classes describe the page
    ("has-sidebar"), not a box the element sits in."""
    for node in el.iterancestors():
        if node.tag in PAGE_TAGS:
            return
        yield node


def _in_article(el: HtmlElement) -> bool:
    return not any(node.tag in NOT_ARTICLE_TAGS or NOT_ARTICLE.search(_class_key(node))
                   for node in _boxes(el))


def _in_teaser(el: HtmlElement) -> bool:
    """Inside a card that presents another story: a link to another page around the element,
    or a small box around it (a headline and a few lines) whose heading links elsewhere. The
    first box with a heading decides: the article's own header holds its headline."""
    for depth, node in enumerate(_boxes(el)):
        if depth >= TEASER_DEPTH or next(node.iter("h1"), None) is not None:
            return False
        if node.tag == "a" and _links_elsewhere(node):
            return True
        headings = [h for tag in TEASER_HEADINGS for h in node.iter(tag)]
        if headings:
            linked = any(_links_elsewhere(a) for h in headings for a in h.iter("a"))
            return linked and len(node.text_content()) <= TEASER_MAX_CHARS
    return False


def _links_elsewhere(a: HtmlElement) -> bool:
    href = (a.get("href") or "").strip()
    return bool(href) and not href.startswith("#") and not AUTHOR_HREF.search(href)


def _in_picture(el: HtmlElement) -> bool:
    """Inside a figure, its caption or its credit box: the name is the picture's author."""
    return any(node.tag in PICTURE_TAGS or PICTURE_BOX.search(node.get("class") or "")
               for node in _boxes(el))


def _bylines(groups: Groups, names: tuple[str, ...], host: str) -> list[str]:
    for name in names:
        values: list[str] = []
        for el in outermost(groups[name]):
            # Text nodes apart: "Von <a>Jane Doe</a><span>Korrespondentin</span>".
            text = text_of(el)
            if (2 < len(text) <= MAX_BYLINE_CHARS and text not in values and _in_article(el)
                    and not _in_picture(el) and not _in_teaser(el)
                    and not names_account(el, text, host)):
                values.append(text)
        if values:
            return values[:MAX_BYLINES]
    return []


def _masthead_test(headline: HtmlElement | None) -> Callable[[HtmlElement], bool]:
    """Whether an element sits in the site's masthead (a page header, banner or top bar
    that does not hold the article's headline), where sites print today's date."""

    def in_masthead(el: HtmlElement) -> bool:
        boxes = list(_boxes(el))
        for index, node in enumerate(boxes):
            if node.tag in CONTENT_TAGS:
                return False  # an article's or the main column's own header
            if node.tag == "header" or node.get("role") == "banner" or MASTHEAD.search(
                _class_key(node)
            ):
                outer = boxes[index + 1:]
                if any(box.tag in CONTENT_TAGS for box in outer):
                    return False
                return headline is None or not any(h is headline for h in node.iter("h1"))
        return False

    return in_masthead


def _times(
    region: HtmlElement, in_masthead: Callable[[HtmlElement], bool]
) -> tuple[list[str], list[str]]:
    published: list[str] = []
    modified: list[str] = []
    for el in region.iter("time"):
        value = squash(el.get("datetime"))
        if not value or not _in_article(el) or in_masthead(el):
            continue
        parent = el.getparent()
        around = _class_key(parent) if parent is not None else ""
        hint = f"{el.get('class') or ''} {el.get('itemprop') or ''} {around}"
        target = modified if _MODIFIED_HINT.search(hint) else published
        if value not in target:
            target.append(value)
    return published[:1], modified[:1]


def _date_texts(groups: Groups, in_masthead: Callable[[HtmlElement], bool]) -> list[str]:
    for elements in groups.values():
        for el in elements:
            text = squash(el.text_content())
            if (6 <= len(text) <= MAX_DATE_CHARS and _HAS_DIGIT.search(text) and _in_article(el)
                    and not in_masthead(el)):
                return [text]
    return []
