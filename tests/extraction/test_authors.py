"""Authors through extraction and normalization: invented pages, one layout each."""

from __future__ import annotations

import json
from typing import Any

from newscrawl.extraction import extract
from newscrawl.items import ArticleDraft
from newscrawl.process import resolve_bylines
from tests.extraction.pages import GENERIC, URL, article_page


def _jsonld(author: Any) -> str:
    data = {"@context": "https://schema.org", "@type": "NewsArticle",
            "headline": "Harbour bridge reopens after repairs", "author": author,
            "publisher": {"@type": "Organization", "name": "Eastport Post"}}
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def _resolved(head: str = "", header: str = "", extra: str = "") -> ArticleDraft:
    draft = extract(article_page(head, header, extra), URL, GENERIC)
    resolve_bylines(draft)
    return draft


def _names(draft: ArticleDraft) -> list[str]:
    return [a.name for a in draft.authors]


def test_text_bylines_of_other_stories_do_not_join_the_structured_author() -> None:
    related = ('<section class="more-stories"><div class="story-card">'
               '<span class="author">von Tobias Renner</span></div></section>')
    draft = _resolved(_jsonld({"@type": "Person", "name": "Mara Lindqvist"}), extra=related)
    assert _names(draft) == ["Mara Lindqvist"]
    assert draft.sources["authors"] == "jsonld"


def test_meta_author_does_not_join_the_structured_author() -> None:
    head = _jsonld({"@type": "Person", "name": "Mara Lindqvist"})
    head += '<meta name="author" content="Tobias Renner">'
    assert _names(_resolved(head)) == ["Mara Lindqvist"]


def test_structured_names_list_with_comma_gives_two_people() -> None:
    head = '<meta name="author" content="Mara Lindqvist, Tobias Renner">'
    assert _names(_resolved(head)) == ["Mara Lindqvist", "Tobias Renner"]


def test_structured_author_that_is_the_site_gives_way_to_the_printed_byline() -> None:
    head = (_jsonld({"@type": "Person", "name": "Eastport Post"})
            + '<meta property="og:site_name" content="Eastport Post">')
    draft = _resolved(head, header='<p class="byline">Von Mara Lindqvist</p>')
    assert _names(draft) == ["Mara Lindqvist"]


def test_wire_service_credited_on_its_own_site_stays_an_agency() -> None:
    head = (_jsonld({"@type": "Organization", "name": "Associated Press"})
            + '<meta property="og:site_name" content="Associated Press">')
    draft = _resolved(head)
    assert draft.authors == []
    assert draft.agencies == ["Associated Press"]


def test_byline_text_split_over_elements_keeps_the_words_apart() -> None:
    header = ('<div class="byline">Von<a href="/autor/ml">Mara Lindqvist</a>'
              "<span>Korrespondentin</span></div>")
    assert _names(_resolved(header=header)) == ["Mara Lindqvist"]
