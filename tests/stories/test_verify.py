"""Which rule decides: copies with heavy edits are one story; follow-ups, rewrites that only
quote a wire story, other wires and stories weeks apart are not."""

from __future__ import annotations

from newscrawl.stories.doc import StoryDoc
from newscrawl.stories.verify import Rules, evidence, judge
from tests.stories.conftest import FERRY, wire_record

RULES = Rules()
PARAS = FERRY.split("\n\n")


def verdict(a: dict, b: dict):
    return judge(StoryDoc(a), StoryDoc(b), RULES)


def test_a_cut_reordered_copy_with_local_context_is_the_same_story() -> None:
    copy = wire_record(
        url="https://outlet-b.example/2", site="outlet-b", dateline=None, agencies=[],
        published_at="2024-01-15",
        body="\n\n".join([PARAS[0].replace("OSLO (Reuters) - ", ""), PARAS[3], PARAS[2],
                          "County officials said they were watching developments closely."]),
    )
    result = verdict(wire_record(), copy)
    assert result.same and result.rule == "most"


def test_a_follow_up_that_reuses_background_under_a_new_lede_is_another_story() -> None:
    follow = wire_record(
        url="https://outlet-a.example/2", published_at="2024-01-16T14:30:00+01:00",
        body="\n\n".join([
            "OSLO (Reuters) - A small oil leak has been found at the coastal ferry that ran "
            "aground near Hadsel island in a storm on Monday, the coastal administration said.",
            "“We have the situation under control but the weather makes the work difficult,” "
            "said coastal administration official Hanne Berg.",
            PARAS[4], PARAS[3],
        ]),
    )
    ev = evidence(StoryDoc(wire_record()), StoryDoc(follow), RULES)
    assert ev.coverage >= 0.4 and not ev.lede  # the recap lede is no copy of the old lede
    assert not verdict(wire_record(), follow).same


def test_a_rewrite_that_only_quotes_the_wire_story_is_another_story() -> None:
    rewrite = wire_record(
        url="https://outlet-c.example/3", site="outlet-c", agencies=[],
        body="\n\n".join([
            "Travellers in the north faced another day of disruption after a storm that has "
            "closed roads, cancelled flights and left island communities cut off.",
            "Road crews worked through the night to clear fallen trees from the coastal highway, "
            "and the airport in Bodo expects to reopen on Tuesday morning.",
            PARAS[2],
            "Schools in three municipalities will stay closed until the wind drops.",
        ]),
    )
    assert not verdict(wire_record(), rewrite).same


def test_another_wire_with_its_own_text_is_another_story() -> None:
    own = ("Passengers described a night of fear as the vessel listed in heavy seas off the "
           "coast, with water pouring into the lower car deck and crew handing out life jackets.")
    other = wire_record(url="https://outlet-b.example/9", agencies=["AFP"],
                        body="\n\n".join([*PARAS[:2], own]))
    result = verdict(wire_record(), other)
    assert not result.same and result.rule == "agency"


def test_the_same_text_weeks_later_is_another_story() -> None:
    later = wire_record(url="https://outlet-b.example/4", published_at="2024-02-20T10:00:00+01:00")
    result = verdict(wire_record(), later)
    assert not result.same and result.rule == "window"


def test_a_late_pick_up_within_the_window_is_the_same_story_when_it_carries_nearly_all() -> None:
    weekly = wire_record(url="https://weekly.example/5", site="weekly",
                         published_at="2024-01-20T08:00:00+01:00")
    result = verdict(wire_record(), weekly)
    assert result.same and result.rule == "late"


def test_day_only_dates_count_as_the_whole_day_in_any_zone() -> None:
    ev = evidence(StoryDoc(wire_record(published_at="2024-01-16")),
                  StoryDoc(wire_record(published_at="2024-01-15T23:30:00-08:00")), RULES)
    assert ev.hours == 0.0
