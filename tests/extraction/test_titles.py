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


def test_cut_off_title_teaches_no_suffix_when_the_heading_has_the_whole_headline() -> None:
    full = "Storms escalate in Eastport, residents urged to avoid the harbour"
    candidates = [TitleCandidate(full, "jsonld"), TitleCandidate(full, "text"),
                  TitleCandidate("Storms escalate in Eastport", "html")]
    chosen = choose_title(candidates, [], URL)
    assert chosen is not None and chosen.value == full


def test_separator_left_at_the_end_is_dropped() -> None:
    chosen = choose_title([TitleCandidate("Harbour bridge reopens after repairs -", "jsonld")],
                          [], URL)
    assert chosen is not None and chosen.value == "Harbour bridge reopens after repairs"


def test_heading_that_is_the_site_logo_is_not_the_headline() -> None:
    candidates = [TitleCandidate("Harbour Notes", "text"),
                  TitleCandidate("Why the old bridge needed new cables | Harbour Notes", "html")]
    chosen = choose_title(candidates, [], URL)
    assert chosen is not None and chosen.value == "Why the old bridge needed new cables"


def test_short_heading_at_the_start_of_the_title_is_the_headline() -> None:
    candidates = [TitleCandidate("Bridge reopens", "text"),
                  TitleCandidate("Bridge reopens | A blog about harbours, ferries and bridges",
                                 "html")]
    chosen = choose_title(candidates, [], URL)
    assert chosen is not None and chosen.value == "Bridge reopens"


def test_heading_after_a_colon_kicker_in_the_title_is_the_headline() -> None:
    candidates = [TitleCandidate("Harbour bridge reopens", "text"),
                  TitleCandidate("Election 2024: Harbour bridge reopens", "html")]
    chosen = choose_title(candidates, [], URL)
    assert chosen is not None and chosen.value == "Harbour bridge reopens"


def test_section_suffix_learned_from_a_meta_headline_no_layer_chose() -> None:
    # og:title, twitter:title and <title> all carry "-Section|Site"; only the plain "headline"
    # meta shows where the headline ends.
    decorated = "Harbour bridge reopens after repairs-Local|Eastport Post"
    head = (f'<meta property="og:title" content="{decorated}">'
            f'<meta name="twitter:title" content="{decorated}"><title>{decorated}</title>'
            '<meta name="headline" content="Harbour bridge reopens after repairs">'
            '<meta property="og:site_name" content="Eastport Post">')
    draft = extract(html_page(head, f"<div>{story_html()}</div>"), URL, GENERIC)
    assert draft.title == "Harbour bridge reopens after repairs"


def test_site_name_with_a_tagline_is_cut_whole() -> None:
    site = "Eastport Post - News, Sport, Weather and Local Life in Eastport"
    title = f"Harbour bridge reopens after repairs - {site}"
    candidates = [TitleCandidate(title, "jsonld"), TitleCandidate(title, "opengraph"),
                  TitleCandidate(title, "html")]
    chosen = choose_title(candidates, [site], URL)
    assert chosen is not None and chosen.value == "Harbour bridge reopens after repairs"


# --- the headline as printed, when structured data shortened it -------------------------------


def _with_h1(h1: str, head: str) -> str:
    body = f"<article><h1>{h1}</h1><div class='article-body'>{story_html()}</div></article>"
    return html_page(f"<title>Eastport Post</title>{head}", body)


def _ld_headline(headline: str) -> str:
    return ('<script type="application/ld+json">{"@context": "https://schema.org", '
            f'"@type": "NewsArticle", "headline": "{headline}"}}</script>')


def test_shortened_jsonld_headline_gives_way_to_the_h1_og_title_agrees_with() -> None:
    full = "Harbour bridge reopens after eighteen months of repairs"
    head = _ld_headline("Harbour bridge reopens") + f'<meta property="og:title" content="{full}">'
    draft = extract(_with_h1(full, head), URL, GENERIC)
    assert (draft.title, draft.sources["title"]) == (full, "opengraph")


def test_jsonld_headline_without_the_kicker_of_the_h1_gives_way_to_og_title() -> None:
    head = (_ld_headline("Brücke wieder offen nach Reparatur")
            + '<meta property="og:title" content="Verkehr / Brücke wieder offen nach Reparatur">')
    draft = extract(_with_h1("<span>Verkehr</span>Brücke wieder offen nach Reparatur", head),
                    URL, GENERIC)
    assert draft.title == "Verkehr / Brücke wieder offen nach Reparatur"


def test_rewritten_jsonld_headline_keeps_its_place() -> None:
    # Words of its own: another edit of the headline, not a shortened one.
    printed = "Harbour bridge reopens after repairs"
    head = (_ld_headline("Eastport bridge open again after repairs")
            + f'<meta property="og:title" content="{printed}">')
    draft = extract(_with_h1(printed, head), URL, GENERIC)
    assert draft.title == "Eastport bridge open again after repairs"


def test_shortened_jsonld_headline_that_og_title_repeats_keeps_its_place() -> None:
    head = (_ld_headline("Harbour bridge reopens")
            + '<meta property="og:title" content="Harbour bridge reopens">')
    draft = extract(_with_h1("Harbour bridge reopens after eighteen months", head), URL, GENERIC)
    assert draft.title == "Harbour bridge reopens"


# --- a kicker inside the h1 ---------------------------------------------------------------------


def test_kicker_span_inside_the_h1_is_set_off_with_a_colon() -> None:
    h1 = '<span class="kicker">Verkehr</span> <span class="title">Brücke wieder offen</span>'
    assert extract(_with_h1(h1, ""), URL, GENERIC).title == "Verkehr: Brücke wieder offen"


def test_kicker_keeps_the_hidden_separator_the_page_prints() -> None:
    h1 = ('<span class="kicker">Verkehr</span><span class="visually-hidden">: </span>'
          '<span class="title">Brücke wieder offen</span>')
    assert extract(_with_h1(h1, ""), URL, GENERIC).title == "Verkehr: Brücke wieder offen"


def test_kicker_printed_with_a_dash_keeps_it() -> None:
    h1 = '<span class="kicker">Verkehr –</span> <span class="title">Brücke wieder offen</span>'
    assert extract(_with_h1(h1, ""), URL, GENERIC).title == "Verkehr – Brücke wieder offen"
