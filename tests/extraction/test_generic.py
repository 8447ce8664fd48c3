"""The generic layer runs the library's own steps: the same text as its public call, one copy
of the tree, the page's tree left as it was."""

from __future__ import annotations

import lxml.etree
import lxml.html
import pytest
from trafilatura import bare_extraction

from newscrawl.extraction.generic import PRECISE, main_text
from tests.extraction.pages import STORY, URL, article_page

PAGES = {
    "article": article_page(),
    "boxes": article_page(extra=(
        '<div class="related-links"><ul><li><a href="/a">Ferry fares rise</a></li>'
        '<li><a href="/b">Tram line vote</a></li></ul></div>'
        '<div id="comments"><p>A reader wrote something about the bridge.</p></div>'
        "<table><tr><th>Lane</th><th>Opens</th></tr><tr><td>Cycle</td><td>May</td></tr></table>")),
    # the next story appended below by infinite scrolling, and a comment list
    "appended": article_page(extra=(
        '<div class="infinite-scroll"><h2>Ferry fares rise in spring</h2>'
        "<p>The ferry company raised its fares for the spring season on Monday, citing fuel "
        "costs and a new timetable that adds two crossings a day.</p></div>"
        '<ul class="comment-list"><li>Great news for cyclists in the city.</li></ul>')),
    "short": article_page().replace("".join(f"<p>{p}</p>" for p in STORY[1:]), ""),
}


def _tree(page: str) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(page)


@pytest.mark.parametrize("name", sorted(PAGES))
def test_precise_text_is_the_librarys_fast_precise_text(name: str) -> None:
    doc = bare_extraction(_tree(PAGES[name]), url=URL, fast=True, favor_precision=True,
                          include_comments=False, with_metadata=False)
    expected = [line.strip() for line in doc.text.split("\n") if line.strip()] if doc else []
    assert main_text(_tree(PAGES[name]), URL, PRECISE) == expected


def test_page_tree_is_left_unchanged() -> None:
    tree = _tree(PAGES["boxes"])
    before = lxml.etree.tostring(tree)
    main_text(tree, URL, PRECISE, short=lambda _: True)
    assert lxml.etree.tostring(tree) == before


def test_the_caller_judges_the_first_text_before_a_second_opinion() -> None:
    asked: list[int] = []

    def short(paragraphs: list[str]) -> bool:
        asked.append(len(paragraphs))
        return False

    assert main_text(_tree(PAGES["article"]), URL, PRECISE, short) == STORY
    assert asked == [len(STORY)]


@pytest.mark.parametrize(("extra", "expected"), [
    ("", set()),
    ('<div id="comments"><p>A reader wrote.</p></div>', {"comments", "comments_lists"}),
    ('<ol class="commentlist"><li>A reader wrote.</li></ol>', {"comments", "comments_lists"}),
    ('<section class="infinite-scroll"><p>Next story.</p></section>', {"raw"}),
    ('<div class="elementor-share-buttons"><a href="/s">Share</a></div>', {"raw"}),
])
def test_library_prunes_run_where_a_container_is_named_for_them(
        extra: str, expected: set[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from trafilatura import htmlprocessing, xpaths

    names = {id(xpaths.RAW_TREE_PRUNE_XPATH): "raw",
             id(xpaths.REMOVE_COMMENTS_AND_LISTS_XPATH): "comments_lists",
             id(xpaths.REMOVE_COMMENTS_XPATH): "comments"}
    ran: set[str] = set()
    prune = htmlprocessing.prune_unwanted_nodes

    def recorded(tree, nodelist, with_backup=False):  # type: ignore[no-untyped-def]
        if id(nodelist) in names:
            ran.add(names[id(nodelist)])
        return prune(tree, nodelist, with_backup)

    monkeypatch.setattr(htmlprocessing, "prune_unwanted_nodes", recorded)
    main_text(_tree(article_page(extra=extra)), URL, PRECISE)
    assert ran == expected
