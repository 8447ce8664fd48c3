from __future__ import annotations

import pytest

from newscrawl.items import ArticleDraft, Image
from newscrawl.normalize.chrome import Rule, RuleSet, clean_body
from newscrawl.sites.profile import Chrome, SiteProfile
from tests.extraction.pages import HEADLINES, SHORT_STORY

PROSE = [
    "The council approved the new budget on Monday after a long debate about school funding "
    "and the cost of repairing the harbour bridge.",
    "Opposition members said the plan relied on optimistic forecasts for tourism revenue, "
    "which fell sharply during the last two winters, and they asked for an independent review "
    "of the figures.",
    "The budget now goes to the regional authority, which has six weeks to raise objections "
    "before it takes effect in the spring, a spokesman for the council said on Tuesday evening.",
]


def _cleaned(body: list[str], profile: SiteProfile | None = None) -> ArticleDraft:
    draft = ArticleDraft(url="https://news.example.org/a", site="example")
    if profile is not None:
        draft.profile = profile
    draft.body = list(body)
    clean_body(draft)
    return draft


@pytest.mark.parametrize("chrome", [
    "Copyright © 2024 Eastport Post, LLC.",
    "© 2024 Eastport Media. All rights reserved.",
    "Alle Rechte vorbehalten.",
    "Please read our comment policy before commenting.",
    "Share this article",
    "Facebook Twitter Email",
    "Sign in",
    "Comment as a guest or Login for more enhanced interactive experience",
    "Sign up for our morning newsletter",
    "Advertisement",
    "Anzeige",
    "0.157 seconds",
    "We use cookies to improve your experience on our site.",
    "Read more: Council votes on new tram line",
    "Partager",
])
def test_chrome_paragraph_is_dropped(chrome: str) -> None:
    assert _cleaned([PROSE[0], chrome, *PROSE[1:]]).body == PROSE


def test_prose_mentioning_chrome_words_is_kept() -> None:
    body = [
        "Readers who sign in to the archive can read the copyright dispute that the newspaper "
        "lost in 1998, the judge said, and share this history with their students.",
        *PROSE,
    ]
    assert _cleaned(body).body == body


@pytest.mark.parametrize("header", [
    "Related stories", "Elsewhere on Eastport", "More from Eastport Post", "Lesen Sie auch",
    "À lire aussi", "Noticias relacionadas", "Comments (12)",
])
def test_trailing_list_after_header_is_cut(header: str) -> None:
    tail = [header, "Ferry timetable changes in spring", "New tram line gets green light"]
    assert _cleaned([*PROSE, *tail]).body == PROSE


def test_header_followed_by_more_article_drops_only_the_header() -> None:
    body = [PROSE[0], "Related articles", PROSE[1], PROSE[2]]
    assert _cleaned(body).body == PROSE


def test_comment_lines_with_name_and_date_end_the_body() -> None:
    tail = ["reader42 | 28/1/2019", "Totally agree with this.", "Post a New Comment"]
    assert _cleaned([*PROSE, *tail]).body == PROSE


def test_photo_credit_line_moves_to_images() -> None:
    caption = "The mayor opens the bridge on Tuesday. Photo: Ana Ruiz/Eastport Wire"
    draft = _cleaned([caption, *PROSE])
    assert draft.body == PROSE
    assert draft.images == [Image(None, caption)]


def test_agency_photo_caption_moves_to_images() -> None:
    caption = "Workers repaint the railings, March 1, 2024. (AP Photo/Jane Roe)"
    draft = _cleaned([*PROSE[:2], caption, PROSE[2]])
    assert draft.body == PROSE
    assert draft.images[0].caption == caption


def test_leading_byline_line_becomes_a_byline_candidate() -> None:
    draft = _cleaned(["By Mara Lindqvist and Kofi Mensah", *PROSE])
    assert draft.body == PROSE
    bylines = [(c.value, c.layer) for c in draft.bylines]
    assert bylines == [("By Mara Lindqvist and Kofi Mensah", "text")]


def test_repeated_paragraph_is_kept_once() -> None:
    assert _cleaned([PROSE[0], PROSE[0], *PROSE[1:]]).body == PROSE


def test_lines_the_page_repeats_further_down_are_kept() -> None:
    header = "| Stop | Monday to Friday | Saturday | Sunday |"
    step = "Stir well and let it rest for five minutes."
    refrain = "And the tide comes in, and the tide goes out"
    body = [PROSE[0], header, "| Quay | 06:10 | 07:10 | 08:10 |", step, refrain, PROSE[1],
            header, "| Market | 06:25 | 07:25 | 08:25 |", step, refrain, *PROSE[2:], refrain]
    assert _cleaned(body).body == body


def test_site_line_patterns_apply() -> None:
    profile = SiteProfile(name="example", chrome=Chrome(lines=(r"(?i)^tip us off\b",)))
    assert _cleaned([*PROSE, "Tip us off at tips@example.org"], profile).body == PROSE


@pytest.mark.parametrize("chrome", [
    "This post may contain affiliate links.",
    "Aktualisiert am 17.01.2024.",
    "Updated at 1:23 p.m.",
    "Permalink: https://eastport.example/2024/bridge",
    "Keine Kommentare",
    "Zum Newsletter anmelden",
    "Do you want to hear from the Eastport Post first? Sign up here",
])
def test_more_chrome_lines_are_dropped(chrome: str) -> None:
    assert _cleaned([PROSE[0], chrome, *PROSE[1:]]).body == PROSE


@pytest.mark.parametrize("header", [
    "Weitere Informationen:", "Schon gelesen?", "Kontakt:", "Quellen:",
    "| Weitere Artikel zum Thema |",
])
def test_german_list_headers_cut_the_trailing_list(header: str) -> None:
    tail = [header, "Fährplan ändert sich im Frühjahr", "Neue Tramlinie genehmigt"]
    assert _cleaned([*PROSE, *tail]).body == PROSE


def test_list_bullet_does_not_hide_a_chrome_line() -> None:
    assert _cleaned([*PROSE, "- Read more: Council votes on new tram line"]).body == PROSE


def test_update_line_in_prose_is_kept() -> None:
    line = ("Updated figures released on Monday show the bridge carried more traffic in its "
            "first week than in any week before the closure, the transport office said.")
    assert _cleaned([*PROSE, line]).body == [*PROSE, line]


@pytest.mark.parametrize("chrome", [
    "Inhaltsverzeichnis",
    "Schreiben Sie uns oder folgen Sie uns auf Facebook, oder abonnieren Sie hier unseren Newsletter.",
])
def test_navigation_and_pointer_lines_are_dropped(chrome: str) -> None:
    assert _cleaned([PROSE[0], chrome, *PROSE[1:]]).body == PROSE


def test_list_header_written_with_no_break_spaces_is_recognised() -> None:
    body = [*PROSE, "|\xa0\xa0Weitere\xa0Artikel\xa0zum\xa0Thema |", "Hafen: neue Fähre ab Mai"]
    assert _cleaned(body).body == PROSE


def test_list_header_mid_story_goes_when_a_later_list_is_cut() -> None:
    body = [PROSE[0], "See also:", "- The council's budget page", PROSE[1], PROSE[2],
            "Related stories", "- Ferry fares rise again"]
    assert _cleaned(body).body == [PROSE[0], "- The council's budget page", PROSE[1], PROSE[2]]


@pytest.mark.parametrize("chrome", [
    "Les også: Ferjeprisene øker igjen i sommer",
    "Czytaj też: Nowy prom od maja",
    "Leggi anche",
    "Stand: 05.03.2024, 06:00 Uhr",
    "02:57 Min.. Verfügbar bis 19.03.2024.",
])
def test_multilingual_pointer_and_stamp_lines_are_dropped(chrome: str) -> None:
    assert _cleaned([PROSE[0], chrome, *PROSE[1:]]).body == PROSE


def test_line_closing_with_an_agency_picture_credit_is_a_caption() -> None:
    caption = "Cyclists cross the rebuilt deck. © EPA / JANE ROE"
    draft = _cleaned([PROSE[0], caption, *PROSE[1:]])
    assert draft.body == PROSE
    assert draft.images == [Image(None, caption)]


def test_a_sign_up_offer_in_the_text_is_kept() -> None:
    """'Sign up for ...' opens sentences of article text (a deal, an offer), not only chrome."""
    line = "Sign up for a museum winter pass for $40 a month"
    assert _cleaned([PROSE[0], line, *PROSE[1:]]).body == [PROSE[0], line, *PROSE[1:]]


@pytest.mark.parametrize("chrome", ["Sign in", "Log out", "Sign up for our newsletter"])
def test_account_lines_are_dropped(chrome: str) -> None:
    assert _cleaned([PROSE[0], chrome, *PROSE[1:]]).body == PROSE


def _cleaned_with_links(body: list[str], links: list[str]) -> list[str]:
    draft = ArticleDraft(url="https://news.example.org/a", site="example")
    draft.body = list(body)
    draft.link_texts = frozenset(links)
    clean_body(draft)
    return draft.body


def test_most_read_box_mid_story_loses_only_its_links() -> None:
    body = [*PROSE, "Most read", *HEADLINES, *SHORT_STORY]
    assert _cleaned_with_links(body, HEADLINES) == [*PROSE, *SHORT_STORY]


def test_trailing_list_of_links_is_cut() -> None:
    body = [*PROSE, "Most read", *(f"- {line}" for line in HEADLINES)]
    assert _cleaned_with_links(body, HEADLINES) == PROSE


def test_trailing_list_with_times_beside_its_links_is_cut() -> None:
    body = [*PROSE, "Related stories", *(f"{line} 3 hours ago" for line in HEADLINES)]
    assert _cleaned_with_links(body, HEADLINES) == PROSE


def test_comment_thread_header_still_ends_the_body_on_an_html_page() -> None:
    body = [*PROSE, "Comments (2)", "Totally agree with this.", "Not sure about the cost."]
    assert _cleaned_with_links(body, HEADLINES) == PROSE


def test_related_box_of_headlines_and_teasers_is_cut() -> None:
    teasers = ["The vote was close and the mayor promised a review of the costs.",
               "Operators say the new boats will cut crossing times by a third.",
               "Organisers hope the move will bring better weather and more visitors."]
    box = [line for pair in zip([f"{h} {h}" for h in HEADLINES], teasers, strict=True)
           for line in pair]  # each headline printed by its picture link and its title link
    assert _cleaned_with_links([*PROSE, "Related stories", *box], HEADLINES) == PROSE


def test_list_header_over_unlinked_source_lines_still_ends_the_body() -> None:
    body = [*PROSE, "Weitere Informationen", "- Landtag, Stellungnahmen", "- Interviews"]
    assert _cleaned_with_links(body, HEADLINES) == PROSE


@pytest.mark.parametrize("line", [
    "Follow this topic",
    "Follow the author",
    "Follow Eastport Post on Facebook, Twitter and Instagram.",
    "Follow us on Google News to get our stories in your feed.",
    "Folgen Sie uns auf Twitter",
    "Suivez-nous sur Instagram",
])
def test_follow_prompts_are_dropped(line: str) -> None:
    assert _cleaned([PROSE[0], line, *PROSE[1:]]).body == PROSE


def test_prose_telling_readers_to_follow_advice_is_kept() -> None:
    body = [*PROSE, "Follow these tips from the harbour master on windy days: keep to the "
            "inner lane, slow down on the ramps and never stop on the deck."]
    assert _cleaned(body).body == body


@pytest.mark.parametrize("line", [
    "Tags: harbour, bridges, city council",
    "Filed under: Eastport |",
    "Schlagwörter: Hafen, Brücke",
    "Mots-clés : pont, port",
])
def test_tag_list_lines_are_dropped(line: str) -> None:
    assert _cleaned([*PROSE, line]).body == PROSE


ABOUT_ACME = [
    "About Harbourline Ferries",
    "Harbourline Ferries is a family-owned operator founded in 1961 that runs twelve routes "
    "between the islands of the northern archipelago. For more information visit its website.",
]


@pytest.mark.parametrize("closing", [
    ABOUT_ACME,
    [*ABOUT_ACME, "About Eastport Council:",
     "Eastport Council serves 40,000 residents.", "Media contact: press@eastport.example"],
    ["Über Nordlicht Energie GmbH",
     "Nordlicht Energie GmbH betreibt seit 1998 Windparks an der Küste."],
])
def test_company_boilerplate_closing_the_body_is_cut(closing: list[str]) -> None:
    assert _cleaned([*PROSE, *closing]).body == PROSE


@pytest.mark.parametrize("closing", [
    # a subheading about a thing, not a company's name
    ["About the new timetable",
     "The new timetable adds two late crossings on Fridays and Saturdays in summer."],
    # a company named by the header, but the paragraph after it is not its description
    ["About Harbourline Ferries", "Passengers said the crossings were late all week."],
])
def test_closing_subheadings_that_are_no_company_boilerplate_stay(closing: list[str]) -> None:
    body = [*PROSE, *closing]
    assert _cleaned(body).body == body


def test_about_header_opening_the_story_stays() -> None:
    body = [*ABOUT_ACME, *PROSE]
    assert _cleaned(body).body == body


def test_rules_anchored_at_the_line_start_match_there_only_and_others_anywhere() -> None:
    sources = ("^sign in\\b", "^(?:read|see) more|share this", "^\\W{0,3}(?:copyright|©)",
               "\\ball rights reserved\\b")
    rules = RuleSet.of((Rule("test", 30, sources),))
    assert rules.matches("Sign in to comment", 4)
    assert not rules.matches("Readers who sign in get more", 6)
    assert rules.matches("Please share this story", 4)  # the branch after "|" is not anchored
    assert rules.matches("-- © 2024 Harbour Courier", 4)
    assert rules.matches("Harbour Courier. All rights reserved.", 5)
    assert not rules.matches("Read more", 31)  # over the rules' word limit
