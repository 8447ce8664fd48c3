"""Authors through extraction and normalization: invented pages, one layout each."""

from __future__ import annotations

import json
from typing import Any

import pytest

from newscrawl.extraction import extract
from newscrawl.items import ArticleDraft
from newscrawl.process import normalize, resolve_bylines
from tests.extraction.pages import GENERIC, STORY, URL, article_page, html_page, story_html


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


def test_link_to_an_author_page_is_the_byline_when_nothing_is_classed() -> None:
    header = '<p class="meta-info">von <a href="/autoren/name/mara-lindqvist">Dr. Mara Lindqvist</a></p>'
    assert _names(_resolved(header=header)) == ["Dr. Mara Lindqvist"]


def test_classed_byline_wins_over_author_links_in_the_text() -> None:
    header = '<p class="byline">By Mara Lindqvist</p>'
    extra = '<p>See also <a href="/author/tobias-renner/">Tobias Renner</a> on the ferries.</p>'
    assert _names(_resolved(header=header, extra=extra)) == ["Mara Lindqvist"]


def test_author_link_in_a_related_stories_box_is_no_byline() -> None:
    extra = ('<div class="related-stories"><a href="/author/tobias-renner/">Tobias Renner</a>'
             "</div>")
    assert _names(_resolved(extra=extra)) == []


def _bold_lead_page(lead: str) -> str:
    body = ("<article><header><h1>Harbour bridge reopens after repairs</h1></header>"
            f'<div class="article-body">{lead}{story_html()}</div></article>')
    return html_page(body=body)


def test_bold_line_of_names_above_the_text_is_the_byline_and_leaves_the_body() -> None:
    draft = extract(_bold_lead_page("<p><strong>Mara Lindqvist/Tobias Renner</strong></p>"),
                    URL, GENERIC)
    normalize(draft)
    assert _names(draft) == ["Mara Lindqvist", "Tobias Renner"]
    assert draft.body == STORY


def test_bold_line_that_is_not_only_names_stays_text() -> None:
    lead = "<p><strong>Repairs took eighteen months.</strong></p>"
    draft = extract(_bold_lead_page(lead), URL, GENERIC)
    normalize(draft)
    assert _names(draft) == []
    assert draft.body == ["Repairs took eighteen months.", *STORY]


def test_page_level_body_classes_do_not_hide_the_byline() -> None:
    # Blog themes flag the whole page ("has-sidebar", "widgets-on"); only boxes inside it
    # (a sidebar, a related list) hold other stories' bylines.
    page = article_page(header='<span class="byline">by Mara Lindqvist</span>')
    page = page.replace("<body>", '<body class="single-post has-sidebar widgets-on">')
    draft = extract(page, URL, GENERIC)
    resolve_bylines(draft)
    assert _names(draft) == ["Mara Lindqvist"]


def test_bold_names_line_below_the_first_paragraph_is_a_subheading() -> None:
    lead = f"<p>{STORY[0]}</p><p><strong>Linda Okafor</strong></p>"
    draft = extract(_bold_lead_page(lead), URL, GENERIC)
    normalize(draft)
    assert _names(draft) == []


def test_structured_author_named_like_the_domain_is_the_publisher() -> None:
    head = _jsonld({"@type": "Person", "name": "Harbour Courier"})
    draft = extract(article_page(head), "https://www.harbour-courier.de/stadt/bridge-1.html", GENERIC)
    resolve_bylines(draft)
    assert draft.authors == []


def test_wire_service_on_its_own_domain_stays_an_agency() -> None:
    head = _jsonld({"@type": "Organization", "name": "Reuters"})
    draft = extract(article_page(head), "https://www.reuters.com/world/bridge-2024-03-05/", GENERIC)
    resolve_bylines(draft)
    assert draft.agencies == ["Reuters"]


def test_related_posts_nested_in_the_microdata_article_keep_their_authors() -> None:
    related = "".join(
        f'<div itemscope itemtype="https://schema.org/BlogPosting"><h3 itemprop="headline">'
        f'Story {n}</h3><span itemprop="author">by {name}</span></div>'
        for n, name in enumerate(["Tobias Renner", "Ines Falk", "Oskar Brandt"]))
    body = ('<article itemscope itemtype="https://schema.org/BlogPosting">'
            '<h1 itemprop="headline">Harbour bridge reopens after repairs</h1>'
            '<span itemprop="author">by Mara Lindqvist</span>'
            f"{story_html()}<aside>{related}</aside></article>")
    draft = extract(html_page(body=body), URL, GENERIC)
    resolve_bylines(draft)
    assert _names(draft) == ["Mara Lindqvist"]


def test_names_in_a_picture_licence_box_are_no_byline() -> None:
    picture = ('<div class="img-holder"><img src="/bridge.jpg" alt="">'
               '<div class="license-info"><span class="author-name">Tobias Renner</span> / CC BY'
               "</div></div>")
    draft = extract(_bold_lead_page(picture), URL, GENERIC)
    resolve_bylines(draft)
    assert _names(draft) == []


def test_structured_author_that_is_the_publisher_is_the_credit() -> None:
    head = (_jsonld({"@type": "Organization", "name": "Eastport Post"})
            + '<meta property="og:site_name" content="Eastport Post">')
    draft = _resolved(head)
    assert (draft.authors, draft.agencies, draft.credit) == ([], [], "Eastport Post")
    assert draft.sources["credit"] == "jsonld"


def test_desk_byline_on_the_page_is_the_credit_not_an_author() -> None:
    draft = _resolved(header='<p class="byline">By Eastport Post Staff</p>')
    assert (draft.authors, draft.credit) == ([], "Eastport Post Staff")


def test_blog_owner_who_publishes_the_site_stays_its_author() -> None:
    # Yoast marks a one-person blog's owner as its publisher, typed Person and Organization.
    owner = {"@type": ["Person", "Organization"], "@id": "https://news.example.org/#owner",
             "name": "Mara Lindqvist"}
    data = {"@context": "https://schema.org", "@graph": [
        owner, {"@type": "BlogPosting", "headline": "Harbour bridge reopens after repairs",
                "author": {"@id": owner["@id"]}, "publisher": {"@id": owner["@id"]}}]}
    head = f'<script type="application/ld+json">{json.dumps(data)}</script>'
    draft = _resolved(head)
    assert (_names(draft), draft.credit) == (["Mara Lindqvist"], None)


# --- bylines printed without a class: labels, bold lines, the name beside the date ----------


@pytest.mark.parametrize(
    "header",
    [
        '<dl class="article-details"><dt>Autor:</dt><dd>Mara Lindqvist</dd>'
        "<dt>Rubrik:</dt><dd>Lokales</dd></dl>",
        '<ul class="meta-list"><li><strong>Autor:</strong> Mara Lindqvist</li>'
        "<li>Lokales</li></ul>",
        '<table class="facts"><tr><th>Text</th><td>Mara Lindqvist</td></tr></table>',
    ],
)
def test_label_and_value_pair_is_the_byline(header: str) -> None:
    assert _names(_resolved(header=header)) == ["Mara Lindqvist"]


def test_by_label_before_links_to_profile_pages_names_each_author() -> None:
    header = ('<ul class="article-info"><li>Von: <a href="/profil/mara-lindqvist">Mara '
              'Lindqvist</a> und <a href="/profil/tobias-renner">Tobias Renner</a></li>'
              "<li>05.03.2024</li></ul>")
    assert _names(_resolved(header=header)) == ["Mara Lindqvist", "Tobias Renner"]


def test_label_in_a_sentence_of_the_text_is_no_byline() -> None:
    extra = "<p>Von: Montag an gelten neue Fahrpläne für alle Linien im Hafen.</p>"
    assert _names(_resolved(extra=extra)) == []


def test_classed_byline_naming_a_cms_account_gives_way_to_a_label() -> None:
    header = ('<span class="author"><a href="/author/admin/">admin</a></span>'
              '<dl class="article-details"><dt>Autor:</dt><dd>Mara Lindqvist</dd></dl>')
    assert _names(_resolved(header=header)) == ["Mara Lindqvist"]


def _closing_page(closing: str) -> str:
    body = ("<article><header><h1>Harbour bridge reopens after repairs</h1></header>"
            f'<div class="article-body">{story_html()}{story_html()}{closing}</div></article>')
    return html_page(body=body)


def test_bold_signature_closing_the_text_is_the_byline_and_leaves_the_body() -> None:
    draft = extract(_closing_page("<p><strong>Mara Lindqvist</strong></p>"), URL, GENERIC)
    normalize(draft)
    assert _names(draft) == ["Mara Lindqvist"]
    assert draft.body[-1] == STORY[-1]


def test_bold_closing_line_that_is_not_a_name_stays_text() -> None:
    draft = extract(_closing_page("<p><strong>The council meets again in May.</strong></p>"),
                    URL, GENERIC)
    normalize(draft)
    assert _names(draft) == []
    assert draft.body[-1] == "The council meets again in May."


def test_name_beside_the_date_under_the_headline_is_the_byline() -> None:
    header = ('<div class="article-meta"><span>Mara Lindqvist</span> | '
              "<span>05.03.2024, 14:07 Uhr</span></div>")
    draft = _resolved(header=header)
    assert _names(draft) == ["Mara Lindqvist"]


def test_label_beside_the_date_under_the_headline_is_no_byline() -> None:
    header = '<div class="article-meta"><span>Aktualisiert</span> | <span>05.03.2024</span></div>'
    assert _names(_resolved(header=header)) == []


def test_yoast_written_by_label_names_the_author_when_meta_author_is_an_email() -> None:
    head = ('<meta name="author" content="redaktion@eastport-post.example">'
            '<meta name="twitter:label1" content="Written by">'
            '<meta name="twitter:data1" content="Mara Lindqvist">'
            '<meta name="twitter:label2" content="Est. reading time">'
            '<meta name="twitter:data2" content="4 minutes">')
    assert _names(_resolved(head)) == ["Mara Lindqvist"]


def test_teaser_card_byline_does_not_replace_the_structured_credit() -> None:
    head = (_jsonld({"@type": "Organization", "name": "Eastport Post"})
            + '<meta property="og:site_name" content="Eastport Post">')
    cards = ('<div class="grid"><div class="card"><h3><a href="/2024/03/04/ferry/">Ferry '
             'timetable changes</a></h3><p class="byline">By Tobias Renner</p></div>'
             '<div class="card"><h3><a href="/2024/03/03/park/">Park reopens</a></h3>'
             '<p class="byline">By Ines Falk</p></div></div>')
    draft = _resolved(head, extra=cards)
    assert (_names(draft), draft.credit) == ([], "Eastport Post")


def test_byline_in_the_article_header_is_no_teaser() -> None:
    header = '<p class="byline">By <a href="/author/mara-lindqvist/">Mara Lindqvist</a></p>'
    assert _names(_resolved(header=header)) == ["Mara Lindqvist"]


@pytest.mark.parametrize(
    "byline",
    ["Nachrichtenagentur Reuters", "Haber Ajansı", "Agencja Informacyjna",
     "وكالة الأنباء العراقية"],
)
def test_news_agency_in_another_language_is_no_person(byline: str) -> None:
    head = f'<meta name="author" content="{byline}">'
    assert _names(_resolved(head)) == []


def test_login_linked_to_its_author_page_gives_way_to_the_signature_closing_the_text() -> None:
    header = ('<div class="postmeta">Von <a href="/archive/author/eastport-news" rel="author">'
              "eastport news</a> am 05.03.2024</div>")
    closing = ("<p><em>EP-Redaktion</em></p><p><b>Gefällt Ihnen dieser Artikel? Dann "
               'unterstützen Sie uns mit einer <a href="/spende">Spende</a>.</b></p>')
    draft = extract(_closing_page(closing).replace("</h1>", f"</h1>{header}"), URL, GENERIC)
    normalize(draft)
    assert (_names(draft), draft.credit) == ([], "EP-Redaktion")
    assert "EP-Redaktion" not in draft.body


def test_writer_name_on_a_link_to_an_account_page_names_the_writer() -> None:
    header = '<span class="author"><a href="/author/admin/">Mara Lindqvist</a></span>'
    assert _names(_resolved(header=header)) == ["Mara Lindqvist"]


def test_wire_service_closing_the_text_is_the_agency() -> None:
    draft = extract(_closing_page("<p><i>(dpa)</i></p>"), URL, GENERIC)
    normalize(draft)
    assert (_names(draft), draft.agencies) == ([], ["dpa"])
