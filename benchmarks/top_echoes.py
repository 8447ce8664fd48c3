"""Count records whose body opens with the record's own headline, byline or date line.

    newscrawl eval ../shared/corpus --out preds/
    python benchmarks/top_echoes.py preds/newscrawl

Reads the eval's predictions (one `<source>.jsonl` per corpus source) and prints, per source,
how many records there are and how many start their body with: the title (the same words,
case and punctuation aside), the byline as found (`byline_raw`), the date as found
(`published_raw`). Run it on predictions from two versions to compare them.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

_TOKEN = re.compile(r"\w+")


def _key(text: str | None) -> str:
    return " ".join(_TOKEN.findall((text or "").casefold()))


def echoes(record: dict[str, Any]) -> dict[str, bool]:
    first = _key((record.get("body") or "").split("\n\n", 1)[0])
    lines = (record.get("byline_raw") or "").split("\n")
    return {
        "title": bool(first) and first == _key(record.get("title")),
        "byline": bool(first) and any(first == _key(b) for b in lines if b.strip()),
        "date": bool(first) and first == _key(record.get("published_raw")),
    }


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    print("| source | records | title first | byline first | date first |")
    print("| --- | --- | --- | --- | --- |")
    for path in sorted(Path(argv[0]).glob("*.jsonl")):
        records = [json.loads(line) for line in path.open(encoding="utf-8")]
        records = [r for r in records if "error" not in r]
        counts = {"title": 0, "byline": 0, "date": 0}
        for record in records:
            for name, hit in echoes(record).items():
                counts[name] += hit
        print(f"| {path.stem} | {len(records)} | {counts['title']} | {counts['byline']} | "
              f"{counts['date']} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
