"""The repository's quality floors file is one the gate can use."""

from __future__ import annotations

from pathlib import Path

from newscrawl.evaluation.floors import load_floors

FLOORS_FILE = Path(__file__).resolve().parents[2] / "benchmarks" / "quality_floors.json"


def test_repository_floors_name_known_measures_with_rates() -> None:
    floors = load_floors(FLOORS_FILE)
    assert floors
    for measures in floors.values():
        assert measures
        assert all(0.0 < floor <= 1.0 for floor in measures.values())
