"""The table and JSON printers."""

from __future__ import annotations

from typing import Any

from newscrawl.evaluation.folds import Fold
from newscrawl.evaluation.metrics import SourceMetrics
from newscrawl.evaluation.report import format_table, to_json
from newscrawl.evaluation.runner import Evaluation, SourceRun


def _evaluation(system: str, source: str, metrics: SourceMetrics, seconds: float) -> Evaluation:
    records: list[dict[str, Any]] = [{} for _ in range(metrics.pages)]
    return Evaluation(SourceRun(system, source, records, seconds), metrics)


FUNDUS = SourceMetrics(
    pages=4, errors=1, body_f1=0.51470588, title=0.5, authors=0.5, day=0.75, minute=2 / 3
)
TRAF = SourceMetrics(pages=3, errors=0, day=0.5, snippet_f1=0.75)


def test_table_has_one_row_per_source_with_three_decimals() -> None:
    table = format_table([_evaluation("newscrawl", "fundus", FUNDUS, 2.0)])
    header, rule, row = table.splitlines()
    assert [cell.strip() for cell in header.strip("|").split("|")] == [
        "source",
        "pages",
        "errors",
        "body F1",
        "title",
        "authors",
        "day",
        "minute",
        "snippets F1",
        "pages/s",
    ]
    assert set(rule) <= {"|", "-", " "}
    cells = [cell.strip() for cell in row.strip("|").split("|")]
    assert cells == ["fundus", "4", "1", "0.515", "0.500", "0.500", "0.750", "0.667", "", "2.0"]


def test_table_with_a_baseline_has_a_system_column_and_a_row_per_system() -> None:
    table = format_table(
        [
            _evaluation("newscrawl", "trafilatura", TRAF, 1.0),
            _evaluation("trafilatura", "trafilatura", TRAF, 0.5),
        ]
    )
    lines = table.splitlines()
    assert lines[0].split("|")[2].strip() == "system"
    assert [line.split("|")[2].strip() for line in lines[2:]] == ["newscrawl", "trafilatura"]
    assert lines[3].rstrip(" |").endswith("6.0")
    assert len({len(line) for line in lines}) == 1  # columns line up


def test_json_has_full_precision_and_speed() -> None:
    (entry,) = to_json([_evaluation("newscrawl", "fundus", FUNDUS, 2.0)])
    assert entry["minute"] == 2 / 3
    assert entry["pages_per_second"] == 2.0
    assert (entry["source"], entry["system"]) == ("fundus", "newscrawl")
    assert "snippet_f1" not in entry


def test_fold_table_puts_systems_side_by_side_per_fold() -> None:
    folds = (Fold(1, 2, FUNDUS), Fold(2, 1, SourceMetrics(pages=1, errors=0, title=1.0)))
    ours = Evaluation(SourceRun("newscrawl", "fundus", [{}] * 5, 1.0), FUNDUS, folds)
    theirs = Evaluation(SourceRun("trafilatura", "fundus", [{}] * 5, 1.0), FUNDUS, folds)
    lines = format_table([ours, theirs]).splitlines()
    cells = [[c.strip() for c in line.strip("|").split("|")] for line in lines[2:]]
    assert [(c[1], c[2]) for c in cells] == [
        ("1", "newscrawl"),
        ("1", "trafilatura"),
        ("2", "newscrawl"),
        ("2", "trafilatura"),
        ("worst", "newscrawl"),
        ("worst", "trafilatura"),
        ("spread", "newscrawl"),
        ("spread", "trafilatura"),
        ("all", "newscrawl"),
        ("all", "trafilatura"),
    ]
    title = lines[0].strip("|").split("|").index(" title ")
    assert [c[title] for c in cells[4:8:2]] == ["0.500", "0.500"]  # worst, spread
    assert cells[-1][-1] == "5.0"  # pages/s on the pooled row only
    assert len({len(line) for line in lines}) == 1


def test_json_with_folds_has_folds_worst_and_spread() -> None:
    folds = (Fold(1, 2, FUNDUS), Fold(2, 1, SourceMetrics(pages=1, errors=0, title=1.0)))
    (entry,) = to_json([Evaluation(SourceRun("newscrawl", "fundus", [], 1.0), FUNDUS, folds)])
    assert [f["fold"] for f in entry["folds"]] == [1, 2]
    assert entry["folds"][1] == {"fold": 2, "publishers": 1, "pages": 1, "errors": 0, "title": 1.0}
    assert entry["worst"]["title"] == 0.5 and entry["spread"]["title"] == 0.5
    assert "pages" not in entry["worst"]
