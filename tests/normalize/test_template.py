from __future__ import annotations

import json
from pathlib import Path

import pytest

from newscrawl.normalize.template import (
    MAX_ARTICLES,
    MAX_LINES_PER_ARTICLE,
    MIN_PAGES,
    SiteTemplate,
    TemplateStore,
    article_key,
)

FOOTER = "Eastport Post is published by Harbour Media Group, 12 Quay Street, Eastport."
SUBSCRIBE = "Get the Eastport Post delivered to your door from 2 euros a week"


PLACES = ["harbour", "market", "station", "library", "museum", "stadium", "school", "bridge",
          "hospital", "park", "ferry", "tram", "airport", "theatre", "castle", "beach"]


def _story(n: int) -> list[str]:
    place, other = PLACES[n % len(PLACES)], PLACES[(n * 7 + 3) % len(PLACES)]
    return [
        f"The council met to discuss repairs to the {place}, which has been closed since the "
        f"storms, and residents living near the {other} asked for a timetable for the works.",
        f"A vote on the {place} budget was put off until the {other} survey is finished.",
    ]


def _learned(pages: int, extra: list[str] | None = None) -> SiteTemplate:
    template = SiteTemplate("eastport")
    for n in range(pages):
        template.learn([*_story(n), *(extra or []), FOOTER], f"/{n}")
    return template


def test_footer_repeated_across_pages_is_stripped_and_prose_kept() -> None:
    template = _learned(8)
    page = [*_story(13), FOOTER]
    assert template.strip(page, "/13") == _story(13)


def test_line_with_changing_numbers_counts_as_the_same_line() -> None:
    template = SiteTemplate("eastport")
    for n in range(6):
        template.learn([*_story(n), f"© 20{10 + n} Eastport Post"], f"/{n}")
    assert template.strip([*_story(14), "© 2031 Eastport Post"], "/14") == _story(14)


def test_too_few_pages_learn_nothing() -> None:
    template = _learned(MIN_PAGES - 1)
    page = [*_story(13), FOOTER]
    assert template.strip(page, "/13") == page


def test_line_on_a_small_share_of_pages_is_kept() -> None:
    template = _learned(20)
    for n in range(3):  # a subscription line on only 3 of 23 pages
        template.learn([*_story(n), SUBSCRIBE], f"/subscribe/{n}")
    assert template.strip([SUBSCRIBE], "/new") == [SUBSCRIBE]


def test_long_prose_line_needs_more_evidence_than_a_short_one() -> None:
    quote = ("The minister said the harbour would stay open through the winter, that no jobs "
             "would be lost, and that the repairs would be paid for by the national fund.")
    template = _learned(6, extra=[quote])
    assert template.strip([quote, FOOTER], "/new") == [quote]


def test_the_same_page_learned_twice_counts_once() -> None:
    template = SiteTemplate("eastport")
    for _ in range(6):
        template.learn([*_story(1), FOOTER], "/1")
    assert template.pages == 1
    assert template.strip([FOOTER], "/2") == [FOOTER]


def test_template_round_trips_through_its_file(tmp_path: Path) -> None:
    store = TemplateStore(tmp_path)
    for n in range(8):
        store.learn("eastport", [*_story(n), FOOTER], f"/{n}")
    store.save()
    assert len(json.loads(store.path("eastport").read_text("utf-8"))["articles"]) == 8
    reloaded = TemplateStore(tmp_path)
    assert reloaded.strip("eastport", [*_story(13), FOOTER], "/13") == _story(13)
    assert not list(tmp_path.glob("*.part"))


def test_unreadable_template_file_starts_a_new_template(tmp_path: Path) -> None:
    store = TemplateStore(tmp_path)
    store.path("eastport").write_text("{not json", "utf-8")
    assert store.template("eastport").pages == 0


def test_site_name_cannot_leave_the_template_directory(tmp_path: Path) -> None:
    path = TemplateStore(tmp_path).path("../../etc/passwd")
    assert path.parent == tmp_path


# -- an article is counted once, and never as evidence against itself ----------------------

def test_articles_learned_again_and_again_keep_every_line() -> None:
    template = SiteTemplate("eastport")
    for _ in range(10):  # the same four articles, crawled ten times
        for n in range(4):
            template.learn([*_story(n), FOOTER], f"/{n}")
    assert template.pages == 4
    for n in range(4):
        assert template.strip([*_story(n), FOOTER], f"/{n}") == [*_story(n), FOOTER]


def test_a_paragraph_unique_to_its_article_is_never_stripped() -> None:
    template = _learned(40)
    for _ in range(20):
        template.learn([*_story(5), FOOTER], "/5")
    assert template.strip([*_story(5), FOOTER], "/5") == _story(5)


def test_a_line_repeated_within_one_page_is_no_evidence() -> None:
    refrain = "Stir, taste and add a pinch of salt"
    template = _learned(12)
    template.learn([refrain] * 30 + _story(40), "/recipe")
    template.learn([refrain] * 30 + _story(41), "/recipe")
    page = [refrain, *_story(41), refrain]
    assert template.strip(page, "/recipe") == page


def test_a_revised_article_replaces_what_it_gave_before() -> None:
    template = _learned(8)
    for n in range(8):  # every article revised: the footer is gone from all of them
        template.learn(_story(n), f"/{n}")
    assert template.lines.get(next(iter(template.articles.values()))[0]) == 1
    assert template.strip([*_story(13), FOOTER], "/13") == [*_story(13), FOOTER]


def test_the_same_article_under_two_ports_and_tracking_parameters_is_one_key() -> None:
    keys = {
        article_key("http://127.0.0.1:8001/news/a?utm_source=rss"),
        article_key("https://127.0.0.1:9002/news/a#top"),
        article_key("https://www.example.org/news/a"),
    }
    assert keys == {"/news/a"}
    assert article_key("http://127.0.0.1:8001/mirror/news/a?id=2", "/mirror/") == "/news/a?id=2"


def test_the_template_is_bounded() -> None:
    template = SiteTemplate("eastport")
    for n in range(MAX_ARTICLES + 50):
        template.learn([*_story(n), FOOTER], f"/{n}")
    assert template.pages == MAX_ARTICLES
    assert not template.learn(_story(MAX_ARTICLES + 49), f"/{MAX_ARTICLES + 49}")  # kept
    assert template.learn(_story(0), "/0")  # the oldest was forgotten first
    words = [f"{a} {b}" for a in PLACES for b in PLACES]
    assert template.learn([f"The {w} page" for w in words], "/longest")  # 256 lines
    assert max(len(prints) for prints in template.articles.values()) == MAX_LINES_PER_ARTICLE
    assert sum(template.lines.values()) == sum(len(p) for p in template.articles.values())


@pytest.mark.parametrize("old", [
    {"format": 1, "site": "eastport", "pages": 12, "lines": {"0123456789abcdef": 12},
     "page_keys": ["fedcba9876543210"]},
    {"format": 2, "site": "eastport", "articles": ["not", "a", "mapping"]},
])
def test_a_template_file_of_an_older_or_broken_format_is_learned_again(
    tmp_path: Path, old: dict[str, object]
) -> None:
    store = TemplateStore(tmp_path)
    store.path("eastport").write_text(json.dumps(old), "utf-8")
    assert store.template("eastport").pages == 0
    store.learn("eastport", _story(1), "/1")
    store.save()
    assert json.loads(store.path("eastport").read_text("utf-8"))["format"] == 2
