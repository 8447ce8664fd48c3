"""The printed lead (standfirst) joins the body when the generic extractor leaves it out."""

from __future__ import annotations

from newscrawl.extraction import extract
from newscrawl.extraction.body import LEAD_MAX_GROWTH, LEAD_MAX_GROWTH_CUT, _printed_lead
from newscrawl.extraction.document import parse
from tests.extraction.pages import GENERIC, STORY, URL, html_page, story_html

LEAD = ("Eighteen months and many millions of euros later, Eastport's old harbour bridge is "
        "open again, with a cycle lane that campaigners fought for.")


def _page(lead_html: str, description: str = LEAD) -> str:
    head = f'<meta property="og:description" content="{description}">'
    body = (f"<main><article><header><h1>Harbour bridge reopens</h1></header>{lead_html}"
            f'<div class="article-body">{story_html()}</div></article></main>')
    return html_page(head, body)


def test_printed_description_before_the_story_is_the_first_paragraph() -> None:
    draft = extract(_page(f'<div class="intro"><strong>{LEAD}</strong></div>'), URL, GENERIC)
    assert draft.body[0] == LEAD
    assert draft.body[1:] == STORY


def test_description_that_the_page_does_not_print_is_not_added() -> None:
    draft = extract(_page(""), URL, GENERIC)
    assert draft.body == STORY


def test_subheading_in_the_article_header_is_not_added() -> None:
    page = _page("").replace("</h1></header>", f"</h1><h2>{LEAD}</h2></header>")
    draft = extract(page, URL, GENERIC)
    assert LEAD not in draft.body


def test_lead_printed_only_in_a_related_link_is_not_added() -> None:
    teaser = f'<aside><a href="/other"><p>{LEAD}</p></a></aside>'
    draft = extract(_page(teaser), URL, GENERIC)
    assert LEAD not in draft.body


def test_lead_already_in_the_body_is_not_repeated() -> None:
    draft = extract(_page("", description=STORY[0]), URL, GENERIC)
    assert draft.body == STORY


def _lead_in_one_container(description: str) -> str:
    """Text written straight into one container, paragraphs split by <br>, the lead first."""
    head = f'<meta property="og:description" content="{description}">'
    rest = "<br><br>".join(STORY)
    body = (f'<main><div class="article"><h1>Harbour bridge reopens</h1><div class="content">'
            f"{LEAD} Campaigners <em><a href='/cycling'>celebrated</a></em> with a ride across."
            f"<br><br>{rest}</div></div></main>")
    return html_page(head, body)


def test_lead_before_the_first_break_matches_a_cut_description() -> None:
    tree = parse(_lead_in_one_container(""), URL).tree
    found = _printed_lead(tree, LEAD[:80], LEAD_MAX_GROWTH_CUT)
    assert found == f"{LEAD} Campaigners celebrated with a ride across."


def test_lead_running_far_past_a_whole_description_is_not_taken() -> None:
    tree = parse(_lead_in_one_container(""), URL).tree
    assert _printed_lead(tree, LEAD[:80], LEAD_MAX_GROWTH) is None
