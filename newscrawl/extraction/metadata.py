"""Merging the layers' metadata into the draft: best layer first, with the source of each field."""

from __future__ import annotations

from urllib.parse import urlsplit

from newscrawl.extraction.document import Page
from newscrawl.extraction.fields import Fields, first_of
from newscrawl.extraction.metatags import META_TITLE
from newscrawl.extraction.text import squash
from newscrawl.extraction.titles import GENERIC_HOST_LABELS, TitleCandidate, choose_title
from newscrawl.items import ArticleDraft, Candidate, DateCandidate, DateKind

MAX_BYLINES = 12
MAX_DATES = 12


def fill_metadata(draft: ArticleDraft, page: Page, layers: list[Fields]) -> None:
    _fill_title(draft, page, layers)
    draft.site_names = _site_names(draft, layers)
    draft.bylines = _bylines(layers)
    draft.dates = _dates(layers)
    for name in ("section", "tags", "description"):
        hit = first_of(layers, name)
        if hit:
            setattr(draft, name, hit[0])
            draft.sources[name] = hit[1]
    _fill_language(draft, page, layers)
    _fill_canonical(draft, page, layers)


def _fill_title(draft: ArticleDraft, page: Page, layers: list[Fields]) -> None:
    candidates = [TitleCandidate(f.title, f.layer) for f in layers if f.title]
    html_title = page.tree.findtext(".//title")
    if html_title:
        candidates.append(TitleCandidate(html_title, "html"))
    site_names = [n for f in layers for n in f.site_names] + list(draft.profile.publisher)
    # Every title-like meta value, the ones no layer chose too, shows the site's suffix.
    variants = [v for k in META_TITLE for v in page.meta_values(k)]
    draft.headlines = list(dict.fromkeys(squash(c.value) for c in candidates))
    chosen = choose_title(candidates, site_names, page.url, variants)
    if chosen is not None:
        draft.title = chosen.value
        draft.sources["title"] = "meta" if chosen.layer == "html" else chosen.layer


def _site_names(draft: ArticleDraft, layers: list[Fields]) -> list[str]:
    """The names the page gives its site, and its domain name ("presse-augsburg" for
    presse-augsburg.de): normalization tells by them a byline that credits the publisher."""
    names = [n for f in layers for n in f.site_names]
    host = (urlsplit(draft.url).hostname or "").lower()
    labels = [lab for lab in host.split(".")[:-1] if lab not in GENERIC_HOST_LABELS]
    if labels:
        names.append(labels[0])
    return list(dict.fromkeys(names))


def _bylines(layers: list[Fields]) -> list[Candidate]:
    """Byline values, best layer first, each once; normalization reads them."""
    seen: set[str] = set()
    out: list[Candidate] = []
    for found in layers:
        values = [(v, False) for v in found.authors] + [(v, True) for v in found.unlabelled]
        for value, names_only in values:
            value = squash(value)
            if value and value.casefold() not in seen:
                seen.add(value.casefold())
                out.append(Candidate(value, found.layer, names_only))
    return out[:MAX_BYLINES]


def _dates(layers: list[Fields]) -> list[DateCandidate]:
    seen: set[tuple[str, str]] = set()
    out: list[DateCandidate] = []
    kinds: tuple[DateKind, ...] = ("published", "modified")
    for kind in kinds:
        for found in layers:
            for raw in getattr(found, kind):
                raw = squash(raw)
                if raw and (raw, kind) not in seen:
                    seen.add((raw, kind))
                    out.append(DateCandidate(raw, found.layer, kind))
    return out[:MAX_DATES]


def _fill_language(draft: ArticleDraft, page: Page, layers: list[Fields]) -> None:
    if page.html_lang:
        draft.language_hint = page.html_lang
        draft.sources["language"] = "meta"
        return
    by_layer = {f.layer: f.language for f in layers if f.language}
    for layer in ("opengraph", "jsonld", "meta"):
        if by_layer.get(layer):
            draft.language_hint = by_layer[layer]
            draft.sources["language"] = layer
            return


def _fill_canonical(draft: ArticleDraft, page: Page, layers: list[Fields]) -> None:
    canonical = [u for u in page.link_urls("canonical") if _is_web_url(u)]
    if canonical:
        draft.canonical_url = canonical[0]
        draft.sources["canonical_url"] = "meta"
        return
    hit = first_of((f for f in layers if f.layer in ("opengraph", "jsonld")), "canonical_url")
    if hit and _is_web_url(page.absolute(hit[0])):
        draft.canonical_url = page.absolute(hit[0])
        draft.sources["canonical_url"] = hit[1]


def _is_web_url(url: str) -> bool:
    """Only an http(s) address can name the article (not javascript:, data:, mailto:)."""
    return url.lower().startswith(("http://", "https://"))
