"""Presenting evaluations: a Markdown table for people, JSON for machines."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from newscrawl.evaluation.folds import spread, worst
from newscrawl.evaluation.metrics import QUALITY_MEASURES, SourceMetrics
from newscrawl.evaluation.runner import Evaluation

# (heading, SourceMetrics attribute) in table order.
METRIC_COLUMNS = (
    ("body F1", "body_f1"),
    ("title", "title"),
    ("authors", "authors"),
    ("day", "day"),
    ("minute", "minute"),
    ("snippets F1", "snippet_f1"),
)


def format_table(evaluations: Sequence[Evaluation], *, with_system: bool | None = None) -> str:
    """One row per source, or per system and source (by default when several systems ran);
    measures with 3 decimals. Evaluations with folds get the fold table."""
    if any(e.folds for e in evaluations):
        return format_fold_table(evaluations)
    if with_system is None:
        with_system = len({e.system for e in evaluations}) > 1
    header = ["source", *(["system"] if with_system else []), "pages", "errors"]
    header += [heading for heading, _ in METRIC_COLUMNS] + ["pages/s"]
    rows = [_row(e, with_system) for e in evaluations]
    return _markdown([header, *rows])


def _row(evaluation: Evaluation, with_system: bool) -> list[str]:
    metrics = evaluation.metrics
    cells = [evaluation.source, *([evaluation.system] if with_system else [])]
    cells += [str(metrics.pages), str(metrics.errors)]
    cells += [_decimal(getattr(metrics, name), 3) for _, name in METRIC_COLUMNS]
    cells.append(_decimal(evaluation.run.pages_per_second, 1))
    return cells


def format_fold_table(evaluations: Sequence[Evaluation]) -> str:
    """Per source: a row per fold and system (systems side by side), then each system's worst
    fold, its spread (highest minus lowest fold) and its pooled scores with pages/s."""
    header = ["source", "fold", "system", "pages", "publishers", "errors"]
    header += [heading for heading, _ in METRIC_COLUMNS] + ["pages/s"]
    rows = [header]
    for source in dict.fromkeys(e.source for e in evaluations):
        mine = [e for e in evaluations if e.source == source]
        for number in range(max(len(e.folds) for e in mine)):
            for e in mine:
                if number < len(e.folds):
                    fold = e.folds[number]
                    counts = [fold.metrics.pages, fold.publishers, fold.metrics.errors]
                    cells = [str(fold.number), e.system, *map(str, counts)]
                    rows.append([source, *cells, *_measures(fold.metrics)])
        for label, summary in (("worst", worst), ("spread", spread)):
            for e in mine:
                if e.folds:
                    rows.append([source, label, e.system, "", "", "", *_measures(summary(e.folds))])
        for e in mine:
            pooled = [source, "all", e.system, str(e.metrics.pages), "", str(e.metrics.errors)]
            rows.append([*pooled, *_measures(e.metrics), _decimal(e.run.pages_per_second, 1)])
    return _markdown([row + [""] * (len(header) - len(row)) for row in rows])


def _measures(metrics: SourceMetrics) -> list[str]:
    return [_decimal(getattr(metrics, name), 3) for _, name in METRIC_COLUMNS]


def _decimal(value: float | None, places: int) -> str:
    return "" if value is None else f"{value:.{places}f}"


def _markdown(rows: list[list[str]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [_line(rows[0], widths), _line(["-" * w for w in widths], widths)]
    lines += [_line(row, widths, align_numbers=True) for row in rows[1:]]
    return "\n".join(lines)


def _line(cells: list[str], widths: list[int], align_numbers: bool = False) -> str:
    """A table line; numbers right-aligned (when asked) so their decimals line up."""
    padded = [
        cell.rjust(width) if align_numbers and _is_number(cell) else cell.ljust(width)
        for cell, width in zip(cells, widths, strict=True)
    ]
    return "| " + " | ".join(padded) + " |"


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def to_json(evaluations: Sequence[Evaluation]) -> list[dict[str, Any]]:
    """Full-precision results, one object per system and source: the pooled measures at the
    top level and, with folds, `folds` (one object per fold), `worst` and `spread`."""
    return [_json_entry(e) for e in evaluations]


def _json_entry(e: Evaluation) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "source": e.source,
        "system": e.system,
        **e.metrics.as_dict(),
        "seconds": e.run.seconds,
        "pages_per_second": e.run.pages_per_second,
    }
    if e.folds:
        entry["folds"] = [
            {"fold": f.number, "publishers": f.publishers, **f.metrics.as_dict()}
            for f in e.folds
        ]
        entry["worst"] = _measured(worst(e.folds))
        entry["spread"] = _measured(spread(e.folds))
    return entry


def _measured(metrics: SourceMetrics) -> dict[str, float]:
    values = {name: getattr(metrics, name) for name in QUALITY_MEASURES}
    return {name: value for name, value in values.items() if value is not None}
