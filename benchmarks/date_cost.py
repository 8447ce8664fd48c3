"""Cost of the generic date fallback (`generic.publication_date`, i.e. htmldate) on the pages
where the cascade asks it, and its share of extraction time.

    .venv/bin/python benchmarks/date_cost.py [--corpus DIR] [--source NAME ...]

Extracts every corpus page once, in one process warmed up as the fork server warms a crawl's
extraction workers (`newscrawl.workers.warm`), timing the whole extraction and, inside it, each
call of the date fallback: what a worker's first pages cost, first uses included. Then the
trees the fallback read are timed again, all in one pass, for two settings side by side: the
cascade's (`extensive_search=True`) and htmldate's fast mode. htmldate's per-string caches are
emptied before each pass, so no page is timed against its own earlier run (a crawl sees each
page once). Prints ms per call, the share of extraction time, and how many calls end with a
day or with none (a January 1st counts as none: a copyright year, which the fallback drops)
and what each kind costs.

Not a test: compare settings within one run.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import logging
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from functools import _lru_cache_wrapper
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from crawl_speed import DEFAULT_CORPUS
from page_cost import load_pages


def capture(pages: Sequence[Any]) -> tuple[float, float, list[tuple[Any, str]]]:
    """Extraction seconds, date-fallback seconds within them, and a copy of each tree the
    fallback read, with its URL."""
    import newscrawl.extraction.cascade as cascade
    from newscrawl.offline import record_for_file

    original = cascade.publication_date
    trees: list[tuple[Any, str]] = []
    spent = [0.0]

    def timed(tree: Any, url: str) -> str | None:
        trees.append((copy.deepcopy(tree), url))
        started = time.perf_counter()
        try:
            return original(tree, url)
        finally:
            spent[0] += time.perf_counter() - started

    cascade.publication_date = timed  # type: ignore[assignment]
    try:
        import newscrawl.workers.warm  # noqa: F401  (warmed as a crawl's extraction workers are)
        started = time.perf_counter()
        for page in pages:
            with contextlib.suppress(Exception):  # a page that fails has no date to time
                record_for_file(page.path, page.url)
        return time.perf_counter() - started, spent[0], trees
    finally:
        cascade.publication_date = original  # type: ignore[assignment]


def empty_htmldate_caches() -> None:
    import htmldate.core
    import htmldate.extractors
    import htmldate.validators

    for module in (htmldate.core, htmldate.extractors, htmldate.validators):
        for value in vars(module).values():
            if isinstance(value, _lru_cache_wrapper) and value.cache_info().maxsize is not None:
                value.cache_clear()


def settings() -> dict[str, Callable[[Any, str], str | None]]:
    from htmldate import find_date

    from newscrawl.extraction.generic import publication_date

    def fast(tree: Any, url: str) -> str | None:
        return find_date(tree, url=url, original_date=True, extensive_search=False)

    return {"publication_date (extensive)": publication_date, "htmldate fast mode": fast}


def time_setting(run: Callable[[Any, str], str | None],
                 trees: list[tuple[Any, str]]) -> tuple[list[float], list[str | None]]:
    empty_htmldate_caches()
    copies = [copy.deepcopy(tree) for tree, _ in trees]
    seconds, days = [], []
    for tree, (_, url) in zip(copies, trees, strict=True):
        started = time.perf_counter()
        days.append(run(tree, url))
        seconds.append(time.perf_counter() - started)
    return seconds, days


def report(total: float, in_fallback: float, pages: int, trees: list[tuple[Any, str]]) -> str:
    calls = len(trees)
    lines = [f"{pages} pages, extraction {total:.2f} s; date fallback asked on {calls} pages:"
             f" {in_fallback * 1000 / max(calls, 1):.1f} ms per call,"
             f" {100 * in_fallback / total:.1f}% of extraction time (in the extraction run)", "",
             "| setting | ms per call (mean) | median | dated | none | dated ms (mean)"
             " | none ms (mean) |", "|---" * 7 + "|"]
    for name, run in settings().items():
        for tree, url in trees:  # warm: the setting's own lazy imports and patterns
            run(copy.deepcopy(tree), url)
        seconds, days = time_setting(run, trees)
        dated = [s for s, d in zip(seconds, days, strict=True) if d and not d.endswith("-01-01")]
        none = [s for s, d in zip(seconds, days, strict=True) if not d or d.endswith("-01-01")]
        lines.append(f"| {name} | {_ms(seconds)} | {statistics.median(seconds) * 1000:.1f} |"
                     f" {len(dated)} | {len(none)} | {_ms(dated)} | {_ms(none)} |")
    return "\n".join(lines)


def _ms(values: list[float]) -> str:
    return f"{statistics.mean(values) * 1000:.1f}" if values else "-"


def main(argv: Sequence[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--source", dest="sources", action="extend", nargs="+", metavar="NAME")
    args = parser.parse_args(argv)
    logging.disable(logging.CRITICAL)
    pages = load_pages(args.corpus, args.sources)
    total, in_fallback, trees = capture(pages)
    print(report(total, in_fallback, len(pages), trees))


if __name__ == "__main__":
    main(sys.argv[1:])
