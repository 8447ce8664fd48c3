"""The rejects file: one line per refused page, written under `.part` until the run closes."""

from __future__ import annotations

import json
from pathlib import Path

from newscrawl.run.rejects import RejectsFile

LINE = {"url": "https://news.example/x", "reason": "empty", "details": ["no bytes"],
        "record": {"url": "https://news.example/x"}}


def test_rejects_file_appears_under_its_final_name_only_when_the_run_closes(
    tmp_path: Path,
) -> None:
    rejects = RejectsFile(tmp_path / "run.rejects.jsonl")
    rejects.add(LINE)
    assert not (tmp_path / "run.rejects.jsonl").exists()
    assert (tmp_path / "run.rejects.jsonl.part").exists()
    rejects.close()
    assert json.loads((tmp_path / "run.rejects.jsonl").read_text("utf-8")) == LINE
    assert not (tmp_path / "run.rejects.jsonl.part").exists()


def test_no_reject_writes_no_file(tmp_path: Path) -> None:
    RejectsFile(tmp_path / "run.rejects.jsonl").close()
    assert list(tmp_path.iterdir()) == []


def test_unwritable_rejects_file_keeps_the_reason_and_raises_nothing(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("not a folder")
    rejects = RejectsFile(tmp_path / "file" / "run.rejects.jsonl")
    rejects.add(LINE)
    rejects.close()
    assert rejects.error is not None and "run.rejects.jsonl.part" in rejects.error
