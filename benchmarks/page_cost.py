"""Per-page cost: one lxml parse vs trafilatura vs newscrawl, then whole-process pages/s.

    .venv/bin/python benchmarks/page_cost.py [--corpus DIR] [--source NAME ...] [--rounds N]
        [--jobs N] [--no-whole]

In process, per corpus page (its bytes already in memory): the time of one lxml parse of the
page (`lxml.html.document_fromstring` on its bytes: the anchor), of trafilatura's
`bare_extraction(html, url=url, with_metadata=True)` and of newscrawl's extraction and
normalization into a validated record (what `newscrawl extract` does for one page, less the
file read). Each page is timed `--rounds` times per system and its fastest round counts. Prints,
per source and overall, the median per-page time of each and the ratios to the lxml parse
(median of the per-page ratios, and total time over total parse time).

Then, whole-process, on the same pages: `newscrawl extract MANIFEST -o OUT [-j N]` and a process
that runs trafilatura over the same manifest, each timed from start to exit (imports and, for
newscrawl, worker start-up included); pages/s and their ratio.

Not a test: compare systems within one run.
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from crawl_speed import DEFAULT_CORPUS, REPO, run_measured

SYSTEMS = ("lxml", "trafilatura", "newscrawl")


@dataclass
class CorpusPage:
    source: str
    url: str
    path: Path
    data: bytes


def load_pages(corpus: Path, sources: Sequence[str] | None) -> list[CorpusPage]:
    pages = []
    for index in sorted(corpus.glob("*/index.jsonl")):
        source = index.parent.name
        if sources and source not in sources:
            continue
        for line in index.read_text("utf-8").splitlines():
            if line.strip():
                entry = json.loads(line)
                path = index.parent / entry["path"]
                if path.name.endswith(".html.gz"):
                    pages.append(CorpusPage(source, entry["url"], path,
                                            gzip.decompress(path.read_bytes())))
    return pages


def system_functions() -> dict[str, Callable[[CorpusPage], Any]]:
    import lxml.html
    from trafilatura import bare_extraction

    from newscrawl.offline import choose_profile, record_for
    from newscrawl.workers.page import PageTask, prepare_page

    def lxml_parse(page: CorpusPage) -> Any:
        return lxml.html.document_fromstring(page.data)

    def trafilatura(page: CorpusPage) -> Any:
        return bare_extraction(page.data, url=page.url, with_metadata=True)

    def newscrawl(page: CorpusPage) -> Any:  # what a crawl's extraction worker does per page
        task = PageTask(page.data, page.url, choose_profile(page.url, None), datetime.now(UTC),
                        content_type="text/html")
        return record_for(prepare_page(task))

    return {"lxml": lxml_parse, "trafilatura": trafilatura, "newscrawl": newscrawl}


def time_pages(pages: list[CorpusPage], rounds: int) -> dict[str, list[float]]:
    """Seconds per page and system: the fastest of `rounds`, systems taking turns per page."""
    functions = system_functions()
    for run in functions.values():  # imports, caches, lazily built patterns
        run(pages[0])
    times: dict[str, list[float]] = {name: [] for name in functions}
    for page in pages:
        for name, run in functions.items():
            best = float("inf")
            for _ in range(max(rounds, 1)):
                started = time.perf_counter()
                run(page)
                best = min(best, time.perf_counter() - started)
            times[name].append(best)
    return times


def cost_table(pages: list[CorpusPage], times: dict[str, list[float]]) -> str:
    groups: dict[str, list[int]] = {}
    for i, page in enumerate(pages):
        groups.setdefault(page.source, []).append(i)
    groups["all"] = list(range(len(pages)))
    lines = ["| pages | n | lxml parse ms | trafilatura ms | newscrawl ms | trafilatura / parse"
             " | newscrawl / parse | newscrawl / trafilatura |", "|---" * 8 + "|"]
    for group, index in groups.items():
        def col(name: str, index: list[int] = index) -> list[float]:
            return [times[name][i] for i in index]

        parse, traf, ours = col("lxml"), col("trafilatura"), col("newscrawl")
        lines.append(
            f"| {group} | {len(index)} | {_ms(parse)} | {_ms(traf)} | {_ms(ours)} |"
            f" {_ratio(traf, parse)} | {_ratio(ours, parse)} | {_ratio(ours, traf)} |")
    return "\n".join(lines)


def _ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:.1f}"


def _ratio(top: list[float], bottom: list[float]) -> str:
    """Median of the per-page ratios, and the ratio of the totals."""
    per_page = statistics.median(t / b for t, b in zip(top, bottom, strict=True) if b > 0)
    return f"{per_page:.1f}x ({sum(top) / sum(bottom):.1f}x)"


# -- whole process -----------------------------------------------------------------------------


def write_manifest(pages: list[CorpusPage], folder: Path) -> Path:
    manifest = folder / "manifest.jsonl"
    with manifest.open("w", encoding="utf-8") as sink:
        for i, page in enumerate(pages):
            sink.write(json.dumps({"id": str(i), "url": page.url, "path": str(page.path)}) + "\n")
    return manifest


def run_trafilatura(manifest: str, out: str) -> None:
    """trafilatura over a manifest in this one process (`page_cost.py trafilatura-run ...`)."""
    from trafilatura import bare_extraction

    logging.disable(logging.CRITICAL)
    with open(manifest, encoding="utf-8") as lines, open(out, "w", encoding="utf-8") as sink:
        for line in lines:
            entry = json.loads(line)
            data = gzip.decompress(Path(entry["path"]).read_bytes())
            doc = bare_extraction(data, url=entry["url"], with_metadata=True)
            fields = doc.as_dict() if doc is not None and hasattr(doc, "as_dict") else doc or {}
            sink.write(json.dumps({"url": entry["url"], "title": fields.get("title"),
                                   "body": fields.get("text")}, ensure_ascii=False) + "\n")


def whole_process(pages: list[CorpusPage], jobs: int | None) -> list[str]:
    with tempfile.TemporaryDirectory(prefix="page-cost-") as tmp:
        folder = Path(tmp)
        manifest = write_manifest(pages, folder)
        newscrawl = [sys.executable, "-m", "newscrawl.cli", "extract", str(manifest),
                     "-o", str(folder / "newscrawl.jsonl")]
        if jobs is not None:
            newscrawl += ["-j", str(jobs)]
        trafilatura = [sys.executable, __file__, "trafilatura-run", str(manifest),
                       str(folder / "trafilatura.jsonl")]
        rates = {}
        lines = ["| process | pages | wall s | pages/s | CPU share | peak RSS MB |",
                 "|---|---|---|---|---|---|"]
        for name, command in (("newscrawl extract" + (f" -j {jobs}" if jobs is not None else ""),
                               newscrawl), ("trafilatura", trafilatura)):
            run = run_measured(command, cwd=REPO, env=_env(), log=folder / "log.txt")
            if run.returncode not in (0, 1):
                print((folder / "log.txt").read_text("utf-8", "replace")[-2000:], file=sys.stderr)
            rates[name] = len(pages) / run.wall
            lines.append(f"| {name} | {len(pages)} | {run.wall:.1f} | {rates[name]:.1f} |"
                         f" {run.cpu / run.wall:.2f} | {run.peak_rss_mb:.0f} |")
        ours, theirs = rates.values()
        lines.append(f"\nwhole process: newscrawl / trafilatura pages/s = {ours / theirs:.2f}x")
        return lines


def _env() -> dict[str, str]:
    import os

    return dict(os.environ)


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--source", dest="sources", action="extend", nargs="+", metavar="NAME")
    parser.add_argument("--rounds", type=int, default=1, help="timings per page and system")
    parser.add_argument("--jobs", "-j", type=int, help="newscrawl extract -j N (whole process)")
    parser.add_argument("--no-whole", action="store_true", help="per page only")
    parser.add_argument("--no-pages", action="store_true", help="whole process only")
    return parser.parse_args(argv)


def main(argv: Sequence[str]) -> int:
    if argv[:1] == ["trafilatura-run"]:
        run_trafilatura(argv[1], argv[2])
        return 0
    args = parse_args(argv)
    logging.disable(logging.CRITICAL)  # the peers' per-page complaints
    pages = load_pages(args.corpus, args.sources)
    if not pages:
        raise SystemExit(f"no pages under {args.corpus}: give --corpus")
    if not args.no_pages:
        times = time_pages(pages, args.rounds)
        print(f"per page, in process, fastest of {args.rounds} round(s); ratios: median of"
              " per-page ratios (ratio of totals)")
        print(cost_table(pages, times))
        for name in SYSTEMS:
            worst = max(range(len(pages)), key=times[name].__getitem__)
            print(f"slowest page for {name}: {times[name][worst] * 1000:.0f} ms"
                  f" ({pages[worst].source}: {pages[worst].url})")
        print()
    if not args.no_whole:
        print("\n".join(whole_process(pages, args.jobs)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
