"""The likely time zone of a site without a profile: by its country domain, then its language.

Times with no offset are read in this zone, and a time given in UTC is shown in it, so a
record names the day the site's readers saw. The table is data (vocab/zones.toml).
"""

from __future__ import annotations

from functools import cache
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from newscrawl import vocab


@cache
def _tables() -> tuple[dict[str, str], dict[str, str]]:
    data = vocab.load("zones")
    return dict(data.get("tld", {})), dict(data.get("language", {}))


def guess_zone(url: str, language: str | None = None) -> ZoneInfo | None:
    """The zone of the URL's country domain ("co.uk" counts as "uk"), else of the language."""
    by_tld, by_language = _tables()
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    tld = host.rsplit(".", 1)[-1] if "." in host else ""
    name = by_tld.get(tld)
    if name is None and language:
        name = by_language.get(language.replace("_", "-").split("-")[0].lower())
    return ZoneInfo(name) if name else None
