"""Script-built pages ("shells"): HTML with no article because scripts draw it in the browser
are told from pages that are simply no article, and from static articles."""

from __future__ import annotations

import json

import pytest

from newscrawl.extraction import ExtractionError, extract
from newscrawl.extraction.document import parse
from newscrawl.extraction.shell import script_shell
from tests.extraction.pages import GENERIC, STORY, URL, article_page, html_page

NAV = '<nav><a href="/">Home</a> <a href="/local">Local</a> <a href="/sport">Sport</a></nav>'
BUNDLE = '<script src="/static/js/main.4f2a.js"></script>'
STATE = json.dumps({"story": {"headline": "Harbour bridge reopens", "paragraphs": STORY}})


def shell_reason(page: str) -> str | None:
    return script_shell(parse(page, URL))


@pytest.mark.parametrize(
    ("body", "why"),
    [
        (f'{NAV}<div id="root"></div>{BUNDLE}', "empty app root (#root)"),
        (f'<div id="__next"><div class="spinner">Loading…</div></div>{BUNDLE}',
         "empty app root (#__next)"),
        (f"{NAV}<app-root></app-root>{BUNDLE}", "empty app root (<app-root>)"),
        (f'<noscript>Please turn on JavaScript to read this page.</noscript>'
         f'<main class="page"></main>{BUNDLE}', "<noscript> notice asks for JavaScript"),
        (f'{NAV}<main></main><script>window.__STATE__ = {STATE};</script>',
         "words of text only inside scripts"),
        (f'<main></main><script type="application/json" id="data">{STATE}</script>{BUNDLE}',
         "words of text only inside scripts"),
        (f'<div class="page">Eastport Herald</div>{BUNDLE}', "words of text and scripts"),
    ],
    ids=["empty-root", "root-with-spinner", "angular-root", "noscript", "js-state",
         "json-state", "bundle-only"],
)
def test_script_built_pages_are_shells(body: str, why: str) -> None:
    reason = shell_reason(html_page("<title>Harbour bridge reopens</title>", body))
    assert reason is not None and why in reason


@pytest.mark.parametrize(
    "page",
    [
        article_page(extra=BUNDLE),
        # A static article with an empty widget root and a comments notice asking for scripts.
        article_page(extra='<div id="app"></div><noscript>Enable JavaScript to view the '
                           f"comments.</noscript>{BUNDLE}"),
        # A page with little text but no script: nothing a browser would add.
        html_page("", f'{NAV}<div id="root"></div><p>Nothing here yet.</p>'),
        # An analytics snippet is no script of the page's own.
        html_page("", "<p>Closed for the holidays.</p><script>window.dataLayer = [];</script>"),
        # JSON-LD is data the structured layers read, not a script that draws the page.
        html_page(f'<script type="application/ld+json">{json.dumps({"articleBody": " ".join(STORY)})}'
                  "</script>", "<main></main>"),
    ],
    ids=["static-article", "static-with-widgets", "no-script", "analytics-only", "json-ld"],
)
def test_other_pages_are_no_shells(page: str) -> None:
    assert shell_reason(page) is None


def test_a_listing_page_is_no_shell() -> None:
    items = "".join(f'<li><a href="/2024/03/0{i}/story">Story number {i} of the week in '
                    f"Eastport and around the bay</a> A short teaser about story {i} that runs "
                    "on for a line or two under the linked headline.</li>" for i in range(1, 9))
    page = html_page("<title>Local news</title>", f"{NAV}<ul>{items}</ul>{BUNDLE}")
    assert shell_reason(page) is None


def test_extraction_names_a_shell_that_gave_no_article() -> None:
    page = html_page("<title>Harbour bridge reopens</title>",
                     f'<noscript>You need to enable JavaScript to run this app.</noscript>'
                     f'<div id="root"></div>{BUNDLE}')
    with pytest.raises(ExtractionError) as caught:
        extract(page, URL, GENERIC)
    assert caught.value.reason == "script_shell"
    assert "empty app root" in str(caught.value)


def test_a_page_without_scripts_is_still_no_article() -> None:
    page = html_page("<title>Contact</title>", f"{NAV}<p>Write to the newsroom.</p>")
    with pytest.raises(ExtractionError) as caught:
        extract(page, URL, GENERIC)
    assert caught.value.reason == "not_article"


def test_an_article_that_its_state_prints_as_html_needs_no_browser() -> None:
    """The static reader takes article HTML out of script strings: no shell is reported."""
    markup = json.dumps("".join(f"<p>{p}</p>" for p in STORY))
    page = html_page('<meta property="og:type" content="article">',
                     f'<div id="root"></div><script>window.__HTML__ = {markup};</script>')
    draft = extract(page, URL, GENERIC)
    assert draft.body == STORY
