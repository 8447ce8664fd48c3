"""Hover cards printed inside a paragraph stay out of the body; the word they explain stays in."""

from __future__ import annotations

from newscrawl.extraction import extract
from tests.extraction.pages import GENERIC, STORY, URL, html_page, story_html

CARD = ('<span class="person-tooltip"><a class="tooltip-link" href="/people/linda-okafor">'
        'Linda Okafor</a><span class="tooltip-card"><img src="/img/okafor.jpg" alt="">'
        '<a href="/people/linda-okafor">Linda Okafor</a>'
        '<a href="/2024/02/ferry-fares">Ferry fares rise again as the council seeks savings</a>'
        '<a href="/2024/01/new-library">Library plans approved after a long wait</a>'
        "</span></span>")


def _page() -> str:
    first = ("Mayor " + CARD + " cut a ribbon at the northern end of the span while a brass band "
             "played and several hundred residents walked across the new deck.")
    body = f"<main><article><h1>Harbour bridge reopens</h1><p>{first}</p>{story_html()}</article></main>"
    return html_page("", body)


def test_hover_card_links_are_not_body_text() -> None:
    text = " ".join(extract(_page(), URL, GENERIC).body)
    assert "Ferry fares rise again" not in text
    assert "Library plans approved" not in text


def test_word_explained_by_a_hover_card_stays_in_the_paragraph() -> None:
    body = extract(_page(), URL, GENERIC).body
    assert any(p.startswith("Mayor Linda Okafor cut a ribbon") for p in body)
    assert body[-len(STORY):] == STORY
