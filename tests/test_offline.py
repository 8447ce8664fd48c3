"""`newscrawl extract` internals: a broken page or manifest line is an error line, never a crash."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from newscrawl.offline import extract_manifest, record_for_file

PAGE = ("<html><body><article><h1>Ferry timetable changes</h1>" + "".join(
    f"<p>Paragraph {n}: the island ferry will leave the harbour twenty minutes earlier from "
    f"Monday, the operator said, so that the last crossing meets the evening train.</p>"
    for n in range(1, 7)
) + "</article></body></html>").encode()


def test_gzip_with_corrupt_deflate_data_is_unreadable(tmp_path: Path) -> None:
    packed = gzip.compress(PAGE)
    page = tmp_path / "ferry.html.gz"
    page.write_bytes(packed[:12] + b"\xff" * 20 + packed[32:])
    record = record_for_file(page, "https://ferry.example/timetable")
    assert record["error"].startswith("unreadable")


def test_url_that_cannot_be_split_is_a_bad_url_error(tmp_path: Path) -> None:
    page = tmp_path / "ferry.html"
    page.write_bytes(PAGE)
    record = record_for_file(page, "https://[ferry/timetable")
    assert record["error"].startswith("bad_url")


def test_manifest_line_with_non_string_url_or_path_is_an_error_line(tmp_path: Path) -> None:
    (tmp_path / "ferry.html").write_bytes(PAGE)
    lines = [{"url": 5, "path": "ferry.html"}, {"url": "https://ferry.example/a", "path": 7},
             {"url": "https://ferry.example/b", "path": "ferry.html"}]
    manifest = tmp_path / "index.jsonl"
    manifest.write_text("".join(json.dumps(x) + "\n" for x in lines), "utf-8")
    out = tmp_path / "out.jsonl"
    assert extract_manifest(manifest, out) == (1, 2)
    rows = [json.loads(x) for x in out.read_text("utf-8").splitlines()]
    assert [r["error"].startswith("manifest line") for r in rows[:2]] == [True, True]


def test_manifest_line_that_is_not_utf8_is_an_error_line(tmp_path: Path) -> None:
    (tmp_path / "ferry.html").write_bytes(PAGE)
    good = b'{"url": "https://ferry.example/b", "path": "ferry.html"}\n'
    manifest = tmp_path / "index.jsonl"
    manifest.write_bytes(good + b'{"url": "https://ferry.example/\xff", "path": "x"}\n' + good)
    out = tmp_path / "out.jsonl"
    assert extract_manifest(manifest, out) == (2, 1)
    rows = [json.loads(x) for x in out.read_text("utf-8").splitlines()]
    assert rows[1]["error"].startswith("manifest line 2")


def _without_fetch_time(lines: list[dict[str, object]]) -> list[dict[str, object]]:
    return [{k: v for k, v in line.items() if k != "fetched_at"} for line in lines]


def test_workers_write_the_lines_of_an_in_process_run_in_manifest_order(tmp_path: Path) -> None:
    entries = []
    for n in range(8):
        page = PAGE.replace(b"Ferry timetable", f"Timetable {n}".encode())
        (tmp_path / f"{n}.html").write_bytes(page if n != 3 else b"")
        entries.append({"id": str(n), "url": f"https://ferry.example/{n}", "path": f"{n}.html"})
    entries[5]["path"] = "missing.html"
    lines = [json.dumps(e) for e in entries]
    lines.insert(2, "{broken")
    manifest = tmp_path / "index.jsonl"
    manifest.write_text("\n".join(lines) + "\n", "utf-8")

    outputs = []
    for jobs in (0, 2):
        out = tmp_path / f"out-{jobs}.jsonl"
        extract_manifest(manifest, out, jobs=jobs)
        outputs.append([json.loads(x) for x in out.read_text("utf-8").splitlines()])
    in_process, pooled = outputs
    assert _without_fetch_time(pooled) == _without_fetch_time(in_process)
    assert [line.get("title") for line in pooled] == [
        "Timetable 0 changes", "Timetable 1 changes", None, "Timetable 2 changes", None,
        "Timetable 4 changes", None, "Timetable 6 changes", "Timetable 7 changes"]
