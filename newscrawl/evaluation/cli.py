"""`newscrawl eval CORPUS_DIR`: extraction quality (and speed) on a corpus with ground truth.

`--folds K` also scores each source's K folds of publishers (see `folds`); `--compare A B`
judges two `--json` outputs fold by fold instead of running anything.

Exit status: 0 on success, 1 when `--check-floors` finds a measure below its floor or
`--compare` finds a fold that got worse, 2 when the corpus, the floors file, the stored
predictions, the compared files or a system cannot be used.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from newscrawl.evaluation.compare import CompareError, compare_files
from newscrawl.evaluation.corpus import CorpusError, Source, load_sources
from newscrawl.evaluation.floors import (
    FloorsError,
    Gate,
    Shortfall,
    format_shortfalls,
    load_gate,
    shortfalls,
)
from newscrawl.evaluation.folds import worst
from newscrawl.evaluation.report import format_table, to_json
from newscrawl.evaluation.runner import (
    BASELINES,
    NEWSCRAWL,
    Evaluation,
    Extractor,
    ExtractorUnavailable,
    evaluate,
    extractor_for,
    read_predictions,
    score_run,
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
    parser.add_argument("corpus", type=Path, nargs="?", metavar="CORPUS_DIR")
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
    parser.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=0,
        metavar="N",
        help="extract in N worker processes (default 0: in this process, one page at a time;"
        " pages/s is then the speed of one core)",
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument(
        "--out",
        type=Path,
        metavar="DIR",
        help="write predictions to DIR/<system>/<source>.jsonl, one line per index line",
    )
    parser.add_argument(
        "--folds",
        type=_fold_count,
        metavar="K",
        help="also score each source split by publisher into K folds, with each measure's "
        "worst fold and spread (default: the floors file's K with --check-floors, else none)",
    )
    parser.add_argument(
        "--check-floors",
        type=Path,
        metavar="FILE",
        help="exit 1, listing them, when newscrawl's measures fall below these floors "
        "(on the worst fold when the file sets folds)",
    )
    parser.add_argument(
        "--predictions",
        type=Path,
        metavar="DIR",
        help="score the records an earlier --out DIR stored (DIR/<system>/<source>.jsonl) "
        "instead of extracting the pages again",
    )
    parser.add_argument(
        "--compare",
        nargs=2,
        type=Path,
        metavar=("BEFORE.json", "AFTER.json"),
        help="compare two --json outputs fold by fold (no corpus needed); "
        "exit 1 when a measure got worse on some fold",
    )
    return parser


def _fold_count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"K must be a whole number of at least 1, not {text!r}")
    return value


def main(argv: list[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.compare:
        return _compare(*args.compare)
    if args.corpus is None:
        parser.error("CORPUS_DIR is required (unless --compare)")
    try:
        gate = load_gate(args.check_floors) if args.check_floors else None
        folds = _folds(args.folds, gate, args.check_floors)
        sources = load_sources(args.corpus, args.sources)
        names = [NEWSCRAWL, *dict.fromkeys(args.baselines)]
        _quiet_libraries()
        if args.predictions:
            evaluations = _stored(names, sources, args.predictions, folds)
        else:
            evaluations = evaluate(_systems(names), sources, folds=folds,
                                   jobs=max(args.jobs, 0))
    except (CorpusError, FloorsError, ExtractorUnavailable) as exc:
        print(f"newscrawl eval: {exc}", file=sys.stderr)
        return 2
    if args.out:
        for evaluation in evaluations:
            write_predictions(evaluation.run, args.out)
    _print(evaluations, as_json=args.json)
    if gate is None:
        return 0
    found = _shortfalls(gate, evaluations)
    if found:
        print(format_shortfalls(found), file=sys.stderr)
        return 1
    return 0


def _folds(asked: int | None, gate: Gate | None, floors_file: Path | None) -> int:
    """The fold count: as asked, else the floors file's; the two must agree."""
    if gate is None:
        return asked or 1
    if asked is not None and asked != gate.folds:
        raise FloorsError(
            f"{floors_file}: floors are set for {gate.folds} fold(s); "
            f"run with --folds {gate.folds} (or without --folds)"
        )
    return gate.folds


def _stored(names: list[str], sources: list[Source], folder: Path, folds: int) -> list[Evaluation]:
    evaluations = []
    for source in sources:
        truths = source.truths()
        for name in names:
            run = read_predictions(folder, name, source)
            evaluations.append(score_run(run, source, truths, folds))
    return evaluations


def _shortfalls(gate: Gate, evaluations: list[Evaluation]) -> list[Shortfall]:
    mine = [e for e in evaluations if e.system == NEWSCRAWL]
    if gate.folds <= 1:
        return shortfalls(gate.floors, {e.source: e.metrics for e in mine})
    measured = {e.source: worst(e.folds) for e in mine}
    return shortfalls(gate.floors, measured, scope=f"worst of {gate.folds} folds")


def _compare(before: Path, after: Path) -> int:
    try:
        table, worse = compare_files(before, after)
    except CompareError as exc:
        print(f"newscrawl eval: {exc}", file=sys.stderr)
        return 2
    print(table)
    return 1 if worse else 0


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
