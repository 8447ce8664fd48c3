"""Extraction time on pages of many short paragraphs, against one lxml parse of the same page.

    .venv/bin/python benchmarks/many_paragraphs.py [--paragraphs 10000 20000 40000] [--profile N]

A page of N short paragraphs (the shape of a 6.8 MB page with 100,000 of them that once blocked
a crawl for minutes) is built in memory; for each N the script times one lxml parse of the page
(the anchor) and newscrawl's extraction of it, and prints both with their ratio. Extraction that
is linear in the page's size keeps the ratio about the same from row to row; a ratio that grows
with N is a superlinear step. `--profile N` prints the 25 costliest functions for one page.
Not a test: it prints a table. `page(n)` is imported by the tests for a correct-output check.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from collections.abc import Sequence
from unittest import mock

import lxml.html
from lxml.html import HtmlElement

from newscrawl.extraction import ExtractionError, extract
from newscrawl.sites import load_profile

URL = "https://example.org/news/2024/05/06/the-longest-page"
WORDS = ("harbour", "council", "ferry", "market", "budget", "winter", "bridge", "school")
HEAD = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>The longest page | Example Gazette</title>
<meta property="og:type" content="article">
<meta property="article:published_time" content="2024-05-06T09:00:00+02:00">
</head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>The longest page</h1><p class="byline">By Mira Holt</p>
"""
TAIL = "</article><footer>© Example Gazette</footer></body></html>\n"


def paragraph(n: int) -> str:
    """A short paragraph with inline markup (about 70 bytes); every 50th holds a hover card."""
    a, b = WORDS[n % len(WORDS)], WORDS[(n * 3 + 1) % len(WORDS)]
    card = ""
    if n % 50 == 49:
        card = (f'<span class="tooltip"><img src="/i/{n}.jpg"><a href="/t/{a}">{a}</a>'
                f'<a href="/t/{b}">{b}</a></span>')
    return f'<p>Line {n}: the <b>{a}</b>{card} and the <a href="/t/{b}">{b}</a>.</p>\n'


def page(paragraphs: int) -> str:
    return HEAD + "".join(paragraph(n) for n in range(paragraphs)) + TAIL


def _parse_seconds(html: bytes) -> float:
    started = time.perf_counter()
    lxml.html.document_fromstring(html)
    return time.perf_counter() - started


def _extract_seconds(html: bytes) -> tuple[float, str]:
    profile = load_profile("news")
    started = time.perf_counter()
    try:
        draft = extract(html, URL, profile, content_type="text/html; charset=utf-8")
        outcome = f"{len(draft.body)} paragraphs"
    except ExtractionError as exc:
        outcome = f"rejected: {exc.reason}"
    return time.perf_counter() - started, outcome


def _paragraph_texts(tree: HtmlElement, url: str, options: object = None,
                     short: object = None) -> list[str]:
    """A linear stand-in for the generic extractor: every paragraph's text."""
    return [" ".join(p.text_content().split()) for p in tree.iter("p")]


def _own_seconds(html: bytes) -> float:
    """Extraction with the generic extractor (trafilatura) replaced by a linear stand-in and
    no size guard: the time of newscrawl's own steps on the whole page."""
    with mock.patch("newscrawl.extraction.body.main_text", _paragraph_texts), \
            mock.patch("newscrawl.extraction.body.MAX_PARAGRAPH_ELEMENTS", 10**12):
        return _extract_seconds(html)[0]


def _trafilatura_seconds(html: bytes) -> float:
    """trafilatura alone, as newscrawl first asks it (precise, fast mode), on a parsed tree."""
    from trafilatura import bare_extraction

    tree = lxml.html.document_fromstring(html)
    started = time.perf_counter()
    bare_extraction(tree, url=URL, with_metadata=False, favor_precision=True, fast=True)
    return time.perf_counter() - started


COLUMNS = {"own": "own steps", "whole": "whole extract", "trafilatura": "trafilatura"}


def measure(counts: Sequence[int], columns: Sequence[str]) -> None:
    _extract_seconds(page(100).encode())  # imports and caches, untimed
    _trafilatura_seconds(page(100).encode())
    timers = {"own": _own_seconds, "whole": lambda html: _extract_seconds(html)[0],
              "trafilatura": _trafilatura_seconds}
    print("seconds, and in brackets as multiples of one lxml parse of the same page")
    heads = " ".join(f"{COLUMNS[c]:>16}" for c in columns)
    print(f"{'paragraphs':>10} {'MB':>5} {'lxml parse':>10} {heads}")
    for n in counts:
        html = page(n).encode()
        parse = _parse_seconds(html)
        cells = []
        for column in columns:
            seconds = timers[column](html)
            cells.append(f"{seconds:>7.2f} ({seconds / parse:>5.0f}x)")
        print(f"{n:>10} {len(html) / 1e6:>5.1f} {parse:>10.3f} {' '.join(cells)}")
    print("outcome of the whole extraction of the last page:", _extract_seconds(html)[1]
          if "whole" in columns else "not run")


def profile(n: int, own: bool) -> None:
    html = page(n).encode()
    _extract_seconds(page(100).encode())
    profiler = cProfile.Profile()
    if own:
        profiler.runcall(_own_seconds, html)
    else:
        profiler.runcall(_extract_seconds, html)
    pstats.Stats(profiler).sort_stats("tottime").print_stats(25)


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--paragraphs", type=int, nargs="+", default=[10_000, 20_000, 40_000])
    parser.add_argument("--profile", type=int, metavar="N", help="profile one page of N")
    parser.add_argument("--own", action="store_true",
                        help="with --profile: newscrawl's own steps only (no trafilatura)")
    parser.add_argument("--columns", nargs="+", choices=list(COLUMNS), default=list(COLUMNS),
                        help="what to time: own steps (trafilatura replaced by a linear "
                        "stand-in), the whole extraction, trafilatura alone")
    args = parser.parse_args(argv)
    if args.profile:
        profile(args.profile, args.own)
    else:
        measure(args.paragraphs, args.columns)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
