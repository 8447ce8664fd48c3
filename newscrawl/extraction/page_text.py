"""The text layer: bylines, dates and the headline as printed in the visible page.

Heuristics are named, ordered lists of class/id patterns; one pass over the article region
sorts its elements into them, and the first list that yields wins.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml.html import HtmlElement

from newscrawl import vocab
from newscrawl.extraction.blocks import outermost
from newscrawl.extraction.dates import header_date, labeled_date
from newscrawl.extraction.document import Page
from newscrawl.extraction.fields import Fields
from newscrawl.extraction.text import squash
from newscrawl.normalize.bylines import parse_byline

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
# Containers that are not the article: their bylines and dates belong to other stories.
NOT_ARTICLE = re.compile(r"comment|related|sidebar|teaser|recommend|footer|widget|promo")
NOT_ARTICLE_TAGS = frozenset({"nav", "footer", "aside"})
PAGE_TAGS = frozenset({"body", "html"})
# Boxes around a picture: an "author" inside names its photographer or licensor.
PICTURE_TAGS = frozenset({"figure", "figcaption", "picture"})
PICTURE_BOX = re.compile(r"(?:^|[\s_-])(?:licen[cs]e|caption|img|image|photo|figure)(?:$|[\s_-])",
                         re.IGNORECASE)
REGION_XPATHS = ("//article[.//h1]", "//main", "//*[@role='main']", "//article")
_MODIFIED_HINT = re.compile(r"updat|modif|aktualisiert|actualis|revis", re.IGNORECASE)
_HAS_DIGIT = re.compile(r"\d")
_SPACE_BEFORE_PUNCT = re.compile(r"\s+(?=[,;.:!?)])")
MAX_BYLINE_CHARS = 160
MAX_DATE_CHARS = 80
MAX_BYLINES = 4
# A bold line of nothing but names among the article's first paragraphs is its byline
# ("<p><strong>Jane Doe/John Roe</strong></p>" above the text, as many papers print it).
BOLD_TAGS = frozenset({"strong", "b"})
BOLD_BYLINE_POSITIONS = 6
MAX_BOLD_BYLINE_CHARS = 80
PROSE_WORDS = 25
_NAME_JOINERS = re.compile(
    rf"[,&;]|\b(?:{vocab.alternation(vocab.words('conjunctions', 'and'))})\b", re.IGNORECASE
)


def text_fields(page: Page) -> Fields:
    found = Fields("text")
    region = article_region(page.tree)
    found.title = headline(page.tree, region)
    bylines, dates = _classified(region)
    found.authors = _bylines(bylines) or _bold_byline(region)
    published, modified = _times(region)
    found.published = (published or labeled_date(region) or _date_texts(dates)
                       or header_date(page, region))
    found.modified = modified
    return found


def article_region(tree: HtmlElement) -> HtmlElement:
    """The element that most likely holds the article and its header."""
    for xpath in REGION_XPATHS:
        hits = tree.xpath(xpath)
        if hits:
            return hits[0]
    return tree


def headline(tree: HtmlElement, region: HtmlElement) -> str | None:
    for scope in (region, tree):
        for h1 in scope.iter("h1"):
            text = squash(" ".join(h1.itertext()))
            if text and len(text) < 400:
                return text
    return None


def _class_key(el: HtmlElement) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''} {el.get('rel') or ''}".lower()


Groups = dict[str, list[HtmlElement]]


def _classified(region: HtmlElement) -> tuple[Groups, Groups]:
    """One pass over the region: elements by the byline and date pattern they match first."""
    bylines: Groups = {name: [] for name, _ in BYLINE_CLASSES}
    bylines["author_link"] = []  # tried last: links give no class to tell bylines by
    dates: Groups = {name: [] for name, _ in DATE_CLASSES}
    for el in region.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag == "a" and AUTHOR_HREF.search(el.get("href") or ""):
            bylines["author_link"].append(el)
        key = _class_key(el)
        if len(key) < 4:
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
    return bylines, dates


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


def _in_picture(el: HtmlElement) -> bool:
    """Inside a figure, its caption or its credit box: the name is the picture's author."""
    return any(node.tag in PICTURE_TAGS or PICTURE_BOX.search(node.get("class") or "")
               for node in _boxes(el))


def _bylines(groups: Groups) -> list[str]:
    for elements in groups.values():
        values: list[str] = []
        for el in outermost(elements):
            # Text nodes apart: "Von <a>Jane Doe</a><span>Korrespondentin</span>".
            text = _SPACE_BEFORE_PUNCT.sub("", squash(" ".join(el.itertext())))
            if (2 < len(text) <= MAX_BYLINE_CHARS and text not in values and _in_article(el)
                    and not _in_picture(el)):
                values.append(text)
        if values:
            return values[:MAX_BYLINES]
    return []


def _bold_byline(region: HtmlElement) -> list[str]:
    """The names of the first bold names-only line; a slash there separates co-authors."""
    paragraphs = (p for p in region.iter("p") if squash(p.text_content()))
    for _, p in zip(range(BOLD_BYLINE_POSITIONS), paragraphs, strict=False):
        if len(p.text_content().split()) >= PROSE_WORDS:
            break  # the text has begun: a bold line further down is a subheading
        children = list(p)
        if len(children) != 1 or children[0].tag not in BOLD_TAGS:
            continue
        if squash(p.text) or squash(children[0].tail):
            continue
        text = squash(p.text_content())
        names = [n.strip() for n in text.split("/")]
        if len(text) <= MAX_BOLD_BYLINE_CHARS and all(_only_names(n) for n in names):
            return names
    return []


def _only_names(text: str) -> bool:
    """Every word of the line belongs to a name the byline parser accepts."""
    authors = parse_byline(text).authors
    if not authors:
        return False
    named = {w.casefold() for a in authors for w in a.name.split()}
    words = _NAME_JOINERS.sub(" ", text).split()
    return all(w.casefold() in named for w in words)


def _times(region: HtmlElement) -> tuple[list[str], list[str]]:
    published: list[str] = []
    modified: list[str] = []
    for el in region.iter("time"):
        value = squash(el.get("datetime"))
        if not value or not _in_article(el):
            continue
        parent = el.getparent()
        around = _class_key(parent) if parent is not None else ""
        hint = f"{el.get('class') or ''} {el.get('itemprop') or ''} {around}"
        target = modified if _MODIFIED_HINT.search(hint) else published
        if value not in target:
            target.append(value)
    return published[:1], modified[:1]


def _date_texts(groups: Groups) -> list[str]:
    for elements in groups.values():
        for el in elements:
            text = squash(el.text_content())
            if 6 <= len(text) <= MAX_DATE_CHARS and _HAS_DIGIT.search(text) and _in_article(el):
                return [text]
    return []
