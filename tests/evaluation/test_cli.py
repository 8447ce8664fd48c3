"""`newscrawl eval`: table, JSON, predictions on disk and the quality gate."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newscrawl.evaluation import runner
from newscrawl.evaluation.cli import main
from tests.evaluation.synthetic import Record


@pytest.fixture(autouse=True)
def stub_newscrawl(monkeypatch: pytest.MonkeyPatch, by_url: dict[str, Record]) -> None:
    """newscrawl 'extracts' the hand-written predictions, so scores are known."""

    def extract(path: Path, url: str) -> Record:
        return dict(by_url[url])

    monkeypatch.setitem(runner.SYSTEMS, runner.NEWSCRAWL, lambda: extract)


def _floors(tmp_path: Path, floors: dict[str, Any]) -> Path:
    path = tmp_path / "floors.json"
    path.write_text(json.dumps({"comment": "test", "floors": floors}), encoding="utf-8")
    return path


def test_prints_a_row_per_source(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(corpus)]) == 0
    rows = capsys.readouterr().out.splitlines()[2:]
    assert [row.split("|")[1].strip() for row in rows] == [
        "aeb",
        "fundus",
        "htmldate",
        "trafilatura",
    ]


def test_source_option_selects_sources(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(corpus), "--source", "fundus", "--json"]) == 0
    (entry,) = json.loads(capsys.readouterr().out)
    assert (entry["source"], entry["title"], entry["errors"]) == ("fundus", 0.5, 1)


def test_floors_below_the_scores_pass(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    floors = _floors(tmp_path, {"fundus": {"body_f1": 0.5, "day": 0.75}, "aeb": {"body_f1": 0.7}})
    assert main([str(corpus), "--check-floors", str(floors)]) == 0
    assert "quality gate" not in capsys.readouterr().err


def test_every_measure_below_its_floor_is_listed_and_fails(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    floors = _floors(
        tmp_path,
        {
            "fundus": {"body_f1": 0.6, "title": 0.5, "minute": 0.7},
            "trafilatura": {"snippet_f1": 0.8},
            "htmldate": {"body_f1": 0.1},
        },
    )
    assert main([str(corpus), "--check-floors", str(floors)]) == 1
    err = capsys.readouterr().err
    assert "4 measure(s) below their floor" in err
    assert "fundus body_f1: 0.515 < floor 0.600" in err
    assert "fundus minute: 0.667 < floor 0.700" in err
    assert "trafilatura snippet_f1: 0.750 < floor 0.800" in err
    assert "htmldate body_f1: not measured < floor 0.100" in err
    assert "title" not in err  # 0.5 meets its floor of 0.5


def test_floors_of_sources_not_run_are_not_checked(corpus: Path, tmp_path: Path) -> None:
    floors = _floors(tmp_path, {"aeb": {"body_f1": 0.99}})
    assert main([str(corpus), "--source", "fundus", "--check-floors", str(floors)]) == 0


def test_a_misspelt_measure_in_the_floors_file_is_an_error(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    floors = _floors(tmp_path, {"aeb": {"body-f1": 0.9}})
    assert main([str(corpus), "--check-floors", str(floors)]) == 2
    assert "unknown measure 'body-f1'" in capsys.readouterr().err


def test_unknown_source_is_an_error(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(corpus), "--source", "nope"]) == 2
    assert "no source nope" in capsys.readouterr().err


def test_out_writes_one_line_per_index_line(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "predictions"
    assert main([str(corpus), "--source", "fundus", "--out", str(out)]) == 0
    lines = (out / "newscrawl" / "fundus.jsonl").read_text(encoding="utf-8").splitlines()
    index = (corpus / "fundus" / "index.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["url"] for line in lines] == [json.loads(r)["url"] for r in index]


def test_trafilatura_baseline_runs_side_by_side(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "predictions"
    args = [
        str(corpus),
        "--source",
        "aeb",
        "--baseline",
        "trafilatura",
        "--json",
        "--out",
        str(out),
    ]
    assert main(args) == 0
    systems = [entry["system"] for entry in json.loads(capsys.readouterr().out)]
    assert systems == ["newscrawl", "trafilatura"]
    assert len((out / "trafilatura" / "aeb.jsonl").read_text(encoding="utf-8").splitlines()) == 4
