"""The body starts with the article's text: the header lines printed above it (headline,
kicker, byline, date line, caption) are dropped from its top, and only there."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newscrawl.extraction import extract
from newscrawl.items import ArticleDraft, Candidate, DateCandidate, Image
from newscrawl.normalize.echoes import drop_echoes
from newscrawl.process import normalize
from tests.extraction.pages import GENERIC, STORY, URL, html_page, story_html

TITLE = "Harbour bridge reopens after repairs"


def draft(*top: str, body: list[str] | None = None, **fields: object) -> ArticleDraft:
    d = ArticleDraft(url=URL, site="example", fetched_at=datetime(2024, 3, 6, tzinfo=UTC),
                     title=TITLE, body=[*top, *(body if body is not None else STORY)])
    for name, value in fields.items():
        setattr(d, name, value)
    drop_echoes(d)
    return d


def test_headline_printed_again_opens_no_body() -> None:
    assert draft(TITLE).body == STORY


def test_headline_printed_with_small_changes_goes_too() -> None:
    d = draft("The presidential campaigns brace for an intense sprint to Election Day",
              title="The presidential campaigns brace for a sprint to Election Day")
    assert d.body == STORY


def test_headline_with_the_site_name_goes() -> None:
    d = draft(f"{TITLE} | Eastport Post", headlines=[TITLE, f"{TITLE} | Eastport Post"])
    assert d.body == STORY


def test_another_headline_value_of_the_page_is_recognised() -> None:
    d = draft("Eastport bridge is open again", headlines=["Eastport bridge is open again"])
    assert d.body == STORY


def test_kicker_above_the_headline_goes_with_it() -> None:
    assert draft("TRANSPORT:", TITLE).body == STORY
    assert draft(f"Transport {TITLE}").body == STORY  # printed on one line


def test_byline_and_date_lines_under_the_headline_go() -> None:
    d = draft(TITLE, "By Linda Okafor", "March 5, 2024",
              bylines=[Candidate("Linda Okafor", "jsonld")],
              dates=[DateCandidate("2024-03-05T09:30:00+01:00", "jsonld")])
    assert d.body == STORY


def test_byline_and_date_on_one_line_go() -> None:
    d = draft("Linda Okafor | 5 March 2024 09:30", bylines=[Candidate("Linda Okafor", "text")],
              dates=[DateCandidate("5 March 2024 09:30", "text")])
    assert d.body == STORY


def test_picture_caption_at_the_top_goes() -> None:
    caption = "Cyclists cross the rebuilt deck on Tuesday. Photo: Jane Roe"
    d = draft("Cyclists cross the rebuilt deck on Tuesday.",
              images=[Image("https://news.example.org/bridge.jpg", caption)])
    assert d.body == STORY


def test_summary_printed_as_the_lead_stays_even_when_a_picture_shares_it() -> None:
    lead = "The city's oldest bridge is open again after eighteen months of repairs."
    d = draft(lead, description=lead, images=[Image("https://news.example.org/b.jpg", lead)])
    assert d.body == [lead, *STORY]


def test_section_name_at_the_top_goes() -> None:
    assert draft("Local", section="Local").body == STORY


def test_headline_repeated_further_down_stays() -> None:
    body = [STORY[0], TITLE, *STORY[1:]]
    assert draft(body=body).body == body


def test_first_sentence_that_shares_the_headline_words_stays() -> None:
    lead = "Harbour bridge reopens after repairs, the city said on Tuesday."
    assert draft(lead).body == [lead, *STORY]


def test_short_label_that_is_no_kicker_stays() -> None:
    assert draft("Analysis").body == ["Analysis", *STORY]


def test_body_of_nothing_but_the_headline_is_left_alone() -> None:
    assert draft(body=[TITLE]).body == [TITLE]


def test_page_printing_its_headline_in_the_text_gives_a_body_without_it() -> None:
    header = (f"<p class='kicker'>Transport</p><h1>{TITLE}</h1><p>By Linda Okafor</p>"
              "<p>March 5, 2024</p>")
    page = html_page(f"<title>{TITLE} | Eastport Post</title>"
                     '<meta property="article:published_time" content="2024-03-05T09:30:00Z">',
                     f"<main><div>{header}{story_html()}</div></main>")
    d = normalize(extract(page, URL, GENERIC))
    assert d.body == STORY


@pytest.mark.parametrize("closing", [
    ["Published 5 March 2024"],
    ["Erstellt am: 01.11.2023"],
    ["Publicado el 03/05/2022 a las 22h03", "Updated: March 6, 2024"],
])
def test_date_lines_closing_the_body_are_dropped(closing: list[str]) -> None:
    draft = ArticleDraft(url="https://news.example.org/a", site="example")
    draft.body = [*STORY, *closing]
    drop_echoes(draft)
    assert draft.body == STORY


@pytest.mark.parametrize("closing", [
    "— Jane Roe (@janeroe) March 5, 2024",
    "| 2024-03-05 | $500 | Jane Roe |",
    "The bridge will close again on 5 March 2024 for a final inspection of its cables.",
])
def test_closing_lines_that_are_more_than_a_date_stay(closing: str) -> None:
    draft = ArticleDraft(url="https://news.example.org/a", site="example")
    draft.body = [*STORY, closing]
    drop_echoes(draft)
    assert draft.body == [*STORY, closing]
