"""Structured data layers: the JSON-LD article object and schema.org microdata."""

from __future__ import annotations

from typing import Any

from lxml.html import HtmlElement

from newscrawl.extraction.blocks import paragraphs_of
from newscrawl.extraction.document import OTHER_ITEMS
from newscrawl.extraction.fields import Fields
from newscrawl.extraction.jsonld import JsonLd, types_of
from newscrawl.extraction.text import is_url, squash, unmarkup
from newscrawl.items import Image

_MAX_AUTHORS = 12


def jsonld_fields(data: JsonLd) -> Fields:
    found = Fields("jsonld")
    found.site_names = _publisher_names(data)
    found.non_article = data.declares_non_article()
    article = data.article()
    if article is None:
        return found
    found.is_article = data.is_article(article)
    found.title = _first_text(article, "headline", "name", "alternativeHeadline")
    found.authors = _people(data, article.get("author") or article.get("creator"))
    found.published = _strings(article, "datePublished", "dateCreated", "uploadDate")
    found.modified = _strings(article, "dateModified")
    found.body = _paragraphs(_first_raw(article, "articleBody", "text"))
    found.section = _first_of_list(article.get("articleSection"))
    found.tags = _keywords(article.get("keywords"))
    found.description = _first_text(article, "description")
    found.language = _language(article.get("inLanguage"))
    found.canonical_url = _first_url(article.get("url")) or _first_url(
        data.resolve(article.get("mainEntityOfPage")))
    found.images = _images(data, article.get("image"))
    return found


def _first_raw(obj: dict[str, Any], *keys: str) -> str | None:
    for key in keys:
        value = obj.get(key)
        if isinstance(value, list):
            value = next((v for v in value if isinstance(v, str)), None)
        if isinstance(value, str) and value.strip():
            return value
    return None


def _first_text(obj: dict[str, Any], *keys: str) -> str | None:
    return unmarkup(_first_raw(obj, *keys)) or None


def _strings(obj: dict[str, Any], *keys: str) -> list[str]:
    out: list[str] = []
    for key in keys:
        values = obj.get(key)
        for value in values if isinstance(values, list) else [values]:
            if isinstance(value, (str, int)) and str(value).strip():
                out.append(squash(str(value)))
    return out


def _people(data: JsonLd, value: Any) -> list[str]:
    """Names of authors given as Person/Organization objects, strings, arrays or @id references."""
    names: list[str] = []
    for item in value if isinstance(value, list) else [value]:
        name = _person_name(data.resolve(item))
        if name and name not in names:
            names.append(name)
    return names[:_MAX_AUTHORS]


def _person_name(item: Any) -> str | None:
    if isinstance(item, str):
        name = unmarkup(item)
        return None if not name or is_url(name) else name
    if not isinstance(item, dict):
        return None
    value: Any = item.get("name")
    if isinstance(value, list):
        value = next((n for n in value if isinstance(n, str)), None)
    if not isinstance(value, str) or not value.strip():
        parts = [item.get("givenName"), item.get("familyName")]
        value = " ".join(p for p in parts if isinstance(p, str))
    name = unmarkup(value)
    return None if not name or is_url(name) else name


def _publisher_names(data: JsonLd) -> list[str]:
    names: list[str] = []
    for obj in data.objects:
        types = types_of(obj)
        candidates: list[Any] = []
        if "website" in types or "newsmediaorganization" in types:
            candidates.append(obj.get("name"))
        if "organization" in types and "person" not in types and obj.get("name"):
            candidates.append(obj.get("name"))
        publisher = data.resolve(obj.get("publisher"))
        # A blog's owner may be its publisher: a person, whose byline names a person.
        if isinstance(publisher, dict) and "person" not in types_of(publisher):
            candidates.append(publisher.get("name"))
        for name in candidates:
            if isinstance(name, str) and unmarkup(name) and unmarkup(name) not in names:
                names.append(unmarkup(name))
    return names


def _first_of_list(value: Any) -> str | None:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str) and v.strip()), None)
    return unmarkup(value) or None if isinstance(value, str) else None


def _keywords(value: Any) -> list[str]:
    items = value if isinstance(value, list) else str(value or "").split(",")
    tags = [unmarkup(v) for v in items if isinstance(v, str)]
    return list(dict.fromkeys(t for t in tags if t))


def _language(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("alternateName") or value.get("name")
    if isinstance(value, list):
        value = value[0] if value else None
    return squash(value) or None if isinstance(value, str) else None


def _first_url(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("@id") or value.get("url")
    return value.strip() if isinstance(value, str) and is_url(value) else None


def _images(data: JsonLd, value: Any) -> list[Image]:
    """Image URLs with their captions; an ImageObject's own address is its `url` or
    `contentUrl`, not its `@id` (often "<page>#primaryimage")."""
    images: list[Image] = []
    for item in value if isinstance(value, list) else [value]:
        item = data.resolve(item)
        if isinstance(item, dict):
            url = _first_url(item.get("url")) or _first_url(item.get("contentUrl"))
            url = url or _first_url(item.get("@id"))
        else:
            url = _first_url(item)
        caption = unmarkup(item.get("caption")) if isinstance(item, dict) else ""
        if url:
            images.append(Image(url, caption if isinstance(caption, str) and caption else None))
    return images[:5]


def _paragraphs(text: str | None) -> list[str]:
    """articleBody keeps its line breaks as paragraph breaks when it has any."""
    if not text:
        return []
    if "<p" in text or "<br" in text:
        text = text.replace("</p>", "\n").replace("<br", "\n<br")
    parts = (unmarkup(line) for line in text.replace("\r", "\n").split("\n"))
    return [p for p in parts if p]


# --- microdata -------------------------------------------------------------------------------

_ARTICLE_SCOPE = ("//*[@itemscope][contains(@itemtype, 'Article')"
                  " or contains(@itemtype, 'BlogPosting') or contains(@itemtype, 'Posting')]")


def microdata_fields(tree: HtmlElement) -> Fields:
    found = Fields("microdata")
    scopes = tree.xpath(_ARTICLE_SCOPE)
    scope: HtmlElement = scopes[0] if scopes else tree
    props = _props(scope)
    if not props:
        return found
    found.title = _prop_text(scope, props.get("headline", []))
    found.authors = _prop_authors(scope, props.get("author", []))
    found.published = [v for v in (_prop_text(scope, props.get("datePublished", [])),) if v]
    found.modified = [v for v in (_prop_text(scope, props.get("dateModified", [])),) if v]
    body = props.get("articleBody")
    if body:
        found.body = paragraphs_of(body[0])
    return found


def _props(scope: HtmlElement) -> dict[str, list[HtmlElement]]:
    """The elements under `scope` by their itemprop, in page order: one walk of the tree.
    Creators are authors (in one list, as the page orders them)."""
    props: dict[str, list[HtmlElement]] = {}
    for el in scope.xpath(".//*[@itemprop]"):
        prop = el.get("itemprop")
        props.setdefault("author" if prop == "creator" else prop, []).append(el)
    return props


def _prop_value(el: HtmlElement) -> str:
    for attr in ("content", "datetime"):
        if el.get(attr):
            return squash(el.get(attr))
    return squash(el.text_content())


def _own(scope: HtmlElement, elements: list[HtmlElement]) -> list[HtmlElement]:
    """The elements whose properties belong to `scope` itself, as microdata assigns them: to
    the nearest item around them. Not those of an article nested in it (a list of related
    posts marked up as BlogPostings). With no article on the page (`scope` is the page),
    every item's save a video's, picture's, comment's or review's."""
    return [el for el in elements if _belongs(_item_of(el, scope), scope)]


def _item_of(el: HtmlElement, scope: HtmlElement) -> HtmlElement | None:
    """The nearest item around `el` (its own itemscope aside), up to `scope`."""
    for ancestor in el.iterancestors():
        if ancestor is scope or ancestor.get("itemscope") is not None:
            return ancestor
    return None


def _belongs(item: HtmlElement | None, scope: HtmlElement) -> bool:
    if item is None or item is scope:
        return True
    if scope.get("itemscope") is not None:
        return False
    return OTHER_ITEMS.search(item.get("itemtype") or "") is None


def _prop_text(scope: HtmlElement, elements: list[HtmlElement]) -> str | None:
    for el in _own(scope, elements):
        value = _prop_value(el)
        if value:
            return value
    return None


def _prop_authors(scope: HtmlElement, found: list[HtmlElement]) -> list[str]:
    names: list[str] = []
    for el in _own(scope, found)[:_MAX_AUTHORS]:
        inner = el.xpath(".//*[@itemprop='name']")
        value = _prop_value(inner[0]) if inner else _prop_value(el)
        if value and not is_url(value) and len(value) < 120 and value not in names:
            names.append(value)
    return names
