"""Judging a change fold by fold: kept only when no fold of any measure gets worse."""

from __future__ import annotations

from typing import Any

from newscrawl.evaluation.compare import Change, changes, format_changes, judgement


def _entry(title: float, folds: list[float] | None = None) -> dict[str, Any]:
    entry: dict[str, Any] = {"source": "fundus", "system": "newscrawl", "title": title}
    if folds is not None:
        entry["folds"] = [{"fold": i + 1, "pages": 10, "title": v} for i, v in enumerate(folds)]
    return entry


def _changes(before: dict[str, Any], after: dict[str, Any]) -> list[Change]:
    key = ("fundus", "newscrawl")
    return changes({key: before}, {key: after})


def test_verdicts() -> None:
    (better,) = _changes(_entry(0.5, [0.4, 0.6]), _entry(0.6, [0.5, 0.6]))
    (worse,) = _changes(_entry(0.5, [0.4, 0.6]), _entry(0.45, [0.4, 0.5]))
    (mixed,) = _changes(_entry(0.5, [0.4, 0.6]), _entry(0.55, [0.6, 0.5]))
    assert (better.verdict, worse.verdict, mixed.verdict) == (
        "better",
        "worse",
        "mixed: worse on fold 2",
    )
    assert judgement([better]) == "keep: better on some fold, worse on none"
    assert judgement([better, mixed]).startswith("reject: worse on fundus newscrawl title fold 2")


def test_a_pooled_gain_paid_for_by_one_fold_is_rejected() -> None:
    (change,) = _changes(_entry(0.50, [0.40, 0.60]), _entry(0.52, [0.50, 0.54]))
    assert change.after > change.before
    assert change.worse_folds == [2]


def test_outputs_without_folds_compare_as_one_fold() -> None:
    (change,) = _changes(_entry(0.5), _entry(0.5))
    assert change.folds == (0.0,) and change.verdict == "same"
    table = format_changes([change])
    assert "Δ fold 1" in table and table.endswith("no change on any fold")
