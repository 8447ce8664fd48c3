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


# --- folds --------------------------------------------------------------------------------------


def _fold_entries(corpus: Path, capsys: pytest.CaptureFixture[str], *args: str) -> list[Any]:
    assert main([str(corpus), "--folds", "2", "--json", *args]) == 0
    return list(json.loads(capsys.readouterr().out))


def test_folds_give_per_fold_scores_their_worst_and_spread(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (entry,) = _fold_entries(corpus, capsys, "--source", "fundus")
    folds = entry["folds"]
    assert [f["fold"] for f in folds] == [1, 2]
    assert sum(f["pages"] for f in folds) == entry["pages"] == 4
    titles = [f["title"] for f in folds]
    assert entry["worst"]["title"] == min(titles)
    assert entry["spread"]["title"] == pytest.approx(max(titles) - min(titles))
    assert entry["title"] == 0.5  # the pooled score stays where it was


def test_baseline_is_scored_on_the_same_folds(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    entries = _fold_entries(corpus, capsys, "--source", "aeb", "--baseline", "trafilatura")
    ours, theirs = ([(f["fold"], f["pages"], f["publishers"]) for f in e["folds"]] for e in entries)
    assert ours == theirs


def test_fold_table_has_fold_worst_spread_and_pooled_rows(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(corpus), "--source", "fundus", "--folds", "2"]) == 0
    rows = capsys.readouterr().out.splitlines()[2:]
    assert [row.split("|")[2].strip() for row in rows] == ["1", "2", "worst", "spread", "all"]


def test_floors_for_folds_apply_to_the_worst_fold(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The pooled fundus title is 0.5; its worst fold is below that.
    (entry,) = _fold_entries(corpus, capsys, "--source", "fundus")
    low = entry["worst"]["title"]
    assert low < 0.5
    floors = _floors(tmp_path, {"fundus": {"title": 0.5}})
    assert main([str(corpus), "--source", "fundus", "--check-floors", str(floors)]) == 0
    folded = tmp_path / "folded.json"
    folded.write_text(json.dumps({"folds": 2, "floors": {"fundus": {"title": 0.5}}}))
    capsys.readouterr()
    assert main([str(corpus), "--source", "fundus", "--check-floors", str(folded)]) == 1
    assert f"fundus title (worst of 2 folds): {low:.3f} < floor 0.500" in capsys.readouterr().err
    assert main([str(corpus), "--source", "fundus", "--folds", "3", "--check-floors", str(folded)]) == 2
    assert "run with --folds 2" in capsys.readouterr().err


def test_folds_must_be_a_positive_whole_number(corpus: Path) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([str(corpus), "--folds", "0"])
    assert exit_info.value.code == 2


def test_stored_predictions_score_like_a_run(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "predictions"
    ran = _fold_entries(corpus, capsys, "--out", str(out))
    stored = _fold_entries(corpus, capsys, "--predictions", str(out))
    strip = ("seconds", "pages_per_second")
    assert [{k: v for k, v in e.items() if k not in strip} for e in stored] == [
        {k: v for k, v in e.items() if k not in strip} for e in ran
    ]


def test_missing_stored_predictions_are_an_error(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(corpus), "--predictions", str(tmp_path / "none")]) == 2
    assert "no usable predictions" in capsys.readouterr().err


def test_compare_judges_two_outputs_fold_by_fold(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = tmp_path / "before.json"
    before.write_text(json.dumps(_fold_entries(corpus, capsys, "--source", "fundus")))
    assert main(["--compare", str(before), str(before)]) == 0
    assert capsys.readouterr().out.rstrip().endswith("no change on any fold")

    (entry,) = json.loads(before.read_text())
    entry["folds"][0]["title"] += 0.25  # better on fold 1, worse on fold 2
    entry["folds"][1]["title"] -= 0.5
    after = tmp_path / "after.json"
    after.write_text(json.dumps([entry]))
    assert main(["--compare", str(before), str(after)]) == 1
    out = capsys.readouterr().out
    assert "mixed: worse on fold 2" in out
    assert "reject: worse on fundus newscrawl title fold 2" in out


def test_compare_refuses_outputs_of_different_folds(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    two = tmp_path / "two.json"
    two.write_text(json.dumps(_fold_entries(corpus, capsys, "--source", "aeb")))
    assert main([str(corpus), "--source", "aeb", "--folds", "3", "--json"]) == 0
    three = tmp_path / "three.json"
    three.write_text(capsys.readouterr().out)
    assert main(["--compare", str(two), str(three)]) == 2
    assert "different folds" in capsys.readouterr().err


def test_a_corpus_is_needed_unless_comparing() -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--folds", "2"])
    assert exit_info.value.code == 2
