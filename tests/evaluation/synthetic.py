"""A tiny invented corpus in the shared layout, with predictions whose scores are worked out by
hand in test_metrics.py. Every page, title and text here is made up."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

Record = dict[str, Any]

PAGE = """<!doctype html><html lang="en"><head><title>{title}</title></head>
<body><article><h1>{title}</h1><p>{body}</p></article></body></html>"""


def _page(
    page_id: str,
    truth: dict[str, Any],
    prediction: Record,
    host: str | None = None,
) -> dict[str, Any]:
    """One page; each page has a publisher of its own unless `host` names a shared one."""
    url = f"https://{host or f'www.{page_id}-news.example'}/{page_id}"
    base = {"url": url, "title": None, "authors": None, "published": None, "body": None}
    return {"id": page_id, "truth": base | truth, "prediction": {"url": url, **prediction}}


# source -> pages: ground truth and the prediction scored against it.
CORPUS: dict[str, list[dict[str, Any]]] = {
    "aeb": [
        _page(
            "a1",
            {"body": "The council met on Monday and voted."},
            {"body": "The council met on Monday and voted."},
        ),
        _page("a2", {"body": "Hello world"}, {"body": "Hello world"}),
        # Case is kept in tokens, so nothing matches.
        _page(
            "a3",
            {"body": "Big News Today For Everyone"},
            {"body": "big news today for everyone"},
        ),
        _page("a4", {"body": ""}, {"body": ""}),
    ],
    "fundus": [
        _page(
            "f1",
            {
                "title": "Der Bürgermeister  tritt zurück",
                "authors": ["Anna Beispiel", "Jo Muster"],
                "published": "2024-05-03 15:47:42.389000+00:00",
                "body": "one two three four five",
            },
            {
                "title": "der Bürgermeister tritt zurück",
                "authors": [{"name": "Jo Muster"}, {"name": "Anna Beispiel"}],
                "agencies": [],
                "published_at": "2024-05-03T17:47:00+02:00",
                "body": "one two three four six",
            },
            host="www.daily.example",
        ),
        _page(
            "f2",
            {
                "title": "Storm\u00adwarning for the coast",
                "authors": ["Reuters"],
                "published": "2024-11-22T23:30:00+00:00",
                "body": "Waves of up to six metres are expected tonight.",
            },
            {
                "title": "Stormwarning for the coast",
                "authors": [],
                "agencies": ["Reuters"],
                "published_at": "2024-11-23T00:30:00+01:00",
                "body": "Waves of up to six metres are expected tonight.",
            },
        ),
        _page(
            "f3",
            {
                "title": "Election night",
                "authors": [],
                "published": "2025-06-05",
                "body": "alpha beta gamma delta",
            },
            {
                "title": "Election Night!",
                "authors": [{"name": "Staff"}],
                "published_at": "2025-06-05T09:00:00+02:00",
                "body": "alpha beta gamma delta extra words here",
            },
            host="amp.daily.example",  # the same publisher as f1
        ),
        _page(
            "f4",
            {
                "title": "Quiet day",
                "authors": ["Kim Lee"],
                "published": "2025-01-02T08:15:00",
                "body": "a b c d",
            },
            {"error": "unreadable: invented failure"},
        ),
    ],
    "htmldate": [
        _page("h1", {"published": "2019-10-19"}, {"published_at": "2019-10-20"}),
        _page(
            "h2",
            {"published": "2020-01-31T00:00:00+01:00"},
            {"published_at": "2020-01-30T23:30:00+00:00"},
        ),
        _page(
            "h3",
            {"published": "2021-07-04T12:05:30"},
            {"published_at": "2021-07-04 12:05:59"},
        ),
        # A malformed truth is left out of the scores.
        _page("h4", {"published": "2018-13-45"}, {"published_at": "2018-12-31"}),
    ],
    "trafilatura": [
        _page(
            "t1",
            {
                "title": "Mit allen Wassern",
                "authors": ["Von Bettina K."],
                "published": "2019-10-19",
                "extra": {
                    "must_contain": ["Nirgends und überall", "Rund 75 Minuten"],
                    "must_not_contain": ["Abonnemente", "Inserat aufgeben"],
                },
            },
            {
                "title": "Something else",
                "published_at": "2019-10-19",
                "body": "NIRGENDS  und überall ist das Gedicht. Online Inserat aufgeben",
            },
        ),
        _page(
            "t2",
            {"extra": {"must_contain": ["alpha beta"], "must_not_contain": []}},
            {"body": "Alpha Beta gamma"},
        ),
        _page(
            "t3",
            {
                "published": "2020-02-02",
                "extra": {"must_contain": [], "must_not_contain": ["cookie banner"]},
            },
            {"body": "Text of the article."},
        ),
    ],
}


def predictions(source: str) -> list[Record]:
    return [page["prediction"] for page in CORPUS[source]]


def write_corpus(root: Path) -> Path:
    """The corpus on disk: index lines in CORPUS order, a page and a truth file for each."""
    for source, pages in CORPUS.items():
        folder = root / source
        folder.mkdir(parents=True)
        with (folder / "index.jsonl").open("w", encoding="utf-8") as index:
            for page in pages:
                path = f"{page['id']}.html.gz"
                row = {"id": page["id"], "url": page["truth"]["url"], "path": path}
                index.write(json.dumps(row) + "\n")
                html = PAGE.format(title=page["id"], body=page["truth"].get("body") or "")
                (folder / path).write_bytes(gzip.compress(html.encode()))
                truth = {"id": page["id"], "source": source, **page["truth"]}
                (folder / f"{page['id']}.json").write_text(json.dumps(truth), encoding="utf-8")
    return root


def write_predictions(path: Path, records: list[Record]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path
