from __future__ import annotations

import pytest

from newscrawl.normalize.urls import (
    TRACKING_PARAMS,
    canonicalize_url,
    is_same_site,
    is_tracking_param,
    url_key,
)


def test_scheme_and_host_are_lowercased() -> None:
    assert canonicalize_url("HTTPS://News.Example.COM/a") == "https://news.example.com/a"


def test_path_case_is_kept() -> None:
    assert canonicalize_url("https://example.com/World/Story-A") == (
        "https://example.com/World/Story-A"
    )


def test_www_is_kept() -> None:
    assert canonicalize_url("https://WWW.example.com/a") == "https://www.example.com/a"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://example.com:80/a", "http://example.com/a"),
        ("https://example.com:443/a", "https://example.com/a"),
    ],
)
def test_default_ports_are_dropped(url: str, expected: str) -> None:
    assert canonicalize_url(url) == expected


def test_other_ports_are_kept() -> None:
    assert canonicalize_url("http://127.0.0.1:8080/a") == "http://127.0.0.1:8080/a"


def test_fragment_is_dropped() -> None:
    assert canonicalize_url("https://example.com/a#comments") == "https://example.com/a"


def test_utm_parameters_are_dropped() -> None:
    url = "https://example.com/a?utm_source=rss&utm_medium=feed&UTM_Campaign=x"
    assert canonicalize_url(url) == "https://example.com/a"


@pytest.mark.parametrize(
    "param", ["fbclid", "gclid", "mc_cid", "mc_eid", "ref", "_ga", "igshid", "msclkid"]
)
def test_named_tracking_parameters_are_dropped(param: str) -> None:
    assert canonicalize_url(f"https://example.com/a?id=7&{param}=x") == (
        "https://example.com/a?id=7"
    )


def test_remaining_query_parameters_are_sorted() -> None:
    assert canonicalize_url("https://example.com/a?z=1&b=2&a=3") == (
        "https://example.com/a?a=3&b=2&z=1"
    )


def test_blank_query_values_are_kept() -> None:
    assert canonicalize_url("https://example.com/a?page=") == "https://example.com/a?page="


def test_empty_query_is_dropped() -> None:
    assert canonicalize_url("https://example.com/a?") == "https://example.com/a"


def test_empty_path_becomes_slash() -> None:
    assert canonicalize_url("https://example.com") == "https://example.com/"


def test_percent_encoding_is_normalized() -> None:
    assert canonicalize_url("https://example.com/%7euser/a b") == (
        "https://example.com/~user/a%20b"
    )


def test_encoded_reserved_characters_stay_encoded() -> None:
    assert canonicalize_url("https://example.com/a?next=%2Fb%3Fc") == (
        "https://example.com/a?next=%2Fb%3Fc"
    )


def test_international_host_becomes_punycode() -> None:
    assert canonicalize_url("https://münchen.example/a") == "https://xn--mnchen-3ya.example/a"


def test_trailing_dot_of_host_is_dropped() -> None:
    assert canonicalize_url("https://example.com./a") == "https://example.com/a"


def test_credentials_are_dropped() -> None:
    assert canonicalize_url("https://user:secret@example.com/a") == "https://example.com/a"


def test_surrounding_whitespace_is_ignored() -> None:
    assert canonicalize_url("  https://example.com/a\n") == "https://example.com/a"


def test_canonicalizing_twice_changes_nothing() -> None:
    once = canonicalize_url("HTTP://Example.com:80/A?b=2&utm_source=x&a=1#f")
    assert canonicalize_url(once) == once


@pytest.mark.parametrize("url", ["/relative/path", "mailto:someone@example.com", "", "ftp://x/a"])
def test_non_web_urls_are_rejected(url: str) -> None:
    with pytest.raises(ValueError):
        canonicalize_url(url)


def test_bad_port_is_rejected() -> None:
    with pytest.raises(ValueError, match="port"):
        canonicalize_url("https://example.com:99999/a")


def test_tracking_params_are_plain_data() -> None:
    assert {"fbclid", "gclid", "mc_cid", "mc_eid", "_ga", "igshid"} <= TRACKING_PARAMS


def test_tracking_prefixes_are_recognised() -> None:
    assert is_tracking_param("utm_term")


def test_content_parameters_are_not_tracking() -> None:
    assert not is_tracking_param("id")


def test_url_key_ignores_the_scheme() -> None:
    assert url_key("http://example.com/a?utm_source=x") == url_key("https://example.com/a")


def test_url_key_keeps_the_host() -> None:
    assert url_key("https://example.com/a") == "//example.com/a"


def test_same_site_matches_the_domain() -> None:
    assert is_same_site("https://example.com/a", ["example.com"])


def test_same_site_matches_subdomains() -> None:
    assert is_same_site("https://www.news.example.com/a", ["example.com"])


def test_same_site_ignores_case_and_port() -> None:
    assert is_same_site("https://WWW.Example.com:8443/a", ["example.COM"])


def test_same_site_rejects_lookalike_suffixes() -> None:
    assert not is_same_site("https://badexample.com/a", ["example.com"])


def test_same_site_rejects_other_hosts() -> None:
    assert not is_same_site("http://localhost:8000/a", ["127.0.0.1"])


def test_same_site_without_domains_is_false() -> None:
    assert not is_same_site("https://example.com/a", [])
