from __future__ import annotations

import pytest

from newscrawl.normalize.dateline import Dateline, parse_dateline


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("BAGHDAD — The council met on Sunday.", Dateline("BAGHDAD", None)),
        ("BAGHDAD (AP) - The council met.", Dateline("BAGHDAD", "Associated Press")),
        ("BAGHDAD (AP) — The council met.", Dateline("BAGHDAD", "Associated Press")),
        ("WASHINGTON, D.C. (Reuters) - A panel voted.", Dateline("WASHINGTON, D.C.", "Reuters")),
        ("LONDON, Jan 5 (Reuters) - Shares fell.", Dateline("LONDON", "Reuters")),
        ("PARIS (AFP) – Le conseil a voté.", Dateline("PARIS", "AFP")),
        ("Berlin (dpa) - Der Rat tagte.", Dateline("Berlin", "dpa")),
        ("KYIV, Ukraine — Sirens sounded.", Dateline("KYIV, Ukraine", None)),
        ("NEW YORK -- Markets opened higher.", Dateline("NEW YORK", None)),
        ("ST. LOUIS (AP) — The team won.", Dateline("ST. LOUIS", "Associated Press")),
        ("RIO DE JANEIRO — Rain fell.", Dateline("RIO DE JANEIRO", None)),
    ],
)
def test_dateline_forms_give_place_and_agency(paragraph: str, expected: Dateline) -> None:
    assert parse_dateline(paragraph) == expected


def test_date_part_after_the_place_is_dropped() -> None:
    dateline = parse_dateline("PORTLAND, Ore., Jan. 5 (AP) — The port reopened.")
    assert dateline == Dateline("PORTLAND, Ore.", "Associated Press")


def test_hyphen_inside_a_place_is_not_a_separator() -> None:
    dateline = parse_dateline("WINSTON-SALEM, N.C. (AP) — A mill closed.")
    assert dateline == Dateline("WINSTON-SALEM, N.C.", "Associated Press")


def test_em_dash_without_spaces_ends_the_dateline() -> None:
    assert parse_dateline("WASHINGTON—The bill passed.") == Dateline("WASHINGTON", None)


def test_efe_dot_dash_separator_with_date() -> None:
    assert parse_dateline("Madrid, 5 ene (EFE).- El pleno votó.") == Dateline("Madrid", "EFE")


def test_first_known_agency_of_several_in_parentheses() -> None:
    dateline = parse_dateline("Berlin/Potsdam (dpa/lby) - Der Landtag tagte.")
    assert dateline == Dateline("Berlin/Potsdam", "dpa")


def test_unknown_source_in_parentheses_leaves_agency_empty() -> None:
    assert parse_dateline("LONDON (Ledger) — Rain fell.") == Dateline("LONDON", None)


def test_colon_after_an_agency_is_a_separator() -> None:
    assert parse_dateline("BEIRUT (AFP): The port reopened.") == Dateline("BEIRUT", "AFP")


def test_bare_colon_after_capitals_is_not_a_dateline() -> None:
    # Kickers ("UPDATE:", "EXCLUSIVE:") look the same as "BEIRUT:".
    assert parse_dateline("BEIRUT: The port reopened.") is None


@pytest.mark.parametrize(
    "paragraph",
    [
        "The leader of the party — who spoke late — left.",
        "NATO leaders said on Monday that talks would go on — and on.",
        "“BAGHDAD — it was a long night,” she said.",
        '"We will win - again," he said.',
        "Berlin (pictured) - a city of many bridges.",
        "Jane Doe - a local teacher - won.",
        "BAGHDAD-based groups said - nothing.",
        "LONDON, the capital — was calm.",
        "The vote (held on Sunday) - a first - passed.",
        "",
        "   ",
        "BAGHDAD",
        "Shares fell 5% - the worst day in years.",
    ],
)
def test_ordinary_text_is_not_a_dateline(paragraph: str) -> None:
    assert parse_dateline(paragraph) is None


@pytest.mark.parametrize(
    "paragraph",
    ["BREAKING — A fire broke out.", "UPDATE - Roads reopened.", "EDITOR'S NOTE — This story."],
)
def test_kicker_in_capitals_is_not_a_place(paragraph: str) -> None:
    assert parse_dateline(paragraph) is None


def test_leading_whitespace_is_allowed() -> None:
    assert parse_dateline("  CAIRO — Traffic stalled.") == Dateline("CAIRO", None)


def test_place_keeps_its_printed_case() -> None:
    dateline = parse_dateline("Rio de Janeiro (AFP) - Rain fell.")
    assert dateline == Dateline("Rio de Janeiro", "AFP")
