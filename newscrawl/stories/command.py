"""`newscrawl stories RECORDS.jsonl ... -o OUT.jsonl`: link records already written.

The input files are read in order, one JSON record a line; OUT gets every input line in the
same order, records with `story_id` and `story` set. Lines without a record (`newscrawl
extract` error lines) pass through unchanged; lines that are not JSON objects are skipped and
counted on stderr. Without `--index` the linking starts from an empty index, so the same input
gives the same ids; `--index state/stories.sqlite3` links against (and adds to) the index the
crawls use. OUT is written under a temporary name and renamed when complete.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from newscrawl.stories.index import open_index
from newscrawl.stories.linker import Linker, Settings


@dataclass
class Counts:
    linked: int = 0
    passed: int = 0  # lines without a record, written as they were
    skipped: list[str] = field(default_factory=list)  # lines that are not JSON objects


def read_lines(paths: list[Path], counts: Counts) -> Iterator[dict[str, Any]]:
    for path in paths:
        with path.open("rb") as lines:
            for number, line in enumerate(lines, 1):
                if not line.strip():
                    continue
                try:
                    value = json.loads(line)
                except ValueError as exc:
                    counts.skipped.append(f"{path}:{number}: not JSON ({exc})")
                    continue
                if not isinstance(value, dict):
                    counts.skipped.append(f"{path}:{number}: not a JSON object")
                    continue
                yield value


def is_record(value: dict[str, Any]) -> bool:
    return "error" not in value and isinstance(value.get("body"), str) and bool(
        value.get("url") or value.get("canonical_url"))


def link_files(
    paths: list[Path], out: Path, *, index_path: str = ":memory:",
    settings: Settings | None = None,
) -> tuple[Counts, list[dict[str, Any]]]:
    """Link every record of `paths` into `out`; the counts and the linked records."""
    counts = Counts()
    linked: list[dict[str, Any]] = []
    part = out.with_name(out.name + ".part")
    out.parent.mkdir(parents=True, exist_ok=True)
    with open_index(index_path) as index, part.open("w", encoding="utf-8") as sink:
        linker = Linker(index, settings)
        for value in read_lines(paths, counts):
            if is_record(value):
                link = linker.link(value)
                value = {**value, "story_id": link.story_id, "story": link.story()}
                linked.append(value)
                counts.linked += 1
            else:
                counts.passed += 1
            sink.write(json.dumps(value, ensure_ascii=False) + "\n")
        linker.prune()
    os.replace(part, out)
    return counts, linked


def report(records: list[dict[str, Any]], stream: IO[str]) -> int:
    """The stories with more than one member: sites, titles, dates, agencies. Their number."""
    stories: dict[str, list[dict[str, Any]]] = {}
    for record in records:
        stories.setdefault(record["story_id"], []).append(record)
    shown = 0
    for story_id, members in stories.items():
        if len(members) < 2:
            continue
        shown += 1
        sites = sorted({str(m.get("site")) for m in members})
        stream.write(f"story {story_id}: {len(members)} records, {len(sites)} sites "
                     f"({', '.join(sites)})\n")
        for m in members:
            agencies = ", ".join(m.get("agencies") or []) or "-"
            stream.write(f"  {str(m.get('published_at') or '-')[:16]:16}  {m.get('site')}  "
                         f"[{agencies}]  {m.get('title') or '(no title)'}\n")
    stream.write(f"{shown} stories with more than one record, {len(records)} records\n")
    return shown


def run(paths: list[Path], out: Path, *, index: str | None, window_days: float,
        show_report: bool) -> int:
    missing = [p for p in paths if not p.is_file()]
    if missing:
        print(f"newscrawl stories: no such file: {missing[0]}", file=sys.stderr)
        return 2
    counts, linked = link_files(paths, out, index_path=index or ":memory:",
                                settings=Settings(window_days=window_days))
    for line in counts.skipped:
        print(f"newscrawl stories: skipped {line}", file=sys.stderr)
    stories = len({r["story_id"] for r in linked})
    print(f"{counts.linked} records in {stories} stories, {counts.passed} lines without a "
          f"record, {len(counts.skipped)} skipped -> {out}", file=sys.stderr)
    if show_report:
        report(linked, sys.stdout)
    return 0 if counts.linked else 1
