"""The url layer: a publication date written into the article's URL path."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from newscrawl.extraction.fields import Fields

# /2019/01/28/, /2019/jan/28/, /2019-01-28/, /20190128/ ; year 1995-2039 only.
URL_DATE_PATTERNS = (
    re.compile(r"/((?:199[5-9]|20[0-3]\d)/(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01]))(?:/|$|[-_])"),
    re.compile(r"/((?:199[5-9]|20[0-3]\d)/[a-z]{3}/(?:0?[1-9]|[12]\d|3[01]))/", re.IGNORECASE),
    re.compile(r"[/_-]((?:199[5-9]|20[0-3]\d)-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01]))(?:[/_.-]|$)"),
    re.compile(r"/((?:199[5-9]|20[0-3]\d)(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))/"),
)


def url_fields(url: str) -> Fields:
    found = Fields("url")
    path = urlsplit(url).path
    for pattern in URL_DATE_PATTERNS:
        match = pattern.search(path)
        if match:
            found.published = [match.group(1)]
            break
    return found
