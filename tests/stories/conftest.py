from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


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
