"""Reading feeds and sitemaps: RSS 2.0, RSS 1.0 (RDF), Atom, sitemap indexes, url sets and
Google News sitemaps. No scrapy import: the spiders hand over bytes, this returns entries.

The XML parser never resolves entities, never touches the network and refuses huge trees, so a
hostile feed ("billion laughs", external entities) fails with FeedError instead of eating memory.

The document is parsed strictly, after escaping the one error feeds make most: a bare `&` in a
URL (`?section=local&page=2`), which a lenient parser would read as an entity and drop, making
up another URL. A document that is still broken (a bad tag mid-file, a cut-off end) is read
entry by entry: each <url>, <sitemap>, <item> or <entry> is parsed strictly on its own, and the
entries that cannot be are counted (`Listing.unreadable`), never guessed at.
"""

from __future__ import annotations

import gzip
import io
import re
import zlib
from dataclasses import dataclass
from typing import Literal

from lxml import etree

MAX_XML_BYTES = 50 * 1024 * 1024  # a sitemap may hold 50,000 URLs in at most 50 MB

_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True
)
# An `&` that starts none of XML's own references is text, as HTML reads it.
_BARE_AMPERSAND = re.compile(rb"&(?!(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);)")
_ROOT_TAG = re.compile(rb"<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)[^>]*>")
ENTRY_TAGS = {"urlset": "url", "sitemapindex": "sitemap", "rss": "item", "rdf": "item",
              "channel": "item", "feed": "entry"}


class FeedError(ValueError):
    """A feed or sitemap that cannot be read; the message says why."""


@dataclass(frozen=True)
class Entry:
    url: str
    published: str | None = None  # raw date strings, parsed later with the site's rules
    updated: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class Listing:
    kind: Literal["feed", "sitemapindex", "urlset"]
    entries: tuple[Entry, ...]
    unreadable: int = 0  # entries of a broken document that could not be read


def _local(tag: object) -> str:
    return etree.QName(tag).localname.lower() if isinstance(tag, str) else ""


def _child_text(element: etree._Element, *names: str) -> str | None:
    for child in element:
        if _local(child.tag) in names:
            text = (child.text or "").strip()
            if text:
                return text
    return None


def _atom_link(entry: etree._Element) -> str | None:
    links = [c for c in entry if _local(c.tag) == "link" and c.get("href")]
    for link in links:
        if link.get("rel", "alternate") == "alternate":
            return link.get("href")
    return links[0].get("href") if links else None


def _news_date(url_element: etree._Element) -> str | None:
    for child in url_element.iter():
        if _local(child.tag) == "publication_date" and (child.text or "").strip():
            return (child.text or "").strip()
    return None


def _feed_entries(root: etree._Element) -> list[Entry]:
    entries = []
    for item in root.iter():
        name = _local(item.tag)
        if name == "item":  # RSS 2.0 and RSS 1.0
            url = _child_text(item, "link") or item.get(
                "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about"
            )
            published = _child_text(item, "pubdate", "date")
            updated = _child_text(item, "updated", "modified")
        elif name == "entry":  # Atom
            url = _atom_link(item)
            published = _child_text(item, "published", "issued")
            updated = _child_text(item, "updated", "modified")
        else:
            continue
        if url:
            entries.append(Entry(url.strip(), published, updated, _child_text(item, "title")))
    return entries


def _sitemap_entries(root: etree._Element, tag: str) -> list[Entry]:
    entries = []
    for element in root:
        if _local(element.tag) != tag:
            continue
        loc = _child_text(element, "loc")
        if loc:
            entries.append(Entry(loc, _news_date(element), _child_text(element, "lastmod")))
    return entries


def _unpacked(data: bytes) -> bytes:
    if data[:2] == b"\x1f\x8b":  # a .xml.gz sitemap served as-is
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(data)) as unzipped:
                data = unzipped.read(MAX_XML_BYTES + 1)
        except (OSError, EOFError, zlib.error) as exc:
            raise FeedError(f"broken gzip: {exc}") from exc
    if len(data) > MAX_XML_BYTES:
        raise FeedError(f"larger than {MAX_XML_BYTES} bytes")
    if b"<!ENTITY" in data[:65536]:  # the DOCTYPE comes first
        raise FeedError("declares XML entities; refused")
    data = data.strip()
    if b"\x00" not in data[:64]:  # not UTF-16 or UTF-32, where `&` is no single byte
        data = _BARE_AMPERSAND.sub(b"&amp;", data)
    return data


def _parse_strict(data: bytes) -> etree._Element:
    root = etree.fromstring(data, parser=_PARSER)
    if root is None:
        raise FeedError("empty or not XML")
    return root


def _entries(root: etree._Element, kind: str) -> list[Entry]:
    if kind == "sitemapindex":
        return _sitemap_entries(root, "sitemap")
    if kind == "urlset":
        return _sitemap_entries(root, "url")
    return _feed_entries(root)


def _listing_kind(name: str) -> Literal["feed", "sitemapindex", "urlset"]:
    if name in {"sitemapindex", "urlset"}:
        return name  # type: ignore[return-value]
    if name in {"rss", "feed", "rdf", "channel"}:
        return "feed"
    raise FeedError(f"unknown document type <{name}>")


def _salvage(data: bytes, error: etree.XMLSyntaxError) -> Listing:
    """The readable entries of a broken document, each parsed strictly on its own inside a
    copy of the document's root tag (for its namespaces), and the count of the others."""
    root = _ROOT_TAG.search(data)  # the first element: declarations start with "<?" or "<!"
    if root is None:
        raise FeedError(f"not XML: {error}")
    prefix, name = root.group(1) or b"", root.group(2)
    local = name.decode("ascii").lower()
    kind = _listing_kind(local)
    tag = ENTRY_TAGS[local].encode()
    starts = [m.start() for m in re.finditer(rb"<(?:[\w.-]+:)?" + tag + rb"[\s>/]", data)]
    closing = rb"</" + prefix + name + b">"
    entries: list[Entry] = []
    unreadable = 0
    for start, end in zip(starts, [*starts[1:], len(data)], strict=True):
        chunk = _entry_chunk(data[start:end], tag)
        try:
            entries += _entries(_parse_strict(root.group(0) + chunk + closing), local)
        except (etree.XMLSyntaxError, FeedError):
            unreadable += 1
    if not entries and not unreadable:
        raise FeedError(f"not XML: {error}")
    return Listing(kind, tuple(entries), unreadable)


def _entry_chunk(chunk: bytes, tag: bytes) -> bytes:
    """One entry's markup: up to its closing tag, or closed where the next entry begins (its
    fields are then read only if each of them is complete)."""
    close = re.search(rb"</(?:[\w.-]+:)?" + tag + rb"\s*>", chunk)
    if close is not None:
        return chunk[: close.end()]
    opened = re.match(rb"<([\w.:-]+)", chunk)
    return chunk + b"</" + (opened.group(1) if opened else tag) + b">"


def parse_listing(data: bytes) -> Listing:
    """Entries of a feed or sitemap; FeedError when the bytes are neither."""
    if not data.strip():
        raise FeedError("empty document")
    data = _unpacked(data)
    if not data:
        raise FeedError("empty document")
    try:
        root = _parse_strict(data)
    except etree.XMLSyntaxError as exc:
        return _salvage(data, exc)
    local = _local(root.tag)
    return Listing(_listing_kind(local), tuple(_entries(root, local)))
