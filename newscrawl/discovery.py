"""Reading feeds and sitemaps: RSS 2.0, RSS 1.0 (RDF), Atom, sitemap indexes, url sets and
Google News sitemaps. No scrapy import: the spiders hand over bytes, this returns entries.

The XML parser never resolves entities, never touches the network and refuses huge trees, so a
hostile feed ("billion laughs", external entities) fails with FeedError instead of eating memory.
"""

from __future__ import annotations

import gzip
import io
import zlib
from dataclasses import dataclass
from typing import Literal

from lxml import etree

MAX_XML_BYTES = 50 * 1024 * 1024  # a sitemap may hold 50,000 URLs in at most 50 MB

_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, huge_tree=False, recover=True, remove_comments=True
)


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


def _parse_xml(data: bytes) -> etree._Element:
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
    try:
        root = etree.fromstring(data.strip(), parser=_PARSER)
    except etree.XMLSyntaxError as exc:
        raise FeedError(f"not XML: {exc}") from exc
    if root is None:
        raise FeedError("empty or not XML")
    return root


def parse_listing(data: bytes) -> Listing:
    """Entries of a feed or sitemap; FeedError when the bytes are neither."""
    if not data.strip():
        raise FeedError("empty document")
    root = _parse_xml(data)
    kind = _local(root.tag)
    if kind == "sitemapindex":
        return Listing("sitemapindex", tuple(_sitemap_entries(root, "sitemap")))
    if kind == "urlset":
        return Listing("urlset", tuple(_sitemap_entries(root, "url")))
    if kind in {"rss", "feed", "rdf", "channel"}:
        return Listing("feed", tuple(_feed_entries(root)))
    raise FeedError(f"unknown document type <{kind}>")

