"""Which date is the article's: invented pages, one layout of each kind of wrong date (a
video's, the masthead's, a range in the headline, a modification time, a key spelled another
way, a time after a pipe), through extraction and normalization."""

from __future__ import annotations

import json
from typing import Any

from newscrawl.extraction import extract
from newscrawl.process import normalize
from tests.extraction.pages import GENERIC, html_page, story_html

URL = "https://www.eastport-post.de/lokales/hafenfest-lockt-tausende-1234.html"
HEADLINE = "Hafenfest lockt Tausende an den Kai"


def _published(head: str, body: str) -> str | None:
    head = f"<title>{HEADLINE} | Eastport Post</title>{head}"
    draft = normalize(extract(html_page(head, body, lang="de"), URL, GENERIC))
    return draft.published_at


def _ld(*objects: dict[str, Any]) -> str:
    data = {"@context": "https://schema.org", "@graph": list(objects)}
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def _article(header: str = "", before: str = "") -> str:
    return (f"{before}<article><h1>{HEADLINE}</h1>{header}"
            f'<div class="article-body">{story_html()}</div></article>')


# --- an embedded video or picture has a date of its own ---------------------------------------


def test_upload_date_of_an_embedded_video_is_not_the_article_date() -> None:
    head = _ld(
        {"@type": "VideoObject", "name": "Drohnenflug über den Hafen",
         "uploadDate": "2023-11-02T08:00:00+01:00", "thumbnailUrl": "https://x.example/v.jpg"},
        {"@type": "WebPage", "name": HEADLINE, "url": URL},
    ) + '<meta property="article:published_time" content="2024-03-05T09:30:00+01:00">'
    assert _published(head, _article()) == "2024-03-05T09:30:00+01:00"


def test_video_page_whose_main_entity_is_the_video_keeps_its_upload_date() -> None:
    video = {"@type": "VideoObject", "@id": f"{URL}#video", "name": HEADLINE,
             "uploadDate": "2024-03-05T09:30:00+01:00"}
    head = _ld(video, {"@type": "WebPage", "url": URL, "mainEntity": {"@id": f"{URL}#video"}})
    assert _published(head, _article()) == "2024-03-05T09:30:00+01:00"


def test_microdata_date_inside_a_video_player_is_not_the_article_date() -> None:
    player = ('<div class="player" itemscope itemtype="https://schema.org/VideoObject">'
              '<meta itemprop="name" content="Drohnenflug über den Hafen">'
              '<meta itemprop="uploadDate" content="2023-11-02T08:00:00+01:00">'
              '<meta itemprop="datePublished" content="2023-11-02"></div>')
    header = '<p class="meta">Veröffentlicht am 05.03.2024, 14:07 Uhr</p>'
    body = (f"<article><h1>{HEADLINE}</h1>{header}{player}"
            f'<div class="article-body">{story_html()}</div></article>')
    assert _published("", body) == "2024-03-05T14:07:00+01:00"


def test_date_of_a_picture_in_the_graph_is_not_the_article_date() -> None:
    head = _ld(
        {"@type": "ImageObject", "url": "https://x.example/kai.jpg", "caption": "Der Kai",
         "datePublished": "2023-08-14T17:45:00+02:00"},
        {"@type": "WebPage", "name": HEADLINE, "url": URL},
    ) + '<meta property="article:published_time" content="2024-03-05T09:30:00+01:00">'
    assert _published(head, _article()) == "2024-03-05T09:30:00+01:00"


def test_microdata_date_of_a_picture_is_not_the_article_date() -> None:
    picture = ('<figure itemscope itemtype="https://schema.org/ImageObject">'
               '<img itemprop="contentUrl" src="/kai.jpg" alt="Der Kai">'
               '<meta itemprop="datePublished" content="2023-08-14">'
               "<figcaption>Der Kai im Sommer</figcaption></figure>")
    header = '<p class="meta">Veröffentlicht am 05.03.2024, 14:07 Uhr</p>'
    assert _published("", _article(header + picture)) == "2024-03-05T14:07:00+01:00"


# --- dates of the page, not of the article ----------------------------------------------------


def test_masthead_date_of_today_is_not_the_article_date() -> None:
    masthead = ('<header class="site-header"><div class="top-bar"><span class="date">Dienstag, '
                '12. März 2024</span></div><div class="logo">Eastport Post</div></header>')
    body = (f"{masthead}<div class='content'><h1>{HEADLINE}</h1>"
            f"<p class='meta'>Mara Lindqvist, 5. März 2024, 14:07 Uhr</p>{story_html()}</div>")
    assert _published("", body) == "2024-03-05T14:07:00+01:00"


def test_date_range_in_the_headline_is_not_the_article_date() -> None:
    headline = "Hafenfest vom 12. bis 14. Juli 2024"
    body = (f'<h1 class="logo">Eastport Post</h1><div class="story"><h2>{headline}</h2>'
            f"<p>3. Juli 2024</p>{story_html()}</div>")
    head = f"<title>{headline} | Eastport Post</title>"
    draft = normalize(extract(html_page(head, body, lang="de"), URL, GENERIC))
    assert draft.published_at == "2024-07-03"


def test_visible_publication_label_beats_the_modification_time() -> None:
    head = '<meta property="og:updated_time" content="2024-04-26T09:00:00+02:00">'
    header = '<p class="meta">Veröffentlicht am 25.04.24</p>'
    assert _published(head, _article(header)) == "2024-04-25"


def test_publication_meta_key_spelled_with_a_colon_is_read() -> None:
    head = '<meta property="article:published:time" content="2024-03-05T09:30:00+01:00">'
    assert _published(head, _article()) == "2024-03-05T09:30:00+01:00"


def test_time_after_a_pipe_goes_with_the_date_before_it() -> None:
    header = '<p class="meta">Do 25.04.24 | 14:07 Uhr</p>'
    assert _published("", _article(header)) == "2024-04-25T14:07:00+02:00"
