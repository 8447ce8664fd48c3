"""Peer extractors run side by side with newscrawl, mapped to our record fields.

trafilatura is run the way the corpus README measured it: `bare_extraction(html, url=url,
with_metadata=True)` with htmldate asked for the time of day as well as the date.
"""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import Any

# htmldate's own defaults for trafilatura, plus an output format that keeps time and offset.
TRAFILATURA_DATE_PARAMS: dict[str, Any] = {
    "extensive_search": True,
    "original_date": True,
    "outputformat": "%Y-%m-%dT%H:%M:%S%z",
}
TRAFILATURA_AUTHOR_SEPARATOR = "; "  # trafilatura joins all authors into one string


def read_html(path: Path) -> bytes:
    """The stored page's bytes, decompressed; the extractor detects the encoding itself."""
    name = path.name.lower()
    if name.removesuffix(".gz").endswith(".txt"):
        raise ValueError("plain-text pages are not HTML")
    data = path.read_bytes()
    return gzip.decompress(data) if name.endswith(".gz") else data


def trafilatura_record(path: Path, url: str) -> dict[str, Any]:
    """trafilatura's output for one stored page as a record; {"url", "error"} when it gives none."""
    from trafilatura import bare_extraction  # lazy: heavy import, only for --baseline

    document = bare_extraction(
        read_html(path),
        url=url,
        with_metadata=True,
        date_extraction_params=dict(TRAFILATURA_DATE_PARAMS),
    )
    if document is None:
        return {"url": url, "error": "no-extraction: trafilatura returned nothing"}
    fields = document if isinstance(document, dict) else document.as_dict()
    return trafilatura_fields_to_record(url, fields)


def trafilatura_fields_to_record(url: str, fields: dict[str, Any]) -> dict[str, Any]:
    """Map trafilatura's fields to ours, scoring it as it outputs (no cleanup of its values)."""
    author = fields.get("author") or ""
    names = [name for name in author.split(TRAFILATURA_AUTHOR_SEPARATOR) if name]
    return {
        "url": url,
        "title": fields.get("title"),
        "authors": [{"name": name} for name in names],
        "agencies": [],
        "published_at": fields.get("date"),
        "body": fields.get("text") or "",
    }
