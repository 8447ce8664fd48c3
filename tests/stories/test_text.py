from __future__ import annotations

from newscrawl.stories.text import quotes, sentences, strip_dateline, words


def test_words_fold_case_abbreviation_dots_and_possessives() -> None:
    assert words("The U.S. troops in Iraq’s capital") == ["the", "us", "troops", "in", "iraq",
                                                        "capital"]
    assert words("US troops in IRAQ's capital") == ["us", "troops", "in", "iraq", "capital"]


def test_numbers_stay_whole() -> None:
    assert words("5,200 troops and 4.5 percent") == ["5,200", "troops", "and", "4.5", "percent"]


def test_the_dateline_in_any_outlet_style_is_not_text() -> None:
    for body in ("BASRA — Farmers lost", "BASRA (AP) — Farmers lost",
                 "BASRA, July 11 (Reuters) - Farmers lost"):
        assert strip_dateline(body, "BASRA") == "Farmers lost"
    assert strip_dateline("Farmers in BASRA — lost", None) == "Farmers in BASRA — lost"


def test_sentences_split_at_full_stops_before_capitals_not_inside_abbreviations() -> None:
    text = "The U.S. embassy said so. “We left,” he said. Officials in St. Louis agreed."
    assert sentences(text) == ["The U.S. embassy said so.", "“We left,” he said.",
                               "Officials in St. Louis agreed."]


def test_quotes_are_content_word_sets_of_quoted_speech() -> None:
    (quote,) = quotes("“Our members keep this city moving and they are tired,” he said. “Yes.”")
    assert {"member", "keep", "city", "moving", "tired"} <= quote
