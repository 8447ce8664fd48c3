"""`newscrawl stories RECORDS... -o OUT`: link records already written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newscrawl.cli import main
from newscrawl.schema import schema_errors
from tests.stories.conftest import FIXTURES, read_jsonl

COPIES = FIXTURES / "copies.jsonl"


def test_out_holds_every_input_record_in_order_with_its_story(tmp_path: Path,
                                                               copies: list[dict]) -> None:
    out = tmp_path / "out.jsonl"
    assert main(["stories", str(COPIES), "-o", str(out)]) == 0
    linked = read_jsonl(out)
    assert [r["url"] for r in linked] == [r["url"] for r in copies]
    assert all(r["story_id"] and r["story"]["size"] >= 1 for r in linked)
    assert all(not schema_errors(r) for r in linked)


def test_the_same_input_gives_the_same_ids(tmp_path: Path) -> None:
    runs = []
    for name in ("a.jsonl", "b.jsonl"):
        main(["stories", str(COPIES), "-o", str(tmp_path / name)])
        runs.append([r["story_id"] for r in read_jsonl(tmp_path / name)])
    assert runs[0] == runs[1]


def test_several_files_are_linked_as_one_archive(tmp_path: Path, copies: list[dict]) -> None:
    first, second = tmp_path / "day1.jsonl", tmp_path / "day2.jsonl"
    half = len(copies) // 2
    first.write_text("".join(json.dumps(r) + "\n" for r in copies[:half]), "utf-8")
    second.write_text("".join(json.dumps(r) + "\n" for r in copies[half:]), "utf-8")
    main(["stories", str(first), str(second), "-o", str(tmp_path / "split.jsonl")])
    main(["stories", str(COPIES), "-o", str(tmp_path / "whole.jsonl")])
    assert read_jsonl(tmp_path / "split.jsonl") == read_jsonl(tmp_path / "whole.jsonl")


def test_error_lines_pass_through_and_broken_lines_are_counted(
    tmp_path: Path, copies: list[dict], capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "mixed.jsonl"
    lines = [json.dumps(copies[0]), '{"url": "https://x.example/", "error": "not_article: no text"}',
             "{broken", json.dumps(copies[1])]
    source.write_text("\n".join(lines) + "\n", "utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["stories", str(source), "-o", str(out)]) == 0
    written = read_jsonl(out)
    assert [("error" in r, "story_id" in r) for r in written] == [
        (False, True), (True, False), (False, True)]
    assert "skipped" in capsys.readouterr().err


def test_a_persistent_index_links_an_archive_to_earlier_runs(
    tmp_path: Path, copies: list[dict], gold: list[str]
) -> None:
    index = tmp_path / "state" / "stories.sqlite3"
    earlier, later = tmp_path / "earlier.jsonl", tmp_path / "later.jsonl"
    earlier.write_text(json.dumps(copies[0]) + "\n", "utf-8")
    twin = next(r for r, g in zip(copies[1:], gold[1:], strict=True) if g == gold[0])
    later.write_text(json.dumps(twin) + "\n", "utf-8")
    main(["stories", str(earlier), "-o", str(tmp_path / "o1.jsonl"), "--index", str(index)])
    main(["stories", str(later), "-o", str(tmp_path / "o2.jsonl"), "--index", str(index)])
    (one,), (two,) = read_jsonl(tmp_path / "o1.jsonl"), read_jsonl(tmp_path / "o2.jsonl")
    assert one["story_id"] == two["story_id"] and two["story"]["size"] == 2


def test_report_lists_the_stories_with_several_records(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["stories", str(COPIES), "-o", str(tmp_path / "o.jsonl"), "--report"])
    printed = capsys.readouterr().out
    assert "stories with more than one record" in printed
    assert "[Associated Press]" in printed and "harborledger" in printed


def test_usage_errors(tmp_path: Path) -> None:
    assert main(["stories", str(tmp_path / "missing.jsonl"), "-o", str(tmp_path / "o")]) == 2
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", "utf-8")
    assert main(["stories", str(empty), "-o", str(tmp_path / "o.jsonl")]) == 1
