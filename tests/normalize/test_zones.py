from __future__ import annotations

import pytest

from newscrawl.items import ArticleDraft, DateCandidate
from newscrawl.normalize.zones import guess_zone
from newscrawl.process import resolve_timestamps
from newscrawl.sites.profile import GENERIC, SiteProfile, load_profile


@pytest.mark.parametrize(
    ("url", "language", "zone"),
    [
        ("https://www.gazzetta-example.it/news/1", None, "Europe/Rome"),
        ("https://news.example.co.uk/a", "en", "Europe/London"),
        ("https://www.example.de/a", "en", "Europe/Berlin"),  # the domain before the language
        ("https://blog.example.com/a", "de-AT", "Europe/Berlin"),
        ("https://blog.example.com/a", "ja", "Asia/Tokyo"),
    ],
)
def test_zone_guessed_from_country_domain_then_language(url: str, language: str | None,
                                                        zone: str) -> None:
    guessed = guess_zone(url, language)
    assert guessed is not None and guessed.key == zone


@pytest.mark.parametrize(
    ("url", "language"),
    [
        ("https://www.example.com/a", "en"),  # English is written in many zones
        ("https://www.example.com.au/a", None),  # Australia keeps several
        ("http://127.0.0.1:8765/a", None),
        ("https://www.example.org/a", "es-MX"),
    ],
)
def test_no_zone_where_none_is_clear(url: str, language: str | None) -> None:
    assert guess_zone(url, language) is None


def _published(url: str, raw: str, *, profile: SiteProfile = GENERIC) -> str | None:
    draft = ArticleDraft(url=url, site=profile.name, profile=profile)
    draft.dates = [DateCandidate(raw, "jsonld", "published")]
    resolve_timestamps(draft)
    return draft.published_at


def test_time_without_offset_on_a_generic_site_is_read_in_its_country_zone() -> None:
    assert _published("https://www.example.de/a", "2024-05-03T14:24:00") == "2024-05-03T14:24:00+02:00"


def test_time_without_offset_on_an_unplaceable_site_stays_utc() -> None:
    assert _published("https://www.example.com/a", "2024-05-03T14:24:00") == "2024-05-03T14:24:00+00:00"


def test_profile_zone_wins_over_the_domain() -> None:
    profile = load_profile("washingtontimes")
    url = "https://www.example.de/a"
    assert _published(url, "2024-05-03T14:24:00", profile=profile) == "2024-05-03T14:24:00-04:00"
