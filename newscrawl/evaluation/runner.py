"""Running extractors (newscrawl and baselines) over corpus pages, with timing.

An extractor is `(path, url) -> record`. Each page gives exactly one record, in index order: a
page that cannot be read or extracted gives `{"url", "error"}`, whatever the extractor raised.
With `jobs`, pages are extracted by that many worker processes (newscrawl.workers), each
system in turn, and a source's time is the wall time of all its pages.
"""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from newscrawl.evaluation.corpus import CorpusError, Page, Source
from newscrawl.evaluation.folds import Fold, fold_indices, fold_publishers
from newscrawl.evaluation.metrics import SourceMetrics, Truth, score_source
from newscrawl.progress import track
from newscrawl.workers import TaskTimeout, WorkerCrashed, WorkerPool

Record = dict[str, Any]
Extractor = Callable[[Path, str], Record]

NEWSCRAWL = "newscrawl"
BASELINES = ("trafilatura",)


class ExtractorUnavailable(Exception):
    """The system cannot run here (e.g. its code is missing or fails to import)."""


def newscrawl_extractor() -> Extractor:
    """newscrawl's offline path: the same extraction and normalization as a crawl."""
    try:
        # Lazy: the extraction stack is heavy, and `eval --help` should not need it.
        from newscrawl.offline import record_for_file
    except Exception as exc:  # any import failure means the system cannot be measured
        raise ExtractorUnavailable(f"newscrawl.offline is unusable: {exc!r}") from exc

    def extract(path: Path, url: str) -> Record:
        return record_for_file(path, url)

    return extract


def trafilatura_extractor() -> Extractor:
    try:
        import trafilatura  # noqa: F401  (fail here, not on the first page)
    except ImportError as exc:
        raise ExtractorUnavailable(f"trafilatura is not installed: {exc}") from exc
    from newscrawl.evaluation.baselines import trafilatura_record

    return trafilatura_record


SYSTEMS: dict[str, Callable[[], Extractor]] = {
    NEWSCRAWL: newscrawl_extractor,
    "trafilatura": trafilatura_extractor,
}


def extractor_for(system: str) -> Extractor:
    try:
        factory = SYSTEMS[system]
    except KeyError:
        raise ExtractorUnavailable(f"unknown system {system!r}") from None
    return factory()


def extract_page(extract: Extractor, page: Page) -> Record:
    """The page's record, or an error record; never raises for a page problem."""
    try:
        record = extract(page.path, page.url)
    except Exception as exc:  # a broken page must cost one error line, not the whole run
        return {"url": page.url, "error": f"{type(exc).__name__}: {exc}"}
    if not isinstance(record, dict):
        return {"url": page.url, "error": f"extractor returned {type(record).__name__}"}
    return record


@dataclass(frozen=True)
class SourceRun:
    """One system's records for one source, in index order, and the time they took."""

    system: str
    source: str
    records: list[Record]
    seconds: float

    @property
    def pages_per_second(self) -> float | None:
        return len(self.records) / self.seconds if self.seconds > 0 else None


def run_source(system: str, extract: Extractor, source: Source,
               pool: WorkerPool[tuple[str, Page], Record] | None = None) -> SourceRun:
    """Extract every page of the source; the time counts reading and extraction only."""
    if pool is not None:
        return _run_source_in(pool, system, source)
    records = []
    elapsed = 0.0
    for page in track(source.pages, f"{system} {source.name}"):
        started = time.perf_counter()
        records.append(extract_page(extract, page))
        elapsed += time.perf_counter() - started
    return SourceRun(system, source.name, records, elapsed)


def _run_source_in(pool: WorkerPool[tuple[str, Page], Record], system: str, source: Source
                   ) -> SourceRun:
    started = time.perf_counter()
    records = []
    for (_, page), outcome in pool.map_ordered((system, page) for page in source.pages):
        try:
            records.append(outcome.result())
        except (TaskTimeout, WorkerCrashed) as exc:
            reason = "too_complex" if isinstance(exc, TaskTimeout) else "extraction_crashed"
            records.append({"url": page.url, "error": f"{reason}: {exc}"})
    return SourceRun(system, source.name, records, time.perf_counter() - started)


def system_page(task: tuple[str, Page]) -> Record:
    """One page through one system: the job of `newscrawl eval -j` workers."""
    system, page = task
    return extract_page(_extractor(system), page)


@cache
def _extractor(system: str) -> Extractor:
    return extractor_for(system)


def warm_worker() -> None:
    """In each worker before its first page: the shared libraries and every system's imports."""
    warm_shared_libraries()
    for system in SYSTEMS:
        with contextlib.suppress(ExtractorUnavailable):
            _extractor(system)


def warm_shared_libraries() -> None:
    """Both systems reach dateparser through htmldate, whose parser builds each locale's
    patterns the first time it tries that locale: over a second, once per process, that
    would be charged to whichever system ran first."""
    from newscrawl.extraction.generic import warm_date_parser

    warm_date_parser()


def warm_up(extract: Extractor, sources: Sequence[Source]) -> None:
    """Extract one page untimed, so lazy imports and caches do not count against speed."""
    for source in sources:
        if source.pages:
            extract_page(extract, source.pages[0])
            return


@dataclass(frozen=True)
class Evaluation:
    """A system's run on a source and its scores: pooled, and per fold when folds were asked."""

    run: SourceRun
    metrics: SourceMetrics
    folds: tuple[Fold, ...] = ()

    @property
    def system(self) -> str:
        return self.run.system

    @property
    def source(self) -> str:
        return self.run.source


def evaluate(
    systems: Mapping[str, Extractor],
    sources: Sequence[Source],
    *,
    warm: bool = True,
    folds: int = 1,
    jobs: int = 0,
) -> list[Evaluation]:
    """Each system on each source (systems side by side per source), scored against the truth;
    with `folds` > 1 also per fold of publishers (the same folds for every system). With
    `jobs`, in that many worker processes (the systems are named in SYSTEMS)."""
    if jobs > 0:
        from newscrawl.workers.page import DEFAULT_TIMEOUT, WARM

        with WorkerPool(system_page, jobs, DEFAULT_TIMEOUT, preload=WARM if warm else (),
                        initializer=warm_worker if warm else None) as pool:
            return _evaluate(systems, sources, folds, pool)
    if warm:
        warm_shared_libraries()
        for extract in systems.values():
            warm_up(extract, sources)
    return _evaluate(systems, sources, folds, None)


def _evaluate(systems: Mapping[str, Extractor], sources: Sequence[Source], folds: int,
              pool: WorkerPool[tuple[str, Page], Record] | None) -> list[Evaluation]:
    results = []
    for source in sources:
        truths = source.truths()
        for system, extract in systems.items():
            run = run_source(system, extract, source, pool)
            results.append(score_run(run, source, truths, folds))
    return results


def score_run(run: SourceRun, source: Source, truths: Sequence[Truth], folds: int) -> Evaluation:
    """The run's scores on the whole source and, with `folds` > 1, on each fold."""
    pooled = score_source(source.name, truths, run.records)
    if folds <= 1:
        return Evaluation(run, pooled)
    urls = [page.url for page in source.pages]
    publishers = fold_publishers(urls, folds)
    scored = tuple(
        Fold(
            number + 1,
            publishers[number],
            score_source(source.name, [truths[i] for i in group], [run.records[i] for i in group]),
        )
        for number, group in enumerate(fold_indices(urls, folds))
    )
    return Evaluation(run, pooled, scored)


def write_predictions(run: SourceRun, out_dir: Path) -> Path:
    """`<out>/<system>/<source>.jsonl`: one record per index line, for the reference scorer."""
    path = out_dir / run.system / f"{run.source}.jsonl"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as sink:
        for record in run.records:
            sink.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def read_predictions(out_dir: Path, system: str, source: Source) -> SourceRun:
    """The records an earlier run wrote with `write_predictions`, untimed (0 seconds)."""
    path = out_dir / system / f"{source.name}.jsonl"
    try:
        with path.open(encoding="utf-8") as lines:
            records = [json.loads(line) for line in lines if line.strip()]
    except (OSError, ValueError) as exc:
        raise CorpusError(f"{path}: no usable predictions: {exc}") from exc
    if len(records) != len(source.pages) or not all(isinstance(r, dict) for r in records):
        raise CorpusError(
            f"{path}: {len(records)} records for the {len(source.pages)} pages of {source.name}"
        )
    return SourceRun(system, source.name, records, 0.0)
