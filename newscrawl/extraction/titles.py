"""The headline: candidates compared with each other, site-name affixes learned, not listed.

A page's <title> is usually "Headline | Site" while its og:title or h1 is the bare headline; the
difference between candidates tells which suffix is the site's, and og:site_name, the publisher
and the host name confirm affixes on either side.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from newscrawl.extraction.text import squash

# Separators between a headline and a site name: " | Site", " - Site", " — Site", "Site: ".
_SEPARATOR = re.compile(r"\s+[|\-–—·•»/:~]{1,2}\s+|\s*[|｜ㅣ]\s*|(?<=\w):\s+")
_KEY = re.compile(r"\W+")
_WORDS = re.compile(r"\w+")
# A separator left at the end once a site name was cut away on the page: "Headline -".
_TRAILING_SEPARATOR = re.compile(r"\s+[|\-–—·•/:~]+$")
# When candidates disagree, the first of these layers wins. Measured on news pages from many
# publishers: the JSON-LD headline matches the edited headline most often, then og:title, then
# the page's h1; <title> carries the most decoration. (A vote of the layers, where a headline
# more layers agree on beat this order, helped one publisher fold and hurt the other as much:
# see benchmarks/fold_audit.md.)
LAYER_PRIORITY = ("site", "jsonld", "opengraph", "text", "microdata", "meta", "html")
MAX_AFFIX_WORDS = 8
MIN_HEADLINE_CHARS = 8
GENERIC_HOST_LABELS = frozenset({"www", "m", "amp", "mobile", "news", "com", "org", "net", "co"})


@dataclass(frozen=True)
class TitleCandidate:
    value: str
    layer: str


def key(text: str) -> str:
    return _KEY.sub("", text.casefold())


def choose_title(candidates: Iterable[TitleCandidate], site_names: Iterable[str],
                 url: str, variants: Iterable[str] = ()) -> TitleCandidate | None:
    """The headline among the candidates; `variants` (more title values of the page, not
    candidates themselves) only help learn the site's suffix."""
    cands = [TitleCandidate(squash(c.value), c.layer) for c in candidates if squash(c.value)]
    if not cands:
        return None
    site = next((c for c in cands if c.layer == "site"), None)
    if site is not None:
        return site
    site_names = [squash(n) for n in site_names if squash(n)]
    names = site_keys(site_names, url)
    names |= _logo_heading(cands, names)
    printed = [c.value for c in cands if c.layer == "text"]
    values = [c.value for c in cands] + [v for v in map(squash, variants) if v]
    suffixes = learned_suffixes(list(dict.fromkeys(values)), printed)
    # A long site name with separators of its own ("Post - News, Sport and Weather") is cut
    # whole where a title ends with it, before the title is split at its separators.
    suffixes |= {f" {n.casefold()}" for n in site_names if _SEPARATOR.search(n)}
    stripped = [TitleCandidate(strip_affixes(c.value, names, suffixes), c.layer) for c in cands]
    stripped = [c for c in stripped if c.value and key(c.value) not in names]
    return _visible_over_shortened(stripped) or min(stripped, key=_priority, default=None)


def _visible_over_shortened(cands: list[TitleCandidate]) -> TitleCandidate | None:
    """og:title when it gives the words of the page's h1 and the JSON-LD headline is that
    headline with words left out (a tail cut for search engines, a kicker or a word dropped):
    the headline as printed, in og:title's spelling. `<title>` is no witness: it copies one
    of the others. A JSON-LD headline with words of its own is another edit and keeps its
    place in the layer order."""
    first: dict[str, TitleCandidate] = {}
    for c in cands:
        first.setdefault(c.layer, c)
    ld, og, h1 = first.get("jsonld"), first.get("opengraph"), first.get("text")
    if ld is None or og is None or h1 is None or key(og.value) != key(h1.value):
        return None
    return og if _leaves_out_words(_words(ld.value), _words(h1.value)) else None


def _words(text: str) -> list[str]:
    return _WORDS.findall(text.casefold())


def _leaves_out_words(short: list[str], long: list[str]) -> bool:
    """`short` is `long` with some of its words left out, in order."""
    if not short or len(short) >= len(long):
        return False
    rest = iter(long)
    return all(word in rest for word in short)


def _logo_heading(cands: list[TitleCandidate], names: set[str]) -> set[str]:
    """The page heading when it is the site's own name, the logo in an h1: the shorter end
    of a two-part <title> ("Harbour bridge reopens | Eastport Post", h1 "Eastport Post")
    whose start is no known site name, and no headline in the page's metadata. A colon
    does not count: "Election 2024: Harbour bridge reopens" is a kicker and its headline."""
    headings = {key(c.value) for c in cands if c.layer == "text"}
    headings -= {key(c.value) for c in cands if c.layer not in ("text", "html")}
    for c in cands:
        parts = _SEPARATOR.split(c.value) if c.layer == "html" and headings else []
        if len(parts) != 2 or ":" in _SEPARATOR.findall(c.value)[0]:
            continue
        start, end = parts
        if key(end) in headings and len(end) < len(start) and not _is_site(start, names):
            return {key(end)} - {""}
    return set()


def site_keys(site_names: Iterable[str], url: str) -> set[str]:
    names = {key(n) for n in site_names if 0 < len(key(n)) <= 60}
    host = (urlsplit(url).hostname or "").lower()
    labels = [lab for lab in host.split(".") if lab not in GENERIC_HOST_LABELS]
    if labels:
        names.add(key(labels[0]))
        names.add(key("".join(labels)))
    names.discard("")
    return names


def learned_suffixes(values: list[str], printed: Iterable[str] = ()) -> set[str]:
    """Suffixes that one candidate has and another lacks: "Headline | Site" vs "Headline".

    Only suffixes are learned this way: a leading difference is usually a kicker that belongs
    to the headline ("Election 2024: ..."); leading site names are caught by name instead.
    """
    suffixes: set[str] = set()
    for a in values:
        for b in values:
            if len(b) < MIN_HEADLINE_CHARS or len(b) >= len(a):
                continue
            if a.casefold().startswith(b.casefold()):
                rest = a[len(b):]
                separated = rest[:1].isspace() or not rest[:1].isalnum()
                if separated and 0 < len(rest.split()) <= MAX_AFFIX_WORDS and key(rest):
                    suffixes.add(rest.strip().casefold())
    # What the page's own heading ends with belongs to the headline: the shorter candidate
    # was cut off ("Storms escalate, residents urged to leave" vs "Storms escalate").
    ends = [v.casefold() for v in printed]
    return {s for s in suffixes if not any(e.endswith(s) for e in ends)}


def _is_site(segment: str, names: set[str]) -> bool:
    k = key(segment)
    if not k or k in names:
        return True
    short = len(segment.split()) <= 4
    return short and len(k) >= 3 and any(len(n) >= 4 and (n in k or k in n) for n in names)


def strip_affixes(title: str, names: set[str], suffixes: Iterable[str] = ()) -> str:
    """The title without a learned suffix, and without leading or trailing site-name segments."""
    folded = title.casefold()
    for suffix in sorted(suffixes, key=len, reverse=True):
        if folded.endswith(suffix) and len(title) - len(suffix) >= MIN_HEADLINE_CHARS:
            title = title[: len(title) - len(suffix)].rstrip(" -–—|:·•/")
            break
    for _ in range(3):
        parts = _SEPARATOR.split(title)
        seps = _SEPARATOR.findall(title)
        if len(parts) < 2:
            break
        if _is_site(parts[-1], names) and len(parts[-1]) < len(title) / 1.5:
            title = title[: title.rfind(seps[-1])].strip()
        elif _is_site(parts[0], names) and len(parts[0]) < len(title) / 1.5:
            title = title[title.find(seps[0]) + len(seps[0]):].strip()
        else:
            break
    return _TRAILING_SEPARATOR.sub("", title)


def _priority(candidate: TitleCandidate) -> int:
    layer = candidate.layer
    return LAYER_PRIORITY.index(layer) if layer in LAYER_PRIORITY else len(LAYER_PRIORITY)
