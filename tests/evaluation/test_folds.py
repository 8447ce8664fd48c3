"""Folds by publisher: who published a page, and a split that is the same in every process."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from newscrawl.evaluation.corpus import load_sources
from newscrawl.evaluation.folds import (
    Fold,
    fold_indices,
    fold_of,
    fold_publishers,
    publisher,
    spread,
    worst,
)
from newscrawl.evaluation.metrics import SourceMetrics, score_source
from newscrawl.evaluation.runner import SourceRun, score_run
from tests.evaluation.synthetic import predictions


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.example.com/a", "example.com"),
        ("https://amp.example.com/b?x=1", "example.com"),
        ("https://news.example.co.uk/c", "example.co.uk"),
        ("https://m.zeitung.de/d", "zeitung.de"),
        # Blogs on a shared host are publishers of their own (private public suffixes).
        ("https://jane.blogspot.com/e", "jane.blogspot.com"),
        # An archived copy belongs to the archived site, with or without its scheme.
        ("https://web.archive.org/web/20181206101316/https://www.swap.org/de/f", "swap.org"),
        ("https://web.archive.org/web/20130307194448/the-pain.net/2008/05/g.html", "the-pain.net"),
        # No known suffix: the last two labels; an IP address stands alone.
        ("https://www.daily.example/h", "daily.example"),
        ("http://127.0.0.1:8080/i", "127.0.0.1"),
        ("not a url", "not a url"),
    ],
)
def test_publisher_is_the_registrable_domain(url: str, expected: str) -> None:
    assert publisher(url) == expected


def test_fold_of_is_the_same_in_every_process() -> None:
    """Python's own str hash changes per process; the fold must not."""
    names = ["example.com", "zeitung.de", "the-pain.net", "jane.blogspot.com"]
    code = (
        "from newscrawl.evaluation.folds import fold_of;"
        f"print([fold_of(n, 5) for n in {names!r}])"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code],
            env={"PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        for seed in ("1", "2")
    }
    assert outputs == {str([fold_of(n, 5) for n in names])}


def test_a_publisher_is_never_split_and_every_page_is_in_one_fold() -> None:
    urls = [f"https://{sub}.site{n}.com/{i}" for n in range(40) for i, sub in enumerate("wam")]
    groups = fold_indices(urls, 3)
    assert sorted(i for group in groups for i in group) == list(range(len(urls)))
    fold_by_site = {}
    for number, group in enumerate(groups):
        for i in group:
            assert fold_by_site.setdefault(publisher(urls[i]), number) == number
    assert all(groups)  # 40 publishers: no fold is empty
    assert sum(fold_publishers(urls, 3)) == 40


def test_one_fold_is_the_whole_source_and_zero_folds_are_refused() -> None:
    assert fold_indices(["https://a.com/1", "https://b.org/2"], 1) == [[0, 1]]
    with pytest.raises(ValueError):
        fold_indices(["https://a.com/1"], 0)


def test_worst_and_spread_take_each_measure_over_the_folds_that_measure_it() -> None:
    folds = [
        Fold(1, 3, SourceMetrics(pages=4, errors=1, title=0.75, day=1.0)),
        Fold(2, 2, SourceMetrics(pages=2, errors=0, title=0.5)),
        Fold(3, 0, SourceMetrics(pages=0, errors=0)),
    ]
    low, gap = worst(folds), spread(folds)
    assert (low.title, low.day, low.body_f1, low.pages) == (0.5, 1.0, None, 6)
    assert (gap.title, gap.day) == (0.25, 0.0)


def test_folds_are_scored_on_their_own_pages(corpus: Path) -> None:
    (source,) = load_sources(corpus, ["fundus"])
    records = predictions("fundus")
    evaluation = score_run(SourceRun("x", "fundus", records, 1.0), source, source.truths(), 2)
    groups = fold_indices([page.url for page in source.pages], 2)
    assert all(groups)
    assert [f.number for f in evaluation.folds] == [1, 2]
    for fold, group in zip(evaluation.folds, groups, strict=True):
        truths = [source.truths()[i] for i in group]
        assert fold.metrics == score_source("fundus", truths, [records[i] for i in group])
    # f1 (www.daily.example) and f3 (amp.daily.example) are one publisher.
    assert any({0, 2} <= set(group) for group in groups)
    assert evaluation.metrics == score_source("fundus", source.truths(), records)


def test_without_folds_only_pooled_scores(corpus: Path) -> None:
    (source,) = load_sources(corpus, ["aeb"])
    run = SourceRun("x", "aeb", predictions("aeb"), 1.0)
    assert score_run(run, source, source.truths(), 1).folds == ()
