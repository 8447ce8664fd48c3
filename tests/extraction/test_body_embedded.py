"""Pages that carry their article only as HTML inside a script (client-rendered pages)."""

from __future__ import annotations

import json

from newscrawl.extraction import extract
from tests.extraction.pages import GENERIC, STORY, URL, html_page


def _flight_page(markup: str) -> str:
    payload = json.dumps([1, markup])
    return html_page(
        '<meta property="og:type" content="article">',
        f"<div id=\"app\"><h1>Harbour bridge reopens</h1></div>"
        f"<script>self.__next_f.push({payload})</script>",
    )


def test_article_html_in_a_script_string_is_the_body() -> None:
    markup = "".join(f'<p class="editor-p">{p}</p>$$AD$$' for p in STORY)
    draft = extract(_flight_page(markup), URL, GENERIC)
    assert draft.body == STORY


def test_caption_inside_the_embedded_html_is_left_out() -> None:
    caption = '<div class="img-box"><div class="caption"><p>The bridge at dawn.</p></div></div>'
    markup = caption + "".join(f"<p>{p}</p>" for p in STORY)
    draft = extract(_flight_page(markup), URL, GENERIC)
    assert draft.body == STORY
