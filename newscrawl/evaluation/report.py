"""Presenting evaluations: a Markdown table for people, JSON for machines."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

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
    measures with 3 decimals."""
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
    """Full-precision results, one object per system and source."""
    return [
        {
            "source": e.source,
            "system": e.system,
            **e.metrics.as_dict(),
            "seconds": e.run.seconds,
            "pages_per_second": e.run.pages_per_second,
        }
        for e in evaluations
    ]
