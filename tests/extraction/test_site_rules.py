from __future__ import annotations

import json

from newscrawl.extraction import extract
from newscrawl.sites.profile import Chrome, Selectors
from tests.extraction.pages import URL, article_page, profile


def test_site_selectors_win_over_structured_data() -> None:
    ld = json.dumps({"@type": "NewsArticle", "headline": "Structured headline here",
                     "author": {"@type": "Person", "name": "Structured Author"}})
    head = f'<script type="application/ld+json">{ld}</script>'
    header = '<h2 class="kicker">Site headline here</h2><span class="writer">Site Author</span>'
    rules = Selectors(title=("h2.kicker",), byline=(".missing", "span.writer"))
    draft = extract(article_page(head, header), URL, profile(rules))
    assert draft.title == "Site headline here"
    assert draft.sources["title"] == "site"
    assert draft.bylines[0].value == "Site Author"
    assert draft.bylines[0].layer == "site"


def test_selector_with_attribute_reads_the_attribute() -> None:
    header = '<span class="stamp" data-published="2024-03-05 08:00">Tuesday</span>'
    rules = Selectors(date=("span.stamp@data-published",))
    draft = extract(article_page(header=header), URL, profile(rules))
    assert (draft.dates[0].raw, draft.dates[0].layer) == ("2024-03-05 08:00", "site")


def test_site_body_selector_gives_the_body() -> None:
    rules = Selectors(body=("div.article-body",))
    draft = extract(article_page(), URL, profile(rules))
    assert draft.sources["body"] == "site"
    assert len(draft.body) == 4


def test_chrome_selectors_are_removed_before_extraction() -> None:
    extra = ('<div class="share-tools">'
             "<p>Share this story with your friends and family today</p></div>")
    rules = Selectors(body=("article",))
    draft = extract(article_page(extra=extra), URL,
                    profile(rules, Chrome(selectors=(".share-tools",))))
    assert not any("Share this story" in p for p in draft.body)
