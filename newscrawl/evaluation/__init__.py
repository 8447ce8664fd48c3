"""Extraction quality on a corpus with ground truth: metrics, runs, reports, quality floors.

`newscrawl eval CORPUS_DIR` (see `cli.main`) runs newscrawl, and optionally peers, over the
corpus and prints per-source scores; the metrics agree with the corpus's reference scorer.
"""

from __future__ import annotations

from newscrawl.evaluation.corpus import CorpusError, Page, Source, load_sources
from newscrawl.evaluation.metrics import SourceMetrics, Truth, score_source
from newscrawl.evaluation.runner import Evaluation, evaluate

__all__ = [
    "CorpusError",
    "Evaluation",
    "Page",
    "Source",
    "SourceMetrics",
    "Truth",
    "evaluate",
    "load_sources",
    "score_source",
]
