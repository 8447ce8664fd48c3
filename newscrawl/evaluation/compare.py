"""Two `newscrawl eval --folds K --json` outputs compared fold by fold: how a change is judged.

A change is kept only if no measure gets worse on any fold: a gain on the pooled score that
one fold pays for is fitting to that fold's publishers. `compare` lists, per source, system and
measure, the pooled values before and after and the change on each fold, with a verdict.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newscrawl.evaluation.metrics import QUALITY_MEASURES

# Changes smaller than this are float noise, not a page scored differently.
TOLERANCE = 1e-9

Entry = dict[str, Any]
Results = dict[tuple[str, str], Entry]  # (source, system) -> entry


class CompareError(Exception):
    """An input is not an eval JSON output, or the two were not scored on the same folds."""


@dataclass(frozen=True)
class Change:
    source: str
    system: str
    measure: str
    before: float
    after: float
    folds: tuple[float | None, ...]  # after - before on each fold; None where not measured

    @property
    def worse_folds(self) -> list[int]:
        return [i + 1 for i, d in enumerate(self.folds) if d is not None and d < -TOLERANCE]

    @property
    def better_folds(self) -> list[int]:
        return [i + 1 for i, d in enumerate(self.folds) if d is not None and d > TOLERANCE]

    @property
    def verdict(self) -> str:
        worse, better = self.worse_folds, self.better_folds
        if worse and better:
            return f"mixed: worse on fold {_numbers(worse)}"
        if worse:
            return "worse"
        return "better" if better else "same"


def _numbers(folds: list[int]) -> str:
    return ", ".join(map(str, folds))


def load_results(path: Path) -> Results:
    """An eval JSON output keyed by (source, system)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise CompareError(f"{path}: {exc}") from exc
    if not isinstance(data, list) or not all(
        isinstance(e, dict) and "source" in e and "system" in e for e in data
    ):
        raise CompareError(f"{path}: not the output of `newscrawl eval --json`")
    return {(e["source"], e["system"]): e for e in data}


def changes(before: Results, after: Results) -> list[Change]:
    """Every measure of every (source, system) that both outputs scored."""
    found = []
    for key in (k for k in before if k in after):
        a, b = before[key], after[key]
        folds_a, folds_b = _folds(a), _folds(b)
        if [f.get("pages") for f in folds_a] != [f.get("pages") for f in folds_b]:
            raise CompareError(
                f"{key[0]} {key[1]}: the outputs were scored on different folds "
                "(run both with the same --folds on the same corpus)"
            )
        for measure in QUALITY_MEASURES:
            if a.get(measure) is None or b.get(measure) is None:
                continue
            deltas = tuple(_delta(fa, fb, measure) for fa, fb in zip(folds_a, folds_b, strict=True))
            found.append(Change(*key, measure, a[measure], b[measure], deltas))
    return found


def _folds(entry: Entry) -> list[Entry]:
    """The entry's folds; an output without folds counts as one fold, the whole source."""
    folds = entry.get("folds")
    return folds if isinstance(folds, list) and folds else [entry]


def _delta(before: Entry, after: Entry, measure: str) -> float | None:
    a, b = before.get(measure), after.get(measure)
    return None if a is None or b is None else b - a


def format_changes(found: Sequence[Change]) -> str:
    """A Markdown table of the changes, then one line that judges the change as a whole."""
    width = max((len(c.folds) for c in found), default=1)
    header = ["source", "system", "measure", "before", "after", "Δ all"]
    header += [f"Δ fold {i}" for i in range(1, width + 1)] + ["verdict"]
    rows = [header]
    for c in found:
        cells = [c.source, c.system, c.measure, f"{c.before:.3f}", f"{c.after:.3f}"]
        cells += [_signed(c.after - c.before), *(_signed(d) for d in c.folds)]
        cells += [""] * (width - len(c.folds))
        rows.append([*cells, c.verdict])
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    rows.insert(1, ["-" * w for w in widths])
    lines = ["| " + " | ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) + " |"
             for row in rows]
    return "\n".join([*lines, "", judgement(found)])


def _signed(delta: float | None) -> str:
    if delta is None:
        return ""
    return "0" if abs(delta) <= TOLERANCE else f"{delta:+.4f}"


def judgement(found: Sequence[Change]) -> str:
    worse = [f"{c.source} {c.system} {c.measure} fold {_numbers(c.worse_folds)}"
             for c in found if c.worse_folds]
    if worse:
        return "reject: worse on " + "; ".join(worse)
    if any(c.better_folds for c in found):
        return "keep: better on some fold, worse on none"
    return "no change on any fold"


def compare_files(before: Path, after: Path) -> tuple[str, bool]:
    """The printed comparison, and whether some fold got worse."""
    found = changes(load_results(before), load_results(after))
    if not found:
        raise CompareError(f"{before} and {after} have no source and system in common")
    return format_changes(found), any(c.worse_folds for c in found)
