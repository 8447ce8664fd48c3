"""Boxes inside the article and lists around it, through extraction and normalization: the
story stays whole, the boxes go (issue 9, failure classes seen on publishers nobody tuned for)."""

from __future__ import annotations

import json

import pytest

from newscrawl.extraction import ExtractionError, extract
from newscrawl.items import ArticleDraft
from newscrawl.process import normalize
from tests.extraction.pages import (
    GENERIC,
    HEADLINES,
    SHORT_STORY,
    STORY,
    URL,
    html_page,
    story_html,
)


def _link_list(headlines: list[str]) -> str:
    items = "".join(f'<li><a href="/story/{i}">{h}</a></li>' for i, h in enumerate(headlines))
    return f"<ul>{items}</ul>"


def _article(body_html: str) -> str:
    return html_page(body=(
        '<nav><a href="/">Home</a> <a href="/local">Local</a></nav>'
        f"<article><h1>Harbour bridge reopens after repairs</h1>{body_html}</article>"
        "<footer><p>Contact us</p></footer>"))


def _record(page: str) -> ArticleDraft:
    return normalize(extract(page, URL, GENERIC))


def test_most_read_box_mid_story_keeps_the_rest_of_the_story() -> None:
    box = f"<p><strong>Most read</strong></p>{_link_list(HEADLINES)}"
    page = _article(f'<div class="article-body">{story_html()}{box}{story_html(SHORT_STORY)}</div>')
    assert _record(page).body == [*STORY, *SHORT_STORY]


MORE_STORY = [
    "Engineers will inspect the cables again in the autumn, when the first winter storms are "
    "expected to test the new deck.",
    "The council has set aside a reserve for further repairs, which the opposition called too "
    "small for a bridge of this age.",
]
AD_SLOT = '<div class="ad-slot"><p>Advertisement</p></div>'


def test_story_split_by_an_ad_slot_is_read_whole() -> None:
    page = _article(f'<div class="article-body">{story_html()}</div>{AD_SLOT}'
                    f'<div class="article-body">{story_html(MORE_STORY)}</div>')
    assert _record(page).body == [*STORY, *MORE_STORY]


def test_a_box_of_the_same_kind_right_after_the_story_is_not_joined() -> None:
    bio = ("<h3>About the author</h3><p>Jane Roe has covered the harbour and its bridges for "
           "the paper since 2009 and lives in Eastport with two cats.</p>")
    page = _article(f'<div class="article-body">{story_html()}</div>'
                    f'<div class="article-body">{bio}</div>')
    assert _record(page).body == STORY


BOXES = {
    "promotion": '<div class="article-promo"><p>Get the Eastport Post app and read every '
                 "story of the week on your phone, free for the first month.</p></div>",
    "donation": '<div class="donation-box"><p>Independent local news needs your support. '
                "Give what you can today and keep our reporters in the council chamber.</p></div>",
    "author biography": '<div class="author-bio"><p>Jane Roe has covered the harbour for the '
                        "paper since 2009 and writes about transport and city finances.</p></div>",
    "sign-up form": '<div class="newsletter-signup"><p>The morning briefing brings the day\'s '
                    "five most important local stories to your inbox before seven.</p></div>",
}


@pytest.mark.parametrize("name", sorted(BOXES))
def test_box_inside_the_article_container_is_not_body(name: str) -> None:
    half = len(STORY) // 2
    page = _article(f'<div class="article-body">{story_html(STORY[:half])}{BOXES[name]}'
                    f"{story_html(STORY[half:])}</div>")
    assert _record(page).body == STORY


def test_box_words_in_a_longer_class_name_do_not_take_the_story() -> None:
    page = _article(f'<div class="node node-article node-promoted">{story_html()}</div>')
    assert _record(page).body == STORY


def _jsonld_page(article_body: str) -> str:
    ld = json.dumps({"@type": "NewsArticle", "headline": "Harbour bridge reopens",
                     "articleBody": article_body})
    return html_page(f'<script type="application/ld+json">{ld}</script>',
                     "<article><h1>Harbour bridge reopens after repairs</h1>"
                     f'<div class="article-body">{story_html()}</div></article>')


@pytest.mark.parametrize("twice", ["\n".join(STORY * 2), " ".join(STORY * 2)])
def test_article_body_in_structured_data_twice_over_is_not_chosen(twice: str) -> None:
    draft = _record(_jsonld_page(twice))
    assert draft.body == STORY
    assert draft.sources["body"] == "generic"


def test_a_text_given_twice_over_is_kept_once() -> None:
    from newscrawl.extraction.body import said_once

    assert said_once(STORY * 2) == STORY
    assert said_once([" ".join(STORY * 2)]) == [" ".join(STORY)]
    assert said_once([*STORY, STORY[0]]) == [*STORY, STORY[0]]


BRIEF = ("The harbour bridge will close to traffic on Sunday night from ten until six for a "
         "final inspection of its new cables, the city said.")


def _brief_page(head: str) -> str:
    return html_page(head, "<article><h1>Harbour bridge closes on Sunday night</h1>"
                           f'<div class="article-body"><p>{BRIEF}</p></div></article>')


def test_short_news_item_with_a_date_and_headline_in_its_metadata_is_an_article() -> None:
    head = ('<meta name="title" content="Harbour bridge closes on Sunday night">'
            '<meta name="date" content="2024-03-05T09:30:00+01:00">')
    assert _record(_brief_page(head)).body == [BRIEF]


def test_short_page_without_article_signals_is_not_an_article() -> None:
    with pytest.raises(ExtractionError) as err:
        _record(_brief_page('<meta name="title" content="Harbour bridge closes on Sunday night">'))
    assert err.value.reason == "not_article"


LINKED = ("In 2019 the council said that the bridge <a href=\"/bridge-plan\">could reopen within "
          "two years</a>.")


def _wrapped(paragraph: str) -> str:
    return f'<div class="text-block"><div class="inner"><p>{paragraph}</p></div></div>'


def test_paragraph_with_a_link_between_two_kept_ones_stays() -> None:
    blocks = [_wrapped(p) for p in STORY]
    blocks.insert(2, _wrapped(LINKED))
    page = _article(f'<div class="article-body">{"".join(blocks)}</div>')
    linked = "In 2019 the council said that the bridge could reopen within two years."
    assert _record(page).body == [*STORY[:2], linked, *STORY[2:]]


def test_linked_line_in_a_box_of_another_shape_between_two_kept_ones_stays_out() -> None:
    box = '<div class="teaser"><p><a href="/ferry">Ferry fares rise again in spring</a></p></div>'
    blocks = [_wrapped(p) for p in STORY]
    blocks.insert(2, box)
    page = _article(f'<div class="article-body">{"".join(blocks)}</div>')
    assert _record(page).body == STORY
