"""JSON-LD: a tolerant parse of every ld+json script, flattened, with an @id index.

Real pages ship broken JSON-LD (trailing commas, raw newlines in strings, HTML comments or CDATA
around the object, several objects in one script), so each repair is tried in turn.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from lxml.html import HtmlElement

_SCRIPTS = ("//script[contains(translate(@type, 'JSONLD', 'jsonld'), 'ld+json')]")
_WRAPPERS = re.compile(r"<!--|-->|//\s*<!\[CDATA\[|//\s*\]\]>|<!\[CDATA\[|\]\]>")
_TRAILING_COMMA = re.compile(r",\s*([}\]])")
_DECODER = json.JSONDecoder(strict=False)

# Schema.org types whose object describes the article itself, most specific first.
ARTICLE_TYPES = (
    "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
    "backgroundnewsarticle", "reviewnewsarticle", "askpublicnewsarticle", "livebloggposting",
    "liveblogposting", "article", "blogposting", "socialmediaposting", "report", "techarticle",
    "scholarlyarticle", "satiricalarticle", "advertisercontentarticle", "medicalscholarlyarticle",
    "discussionforumposting", "posting",
)
PAGE_TYPES = ("webpage", "itempage", "collectionpage", "aboutpage", "videoobject")
# Media objects describe the page only as its main entity (a video page); embedded in an
# article page, their names and upload dates are the video's or the picture's own.
MEDIA_TYPES = ("videoobject", "audioobject", "imageobject", "mediaobject")
_PAGE_RANKED = tuple(t for t in PAGE_TYPES if t not in MEDIA_TYPES)
# Page types that say the page is not an article (when no article object is on it).
NON_ARTICLE_PAGE_TYPES = ("aboutpage", "contactpage", "searchresultspage",
                          "profilepage", "checkoutpage", "faqpage", "realestatelisting")


@dataclass
class JsonLd:
    objects: list[dict[str, Any]] = field(default_factory=list)  # every dict, flattened
    by_id: dict[str, dict[str, Any]] = field(default_factory=dict)

    def resolve(self, value: Any) -> Any:
        """A bare {"@id": ...} reference replaced by the object it names, if the page has it."""
        if isinstance(value, dict) and set(value) <= {"@id", "@type"} and "@id" in value:
            return self.by_id.get(str(value["@id"]), value)
        return value

    def _main_entities(self) -> set[int]:
        return _main_entity_ids(self)

    def is_article(self, obj: dict[str, Any]) -> bool:
        return _type_rank(obj) == 0

    def declares_non_article(self) -> bool:
        """The page calls itself an about, contact, search or collection page, and no article."""
        types = {t for obj in self.objects for t in types_of(obj)}
        return not types & set(ARTICLE_TYPES) and bool(types & set(NON_ARTICLE_PAGE_TYPES))

    def article(self) -> dict[str, Any] | None:
        """The object that describes the article: the best article type, else a web page or
        the media object that is a page's main entity."""
        best: tuple[int, int, int] | None = None
        chosen = None
        main = self._main_entities()
        for order, obj in enumerate(self.objects):
            rank = _type_rank(obj)
            if rank is None and any(t in MEDIA_TYPES for t in types_of(obj)) and id(obj) in main:
                rank = 1
            if rank is None:
                continue
            key = (rank, -_richness(obj), order)
            if best is None or key < best:
                best, chosen = key, obj
        return chosen


def _main_entity_ids(data: JsonLd) -> set[int]:
    """The objects (by identity) that some object names as its mainEntity."""
    found: set[int] = set()
    for obj in data.objects:
        entity = data.resolve(obj.get("mainEntity"))
        for item in entity if isinstance(entity, list) else [entity]:
            if isinstance(item, dict):
                found.add(id(data.resolve(item)))
    return found


def parse_jsonld(tree: HtmlElement) -> JsonLd:
    data = JsonLd()
    for script in tree.xpath(_SCRIPTS):
        for obj in _loads_all(script.text or ""):
            for item in _walk(obj):
                data.objects.append(item)
                ident = item.get("@id")
                described = set(item) - {"@id", "@type"}
                if isinstance(ident, str) and described and ident not in data.by_id:
                    data.by_id[ident] = item
    return data


def types_of(obj: dict[str, Any]) -> list[str]:
    value = obj.get("@type")
    values = value if isinstance(value, list) else [value]
    return [v.rsplit("/", 1)[-1].lower() for v in values if isinstance(v, str)]


def _type_rank(obj: dict[str, Any]) -> int | None:
    types = types_of(obj)
    if any(t in ARTICLE_TYPES for t in types):
        return 0
    if any(t in _PAGE_RANKED for t in types):
        return 1
    return None


def _richness(obj: dict[str, Any]) -> int:
    keys = ("headline", "author", "datePublished", "articleBody", "dateModified")
    return sum(1 for k in keys if obj.get(k))


def _loads_all(text: str) -> list[Any]:
    text = _WRAPPERS.sub(" ", text).strip().rstrip(";")
    if not text:
        return []
    for candidate in (text, _TRAILING_COMMA.sub(r"\1", text)):
        values = _raw_decode_all(candidate)
        if values:
            return values
    return []


def _raw_decode_all(text: str) -> list[Any]:
    """Every JSON value in the text, so two objects back to back both count."""
    values: list[Any] = []
    pos = 0
    while pos < len(text):
        while pos < len(text) and text[pos] not in "[{":
            pos += 1
        if pos >= len(text):
            break
        try:
            value, pos = _DECODER.raw_decode(text, pos)
        except json.JSONDecodeError:
            return values
        values.append(value)
    return values


def _walk(value: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """Every dict in the value: arrays, @graph, and objects nested in mainEntity and friends."""
    if depth > 6:
        return
    if isinstance(value, list):
        for item in value:
            yield from _walk(item, depth + 1)
    elif isinstance(value, dict):
        yield value
        for key in ("@graph", "mainEntity", "mainEntityOfPage"):
            nested = value.get(key)
            if isinstance(nested, (dict, list)):
                yield from _walk(nested, depth + 1)
