from __future__ import annotations

import json

from newscrawl.extraction import extract
from tests.extraction.pages import GENERIC, URL, article_page, html_page, story_html


def _ld(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def test_jsonld_graph_resolves_author_id_reference() -> None:
    graph = {"@context": "https://schema.org", "@graph": [
        {"@type": "WebSite", "@id": "https://news.example.org/#site", "name": "Eastport Post"},
        {"@type": "Person", "@id": "https://news.example.org/#p1", "name": "Mara Lindqvist"},
        {"@type": "NewsArticle", "headline": "Harbour bridge reopens after repairs",
         "author": {"@id": "https://news.example.org/#p1"},
         "datePublished": "2024-03-05T08:30:00+01:00"},
    ]}
    draft = extract(article_page(_ld(graph)), URL, GENERIC)
    assert draft.bylines[0].value == "Mara Lindqvist"
    assert draft.bylines[0].layer == "jsonld"
    assert draft.dates[0].raw == "2024-03-05T08:30:00+01:00"
    assert draft.dates[0].layer == "jsonld"


def test_jsonld_author_array_keeps_every_person_in_order() -> None:
    data = {"@type": "NewsArticle", "headline": "Harbour bridge reopens after repairs",
            "author": [{"@type": "Person", "givenName": "Ines", "familyName": "Baptiste"},
                       {"@type": "Person", "name": "Tomasz Wrona"}, "Kofi Mensah"]}
    draft = extract(article_page(_ld(data)), URL, GENERIC)
    names = [c.value for c in draft.bylines if c.layer == "jsonld"]
    assert names == ["Ines Baptiste", "Tomasz Wrona", "Kofi Mensah"]


def test_broken_jsonld_with_trailing_comma_and_comment_is_read() -> None:
    broken = ('<script type="application/ld+json"><!-- {"@type": "NewsArticle",'
              ' "headline": "Harbour bridge reopens after repairs",'
              ' "author": {"@type": "Person", "name": "Mara\nLindqvist",},} --></script>')
    draft = extract(article_page(broken), URL, GENERIC)
    assert draft.bylines[0].value == "Mara Lindqvist"
    assert draft.sources["title"] == "jsonld"


def test_two_jsonld_objects_in_one_script_are_both_read() -> None:
    both = ('<script type="application/ld+json">{"@type": "Organization", "name": "Eastport Post"}'
            '{"@type": "NewsArticle", "headline": "Harbour bridge reopens after repairs",'
            ' "datePublished": "2024-03-05"}</script>')
    draft = extract(article_page(both), URL, GENERIC)
    assert draft.dates[0].raw == "2024-03-05"


def test_microdata_gives_author_and_date() -> None:
    header = ('<div itemscope itemtype="https://schema.org/NewsArticle">'
              '<span itemprop="author" itemscope itemtype="https://schema.org/Person">'
              '<span itemprop="name">Oskar Haugen</span></span>'
              '<meta itemprop="datePublished" content="2024-03-05T09:00:00Z"></div>')
    draft = extract(article_page(header=header), URL, GENERIC)
    assert ("Oskar Haugen", "microdata") in [(c.value, c.layer) for c in draft.bylines]
    assert draft.dates[0].raw == "2024-03-05T09:00:00Z"
    assert draft.dates[0].layer == "microdata"


def test_opengraph_and_meta_fill_in_without_structured_data() -> None:
    head = ('<meta property="article:published_time" content="2024-03-05T10:00:00+00:00">'
            '<meta property="article:modified_time" content="2024-03-06T10:00:00+00:00">'
            '<meta property="article:author" content="https://news.example.org/staff/kim">'
            '<meta name="author" content="Kim Sato">'
            '<meta property="article:section" content="Local">'
            '<meta property="article:tag" content="bridges">'
            '<meta property="article:tag" content="traffic">'
            '<meta property="og:locale" content="en_GB">')
    draft = extract(article_page(head, lang=""), URL, GENERIC)
    assert [c.value for c in draft.bylines][:1] == ["Kim Sato"]  # the profile URL is skipped
    assert (draft.dates[0].raw, draft.dates[0].layer) == ("2024-03-05T10:00:00+00:00", "opengraph")
    assert any(d.kind == "modified" for d in draft.dates)
    assert draft.section == "Local"
    assert draft.tags == ["bridges", "traffic"]
    assert draft.language_hint == "en_GB"


def test_text_byline_and_time_element_in_article_header() -> None:
    header = ('<p class="byline">By Ruth Adeyemi</p>'
              '<time datetime="2024-03-05T07:45:00-05:00">March 5, 2024</time>')
    draft = extract(article_page(header=header), URL, GENERIC)
    assert ("By Ruth Adeyemi", "text") in [(c.value, c.layer) for c in draft.bylines]
    assert ("2024-03-05T07:45:00-05:00", "text") in [(d.raw, d.layer) for d in draft.dates]
    assert "By Ruth Adeyemi" not in draft.body


def test_canonical_url_and_date_in_url() -> None:
    head = '<link rel="canonical" href="/2024/03/05/harbour-bridge-reopens/">'
    draft = extract(article_page(head), URL, GENERIC)
    assert draft.canonical_url == URL
    assert ("2024/03/05", "url") in [(d.raw, d.layer) for d in draft.dates]


def test_date_printed_only_in_the_text_is_found_by_the_generic_layer() -> None:
    body = f'<div class="post"><p>Harbour diary, 2024-03-05, from the quay</p>{story_html()}</div>'
    page = html_page("<title>Harbour bridge reopens</title>", body)
    draft = extract(page, "https://news.example.org/harbour-bridge", GENERIC)
    assert [(d.raw, d.layer) for d in draft.dates] == [("2024-03-05", "generic")]
