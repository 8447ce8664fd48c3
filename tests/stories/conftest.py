from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).resolve().parents[2]

# One crawl process: links every other record of the fixture (its half), one at a time, into
# the index that INDEX opens (a Python expression of sys.argv[2]).
_LINK_HALF = """
import json, sys
from newscrawl.stories import Linker, SqliteStoryIndex
from newscrawl.stories.redis import RedisStoryIndex
records = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")][int(sys.argv[3])::2]
with INDEX as index:
    linker = Linker(index)
    print(json.dumps({r["url"]: linker.link(r).story_id for r in records}))
"""


def link_in_two_processes(index: str, where: str) -> dict[str, str]:
    """The fixture's copies linked by two processes at once into one index, each taking every
    other record: record URL -> story id. `index` opens the index at `where`, in Python
    ("RedisStoryIndex(sys.argv[2])")."""
    script = _LINK_HALF.replace("INDEX", index)
    workers = [
        subprocess.Popen([sys.executable, "-c", script, str(FIXTURES / "copies.jsonl"), where,
                          str(half)], cwd=REPO, stdout=subprocess.PIPE, text=True)
        for half in (0, 1)
    ]
    ids: dict[str, str] = {}
    for worker in workers:
        out, _ = worker.communicate(timeout=120)
        assert worker.returncode == 0
        ids.update(json.loads(out))
    return ids


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="session")
def copies() -> list[dict[str, Any]]:
    """Outlet copies and follow-ups of six invented wire stories, in publication order."""
    return read_jsonl(FIXTURES / "copies.jsonl")


@pytest.fixture(scope="session")
def gold(copies: list[dict[str, Any]]) -> list[str]:
    labels = {r["url"]: r["story"] for r in read_jsonl(FIXTURES / "copies.labels.jsonl")}
    return [labels[r["url"]] for r in copies]


def wire_record(**fields: Any) -> dict[str, Any]:
    """A small record in the shape the linker reads; fields override the defaults."""
    record: dict[str, Any] = {
        "url": "https://outlet-a.example/news/1",
        "canonical_url": None,
        "site": "outlet-a",
        "title": "Ferry runs aground in storm",
        "agencies": ["Reuters"],
        "dateline": "OSLO",
        "published_at": "2024-01-15T10:05:00+01:00",
        "fetched_at": "2024-01-15T11:00:00+00:00",
        "body": FERRY,
    }
    record.update(fields)
    return record


FERRY = "\n\n".join([
    "OSLO (Reuters) - A coastal ferry with 120 passengers on board ran aground near the island "
    "of Hadsel in a storm on Monday, and all passengers were evacuated by lifeboat and "
    "helicopter, the rescue service said.",
    "The rescue centre said winds of up to 90 kilometres per hour and waves of five metres had "
    "hampered the operation, which lasted more than six hours.",
    "“Everyone is safe and accounted for. A few people have minor injuries and are being looked "
    "after,” rescue centre spokesman Einar Lund told Reuters.",
    "The ship, operated by Nordkyst Line, was on its regular route between Bodo and Tromso when "
    "it lost engine power and drifted onto rocks, police said.",
    "Coastal ferries are a lifeline for communities in northern Norway, where many villages "
    "cannot be reached by road in winter.",
])
