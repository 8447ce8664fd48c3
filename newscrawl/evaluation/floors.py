"""The quality gate: per-source floors for newscrawl's measures, kept in a small JSON file.

    {"comment": "...", "folds": 2, "floors": {"fundus": {"body_f1": 0.95, "title": 0.8}, ...}}

Measure names are those of `QUALITY_MEASURES`. With "folds": K the floors apply to the worst of
the source's K publisher folds (see `folds`), measure by measure; without it, to the pooled
scores. Sources that were not evaluated in a run are not checked; a floor on a measure the run
could not compute counts as a failure (the data that should feed it went missing).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from newscrawl.evaluation.metrics import QUALITY_MEASURES, SourceMetrics

Floors = dict[str, dict[str, float]]


class FloorsError(Exception):
    """The floors file is missing or malformed."""


@dataclass(frozen=True)
class Gate:
    floors: Floors
    folds: int  # floors apply to the worst of this many folds; 1: to the pooled scores


@dataclass(frozen=True)
class Shortfall:
    source: str
    measure: str
    floor: float
    value: float | None
    scope: str = ""  # "worst of 2 folds"; empty for pooled scores

    def __str__(self) -> str:
        got = "not measured" if self.value is None else f"{self.value:.3f}"
        scope = f" ({self.scope})" if self.scope else ""
        return f"{self.source} {self.measure}{scope}: {got} < floor {self.floor:.3f}"


def load_gate(path: Path) -> Gate:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise FloorsError(f"{path}: {exc}") from exc
    floors = data.get("floors") if isinstance(data, dict) else None
    if not isinstance(floors, dict):
        raise FloorsError(f"{path}: no 'floors' object")
    folds = data.get("folds", 1)
    if isinstance(folds, bool) or not isinstance(folds, int) or folds < 1:
        raise FloorsError(f"{path}: 'folds' must be a whole number of at least 1, not {folds!r}")
    parsed = {source: _source_floors(path, source, values) for source, values in floors.items()}
    return Gate(parsed, folds)


def _source_floors(path: Path, source: str, values: object) -> dict[str, float]:
    if not isinstance(values, dict):
        raise FloorsError(f"{path}: floors for {source} are not an object")
    for measure, floor in values.items():
        # A misspelt measure would otherwise never be checked.
        if measure not in QUALITY_MEASURES:
            raise FloorsError(
                f"{path}: {source}: unknown measure {measure!r} "
                f"(known: {', '.join(QUALITY_MEASURES)})"
            )
        if isinstance(floor, bool) or not isinstance(floor, int | float):
            raise FloorsError(f"{path}: {source}.{measure}: floor {floor!r} is not a number")
    return {measure: float(floor) for measure, floor in values.items()}


def shortfalls(
    floors: Floors, measured: dict[str, SourceMetrics], scope: str = ""
) -> list[Shortfall]:
    """Every measure below its floor, for the sources that were measured (`measured` holds the
    pooled scores, or each source's worst fold, which `scope` then names)."""
    found = []
    for source, metrics in measured.items():
        for measure, floor in floors.get(source, {}).items():
            value = getattr(metrics, measure)
            if value is None or value < floor:
                found.append(Shortfall(source, measure, floor, value, scope))
    return found


def format_shortfalls(found: Sequence[Shortfall]) -> str:
    lines = [f"quality gate failed: {len(found)} measure(s) below their floor"]
    lines += [f"  {shortfall}" for shortfall in found]
    return "\n".join(lines)
