"""`newscrawl eval` shows its progress, one bar per system and source, on a terminal."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from newscrawl.evaluation.corpus import load_sources
from newscrawl.evaluation.runner import run_source
from tests.test_progress import Terminal


def test_eval_draws_a_bar_per_source(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    screen = Terminal()
    monkeypatch.setattr("sys.stderr", screen)
    (source,) = load_sources(corpus, ["fundus"])

    def extract(path: Path, url: str) -> dict[str, Any]:
        return {"url": url}

    run_source("stub", extract, source)
    assert f"stub fundus [{'#' * 30}] {len(source.pages)}/{len(source.pages)}" in screen.getvalue()
