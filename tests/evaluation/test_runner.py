"""Running extractors over a corpus: one record per index line, in order, errors in place."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newscrawl.evaluation.baselines import read_html, trafilatura_fields_to_record
from newscrawl.evaluation.corpus import CorpusError, load_sources
from newscrawl.evaluation.runner import evaluate, run_source, write_predictions


def _reading_extractor(path: Path, url: str) -> dict[str, Any]:
    """A stand-in for an extractor: fails the way a real one does on unreadable files."""
    return {"url": url, "body": read_html(path).decode()}


def test_missing_and_broken_pages_give_error_lines_in_place(corpus: Path, tmp_path: Path) -> None:
    (source,) = load_sources(corpus, ["fundus"])
    source.pages[1].path.unlink()
    source.pages[2].path.write_bytes(b"not gzip at all")

    run = run_source("stub", _reading_extractor, source)
    out = write_predictions(run, tmp_path / "out")

    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert out == tmp_path / "out" / "stub" / "fundus.jsonl"
    assert [line["url"] for line in lines] == [page.url for page in source.pages]
    assert ["error" in line for line in lines] == [False, True, True, False]
    assert lines[1]["error"].startswith("FileNotFoundError")
    assert lines[2]["error"].startswith("BadGzipFile")


def test_a_run_is_timed(corpus: Path) -> None:
    (source,) = load_sources(corpus, ["aeb"])
    run = run_source("stub", _reading_extractor, source)
    assert run.seconds > 0
    assert run.pages_per_second == pytest.approx(len(source.pages) / run.seconds)


def test_evaluate_puts_systems_side_by_side_per_source(corpus: Path) -> None:
    sources = load_sources(corpus, ["htmldate", "aeb"])
    systems = {"one": _reading_extractor, "two": _reading_extractor}
    results = evaluate(systems, sources)
    assert [(r.source, r.system) for r in results] == [
        ("htmldate", "one"),
        ("htmldate", "two"),
        ("aeb", "one"),
        ("aeb", "two"),
    ]
    assert results[2].metrics.pages == 4


def test_unknown_source_is_a_corpus_error(corpus: Path) -> None:
    with pytest.raises(CorpusError, match="no source nope"):
        load_sources(corpus, ["nope"])


def test_broken_index_line_is_a_corpus_error(corpus: Path) -> None:
    with (corpus / "aeb" / "index.jsonl").open("a", encoding="utf-8") as index:
        index.write('{"id": "x"}\n')
    with pytest.raises(CorpusError, match=r"index.jsonl:5"):
        load_sources(corpus, ["aeb"])


def test_trafilatura_output_maps_to_record_fields() -> None:
    fields = {
        "title": "A title",
        "author": "Ann Lee; Bo Chan",
        "date": "2024-05-03T15:47:42+0000",
        "text": "Body text.",
    }
    assert trafilatura_fields_to_record("https://x.example/a", fields) == {
        "url": "https://x.example/a",
        "title": "A title",
        "authors": [{"name": "Ann Lee"}, {"name": "Bo Chan"}],
        "agencies": [],
        "published_at": "2024-05-03T15:47:42+0000",
        "body": "Body text.",
    }


def test_trafilatura_without_author_or_text_gives_empty_fields() -> None:
    record = trafilatura_fields_to_record("u", {"author": None, "text": None})
    assert (record["authors"], record["body"]) == ([], "")


def test_workers_give_the_records_of_an_in_process_evaluation(corpus: Path) -> None:
    from newscrawl.evaluation.runner import NEWSCRAWL, extractor_for

    sources = load_sources(corpus)
    systems = {NEWSCRAWL: extractor_for(NEWSCRAWL)}

    def records(jobs: int) -> list[list[dict[str, Any]]]:
        runs = evaluate(systems, sources, warm=False, jobs=jobs)
        return [[{k: v for k, v in r.items() if k != "fetched_at"} for r in e.run.records]
                for e in runs]

    assert records(2) == records(0)
