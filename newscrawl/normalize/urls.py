"""Article URLs in one canonical spelling, so the same article is one key in the crawl state.

`canonicalize_url` lowercases scheme and host, drops default ports, the fragment and tracking
parameters, sorts the remaining query parameters and normalizes percent-encoding. It keeps the
path's case and the `www.` of the host: both can name a different resource. A page's own
`<link rel=canonical>` is better evidence than any rule here; the caller prefers it when present.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from urllib.parse import SplitResult, unquote_plus, urlsplit, urlunsplit

from w3lib.url import canonicalize_url as _w3lib_canonicalize

# Query parameters that say how a reader arrived, never which article they asked for.
TRACKING_PARAMS: frozenset[str] = frozenset(
    {
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid",
        "ttclid", "igshid", "igsh", "mc_cid", "mc_eid", "_ga", "_gl", "_hsenc", "_hsmi",
        "mkt_tok", "oly_anon_id", "oly_enc_id", "vero_id", "vero_conv", "rb_clickid",
        "s_cid", "cmpid", "ocid", "smid", "smtyp", "ito", "spm", "ref", "ref_src",
        "ref_url", "at_medium", "at_campaign", "at_custom1", "__twitter_impression",
        "soc_src", "soc_trk", "taid", "ncid", "sr_share",
    }
)  # fmt: skip
# Families of tracking parameters named by prefix (Google, Matomo, Piwik, HubSpot).
TRACKING_PREFIXES: tuple[str, ...] = ("utm_", "mtm_", "pk_", "hsa_")

DEFAULT_PORTS: dict[str, int] = {"http": 80, "https": 443}
_WEB_SCHEMES = frozenset(DEFAULT_PORTS)


def is_tracking_param(name: str) -> bool:
    key = name.lower()
    return key in TRACKING_PARAMS or key.startswith(TRACKING_PREFIXES)


def _strip_tracking(query: str) -> str:
    # Filter the raw `name=value` pairs so the kept ones keep their original encoding.
    kept = []
    for pair in query.split("&"):
        if not pair:
            continue
        name = unquote_plus(pair.partition("=")[0])
        if not is_tracking_param(name):
            kept.append(pair)
    return "&".join(kept)


def _host_port(parts: SplitResult) -> str:
    host = (parts.hostname or "").rstrip(".")
    if ":" in host:  # an IPv6 literal keeps its brackets
        host = f"[{host}]"
    port = parts.port
    if port is not None and port != DEFAULT_PORTS.get(parts.scheme):
        host = f"{host}:{port}"
    # Credentials never name an article, and must not end up in the state or the output.
    return host


def _split_web_url(url: str) -> SplitResult:
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in _WEB_SCHEMES or not parts.hostname:
        raise ValueError(f"not an absolute http(s) URL: {url!r}")
    try:
        parts.port  # noqa: B018 - urllib checks the port only when asked for it
    except ValueError as exc:
        raise ValueError(f"bad port in URL {url!r}: {exc}") from None
    return parts


def http_url(url: str) -> str:
    """`url`, stripped, if it is an absolute http(s) URL with a host; ValueError otherwise."""
    try:
        _split_web_url(url)
    except ValueError as exc:
        if str(exc).startswith(("not an", "bad port")):
            raise
        raise ValueError(f"not an absolute http(s) URL: {url!r} ({exc})") from None
    return url.strip()


# The spider, dedup, the store, the journal and the story index each ask for the key of the
# same URL: a canonical spelling costs some 50 µs to make, and a crawl asks ~20 times a page.
@lru_cache(maxsize=8192)
def canonicalize_url(url: str) -> str:
    """The canonical spelling of an absolute http(s) URL; ValueError for anything else.

    User info (`user:password@`) is dropped along with the tracking parameters.
    """
    parts = _split_web_url(url)
    stripped = parts._replace(query=_strip_tracking(parts.query), fragment="")
    # w3lib sorts the query, drops the fragment and normalizes percent-encoding and IDNA.
    normalized = urlsplit(_w3lib_canonicalize(urlunsplit(stripped), keep_blank_values=True))
    return urlunsplit(
        (
            normalized.scheme.lower(),
            _host_port(normalized),
            normalized.path or "/",
            normalized.query,
            "",
        )
    )


def url_key(url: str) -> str:
    """The state key of a URL: its canonical form without the scheme.

    Sites serve one article over http and https alike (feeds often still say http), so the
    scheme does not tell two articles apart.
    """
    return canonicalize_url(url).partition(":")[2]


def host_of(url: str) -> str:
    return (urlsplit(url.strip()).hostname or "").rstrip(".").lower()


def is_same_site(url: str, domains: Iterable[str]) -> bool:
    """True when the URL's host is one of `domains` or a subdomain of one."""
    host = host_of(url)
    if not host:
        return False
    for domain in domains:
        d = domain.strip().lstrip(".").rstrip(".").lower()
        if d and (host == d or host.endswith("." + d)):
            return True
    return False
