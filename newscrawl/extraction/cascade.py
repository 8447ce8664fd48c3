"""The extraction cascade: site rules, then structured data, then the generic fallback.

The page is decoded and parsed once; each layer reads the same tree and reports `Fields`; the
merge below takes every field from the best layer that has it and records which one it was.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from newscrawl.extraction.body import check_complexity, check_markup, choose_body
from newscrawl.extraction.dates import gives_dated_candidate
from newscrawl.extraction.decode import decode
from newscrawl.extraction.document import Page, parse
from newscrawl.extraction.errors import ExtractionError
from newscrawl.extraction.fields import Fields
from newscrawl.extraction.generic import publication_date
from newscrawl.extraction.images import page_images
from newscrawl.extraction.jsonld import JsonLd, parse_jsonld
from newscrawl.extraction.metadata import fill_metadata
from newscrawl.extraction.metatags import meta_fields, opengraph_fields
from newscrawl.extraction.page_text import text_fields
from newscrawl.extraction.shell import script_shell
from newscrawl.extraction.site_rules import remove_chrome, site_fields
from newscrawl.extraction.structured import jsonld_fields, microdata_fields
from newscrawl.extraction.text_dump import extract_text_dump
from newscrawl.extraction.urls import url_fields
from newscrawl.extraction.walls import check_walls
from newscrawl.items import ArticleDraft
from newscrawl.sites.profile import SiteProfile

_CHARSET_PARAM = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)
_HTML_MARKERS = re.compile(r"<(?:!doctype|html|head|body|div|p|article|meta|title|span|br)\b",
                           re.IGNORECASE)


def extract(content: bytes | str, url: str, profile: SiteProfile, *,
            fetched_at: datetime | None = None, content_type: str | None = None,
            encoding: str | None = None) -> ArticleDraft:
    """An ArticleDraft of raw values from one fetched page; raises ExtractionError."""
    text = decode(content, encoding or _charset_of(content_type))
    draft = ArticleDraft(url=url, site=profile.name, profile=profile,
                         fetched_at=fetched_at or datetime.now(UTC))
    if _is_plain_text(text, content_type):
        extract_text_dump(text, draft)
        return draft
    check_markup(text)
    page = parse(text, url)
    check_complexity(page.tree)
    data = parse_jsonld(page.tree)
    layers = _layers(page, profile, data)
    fill_metadata(draft, page, layers)
    try:
        choose_body(draft, page, layers)
    except ExtractionError as exc:
        if exc.reason == "not_article":  # a wall is the more telling reason, if the page is one
            check_walls(page, data, draft.title, None)
            _check_shell(text, url)
        raise
    draft.paywalled = check_walls(page, data, draft.title, draft.body)
    draft.images = page_images(page, layers, draft.images, data)
    return draft


def _check_shell(text: str, url: str) -> None:
    """Raise `script_shell` when the page's scripts would build what the HTML lacks. The tree
    the layers read has lost its scripts by now: the page is parsed again (no article pages
    only)."""
    why = script_shell(parse(text, url))
    if why:
        raise ExtractionError("script_shell", f"the page is built by its scripts: {why}")


def _charset_of(content_type: str | None) -> str | None:
    match = _CHARSET_PARAM.search(content_type or "")
    return match.group(1) if match else None


def _is_plain_text(text: str, content_type: str | None) -> bool:
    if content_type:
        return content_type.split(";")[0].strip().lower() == "text/plain"
    return _HTML_MARKERS.search(text[:65536]) is None


def _layers(page: Page, profile: SiteProfile, data: JsonLd) -> list[Fields]:
    """Every layer's findings, best layer first. Structured data is read before the profile's
    chrome is removed from the tree, since chrome containers may hold its scripts."""
    jsonld = jsonld_fields(data)
    remove_chrome(page.tree, profile)
    layers = [
        site_fields(page.tree, profile),
        jsonld,
        microdata_fields(page.tree),
        opengraph_fields(page),
        meta_fields(page),
        text_fields(page),
    ]
    if not gives_dated_candidate(layers):
        layers.append(_generic_dates(page))
    layers.append(url_fields(page.url))
    return layers


def _generic_dates(page: Page) -> Fields:
    found = Fields("generic")
    day = publication_date(page.tree, page.url)
    if day:
        found.published = [day]
    return found

