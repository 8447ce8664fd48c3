"""Site profiles: all per-site knowledge, read from one small TOML file per site.

A profile holds only what differs from the defaults. Paths of feeds, sitemaps and sections are
relative to `base_url`, so the same profile crawls the live site or a mirror of it (`start_url`).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, replace
from functools import cache, cached_property
from importlib import resources
from typing import Literal
from urllib.parse import urljoin, urlsplit
from zoneinfo import ZoneInfo

DateOrder = Literal["DMY", "MDY", "YMD"]
# Whether article pages go through a browser: always (True), never (False), or "auto": only a
# page whose fetched HTML turns out to be a script-built shell (see extraction/shell.py).
RenderMode = bool | Literal["auto"]
_RENDER_WORDS: dict[str, RenderMode] = {
    "auto": "auto", "1": True, "true": True, "yes": True, "on": True,
    "0": False, "false": False, "no": False, "off": False,
}  # fmt: skip


def render_mode(value: object) -> RenderMode | None:
    """A `render` value of a profile or of NEWSCRAWL_RENDER: true/false (or 1/0, yes/no,
    on/off) and "auto"; None when unset (None or ""). Raises ValueError for anything else."""
    if value is None or isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if not text:
        return None
    if text not in _RENDER_WORDS:
        raise ValueError(f"render must be true, false or \"auto\", not {value!r}")
    return _RENDER_WORDS[text]


@dataclass(frozen=True)
class Selectors:
    """CSS selectors, tried in order; "sel@attr" reads an attribute instead of the text."""

    title: tuple[str, ...] = ()
    byline: tuple[str, ...] = ()
    date: tuple[str, ...] = ()
    modified: tuple[str, ...] = ()
    body: tuple[str, ...] = ()
    section: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Chrome:
    """Page chrome of one site: elements dropped before extraction, body lines dropped after."""

    selectors: tuple[str, ...] = ()
    lines: tuple[str, ...] = ()

    @cached_property
    def line_patterns(self) -> tuple[re.Pattern[str], ...]:
        return tuple(re.compile(p) for p in self.lines)


@dataclass(frozen=True)
class SiteProfile:
    name: str
    base_url: str = ""
    live_base_url: str = ""  # set when base_url points at a mirror of the live site
    domains: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()
    article_url: str = ""  # regex searched in the URL path (mirror prefix removed)
    time_zone: str = ""  # IANA name; empty: unknown, guessed per page (normalize/zones.py)
    date_order: DateOrder = "MDY"
    language: str = ""
    publisher: tuple[str, ...] = ()  # names of the site itself: never an author
    render: RenderMode = False  # article pages need a browser (scrapy-playwright): see above
    download_delay: float = 0.5
    concurrency: int = 4
    # Share of a run's records that must have each field (title, published_at,
    # authors_or_agencies, body); fields not named here use NEWSCRAWL_COVERAGE_FLOORS.
    floors: dict[str, float] = field(default_factory=dict)
    selectors: Selectors = field(default_factory=Selectors)
    chrome: Chrome = field(default_factory=Chrome)

    @cached_property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone or "UTC")

    @cached_property
    def article_pattern(self) -> re.Pattern[str] | None:
        return re.compile(self.article_url) if self.article_url else None

    def with_base(self, base_url: str) -> SiteProfile:
        """The same site served from another origin (a mirror or the demo site)."""
        base = base_url if base_url.endswith("/") else base_url + "/"
        host = urlsplit(base).hostname or ""
        domains = self.domains if host in self.domains else (*self.domains, host)
        live = self.live_base_url or self.base_url
        return replace(self, base_url=base, live_base_url=live, domains=domains)

    def to_mirror(self, url: str) -> str:
        """A link to the live site, rewritten to the mirror being crawled (if any)."""
        if not self.live_base_url:
            return url
        live = _without_scheme(self.live_base_url)
        bare = _without_scheme(url)
        return self.base_url + bare[len(live):] if bare.startswith(live) else url

    def absolute(self, path: str) -> str:
        return urljoin(self.base_url, path.lstrip("/")) if self.base_url else path

    def site_path(self, url: str) -> str:
        """The URL's path relative to the site root, so patterns work on mirrors too."""
        base_path = urlsplit(self.base_url).path if self.base_url else "/"
        path = urlsplit(url).path
        if base_path != "/" and path.startswith(base_path):
            path = "/" + path[len(base_path):]
        return path

    def site_for(self, url: str) -> str:
        """The record's `site`: the profile's name, or the host for the generic profile."""
        if self.base_url or self.name != GENERIC_NAME:
            return self.name
        host = (urlsplit(url).hostname or "").lower()
        return host.removeprefix("www.") or self.name

    def is_article_url(self, url: str) -> bool:
        pattern = self.article_pattern
        return bool(pattern and pattern.search(self.site_path(url)))


def _without_scheme(url: str) -> str:
    return url.split("://", 1)[-1]


GENERIC_NAME = "news"
# Any site without a profile: a page is rendered when it turns out to be a script-built shell.
GENERIC = SiteProfile(name=GENERIC_NAME, render="auto")


def _tuple(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list | tuple):
        return tuple(str(v) for v in value)
    raise TypeError(f"expected a string or a list of strings, got {value!r}")


def profile_from_dict(data: dict[str, object]) -> SiteProfile:
    data = dict(data)
    selectors = data.pop("selectors", {}) or {}
    chrome = data.pop("chrome", {}) or {}
    floors = data.pop("floors", {}) or {}
    assert isinstance(selectors, dict) and isinstance(chrome, dict) and isinstance(floors, dict)
    tuples = {k: _tuple(v) for k, v in data.items() if isinstance(v, list)}
    if "render" in data:
        data["render"] = render_mode(data["render"]) or False
    return SiteProfile(
        **{**data, **tuples},  # type: ignore[arg-type]
        selectors=Selectors(**{k: _tuple(v) for k, v in selectors.items()}),
        chrome=Chrome(**{k: _tuple(v) for k, v in chrome.items()}),
        floors={str(k): float(v) for k, v in floors.items()},
    )


@cache
def available_sites() -> tuple[str, ...]:
    files = resources.files("newscrawl.sites").iterdir()
    return tuple(sorted(f.name.removesuffix(".toml") for f in files if f.name.endswith(".toml")))


# Profiles are frozen, so each file is read once per process: profile_for_url runs per page.
@cache
def load_profile(name: str) -> SiteProfile:
    """The profile named `name`; the generic profile for "news" or an unknown name."""
    try:
        text = resources.files("newscrawl.sites").joinpath(f"{name}.toml").read_text("utf-8")
    except FileNotFoundError:
        return replace(GENERIC, name=name)
    return profile_from_dict(tomllib.loads(text))


def profile_for_url(url: str) -> SiteProfile | None:
    """The profile whose domains include the URL's host, if any."""
    host = (urlsplit(url).hostname or "").lower()
    for name in available_sites():
        profile = load_profile(name)
        if any(host == d or host.endswith("." + d) for d in profile.domains):
            return profile
    return None
