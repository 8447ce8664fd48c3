"""The metrics on hand-worked cases (these run with or without the reference scorer)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from newscrawl.evaluation.corpus import load_sources
from newscrawl.evaluation.metrics import (
    SourceMetrics,
    Truth,
    body_precision_recall,
    date_scores,
    normalize_text,
    parse_when,
    record_names,
    score_source,
    shingles,
    snippet_share,
)
from tests.evaluation.synthetic import predictions


def test_shingles_are_word_four_grams_with_case_kept() -> None:
    assert shingles("One two, three four five") == Counter(
        {("One", "two", "three", "four"): 1, ("two", "three", "four", "five"): 1}
    )


def test_a_text_shorter_than_four_words_is_one_shingle() -> None:
    assert shingles("Hello world") == Counter({("Hello", "world"): 1})
    assert shingles("  ...  ") == Counter()


def test_body_precision_and_recall_count_shingles() -> None:
    # 2 shingles each, 1 shared.
    assert body_precision_recall("one two three four six", "one two three four five") == (
        0.5,
        0.5,
    )
    # 4 predicted shingles, the 1 true one among them.
    assert body_precision_recall("a b c d e f g", "a b c d") == (0.25, 1.0)


def test_body_empty_prediction_scores_zero_and_two_empty_texts_agree() -> None:
    assert body_precision_recall(None, "a b c d") == (0.0, 0.0)
    assert body_precision_recall("", "") == (1.0, 1.0)


def test_text_normalization_for_titles_and_names() -> None:
    assert normalize_text(" Storm\u00adwarning\n for  THE ﬁeld ") == "stormwarning for the field"
    assert normalize_text(None) == ""


def test_names_fall_back_to_agencies_only_without_authors() -> None:
    assert record_names({"authors": [], "agencies": ["Reuters"]}) == {"reuters"}
    assert record_names({"authors": [{"name": "Jo Muster"}], "agencies": ["AP"]}) == {"jo muster"}
    assert record_names({"authors": ["Plain String"]}) == {"plain string"}


def test_names_fall_back_to_the_credit_only_without_authors_or_agencies() -> None:
    assert record_names({"authors": [], "agencies": [], "credit": "Metro Desk"}) == {"metro desk"}
    assert record_names({"agencies": ["AFP"], "credit": "Metro Desk"}) == {"afp"}
    assert record_names({"authors": [{"name": "Jo Muster"}], "credit": "X"}) == {"jo muster"}
    assert record_names({"credit": None}) == set()


@pytest.mark.parametrize(
    ("predicted", "truth", "expected"),
    [
        # Both have offsets: same instant, 42 s apart, and the same UTC day.
        ("2024-05-03T17:47:00+02:00", "2024-05-03 15:47:42.389000+00:00", (1, 1)),
        # Moved to the truth's offset, the prediction falls on the truth's day.
        ("2020-01-30T23:30:00+00:00", "2020-01-31T00:30:00+01:00", (1, 1)),
        # Truth without a time: only the day counts, on the prediction's wall clock.
        ("2025-06-05T23:00:00-05:00", "2025-06-05", (1, None)),
        # Midnight truth: minute left out.
        ("2020-01-31T09:00:00+01:00", "2020-01-31T00:00:00+01:00", (1, None)),
        # Prediction without a time cannot hit the minute.
        ("2021-07-04", "2021-07-04T12:05:30", (1, 0)),
        # Naive on one side: wall-clock minute.
        ("2021-07-04T12:05:59+09:00", "2021-07-04T12:05:01", (1, 1)),
        # Missing prediction misses both; malformed truth is not scored.
        (None, "2021-07-04T12:05:30Z", (0, 0)),
        ("2018-12-31", "2018-13-45", (None, None)),
    ],
)
def test_date_scores(
    predicted: str | None, truth: str, expected: tuple[int | None, int | None]
) -> None:
    assert date_scores(predicted, truth) == expected


def test_parse_when_keeps_the_day_of_a_date_with_trailing_text() -> None:
    when = parse_when("2019-10-19 (updated)")
    assert when is not None and (when.has_time, when.value.day) == (False, 19)


def test_snippet_share_is_normalized_containment() -> None:
    assert snippet_share("NIRGENDS  und überall.", ["Nirgends und", "Rund 75"]) == 0.5


def _scores(corpus_root: Path, source: str) -> SourceMetrics:
    (loaded,) = load_sources(corpus_root, [source])
    return score_source(source, loaded.truths(), predictions(source))


def test_fundus_scores_by_hand(corpus: Path) -> None:
    result = _scores(corpus, "fundus")
    # body P = (1/2 + 1 + 1/4 + 0) / 4, R = (1/2 + 1 + 1 + 0) / 4
    assert result.body_precision == pytest.approx(0.4375)
    assert result.body_recall == pytest.approx(0.625)
    assert result.body_f1 == pytest.approx(2 * 0.4375 * 0.625 / (0.4375 + 0.625))
    assert (result.pages, result.errors) == (4, 1)
    assert (result.title, result.title_n) == (0.5, 4)
    assert (result.authors, result.authors_n) == (0.5, 4)
    assert (result.day, result.day_n) == (0.75, 4)
    assert (result.minute, result.minute_n) == (pytest.approx(2 / 3), 3)
    assert result.snippet_f1 is None


def test_aeb_scores_by_hand(corpus: Path) -> None:
    result = _scores(corpus, "aeb")
    assert (result.body_precision, result.body_recall, result.body_f1) == (0.75, 0.75, 0.75)
    assert result.title is None and result.day is None


def test_htmldate_scores_by_hand(corpus: Path) -> None:
    result = _scores(corpus, "htmldate")
    assert (result.day, result.day_n) == (pytest.approx(2 / 3), 3)
    assert (result.minute, result.minute_n) == (1.0, 1)
    assert result.body_f1 is None


def test_trafilatura_scores_snippets_not_titles(corpus: Path) -> None:
    result = _scores(corpus, "trafilatura")
    # recall (1/2 + 1) / 2, precision (1/2 + 1) / 2
    assert (result.snippet_precision, result.snippet_recall, result.snippet_f1) == (
        0.75,
        0.75,
        0.75,
    )
    assert result.title is None and result.authors is None
    assert (result.day, result.day_n) == (0.5, 2)


def test_as_dict_holds_only_measured_values() -> None:
    result = score_source("aeb", [Truth(body="x y")], [{"body": "x y"}])
    assert result.as_dict() == {
        "pages": 1,
        "errors": 0,
        "body_precision": 1.0,
        "body_recall": 1.0,
        "body_f1": 1.0,
    }


def test_score_source_needs_one_record_per_truth() -> None:
    with pytest.raises(ValueError):
        score_source("aeb", [Truth(body="x")], [])
