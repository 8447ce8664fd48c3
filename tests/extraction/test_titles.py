from __future__ import annotations

from newscrawl.extraction import extract
from newscrawl.extraction.titles import TitleCandidate, choose_title
from tests.extraction.pages import GENERIC, URL, article_page, html_page, story_html


def test_site_suffix_learned_from_og_site_name_is_stripped() -> None:
    head = ("<title>Harbour bridge reopens after repairs | Eastport Post</title>"
            '<meta property="og:site_name" content="Eastport Post">')
    page = html_page(head, f"<div>{story_html()}</div>")
    draft = extract(page, URL, GENERIC)
    assert draft.title == "Harbour bridge reopens after repairs"


def test_site_prefix_named_by_the_host_is_stripped() -> None:
    chosen = choose_title([TitleCandidate("Example News: Harbour bridge reopens", "html")], [],
                          "https://www.examplenews.com/a/1")
    assert chosen is not None and chosen.value == "Harbour bridge reopens"


def test_suffix_learned_by_comparing_candidates() -> None:
    candidates = [TitleCandidate("Harbour bridge reopens - Local - The Courier", "html"),
                  TitleCandidate("Harbour bridge reopens", "text")]
    chosen = choose_title(candidates, [], URL)
    assert chosen is not None and chosen.value == "Harbour bridge reopens"


def test_headline_with_colon_kicker_is_kept_whole() -> None:
    title = "Election 2024: Harbour bridge reopens after repairs"
    chosen = choose_title([TitleCandidate(title, "opengraph")], ["Eastport Post"], URL)
    assert chosen is not None and chosen.value == title


def test_structured_headline_preferred_over_page_title() -> None:
    head = ('<meta property="og:title" content="Harbour bridge reopens after repairs">'
            "<title>Bridge news - Eastport Post</title>")
    draft = extract(article_page(head), URL, GENERIC)
    assert draft.title == "Harbour bridge reopens after repairs"
    assert draft.sources["title"] == "opengraph"
