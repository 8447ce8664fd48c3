"""Which pages changed between two `newscrawl eval --out` runs, and in which fields.

    .venv/bin/python benchmarks/record_diff.py BEFORE_DIR AFTER_DIR [--system NAME] [--show N]

Both folders hold `<system>/<source>.jsonl` (one record per index line). Prints, per source, how
many records differ and in which fields, then up to N differing pages with their values. Fields
that change from run to run by design (the fetch time) are ignored. A refactoring that should
not change behaviour must print no differing page; a rule change shows exactly what it moved.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

IGNORED_FIELDS = frozenset({"fetched_at"})


def read(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def changed_fields(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    keys = (set(before) | set(after)) - IGNORED_FIELDS
    return sorted(k for k in keys if before.get(k) != after.get(k))


def _short(value: object, limit: int = 160) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--system", default="newscrawl")
    parser.add_argument("--show", type=int, default=10, help="differing pages to print")
    args = parser.parse_args(argv)
    total = 0
    for path in sorted((args.before / args.system).glob("*.jsonl")):
        other = args.after / args.system / path.name
        if not other.is_file():
            print(f"{path.stem}: missing in {args.after}")
            continue
        before, after = read(path), read(other)
        if len(before) != len(after):
            print(f"{path.stem}: {len(before)} records before, {len(after)} after")
            continue
        diffs = [(b, a, changed_fields(b, a)) for b, a in zip(before, after, strict=True)]
        diffs = [d for d in diffs if d[2]]
        total += len(diffs)
        fields = Counter(f for _, _, changed in diffs for f in changed)
        summary = ", ".join(f"{f} {n}" for f, n in fields.most_common())
        print(f"{path.stem}: {len(diffs)} of {len(before)} records differ" +
              (f" ({summary})" if summary else ""))
        for b, a, changed in diffs[: args.show]:
            print(f"  {b.get('url') or a.get('url')}")
            for field in changed:
                print(f"    {field}: {_short(b.get(field))} -> {_short(a.get(field))}")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
