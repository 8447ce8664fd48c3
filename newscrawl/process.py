"""The normalization chain: the steps every article goes through after extraction.

A crawl runs STEPS on each page in its extraction workers, right after extraction (see
newscrawl.workers.page), and `newscrawl extract` runs the same function on stored pages, so a
crawl and an offline run give the same record for the same page. The steps that need the run's
state (the site template below, dedup, validation) are Scrapy pipelines in the crawl's process.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from newscrawl.extraction.printed_bylines import SIGNATURE_POSITIONS
from newscrawl.items import ArticleDraft, Candidate, DateCandidate, DateKind
from newscrawl.normalize.bylines import (
    ParsedByline,
    canonical_agency,
    choose_bylines,
    parse_byline,
)
from newscrawl.normalize.chrome import clean_body
from newscrawl.normalize.dateline import parse_dateline
from newscrawl.normalize.echoes import drop_echoes
from newscrawl.normalize.language import detect_language
from newscrawl.normalize.template import TemplateStore, article_key
from newscrawl.normalize.timestamps import DateChoice, choose_date, numeric_date_order
from newscrawl.normalize.zones import guess_zone

Step = Callable[[ArticleDraft], None]

# The paragraphs that the language is told from (and the first, the date line).
LANGUAGE_PARAGRAPHS = 8

# Layers whose byline strings are free text: they may hold a date, which becomes a candidate.
_TEXT_BYLINE_LAYERS = {"site", "text"}
# Layers whose byline strings are name fields: "Jane Doe, John Roe" names two people.
_NAME_LIST_LAYERS = {"jsonld", "microdata", "opengraph", "meta"}


def clean_chrome(draft: ArticleDraft) -> None:
    """Chrome out of the body, then the header lines that open it (headline, kicker, byline,
    date line, caption): the body starts with the article's text. Lines that were taken for
    bylines without a label are settled first, so a bold sentence stays text."""
    _settle_unlabelled_bylines(draft)
    clean_body(draft)
    drop_echoes(draft)


def _settle_unlabelled_bylines(draft: ArticleDraft) -> None:
    """Keep a byline found without a label only when it is nothing but names (or a wire
    service, or a newsroom's credit); one that closes the body is its signature and leaves
    it."""
    kept = [c for c in draft.bylines if not c.names_only or _names_something(_parsed(draft, c))]
    draft.bylines = kept
    names = {c.value.casefold() for c in kept if c.names_only}
    if not names or len(draft.body) < 2:
        return
    end = max(1, len(draft.body) - SIGNATURE_POSITIONS)  # where extraction looks for it
    closing = [line for line in draft.body[end:]
               if not all(part.strip().casefold() in names for part in line.split("/"))]
    draft.body = draft.body[:end] + closing


def _names_something(parsed: ParsedByline) -> bool:
    return bool(parsed.authors or parsed.agencies or parsed.credit)


def _parsed(draft: ArticleDraft, candidate: Candidate) -> ParsedByline:
    publisher = (*draft.profile.publisher, *_publisher_names(draft))
    return parse_byline(candidate.value, publisher=publisher,
                        names_list=candidate.layer in _NAME_LIST_LAYERS,
                        names_only=candidate.names_only)


def strip_site_template(draft: ArticleDraft, templates: TemplateStore) -> None:
    """Learn the page's lines into its site's template, then drop the lines the template has
    confirmed as chrome (repeated on many other articles of the site).

    It needs the run's state, so it runs in the crawl's process after the stateless steps
    (which run in extraction workers). It learns from the body as extracted, before anything
    removed footers, and strips the normalized body; the date line and language are read
    again when it took lines from the top of the body they were read from."""
    key = template_key(draft)
    templates.learn(draft.site, draft.extracted_body or draft.body, key)
    before = draft.body[:LANGUAGE_PARAGRAPHS]
    draft.body = templates.strip(draft.site, draft.body, key)
    if draft.body[:LANGUAGE_PARAGRAPHS] != before:
        draft.dateline = None
        resolve_dateline_language(draft)


def template_key(draft: ArticleDraft) -> str:
    """The article a page shows: its canonical URL, else the URL it was fetched from; on a
    mirror, paths count from the mirror's root, so its pages are the live site's articles. A
    canonical naming the home page (some sites give every page that one) is no article's."""
    root = urlsplit(draft.profile.base_url).path or "/"
    for url in (draft.canonical_url, draft.url):
        if not url:
            continue
        try:
            key = article_key(url, root)
        except ValueError:  # a relative or non-web canonical: the fetched URL says it
            continue
        if key != "/" or url == draft.url:
            return key
    return draft.url


def resolve_bylines(draft: ArticleDraft) -> None:
    """People, wire services, or else the newsroom or publisher credited, from the byline
    candidates; byline_raw keeps the bylines of the layer they came from, as printed."""
    parsed = [(c, _parsed(draft, c)) for c in draft.bylines]
    layer, chosen = choose_bylines([(c.layer, p) for c, p in parsed])
    draft.authors = list(chosen.authors)
    draft.agencies = list(chosen.agencies)
    draft.credit = None if draft.authors or draft.agencies else chosen.credit
    if layer is not None:
        useful = [c for c, p in parsed if c.layer == layer
                  and (p.authors or p.agencies or (draft.credit and p.credit))]
        draft.byline_raw = _joined(useful)
        draft.sources.setdefault("credit" if draft.credit else "authors", layer)
    elif draft.bylines:
        # No person, agency or newsroom in any byline: the byline as printed still says whom
        # the page credits.
        best = draft.bylines[0].layer
        draft.byline_raw = _joined([c for c in draft.bylines if c.layer == best])
    for cand, p in parsed:
        if p.date_text and cand.layer in _TEXT_BYLINE_LAYERS:
            draft.dates.append(DateCandidate(p.date_text, cand.layer, "published"))


def _publisher_names(draft: ArticleDraft) -> list[str]:
    """The names the page gives its site: a byline naming one credits the publisher. A wire
    service stays an agency, even on its own site."""
    return [name for name in draft.site_names if not canonical_agency(name)]


def _joined(bylines: list[Candidate]) -> str:
    return "\n".join(dict.fromkeys(c.value.strip() for c in bylines))


def resolve_timestamps(draft: ArticleDraft) -> None:
    published = _choose_date(draft, "published")
    if published is not None:
        stamp = published.timestamp
        draft.published_at = stamp.isoformat()
        draft.published_precision = stamp.precision
        draft.published_raw = stamp.raw
        draft.sources["published_at"] = published.candidate.layer
    modified = _choose_date(draft, "modified")
    # A modification date never replaces the publication date, nor comes before it.
    if modified is not None and (
        published is None or modified.timestamp.value >= published.timestamp.value
    ):
        draft.modified_at = modified.timestamp.isoformat()


def _choose_date(draft: ArticleDraft, kind: DateKind) -> DateChoice | None:
    return choose_date(
        draft.dates, kind, url=draft.url, tz=_zone(draft), date_order=_date_order(draft),
        now=draft.fetched_at, languages=_languages(draft),
    )


def _zone(draft: ArticleDraft) -> ZoneInfo:
    """The profile's zone; for a site it does not describe, the one its domain or language
    suggests, else UTC."""
    profile = draft.profile
    if profile.time_zone:
        return profile.tz
    return guess_zone(draft.url, draft.language_hint) or profile.tz


def resolve_dateline_language(draft: ArticleDraft) -> None:
    if draft.body:
        dateline = parse_dateline(draft.body[0])
        if dateline is not None:
            draft.dateline = dateline.place
            if dateline.agency and dateline.agency not in draft.agencies:
                draft.agencies.append(dateline.agency)
                draft.credit = None  # a credit stands only where no agency is named
    text = " ".join(draft.body[:LANGUAGE_PARAGRAPHS])
    draft.language = detect_language(text, draft.language_hint or draft.profile.language or None)


STEPS: tuple[Step, ...] = (
    clean_chrome,
    resolve_bylines,
    resolve_timestamps,
    resolve_dateline_language,
)


def normalize(draft: ArticleDraft) -> ArticleDraft:
    for step in STEPS:
        step(draft)
    return draft


def _date_order(draft: ArticleDraft) -> str:
    """The profile's numeric date order; for a site it does not describe, the page language's."""
    profile = draft.profile
    if profile.language:
        return profile.date_order
    return numeric_date_order(draft.language_hint, draft.url, profile.date_order)


def _languages(draft: ArticleDraft) -> list[str]:
    lang = (draft.language_hint or draft.profile.language or "").split("-")[0].lower()
    return [lang] if lang else []

