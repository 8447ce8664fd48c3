from __future__ import annotations

import json

import lxml.html
import pytest

from newscrawl.extraction import ExtractionError, extract
from newscrawl.extraction.body import _is_calendar
from newscrawl.normalize.chrome import clean_body
from tests.extraction.pages import GENERIC, STORY, URL, article_page, html_page, story_html


def test_generic_body_is_the_story_without_navigation_and_footer() -> None:
    draft = extract(article_page(), URL, GENERIC)
    assert draft.body == STORY
    assert draft.sources["body"] == "generic"


def test_figure_caption_goes_to_images_not_body() -> None:
    figure = ('<figure><img src="/img/bridge.jpg" alt="">'
              "<figcaption>Cyclists cross the rebuilt deck on Tuesday.</figcaption></figure>")
    page = article_page(header=figure)
    draft = extract(page, URL, GENERIC)
    assert not any("Cyclists cross" in p for p in draft.body)
    image = next(i for i in draft.images if i.caption)
    assert image.url == "https://news.example.org/img/bridge.jpg"
    assert image.caption == "Cyclists cross the rebuilt deck on Tuesday."


def test_comment_thread_related_list_and_copyright_are_not_body() -> None:
    tail = (
        "<p>More from Eastport Post</p>"
        '<p><a href="/tram">Council votes on new tram line</a></p>'
        '<p><a href="/ferry">Ferry timetable changes in spring</a></p>'
        "<p>Copyright © 2024 Eastport Post. All rights reserved.</p>"
    )
    draft = extract(html_page(body=f"<div>{story_html()}{tail}</div>"), URL, GENERIC)
    clean_body(draft)
    assert draft.body == STORY


def test_complete_article_body_in_jsonld_is_used_when_page_text_is_thin() -> None:
    ld = json.dumps({"@type": "NewsArticle", "headline": "Harbour bridge reopens",
                     "articleBody": "\n".join(STORY)})
    page = html_page(f'<script type="application/ld+json">{ld}</script>',
                     "<div><p>Harbour bridge reopens after repairs, our reporter writes.</p></div>")
    draft = extract(page, URL, GENERIC)
    assert draft.body == STORY
    assert draft.sources["body"] == "jsonld"


def test_listing_page_is_not_an_article() -> None:
    items = "".join(
        f'<li><h3><a href="/story/{i}">Council news item {i} about the harbour works</a></h3>'
        f"<p>A short teaser for item {i}.</p></li>"
        for i in range(12)
    )
    with pytest.raises(ExtractionError) as err:
        extract(html_page(body=f"<main><ul>{items}</ul></main>"), URL, GENERIC)
    assert err.value.reason == "not_article"


def test_page_without_article_text_is_not_an_article() -> None:
    with pytest.raises(ExtractionError) as err:
        extract(html_page(body="<div><p>Page not found.</p></div>"), URL, GENERIC)
    assert err.value.reason == "not_article"


def test_page_declared_as_about_page_is_not_an_article() -> None:
    ld = json.dumps({"@type": "AboutPage", "name": "About the Eastport Post"})
    page = html_page(f'<script type="application/ld+json">{ld}</script>',
                     f"<main><h1>About us</h1>{story_html()}</main>")
    with pytest.raises(ExtractionError) as err:
        extract(page, URL, GENERIC)
    assert err.value.reason == "not_article"


def _calendar_table() -> str:
    head = "<tr>" + "".join(f"<th>{d}</th>" for d in ("Mo", "Di", "Mi", "Do", "Fr", "Sa", "So")) + "</tr>"
    cells = [""] * 3 + [str(d) for d in range(1, 30)]
    rows = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in cells[i:i + 7]) + "</tr>"
                   for i in range(0, len(cells), 7))
    return f"<table><tr><td colspan='7'>Februar 2024</td></tr>{head}{rows}</table>"


def test_calendar_widget_is_recognised() -> None:
    table = lxml.html.fragment_fromstring(_calendar_table())
    assert _is_calendar(table)


def test_league_table_is_no_calendar() -> None:
    rows = "".join(f"<tr><td>Club {n}</td><td>{n}</td><td>{n + 1}</td><td>{n + 2}</td>"
                   f"<td>{n}</td><td>{n}</td><td>{n * 3}</td></tr>" for n in range(1, 12))
    table = lxml.html.fragment_fromstring(
        "<table><tr><th>Club</th><th>P</th><th>W</th><th>D</th><th>L</th><th>GD</th>"
        f"<th>Pts</th></tr>{rows}</table>")
    assert not _is_calendar(table)


def test_calendar_widgets_stay_out_of_the_body() -> None:
    # A booking page: month calendars above the text.
    calendars = "".join(f"<div>{_calendar_table()}</div>" for _ in range(4))
    body = f"<div><div>{calendars}</div><div>{story_html()}</div></div>"
    draft = extract(html_page(body=body), URL, GENERIC)
    assert draft.body == STORY
