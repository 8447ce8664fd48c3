from __future__ import annotations

from newscrawl.extraction import extract
from newscrawl.items import ArticleDraft
from newscrawl.normalize.chrome import clean_body
from tests.extraction.pages import GENERIC, STORY

DUMP_URL = "https://news.example.org/local/bridge"

# The layout of a page dump: account chrome, headline, byline with date, a repeated photo
# caption, a second byline, the story, then a comment pager, comments, a related list, a footer.
DUMP = "\n".join([
    "Sign In / Up", "", "Comment as a guest", "", "Forgot Password", "", "",
    "Harbour bridge reopens after repairs", "",
    "By Eastport Wire 5/3/2024",
    "Cyclists cross the rebuilt deck. Photo: Ana Ruiz/Eastport Wire",
    "Cyclists cross the rebuilt deck. Photo: Ana Ruiz/Eastport Wire",
    "By Mara Lindqvist and Kofi Mensah", "",
    *[line for p in STORY for line in (p, "")],
    "", "Data pager", "Page size:", "reader1 | 5/3/2024", "great news",
    "reader2 | 6/3/2024", "about time too",
    "Post a New Comment", "",
    "Elsewhere on Eastport", "", "Ferry timetable changes in spring 2 hours ago |", "",
    "0.211 seconds",
])


def _draft() -> ArticleDraft:
    draft = extract(DUMP.encode(), DUMP_URL, GENERIC, content_type="text/plain; charset=utf-8")
    clean_body(draft)
    return draft


def test_headline_is_the_line_above_the_first_byline() -> None:
    assert _draft().title == "Harbour bridge reopens after repairs"


def test_byline_lines_become_text_candidates_in_order() -> None:
    bylines = [(c.value, c.layer) for c in _draft().bylines]
    assert bylines == [("By Eastport Wire 5/3/2024", "text"),
                       ("By Mara Lindqvist and Kofi Mensah", "text")]


def test_body_is_the_story_and_stops_where_chrome_starts() -> None:
    assert _draft().body == STORY


def test_repeated_caption_becomes_one_image_without_url() -> None:
    images = _draft().images
    assert [(i.url, i.caption) for i in images] == [
        (None, "Cyclists cross the rebuilt deck. Photo: Ana Ruiz/Eastport Wire")]


def test_agency_dash_line_opens_a_dump_without_headline() -> None:
    dump = "- Eastport Wire - Tuesday, March 5, 2024\n\n" + "\n\n".join(STORY) + (
        "\n\nCopyright © 2024 Eastport Post, LLC.\n\nPlease read our comment policy first.")
    draft = extract(dump, DUMP_URL, GENERIC, content_type="text/plain")
    clean_body(draft)
    assert draft.title is None
    assert draft.bylines[0].value == "- Eastport Wire - Tuesday, March 5, 2024"
    assert draft.body == STORY


def test_text_without_html_markup_takes_the_text_path() -> None:
    draft = extract(DUMP, DUMP_URL, GENERIC)
    assert draft.sources["body"] == "text"
