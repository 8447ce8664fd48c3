"""OpenGraph/article:* and plain meta tags, as two layers; keys are data, tried in order."""

from __future__ import annotations

import re

from newscrawl.extraction.document import Page
from newscrawl.extraction.fields import Fields
from newscrawl.extraction.printed_bylines import BYLINE_LABEL
from newscrawl.extraction.text import is_url, squash

MAX_TWITTER_PAIRS = 4
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")

OG_TITLE = ("og:title",)
OG_AUTHOR = ("article:author", "og:article:author", "book:author")
OG_PUBLISHED = ("article:published_time", "og:article:published_time", "article:published",
                "og:published_time", "video:release_date")
OG_MODIFIED = ("article:modified_time", "og:article:modified_time", "og:updated_time",
               "article:modified", "og:modified_time")
OG_SECTION = ("article:section", "og:article:section")
OG_TAG = ("article:tag", "og:article:tag", "video:tag")
OG_DESCRIPTION = ("og:description",)
OG_LOCALE = ("og:locale",)
OG_SITE_NAME = ("og:site_name",)

META_TITLE = ("twitter:title", "parsely-title", "sailthru.title", "dc.title", "dcterms.title",
              "title", "headline")
META_AUTHOR = ("author", "byl", "dc.creator", "dc.creator.name", "dcterms.creator",
               "sailthru.author", "parsely-author", "citation_author", "article.author",
               "cxenseparse:author", "authors", "dc.contributor")
META_PUBLISHED = ("date", "pubdate", "publishdate", "publish-date", "publish_date",
                  "publication_date", "dc.date", "dc.date.issued", "dc.date.created",
                  "dcterms.date", "dcterms.issued", "dcterms.created", "sailthru.date",
                  "parsely-pub-date", "article.published", "article_date_original",
                  "original-publish-date", "cxenseparse:recs:publishtime", "citation_date",
                  "citation_publication_date", "datepublished", "date.release", "displaydate",
                  "dc.date.published", "release_date", "published_time", "og:pubdate")
META_MODIFIED = ("last-modified", "dc.date.modified", "dcterms.modified", "article.updated",
                 "lastmod", "datemodified", "revised", "modified_time", "updated_time")
META_SECTION = ("section", "parsely-section", "sailthru.section", "article.section",
                "cxenseparse:recs:articlesection", "category")
META_TAGS = ("news_keywords", "keywords", "parsely-tags", "sailthru.tags")
META_DESCRIPTION = ("description", "twitter:description", "dc.description")
META_LANGUAGE = ("content-language", "language", "dc.language", "dcterms.language")
META_SITE_NAME = ("application-name", "apple-mobile-web-app-title", "twitter:site",
                  "al:ios:app_name", "publisher")


def opengraph_fields(page: Page) -> Fields:
    found = Fields("opengraph")
    found.title = _first(page, OG_TITLE)
    found.authors = _names(page, OG_AUTHOR)
    found.published = _all(page, OG_PUBLISHED)
    found.modified = _all(page, OG_MODIFIED)
    found.section = _first(page, OG_SECTION)
    found.tags = _all(page, OG_TAG)
    found.description = _first(page, OG_DESCRIPTION)
    found.language = _first(page, OG_LOCALE)
    found.canonical_url = _first(page, ("og:url",))
    found.site_names = _all(page, OG_SITE_NAME)
    return found


def meta_fields(page: Page) -> Fields:
    found = Fields("meta")
    found.title = _first(page, META_TITLE)
    found.authors = _names(page, META_AUTHOR) + _labelled_data(page)
    found.published = _all(page, META_PUBLISHED)
    found.modified = _all(page, META_MODIFIED)
    found.section = _first(page, META_SECTION)
    found.tags = _split_tags(_first(page, META_TAGS))
    found.description = _first(page, META_DESCRIPTION)
    found.language = _first(page, META_LANGUAGE)
    found.site_names = [n.lstrip("@") for n in _all(page, META_SITE_NAME) if len(n) < 60]
    return found


def _first(page: Page, keys: tuple[str, ...]) -> str | None:
    hit = page.first_meta(*keys)
    return hit[1] if hit else None


def _all(page: Page, keys: tuple[str, ...]) -> list[str]:
    values: list[str] = []
    for key in keys:
        values.extend(v for v in page.meta_values(key) if v and v not in values)
    return values


def _names(page: Page, keys: tuple[str, ...]) -> list[str]:
    """Author values that name someone: profile URLs, @handles and e-mail addresses are no
    names."""
    names = []
    for value in _all(page, keys):
        if _is_contact(value) or len(value) > 200:
            continue
        names.append(squash(value))
    return names


def _labelled_data(page: Page) -> list[str]:
    """Values that Twitter card label/data pairs give a writer label: Yoast prints
    `twitter:label1` "Written by" and `twitter:data1` the author's name."""
    names: list[str] = []
    for n in range(1, MAX_TWITTER_PAIRS + 1):
        label = _first(page, (f"twitter:label{n}",))
        data = _first(page, (f"twitter:data{n}",))
        if label and data and BYLINE_LABEL.match(label.strip()) and not _is_contact(data):
            names.append(data)
    return names


def _is_contact(value: str) -> bool:
    return is_url(value) or value.startswith("@") or EMAIL.fullmatch(value) is not None


def _split_tags(value: str | None) -> list[str]:
    if not value:
        return []
    parts = value.split(";") if ";" in value and "," not in value else value.split(",")
    return list(dict.fromkeys(p.strip() for p in parts if p.strip()))
