"""`newscrawl eval CORPUS_DIR`: extraction quality (and speed) on a corpus with ground truth.

Exit status: 0 on success, 1 when `--check-floors` finds a measure below its floor, 2 when the
corpus, the floors file or a system cannot be used.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from newscrawl.evaluation.corpus import CorpusError, load_sources
from newscrawl.evaluation.floors import (
    FloorsError,
    format_shortfalls,
    load_floors,
    shortfalls,
)
from newscrawl.evaluation.report import format_table, to_json
from newscrawl.evaluation.runner import (
    BASELINES,
    NEWSCRAWL,
    Evaluation,
    Extractor,
    ExtractorUnavailable,
    evaluate,
    extractor_for,
    write_predictions,
)

# Per-page complaints of the peer extractors would drown the table.
QUIET_LOGGERS = ("trafilatura", "htmldate", "courlan")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newscrawl eval",
        description="Score newscrawl's extraction on a corpus with ground truth "
        "(<source>/index.jsonl + <source>/<id>.json).",
    )
    parser.add_argument("corpus", type=Path, metavar="CORPUS_DIR")
    parser.add_argument(
        "--source",
        dest="sources",
        action="extend",
        nargs="+",
        metavar="NAME",
        help="only these sources (default: every folder with an index.jsonl)",
    )
    parser.add_argument(
        "--baseline",
        dest="baselines",
        action="append",
        choices=BASELINES,
        default=[],
        help="also run this peer on the same pages, side by side",
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument(
        "--out",
        type=Path,
        metavar="DIR",
        help="write predictions to DIR/<system>/<source>.jsonl, one line per index line",
    )
    parser.add_argument(
        "--check-floors",
        type=Path,
        metavar="FILE",
        help="exit 1, listing them, when newscrawl's measures fall below these floors",
    )
    return parser


def main(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    try:
        floors = load_floors(args.check_floors) if args.check_floors else None
        sources = load_sources(args.corpus, args.sources)
        systems = _systems([NEWSCRAWL, *dict.fromkeys(args.baselines)])
        _quiet_libraries()
        evaluations = evaluate(systems, sources)
    except (CorpusError, FloorsError, ExtractorUnavailable) as exc:
        print(f"newscrawl eval: {exc}", file=sys.stderr)
        return 2
    if args.out:
        for evaluation in evaluations:
            write_predictions(evaluation.run, args.out)
    _print(evaluations, as_json=args.json)
    if floors is None:
        return 0
    measured = {e.source: e.metrics for e in evaluations if e.system == NEWSCRAWL}
    found = shortfalls(floors, measured)
    if found:
        print(format_shortfalls(found), file=sys.stderr)
        return 1
    return 0


def _systems(names: list[str]) -> dict[str, Extractor]:
    return {name: extractor_for(name) for name in names}


def _quiet_libraries() -> None:
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.CRITICAL)


def _print(evaluations: list[Evaluation], *, as_json: bool) -> None:
    if as_json:
        print(json.dumps(to_json(evaluations), indent=2))
    else:
        print(format_table(evaluations))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
