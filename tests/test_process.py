"""The normalization steps on a draft, as a crawl and `newscrawl extract` run them."""

from __future__ import annotations

from newscrawl.items import ArticleDraft, Candidate
from newscrawl.process import resolve_bylines, resolve_dateline_language
from newscrawl.sites.profile import SiteProfile

RUDAW = SiteProfile(name="rudaw", domains=("rudaw.net",), publisher=("Rudaw",))


def resolved(*bylines: Candidate, profile: SiteProfile = RUDAW) -> ArticleDraft:
    draft = ArticleDraft(url="https://www.rudaw.net/english/a", site="rudaw", profile=profile,
                         bylines=list(bylines))
    resolve_bylines(draft)
    return draft


def test_byline_naming_only_the_site_is_kept_raw_and_is_the_credit() -> None:
    draft = resolved(Candidate("By Rudaw", "site"))
    assert (draft.authors, draft.agencies) == ([], [])
    assert draft.byline_raw == "By Rudaw"
    assert draft.credit == "Rudaw"
    assert draft.to_record()["credit"] == "Rudaw"


def test_credit_stands_only_where_no_person_is_named() -> None:
    draft = resolved(Candidate("Rudaw", "jsonld"), Candidate("By Layla Haddad", "text"))
    assert draft.credit is None


def test_wire_service_in_the_dateline_takes_the_place_of_the_credit() -> None:
    draft = resolved(Candidate("By Rudaw", "site"))
    draft.body = ["ERBIL (AFP) - The city council met on Tuesday to discuss the new bridge."]
    resolve_dateline_language(draft)
    assert (draft.agencies, draft.credit) == (["AFP"], None)


def test_raw_byline_without_a_person_comes_from_the_best_layer() -> None:
    draft = resolved(Candidate("By Rudaw", "site"), Candidate("Rudaw Media Network", "meta"))
    assert draft.byline_raw == "By Rudaw"


def test_raw_byline_of_a_person_is_the_byline_that_named_them() -> None:
    draft = resolved(Candidate("Newsroom", "jsonld"), Candidate("By Layla Haddad", "text"))
    assert [a.name for a in draft.authors] == ["Layla Haddad"]
    assert draft.byline_raw == "By Layla Haddad"


def test_page_without_a_byline_has_no_raw_byline() -> None:
    assert resolved().byline_raw is None
