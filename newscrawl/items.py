"""The article record: the draft that flows through the pipelines and the record written out.

Extraction fills an ArticleDraft with raw values and where each came from; the pipelines
normalize it in place; `ArticleDraft.to_record()` gives the schema-v1 record (see
schema/article-v1.schema.json) that the validate pipeline checks before it is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal

from newscrawl.sites.profile import GENERIC, SiteProfile
from newscrawl.wordcount import word_count

SCHEMA_VERSION = 1

Layer = Literal[
    "site", "jsonld", "microdata", "opengraph", "meta", "text", "generic", "url", "feed"
]
DateKind = Literal["published", "modified"]


@dataclass(frozen=True)
class Candidate:
    """A raw value for a field and the extraction layer that gave it. A byline found without a
    label or class is `names_only`: it counts only when it is nothing but names."""

    value: str
    layer: str
    names_only: bool = False


@dataclass(frozen=True)
class DateCandidate:
    raw: str
    layer: str
    kind: DateKind = "published"


@dataclass(frozen=True)
class Image:
    url: str | None
    caption: str | None = None

    def to_dict(self) -> dict[str, str | None]:
        return {"url": self.url, "caption": self.caption}


@dataclass(frozen=True)
class Author:
    name: str
    raw: str

    def to_dict(self) -> dict[str, str]:
        return {"name": self.name, "raw": self.raw}


@dataclass(frozen=True)
class Rejected:
    """A page that gave no record, and why: counted and logged to the rejects file, never
    written to the output."""

    url: str
    reason: str
    message: str
    listed_as: str | None = None  # the link the listing gave, when it redirected elsewhere


@dataclass
class ArticleDraft:
    url: str
    site: str
    fetched_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    profile: SiteProfile = GENERIC

    # Raw values from extraction, best first, each with its layer.
    canonical_url: str | None = None
    title: str | None = None
    headlines: list[str] = field(default_factory=list)  # every headline value the page gives
    bylines: list[Candidate] = field(default_factory=list)
    dates: list[DateCandidate] = field(default_factory=list)
    body: list[str] = field(default_factory=list)  # paragraphs
    # The body as extracted, before the normalization steps changed it: what the site
    # template learns from (see process.strip_site_template).
    extracted_body: list[str] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    description: str | None = None
    language_hint: str | None = None  # <html lang>, og:locale, inLanguage
    site_names: list[str] = field(default_factory=list)  # the site's own names: never authors
    # The texts of the page's links, as printed (None for a plain-text page): chrome cleaning
    # tells a list of links to other pages from the article's own lines by them.
    link_texts: frozenset[str] | None = None
    sources: dict[str, str] = field(default_factory=dict)  # field -> layer

    # Normalized values, set by the pipelines.
    authors: list[Author] = field(default_factory=list)
    agencies: list[str] = field(default_factory=list)
    credit: str | None = None  # the newsroom, desk or publisher a byline credits, as printed
    byline_raw: str | None = None
    published_at: str | None = None
    published_precision: str | None = None
    published_raw: str | None = None
    modified_at: str | None = None
    dateline: str | None = None
    language: str | None = None
    revision: int = 1
    duplicate_of: str | None = None  # an earlier article of the site with an identical body
    paywalled: bool = False  # behind a paywall, full text present (teasers are rejected)
    story_id: str | None = None  # the story it belongs to, across sites and runs (stories/)
    story: dict[str, Any] | None = None  # {"size", "first_seen_url", "match": {url, score}}

    def to_record(self) -> dict[str, Any]:
        body = "\n\n".join(p for p in self.body if p.strip())
        return {
            "schema_version": SCHEMA_VERSION,
            "url": self.url,
            "canonical_url": self.canonical_url,
            "site": self.site,
            "title": self.title,
            "authors": [a.to_dict() for a in self.authors],
            "agencies": list(self.agencies),
            "credit": self.credit,
            "byline_raw": self.byline_raw,
            "published_at": self.published_at,
            "published_precision": self.published_precision,
            "published_raw": self.published_raw,
            "modified_at": self.modified_at,
            "dateline": self.dateline,
            "body": body,
            "word_count": word_count(body),
            "description": self.description,
            "language": self.language,
            "section": self.section,
            "tags": list(self.tags),
            "images": [i.to_dict() for i in self.images],
            "fetched_at": self.fetched_at.astimezone(UTC).isoformat(timespec="seconds"),
            "revision": self.revision,
            "duplicate_of": self.duplicate_of,
            "paywalled": self.paywalled,
            "story_id": self.story_id,
            "story": self.story,
            "sources": dict(self.sources),
        }
