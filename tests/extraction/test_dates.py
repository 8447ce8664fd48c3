"""Dates printed in the page: next to the headline, behind a "published" label; when the slow
generic date search runs, and what it may not return."""

from __future__ import annotations

from unittest.mock import patch

import lxml.html
import pytest

from newscrawl.extraction import extract
from newscrawl.extraction.dates import (
    find_header_date,
    gives_dated_candidate,
    headline_element,
    labeled_date,
)
from newscrawl.extraction.document import parse
from newscrawl.extraction.fields import Fields
from newscrawl.extraction.generic import publication_date
from newscrawl.extraction.page_text import article_region
from tests.extraction.pages import GENERIC, html_page, story_html

URL = "https://news.example.org/harbour-bridge-reopens"
HEADLINE = "Harbour bridge reopens after repairs"


def _header(html: str) -> list[str]:
    page = parse(html, URL)
    found = find_header_date(headline_element(page, article_region(page.tree)))
    return [found.date] if found else []


def _labeled(html: str) -> list[str]:
    page = parse(html, URL)
    return labeled_date(article_region(page.tree))


def _text_dates(body: str, head: str = "") -> list[tuple[str, str]]:
    draft = extract(html_page(f"<title>{HEADLINE} | Gazette</title>{head}", body), URL, GENERIC)
    return [(d.raw, d.layer) for d in draft.dates if d.kind == "published"]


# --- the date line under the headline ---------------------------------------------------------


def test_date_in_an_unmarked_line_under_the_headline_is_found() -> None:
    body = (
        f"<div><h1>{HEADLINE}</h1><ul class='nav meta'><li><a href='/day'>4 Mar 2021 10:05</a>"
        f"</li></ul>{story_html()}</div>"
    )
    assert _header(html_page("", body)) == ["4 Mar 2021 10:05"]


def test_byline_words_around_the_date_are_kept_with_it() -> None:
    body = f"<h1>{HEADLINE}</h1><p><span>von Anna Berg, 4. März 2021</span></p>{story_html()}"
    assert _header(html_page("", body)) == ["von Anna Berg, 4. März 2021"]


def test_sentence_holding_a_date_is_no_date_line() -> None:
    sentence = "The next council meeting is held on Wed. 5 March 2021 from 7 pm in the"
    body = f"<h1>{HEADLINE}</h1><p><b>{sentence}</b> town hall.</p>{story_html()}"
    assert _header(html_page("", body)) == []


def test_date_far_below_the_headline_is_not_the_header_date() -> None:
    body = f"<h1>{HEADLINE}</h1>{story_html()}<p>4 March 2021</p>"
    assert _header(html_page("", body)) == []


def test_logo_h1_is_passed_over_for_the_headline_the_title_repeats() -> None:
    body = (
        "<header><h1>Gazette</h1><nav>Home | 1 January 2021 | Sport</nav></header>"
        f"<div><h1>{HEADLINE}</h1><p>4 Mar 2021</p>{story_html()}</div>"
    )
    page = html_page(f"<title>{HEADLINE} - Gazette</title>", body)
    assert _header(page) == ["4 Mar 2021"]


def test_header_date_needs_a_year() -> None:
    body = f"<h1>{HEADLINE}</h1><p>Thu 4 Mar</p>{story_html()}"
    assert _header(html_page("", body)) == []


def test_header_date_is_a_text_layer_candidate() -> None:
    body = f"<article><h1>{HEADLINE}</h1><p>4 Mar 2021</p>{story_html()}</article>"
    assert ("4 Mar 2021", "text") in _text_dates(body)


# --- labeled publication dates ----------------------------------------------------------------


def test_labeled_publication_date_is_found_anywhere_in_the_article() -> None:
    body = f"<main>{story_html()}<p class='info'>Erschienen am: 04.03.2021<br>Views: 61</p></main>"
    assert _labeled(html_page("", body)) == ["Erschienen am: 04.03.2021"]


def test_label_and_date_in_separate_elements_are_joined() -> None:
    body = f"<main><p><span>Published:</span> <time>4 March 2021</time></p>{story_html()}</main>"
    assert _labeled(html_page("", body)) == ["Published: 4 March 2021"]


def test_labeled_dates_in_comments_are_not_the_article_date() -> None:
    comments = "<div class='comments'><p>Posted on 9 March 2021 by a reader</p></div>"
    body = f"<main>{story_html()}{comments}</main>"
    assert _labeled(html_page("", body)) == []


def test_update_labels_are_not_publication_labels() -> None:
    body = f"<main><p>Updated: 9 March 2021</p>{story_html()}</main>"
    assert _labeled(html_page("", body)) == []


# --- the generic date search ------------------------------------------------------------------


@pytest.mark.parametrize("raw", ["Yesterday at 02:12", "10:52", "Jul 10", "vor 2 Stunden"])
def test_only_relative_dates_still_call_the_generic_search(raw: str) -> None:
    assert not gives_dated_candidate([Fields("text", published=[raw])])


@pytest.mark.parametrize(
    "raw", ["Sun, 07 Mar 2021 10:00:00 GMT", "3. Mai 2021", "Do 25.04.24 | 14:07 Uhr",
            "1615000000", "20210307"],
)
def test_a_dated_candidate_spares_the_generic_search(raw: str) -> None:
    assert gives_dated_candidate([Fields("meta", published=[raw])])


def test_generic_search_runs_when_the_page_gives_only_a_relative_date() -> None:
    body = f"<article><h1>{HEADLINE}</h1><p class='date'>Yesterday at 02:12</p>{story_html()}</article>"
    with patch("newscrawl.extraction.cascade.publication_date", return_value="2021-03-06") as found:
        dates = _text_dates(body)
    assert found.called and ("2021-03-06", "generic") in dates


def test_january_first_from_the_generic_search_is_a_copyright_year_not_a_date() -> None:
    tree = lxml.html.fromstring(html_page("", f"{story_html()}<footer>© 2016 Gazette</footer>"))
    with patch("htmldate.find_date", return_value="2016-01-01"):
        assert publication_date(tree, URL) is None
