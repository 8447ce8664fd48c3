"""Folds by publisher: each source's pages split into K groups that share no publisher.

A rule fitted to a few publishers helps their fold and nobody else's; per-fold scores and their
spread show it where the pooled score hides it. A page's publisher is the registrable domain of
its URL, public-suffix aware ("www.x.co.uk" and "amp.x.co.uk" are both "x.co.uk"; blogs on a
shared host such as "a.blogspot.com" are publishers of their own), and an archived copy
("web.archive.org/web/<time>/<url>") belongs to the archived site. A publisher's fold is a
hash of its name: it depends on nothing else (not on the other pages, the process or the
system scored), so a page keeps its fold as the corpus grows.
"""

from __future__ import annotations

import hashlib
import ipaddress
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from tldextract import TLDExtract

from newscrawl.evaluation.metrics import QUALITY_MEASURES, SourceMetrics

# Copies kept by a web archive: the publisher is the site in the archived URL.
_ARCHIVED = re.compile(r"^https?://web\.archive\.org/web/[^/]+/(?P<url>.+)$", re.IGNORECASE)
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)


@cache
def _suffix_list() -> TLDExtract:
    # The public suffix list bundled with tldextract: no download, the same split everywhere.
    return TLDExtract(suffix_list_urls=(), cache_dir=None, include_psl_private_domains=True)


def publisher(url: str) -> str:
    """The registrable domain that published the page at `url` (the host when it has none)."""
    archived = _ARCHIVED.match(url.strip())
    if archived:
        inner = archived.group("url")
        url = inner if _SCHEME.match(inner) else f"http://{inner}"
    try:
        host = (urlsplit(url).hostname or "").rstrip(".").lower()
    except ValueError:
        host = ""
    if not host:
        return url  # a URL without a host still gets a (stable) fold of its own
    registrable = _suffix_list().extract_str(host).top_domain_under_public_suffix
    if registrable:
        return registrable
    # No known public suffix (reserved names such as .example, intranet hosts): the last two
    # labels; an IP address is a publisher of its own.
    return host if _is_ip(host) else ".".join(host.split(".")[-2:])


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def fold_of(name: str, folds: int) -> int:
    """The fold (0 .. folds-1) of a publisher: a stable hash, not Python's salted one."""
    digest = hashlib.sha256(name.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % folds


def fold_indices(urls: Sequence[str], folds: int) -> list[list[int]]:
    """Positions of the pages of each fold, in page order."""
    if folds < 1:
        raise ValueError(f"folds must be at least 1, not {folds}")
    groups: list[list[int]] = [[] for _ in range(folds)]
    for position, url in enumerate(urls):
        groups[fold_of(publisher(url), folds)].append(position)
    return groups


def fold_publishers(urls: Sequence[str], folds: int) -> list[int]:
    """How many publishers each fold holds."""
    names: list[set[str]] = [set() for _ in range(folds)]
    for url in urls:
        name = publisher(url)
        names[fold_of(name, folds)].add(name)
    return [len(group) for group in names]


@dataclass(frozen=True)
class Fold:
    """One fold's scores for one system on one source."""

    number: int  # 1 .. K, as printed
    publishers: int
    metrics: SourceMetrics


def worst(folds: Sequence[Fold]) -> SourceMetrics:
    """Each measure at its lowest over the folds that measure it (what floors apply to)."""
    return _combine(folds, min)


def spread(folds: Sequence[Fold]) -> SourceMetrics:
    """Each measure's highest minus its lowest value over the folds that measure it."""
    return _combine(folds, lambda values: max(values) - min(values))


def _combine(folds: Sequence[Fold], reduce: Callable[[list[float]], float]) -> SourceMetrics:
    values: dict[str, Any] = {}
    for measure in QUALITY_MEASURES:
        measured = [v for f in folds if (v := getattr(f.metrics, measure)) is not None]
        if measured:
            values[measure] = reduce(measured)
    pages = sum(f.metrics.pages for f in folds)
    errors = sum(f.metrics.errors for f in folds)
    return SourceMetrics(pages=pages, errors=errors, **values)
