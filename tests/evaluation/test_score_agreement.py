"""AGREEMENT WITH THE REFERENCE SCORER: our metrics equal the corpus's score.py.

score.py lives outside the repository (`$SHARED/tools/score.py`, SHARED being `<repo>/../shared`
unless the environment sets it, as `make SHARED=...` does); these tests load it from there and
skip only when that file is absent. The hand-worked tests in test_metrics.py always run.
"""

from __future__ import annotations

import importlib.util
import os
import warnings
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from newscrawl.evaluation import metrics
from newscrawl.evaluation.corpus import load_sources
from newscrawl.evaluation.metrics import score_source
from tests.evaluation.synthetic import CORPUS, predictions, write_predictions

REPOSITORY = Path(__file__).resolve().parents[2]
SHARED = REPOSITORY / os.environ.get("SHARED", "../shared")  # an absolute SHARED wins
REFERENCE_SCORER = SHARED.resolve() / "tools" / "score.py"


@pytest.fixture(scope="module")
def reference() -> ModuleType:
    if not REFERENCE_SCORER.is_file():
        pytest.skip(f"reference scorer not present at {REFERENCE_SCORER}")
    spec = importlib.util.spec_from_file_location("reference_score", REFERENCE_SCORER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _reference_score(reference: ModuleType, *args: Any) -> dict[str, Any]:
    # The reference scorer leaves files for the garbage collector to close.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        result: dict[str, Any] = reference.score(*args)
    return result


@pytest.mark.parametrize("source", sorted(CORPUS))
def test_source_scores_equal_the_reference(
    reference: ModuleType, corpus: Path, tmp_path: Path, source: str
) -> None:
    pred_file = write_predictions(tmp_path / f"{source}.jsonl", predictions(source))
    expected = _reference_score(reference, str(corpus), source, str(pred_file))
    (loaded,) = load_sources(corpus, [source])
    ours = score_source(source, loaded.truths(), predictions(source)).as_dict()
    assert ours.keys() == expected.keys()
    for key, value in expected.items():
        assert ours[key] == pytest.approx(value, abs=1e-9), key


DATE_PAIRS = [
    ("2024-05-03T17:47:00+02:00", "2024-05-03 15:47:42.389000+00:00"),
    ("2024-05-03T17:48:43+02:00", "2024-05-03 15:47:42.389000+00:00"),
    ("2020-01-30T23:30:00Z", "2020-01-31T00:30:00+01:00"),
    ("2020-01-30T23:30:00", "2020-01-31T00:30:00+01:00"),
    ("2025-06-05T23:00:00-05:00", "2025-06-05"),
    ("2025-06-05", "2025-06-05T00:00:00.5+02:00"),
    ("2021-07-04", "2021-07-04T12:05:30"),
    ("2021-07-04T12:05:59+09:00", "2021-07-04T12:05:01"),
    ("20210704T120500", "2021-07-04 12:05"),
    ("2021-07-04 (updated)", "2021-07-04T12:05:30"),
    ("2021-7-4", "2021-07-04"),
    ("yesterday", "2021-07-04T12:05:30"),
    ("", "2021-07-04T12:05:30"),
    (None, "2021-07-04"),
    ("2018-12-31", "2018-13-45"),
    ("2018-12-31", "not a date"),
    ("2018-12-31", None),
    ("2018-02-30T10:00:00", "2018-02-28T10:00:00"),
]


@pytest.mark.parametrize(("predicted", "truth"), DATE_PAIRS)
def test_date_scores_equal_the_reference(
    reference: ModuleType, predicted: str | None, truth: str | None
) -> None:
    assert metrics.date_scores(predicted, truth) == reference.date_scores(predicted, truth)


BODY_PAIRS = [
    ("one two three four six", "one two three four five"),
    ("a a a a a", "a a a a"),
    ("Hello world", "Hello world!"),
    ("Hi", "Hi there you"),
    ("", "x"),
    (None, None),
    ("Größe: 12 – ÖL", "größe 12 öl"),
    ("word " * 50, "word " * 40 + "other words here"),
]


@pytest.mark.parametrize(("predicted", "truth"), BODY_PAIRS)
def test_body_scores_equal_the_reference(
    reference: ModuleType, predicted: str | None, truth: str | None
) -> None:
    assert metrics.body_precision_recall(predicted, truth) == pytest.approx(
        reference.body_pr(predicted, truth), abs=1e-12
    )


RECORDS = [
    {"authors": [{"name": "Ann  Lee"}, {"name": ""}], "agencies": ["AP"]},
    {"authors": [], "agencies": ["AP", "Reuters"]},
    {"authors": [{"name": None}], "agencies": ["AP"]},
    {"authors": ["Jo\u00adMuster"]},
    {"authors": [], "agencies": [], "credit": "Metro  Desk"},
    {"authors": [], "agencies": ["AFP"], "credit": "Metro Desk"},
    {"authors": [{"name": "Ann Lee"}], "credit": "Metro Desk"},
    {"credit": ""},
    {"credit": None},
    {},
]


@pytest.mark.parametrize("record", RECORDS)
def test_author_names_equal_the_reference(reference: ModuleType, record: dict[str, Any]) -> None:
    assert metrics.record_names(record) == reference.names(record)
