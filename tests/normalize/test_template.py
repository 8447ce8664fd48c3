from __future__ import annotations

import json
from pathlib import Path

from newscrawl.normalize.template import MIN_PAGES, SiteTemplate, TemplateStore

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
        template.learn([*_story(n), *(extra or []), FOOTER], page_key=f"https://e.org/{n}")
    return template


def test_footer_repeated_across_pages_is_stripped_and_prose_kept() -> None:
    template = _learned(8)
    page = [*_story(13), FOOTER]
    assert template.strip(page) == _story(13)


def test_line_with_changing_numbers_counts_as_the_same_line() -> None:
    template = SiteTemplate("eastport")
    for n in range(6):
        template.learn([*_story(n), f"© 20{10 + n} Eastport Post"])
    assert template.strip([*_story(14), "© 2031 Eastport Post"]) == _story(14)


def test_too_few_pages_learn_nothing() -> None:
    template = _learned(MIN_PAGES - 1)
    page = [*_story(13), FOOTER]
    assert template.strip(page) == page


def test_line_on_a_small_share_of_pages_is_kept() -> None:
    template = _learned(20)
    for n in range(3):  # a subscription line on only 3 of 23 pages
        template.learn([*_story(n), SUBSCRIBE])
    assert template.strip([SUBSCRIBE]) == [SUBSCRIBE]


def test_long_prose_line_needs_more_evidence_than_a_short_one() -> None:
    quote = ("The minister said the harbour would stay open through the winter, that no jobs "
             "would be lost, and that the repairs would be paid for by the national fund.")
    template = _learned(6, extra=[quote])
    assert template.strip([quote, FOOTER]) == [quote]


def test_the_same_page_learned_twice_counts_once() -> None:
    template = SiteTemplate("eastport")
    for _ in range(6):
        template.learn([*_story(1), FOOTER], page_key="https://e.org/1")
    assert template.pages == 1
    assert template.strip([FOOTER]) == [FOOTER]


def test_template_round_trips_through_its_file(tmp_path: Path) -> None:
    store = TemplateStore(tmp_path)
    for n in range(8):
        store.learn("eastport", [*_story(n), FOOTER], page_key=f"https://e.org/{n}")
    store.save()
    assert json.loads(store.path("eastport").read_text("utf-8"))["pages"] == 8
    reloaded = TemplateStore(tmp_path)
    assert reloaded.strip("eastport", [*_story(13), FOOTER]) == _story(13)
    assert not list(tmp_path.glob("*.part"))


def test_unreadable_template_file_starts_a_new_template(tmp_path: Path) -> None:
    store = TemplateStore(tmp_path)
    store.path("eastport").write_text("{not json", "utf-8")
    assert store.template("eastport").pages == 0


def test_site_name_cannot_leave_the_template_directory(tmp_path: Path) -> None:
    path = TemplateStore(tmp_path).path("../../etc/passwd")
    assert path.parent == tmp_path
