"""Datelines: the place, and the wire service, that open a story's first paragraph.

`parse_dateline("BAGHDAD (AP) — Text")` gives
`Dateline(place="BAGHDAD", agency="Associated Press")`.

Choices:
- The place is returned as printed (no case change), with the state or country that follows a
  comma ("KYIV, Ukraine", "WASHINGTON, D.C.", "PORTLAND, Ore.") and without a date part
  ("LONDON, Jan 5 (Reuters) -" gives "LONDON").
- The place must be in capitals, or, in mixed case ("Berlin (dpa) -"), be followed by a wire
  service in parentheses that agencies.toml knows. At most five words, no digits.
- Separators: em or en dash, "-", "--" and EFE's ".-". A colon counts only after a parenthesis
  ("BEIRUT (AFP): text"): a bare "BEIRUT: text" is refused, because kickers look the same
  ("UPDATE: ...", "EXCLUSIVE: ...").
- Kicker words in capitals (BREAKING, UPDATE, ANALYSIS, ...) are never places.
- A parenthesis that names no known agency ("LONDON (CNN) -") leaves `agency` None.
- The paragraph is only read, never changed: the body keeps its text as printed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newscrawl import vocab
from newscrawl.normalize.bylines import canonical_agency


@dataclass(frozen=True)
class Dateline:
    place: str  # as printed: "BAGHDAD", "ST. LOUIS", "KYIV, Ukraine", "WASHINGTON, D.C."
    agency: str | None  # canonical agency named inside it: "(AP)" -> "Associated Press"


# The head (place, region, date) up to an optional "(Agency)" and a separator. The head is
# lazy, so the first separator ends it; a hyphen counts only before a space ("WINSTON-SALEM").
_DATELINE_RE = re.compile(
    r"\s*(?P<head>[^\W\d_][^()\[\]\n—–:]{0,80}?)"
    r"\s*(?:\((?P<agency>[^()\n]{1,40})\)\s*)?"
    r"(?P<sep>[—–]|--(?=\s)|\.?-(?=\s)|:(?=\s))"
)
_HEAD_PART_RE = re.compile(r"[^,]+")
_AGENCY_SPLIT_RE = re.compile(r"\s*[/,;]\s*")
_MAX_PLACE_WORDS = 5
_MAX_REGION_WORDS = 3
_MAX_REGIONS = 2
# Kicker words in capitals and the small words inside place names (vocab/datelines.toml).
_KICKERS = frozenset(vocab.words("datelines", "kickers"))
_MIXED_CASE_CONNECTORS = frozenset(vocab.words("datelines", "connectors"))

def _is_caps(text: str) -> bool:
    return any(c.isupper() for c in text) and text == text.upper()


def _agency(inner: str | None) -> str | None:
    """The first known agency in "(dpa)", "(dpa/lby)", "(AP, Reuters)"."""
    for part in _AGENCY_SPLIT_RE.split(inner or ""):
        if agency := canonical_agency(part):
            return agency
    return None


def _place_ok(place: str, mixed_case_allowed: bool) -> bool:
    words = place.split()
    if not 1 <= len(words) <= _MAX_PLACE_WORDS or any(c.isdigit() for c in place):
        return False
    if sum(c.isalpha() for c in place) < 2 or place.upper() in _KICKERS:
        return False
    if _is_caps(place):
        return True
    return (
        mixed_case_allowed
        and all(w[0].isupper() or w in _MIXED_CASE_CONNECTORS for w in words)
        and words[0][0].isupper()
    )


def _region_ok(part: str) -> bool:
    words = part.split()
    return 1 <= len(words) <= _MAX_REGION_WORDS and all(w[0].isupper() for w in words)


def _place_end(head: str) -> int | None:
    """Where place and region end in the head, before any date part; None if malformed."""
    parts = list(_HEAD_PART_RE.finditer(head))
    end = parts[0].end()
    regions = 0
    in_date = False
    for part in parts[1:]:
        text = part.group().strip()
        if any(c.isdigit() for c in text):
            in_date = True
        elif in_date or regions == _MAX_REGIONS or not _region_ok(text):
            return None
        else:
            regions += 1
            end = part.end()
    return end


def parse_dateline(first_paragraph: str) -> Dateline | None:
    """The dateline opening a paragraph, or None when it does not open with one."""
    match = _DATELINE_RE.match(first_paragraph)
    if match is None:
        return None
    if match.group("sep") == ":" and match.group("agency") is None:
        return None
    head = match.group("head").rstrip()
    end = _place_end(head) if "," in head else len(head)
    if end is None:
        return None
    agency = _agency(match.group("agency"))
    place = head[:end].strip()
    first = place.split(",")[0].strip()
    if not _place_ok(first, mixed_case_allowed=agency is not None):
        return None
    return Dateline(place=place, agency=agency)
