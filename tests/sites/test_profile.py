from __future__ import annotations

import pytest

from newscrawl.sites import available_sites, load_profile, profile_for_url
from newscrawl.sites.profile import profile_from_dict, render_mode


def test_every_site_profile_loads_with_a_valid_time_zone_and_pattern() -> None:
    for name in available_sites():
        profile = load_profile(name)
        assert profile.name == name
        assert profile.tz.key == profile.time_zone
        assert profile.article_pattern is not None


def test_unknown_site_gets_the_generic_profile() -> None:
    profile = load_profile("no-such-site")
    assert profile.base_url == "" and profile.selectors.body == ()


@pytest.mark.parametrize(
    ("url", "site"),
    [
        ("https://www.rudaw.net/english/middleeast/iraq/280120192", "rudaw"),
        ("https://www.washingtontimes.com/news/2019/jan/28/some-story/", "washingtontimes"),
        ("https://example.org/news/1", None),
    ],
)
def test_profile_for_url_matches_domains(url: str, site: str | None) -> None:
    found = profile_for_url(url)
    assert (found.name if found else None) == site


@pytest.mark.parametrize(
    ("site", "path", "expected"),
    [
        ("rudaw", "english/middleeast/iraq/280120192", True),  # a day's later article
        ("rudaw", "english/middleeast/iraq/06022025", True),  # the day's first article
        ("rudaw", "english/opinion/14022019", True),
        ("rudaw", "english/middleeast", False),
        ("rudaw", "english/middleeast/iraq/35022025", False),  # no such day
        ("rudaw", "english/tags/2025", False),
        ("washingtontimes", "news/2019/jan/28/some-story/", True),
        ("washingtontimes", "news/politics/", False),
    ],
)
def test_article_patterns_work_on_a_mirror(site: str, path: str, expected: bool) -> None:
    mirror = load_profile(site).with_base("http://127.0.0.1:8123/" + site)
    assert mirror.is_article_url(mirror.base_url + path) is expected


def test_mirror_rewrites_live_links() -> None:
    live = load_profile("washingtontimes")
    mirror = live.with_base("http://127.0.0.1:8123/wt/")
    link = live.base_url + "news/2019/jan/28/some-story/"
    assert mirror.to_mirror(link) == "http://127.0.0.1:8123/wt/news/2019/jan/28/some-story/"
    assert "127.0.0.1" in mirror.domains


def test_generic_profile_names_the_site_by_host() -> None:
    assert load_profile("news").site_for("https://www.ledger.example/a/1") == "ledger.example"


def test_mirror_rewrites_live_links_whatever_their_scheme() -> None:
    mirror = load_profile("rudaw").with_base("http://127.0.0.1:8123/rudaw/")
    link = "http://www.rudaw.net/english/middleeast/iraq/280120192"
    assert mirror.to_mirror(link) == "http://127.0.0.1:8123/rudaw/english/middleeast/iraq/280120192"


@pytest.mark.parametrize(
    ("value", "mode"),
    [(True, True), (False, False), ("auto", "auto"), ("AUTO", "auto"), ("1", True), ("0", False),
     ("true", True), ("off", False), ("", None), (None, None)],
)
def test_render_values_read_as_on_off_or_auto(value: object, mode: object) -> None:
    assert render_mode(value) == mode


def test_an_unknown_render_value_is_refused() -> None:
    with pytest.raises(ValueError, match="auto"):
        render_mode("sometimes")
    with pytest.raises(ValueError, match="auto"):
        profile_from_dict({"name": "x", "render": "sometimes"})


def test_a_profile_may_render_automatically() -> None:
    assert profile_from_dict({"name": "x", "render": "auto"}).render == "auto"
    assert profile_from_dict({"name": "x", "render": True}).render is True
    assert profile_from_dict({"name": "x"}).render is False


def test_sites_without_a_profile_render_automatically_and_seed_sites_never() -> None:
    assert load_profile("news").render == "auto"
    assert load_profile("no-such-site").render == "auto"
    for name in ("rudaw", "washingtontimes"):  # static sites: no browser, ever
        assert load_profile(name).render is False
