"""The quality gate: per-source floors for newscrawl's measures, kept in a small JSON file.

    {"comment": "...", "floors": {"fundus": {"body_f1": 0.95, "title": 0.8}, ...}}

Measure names are those of `QUALITY_MEASURES`. Sources that were not evaluated in a run are not
checked; a floor on a measure the run could not compute counts as a failure (the data that
should feed it went missing).
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
class Shortfall:
    source: str
    measure: str
    floor: float
    value: float | None

    def __str__(self) -> str:
        got = "not measured" if self.value is None else f"{self.value:.3f}"
        return f"{self.source} {self.measure}: {got} < floor {self.floor:.3f}"


def load_floors(path: Path) -> Floors:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise FloorsError(f"{path}: {exc}") from exc
    floors = data.get("floors") if isinstance(data, dict) else None
    if not isinstance(floors, dict):
        raise FloorsError(f"{path}: no 'floors' object")
    return {source: _source_floors(path, source, values) for source, values in floors.items()}


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


def shortfalls(floors: Floors, measured: dict[str, SourceMetrics]) -> list[Shortfall]:
    """Every measure below its floor, for the sources that were measured."""
    found = []
    for source, metrics in measured.items():
        for measure, floor in floors.get(source, {}).items():
            value = getattr(metrics, measure)
            if value is None or value < floor:
                found.append(Shortfall(source, measure, floor, value))
    return found


def format_shortfalls(found: Sequence[Shortfall]) -> str:
    lines = [f"quality gate failed: {len(found)} measure(s) below their floor"]
    lines += [f"  {shortfall}" for shortfall in found]
    return "\n".join(lines)
