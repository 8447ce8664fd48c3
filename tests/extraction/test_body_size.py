"""Large pages: every paragraph of a long page is kept, and a page too large for the generic
extractor is refused as `too_complex` instead of holding up the crawl. (Speed itself is
measured by benchmarks/many_paragraphs.py, not here.)"""

from __future__ import annotations

import pytest

from newscrawl.extraction import ExtractionError, extract
from newscrawl.extraction.body import MAX_PARAGRAPH_ELEMENTS, _printed_lead
from newscrawl.extraction.document import parse
from tests.extraction.pages import GENERIC, URL, html_page

PLACES = ("harbour", "market", "station", "library", "museum", "ferry", "school", "bridge")
CARD = ('<span class="term-tooltip"><img src="/img/{0}.jpg" alt="">'
        '<a href="/topics/{0}">All about the {0}</a><a href="/more/{0}">More</a></span>')


def _paragraph(n: int) -> str:
    a, b = PLACES[n % len(PLACES)], PLACES[(n * 3 + 1) % len(PLACES)]
    return f"Entry {n}: the {a} committee met the {b} board and agreed on next steps."


def _paragraph_html(n: int) -> str:
    a = PLACES[n % len(PLACES)]
    card = CARD.format(a) if n % 40 == 39 else ""
    text = _paragraph(n).replace(f"the {a} ", f"the <b>{a}</b>{card} ", 1)
    b = PLACES[(n * 3 + 1) % len(PLACES)]
    return "<p>" + text.replace(f"the {b} board", f'the <a href="/t/{b}">{b}</a> board') + "</p>"


def _long_page(paragraphs: int) -> str:
    body = "".join(_paragraph_html(n) for n in range(paragraphs))
    head = '<meta property="og:type" content="article">'
    return html_page(head, f"<article><h1>The council's long record</h1>{body}</article>")


def test_long_page_of_short_paragraphs_keeps_every_paragraph_and_drops_its_cards() -> None:
    count = 1500  # 4,500 elements in paragraphs: well under the limit, far over any article
    draft = extract(_long_page(count), URL, GENERIC)
    assert draft.body[-count:] == [_paragraph(n) for n in range(count)]


def test_page_with_too_many_elements_in_paragraphs_is_refused_as_too_complex() -> None:
    count = MAX_PARAGRAPH_ELEMENTS // 3 + 100  # <p>, <b> and <a> in each
    with pytest.raises(ExtractionError) as err:
        extract(_long_page(count), URL, GENERIC)
    assert err.value.reason == "too_complex"


def test_page_of_more_paragraphs_than_the_limit_is_refused_before_parsing() -> None:
    page = _long_page(0).replace("</article>", "<p>A line.</p>" * (MAX_PARAGRAPH_ELEMENTS + 1))
    with pytest.raises(ExtractionError) as err:
        extract(page, URL, GENERIC)
    assert err.value.reason == "too_complex"


def test_lead_in_a_container_of_many_lines_that_repeat_its_words_is_found() -> None:
    lead = "Harbourmaster Ines Calder says the works on the quay continue all winter"
    lines = "".join(f"Log {n}: Harbourmaster on duty, quay {n} inspected<br>" for n in range(3000))
    page = parse(html_page("", f"<div>{lines}</div><div class='intro'>{lead}</div>"), URL)
    assert _printed_lead(page.tree, lead, 1.6) == lead
