"""The repository's quality floors file is one the gate can use."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newscrawl.evaluation.floors import FloorsError, load_gate

FLOORS_FILE = Path(__file__).resolve().parents[2] / "benchmarks" / "quality_floors.json"


def test_repository_floors_name_known_measures_with_rates() -> None:
    floors = load_gate(FLOORS_FILE).floors
    assert floors
    for measures in floors.values():
        assert measures
        assert all(0.0 < floor <= 1.0 for floor in measures.values())


def test_repository_floors_apply_to_the_worst_of_two_folds() -> None:
    assert load_gate(FLOORS_FILE).folds == 2


def test_a_file_without_folds_applies_to_pooled_scores(tmp_path: Path) -> None:
    path = tmp_path / "floors.json"
    path.write_text(json.dumps({"floors": {"aeb": {"body_f1": 0.9}}}), encoding="utf-8")
    assert load_gate(path).folds == 1


@pytest.mark.parametrize("folds", [0, 1.5, "2", True])
def test_folds_must_be_a_whole_number_of_at_least_one(tmp_path: Path, folds: object) -> None:
    path = tmp_path / "floors.json"
    path.write_text(json.dumps({"folds": folds, "floors": {}}), encoding="utf-8")
    with pytest.raises(FloorsError, match="'folds'"):
        load_gate(path)
