"""Floors for benchmarks/quality_floors.json from a `newscrawl eval --folds K --json` output.

    newscrawl eval ../shared/corpus --folds 2 --json > /tmp/run.json
    .venv/bin/python benchmarks/suggest_floors.py /tmp/run.json [--margin 0.005]

Each floor is newscrawl's worst fold on that measure less the margin, rounded down to 3
decimals; the output is the "floors" object of the file, for a person to compare with the
floors in force (raising one is a normal commit, lowering one needs a written reason).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

from newscrawl.evaluation.metrics import QUALITY_MEASURES

DEFAULT_MARGIN = 0.005


def floor_of(worst: float, margin: float) -> float:
    return math.floor(round((worst - margin) * 1000, 6)) / 1000


def suggest(entries: list[dict[str, object]], margin: float) -> dict[str, dict[str, float]]:
    floors: dict[str, dict[str, float]] = {}
    for entry in entries:
        worst = entry.get("worst")
        if entry.get("system") != "newscrawl" or not isinstance(worst, dict):
            continue
        measures = {m: floor_of(float(worst[m]), margin) for m in QUALITY_MEASURES if m in worst}
        if measures:
            floors[str(entry["source"])] = measures
    return floors


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("run", type=Path, help="the JSON of `newscrawl eval --folds K --json`")
    parser.add_argument("--margin", type=float, default=DEFAULT_MARGIN)
    args = parser.parse_args(argv)
    floors = suggest(json.loads(args.run.read_text(encoding="utf-8")), args.margin)
    if not floors:
        print(f"{args.run}: no newscrawl entry with folds (run eval with --folds)", file=sys.stderr)
        return 2
    for source, measures in floors.items():
        print(f'    "{source}": {json.dumps(measures)},')
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
