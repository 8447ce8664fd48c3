"""Fixtures: the invented corpus of synthetic.py, on disk."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.evaluation.synthetic import CORPUS, Record, write_corpus


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return write_corpus(tmp_path / "corpus")


@pytest.fixture
def by_url() -> dict[str, Record]:
    """Every prediction keyed by its page URL, for stub extractors."""
    return {page["truth"]["url"]: page["prediction"] for pages in CORPUS.values() for page in pages}
