"""Check `newscrawl extract` on the seed pages against what their expected.json says.

    python benchmarks/check_seeds.py ../shared/seeds

Prints one line per check and exits 1 when any fails. `make quality` and .ci/run run it when
the seeds are present.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from newscrawl.offline import record_for_file


def checks(page: dict[str, Any], record: dict[str, Any]) -> list[tuple[str, bool]]:
    body = record.get("body") or ""
    captions = [i.get("caption") for i in record.get("images") or []]
    title_ok = (record.get("title") == page["title"]) if page.get("title") else (
        # A dump with no headline may leave the title empty, but never put the byline there.
        not record.get("title") or "Associated Press" not in record["title"]
    )
    return [
        ("no error", "error" not in record),
        ("title", title_ok),
        ("authors", [a["name"] for a in record.get("authors", [])] == page["authors"]),
        ("agencies", record.get("agencies") == page["agencies"]),
        ("published date", (record.get("published_at") or "")[:10] == page["published_date"]),
        ("precision", record.get("published_precision") == page["published_precision"]),
        ("published_raw", record.get("published_raw") == page["published_raw"]),
        ("dateline", record.get("dateline") == page["dateline"]),
        ("body start", body.startswith(page["body_starts_with"])),
        ("body end", body.endswith(page["body_ends_with"])),
        ("paragraphs", len(body.split("\n\n")) == page["body_paragraphs"]),
        *((f"no {s!r} in body", s not in body) for s in page["body_must_not_contain"]),
        *((f"caption {c[:30]!r}...", c in captions and c not in body)
          for c in page["image_captions"]),
    ]


def main(argv: list[str]) -> int:
    seeds = Path(argv[0] if argv else "../shared/seeds")
    expected = json.loads((seeds / "expected.json").read_text("utf-8"))
    failed = 0
    for page in expected["pages"]:
        record = record_for_file(seeds / page["file"], page["url"], site=page["site"])
        for name, ok in checks(page, record):
            failed += not ok
            print(f"{'ok  ' if ok else 'FAIL'} {page['file']}: {name}")
    print(f"seed checks: {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
