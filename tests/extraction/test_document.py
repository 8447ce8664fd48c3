"""The page is parsed once, from its decoded text: characters XML forbids are dropped, and the
charset the page declares is not applied a second time."""

from __future__ import annotations

from newscrawl.extraction import extract
from newscrawl.extraction.document import parse
from newscrawl.sites.profile import GENERIC
from tests.extraction.pages import STORY, URL, html_page, story_html


def test_characters_xml_forbids_are_dropped_and_the_text_around_them_kept() -> None:
    dirty = STORY[0].replace("bridge", "bri\x0bdge\x01", 1).replace("old", "\x0cold\ufffe", 1)
    page = html_page("<title>Bridge</title>",
                     f"<article><h1>Bridge</h1>{story_html([dirty, *STORY[1:]])}</article>")
    draft = extract(page.encode("utf-8"), URL, GENERIC)
    assert STORY[0] in draft.body


def test_a_decoded_page_is_not_decoded_again_under_the_charset_it_declares() -> None:
    text = ('<html><head><meta charset="windows-1252"><title>Zoë’s café</title></head>'
            "<body><p>Über den Fluss — “Brücke”</p></body></html>")
    page = parse(text, URL)
    assert page.tree.findtext(".//title") == "Zoë’s café"
    assert page.tree.findtext(".//p") == "Über den Fluss — “Brücke”"
