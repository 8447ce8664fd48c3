"""Check `newscrawl extract` on the seed pages against what their expected.json says, and
that story linking gives the pages marked `same_story_as` one story_id.

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
from newscrawl.stories import Linker, SqliteStoryIndex


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


def story_checks(pages: list[dict[str, Any]], records: list[dict[str, Any]]
                 ) -> list[tuple[str, bool]]:
    """The records linked in page order: pages named in `same_story_as` share a story_id."""
    with SqliteStoryIndex(":memory:") as index:
        linker = Linker(index)
        ids = {p["file"]: linker.link(r).story_id if "error" not in r else None
               for p, r in zip(pages, records, strict=True)}
    return [(f"same story as {other}", ids[page["file"]] is not None
             and ids[page["file"]] == ids.get(other))
            for page in pages for other in page.get("same_story_as", [])]


def main(argv: list[str]) -> int:
    seeds = Path(argv[0] if argv else "../shared/seeds")
    expected = json.loads((seeds / "expected.json").read_text("utf-8"))
    failed = 0
    records = []
    for page in expected["pages"]:
        record = record_for_file(seeds / page["file"], page["url"], site=page["site"])
        records.append(record)
        for name, ok in checks(page, record):
            failed += not ok
            print(f"{'ok  ' if ok else 'FAIL'} {page['file']}: {name}")
    for page_file, (name, ok) in zip(
        [p["file"] for p in expected["pages"] for _ in p.get("same_story_as", [])],
        story_checks(expected["pages"], records), strict=True,
    ):
        failed += not ok
        print(f"{'ok  ' if ok else 'FAIL'} {page_file}: {name}")
    print(f"seed checks: {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
