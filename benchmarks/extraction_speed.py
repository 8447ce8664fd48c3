"""Extraction speed and quality, newscrawl and trafilatura side by side, in one process.

    .venv/bin/python benchmarks/extraction_speed.py [CORPUS_DIR] [--source NAME ...] [--rounds N]

CORPUS_DIR defaults to ../shared/corpus beside the repository. Each system extracts one page
untimed first (imports, caches), then the systems take turns source by source, so both see the
same machine load. With --rounds N every source is run N times per system and the fastest round
counts (the least disturbed by other processes). Not a test: it prints a table.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from newscrawl.evaluation.cli import QUIET_LOGGERS
from newscrawl.evaluation.corpus import Source, load_sources
from newscrawl.evaluation.metrics import score_source
from newscrawl.evaluation.report import format_table
from newscrawl.evaluation.runner import (
    NEWSCRAWL,
    Evaluation,
    Extractor,
    SourceRun,
    extractor_for,
    run_source,
    warm_up,
)

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
SYSTEMS = (NEWSCRAWL, "trafilatura")


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path, nargs="?", default=DEFAULT_CORPUS)
    parser.add_argument("--source", dest="sources", action="extend", nargs="+", metavar="NAME")
    parser.add_argument("--system", dest="systems", action="append", choices=SYSTEMS)
    parser.add_argument("--rounds", type=int, default=1, help="runs per source and system")
    return parser.parse_args(argv)


def fastest_run(system: str, extract: Extractor, source: Source, rounds: int) -> SourceRun:
    runs = [run_source(system, extract, source) for _ in range(max(rounds, 1))]
    return min(runs, key=lambda run: run.seconds)


def total_row(system: str, evaluations: list[Evaluation]) -> str:
    mine = [e for e in evaluations if e.system == system]
    pages = sum(e.metrics.pages for e in mine)
    seconds = sum(e.run.seconds for e in mine)
    rate = f"{pages / seconds:.1f}" if seconds else "n/a"
    return f"{system}: {pages} pages in {seconds:.1f} s = {rate} pages/s"


def main(argv: Sequence[str]) -> int:
    args = parse_args(argv)
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.CRITICAL)
    sources = load_sources(args.corpus, args.sources)
    systems = {name: extractor_for(name) for name in args.systems or SYSTEMS}
    for extract in systems.values():
        warm_up(extract, sources)
    evaluations = []
    for source in sources:
        truths = source.truths()
        for system, extract in systems.items():
            run = fastest_run(system, extract, source, args.rounds)
            metrics = score_source(source.name, truths, run.records)
            evaluations.append(Evaluation(run, metrics))
    print(format_table(evaluations, with_system=True))
    print()
    for system in systems:
        print(total_row(system, evaluations))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
