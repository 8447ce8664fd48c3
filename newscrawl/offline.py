"""Offline extraction: stored pages through the same extraction and normalization as a crawl."""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from newscrawl.extraction import ExtractionError, extract
from newscrawl.items import ArticleDraft
from newscrawl.process import normalize
from newscrawl.schema import schema_errors
from newscrawl.sites import SiteProfile, load_profile, profile_for_url


class InvalidRecord(Exception):
    """The page gave a record that breaks the schema; `errors` says how."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("; ".join(errors))
        self.errors = errors


def choose_profile(url: str, site: str | None) -> SiteProfile:
    """The named site's profile, else the one whose domains match the URL, else the generic."""
    if site:
        return load_profile(site)
    return profile_for_url(url) or load_profile("news")


def read_page(path: Path) -> tuple[bytes, str]:
    """The page's bytes and content type, from .html, .html.gz or .txt."""
    data = path.read_bytes()
    name = path.name.lower()
    if name.endswith(".gz"):
        data = gzip.decompress(data)
        name = name[:-3]
    return data, ("text/plain" if name.endswith(".txt") else "text/html")


def build_record(draft: ArticleDraft) -> dict[str, Any]:
    """Normalize a draft into a schema-v1 record; InvalidRecord when it fails the schema."""
    record = normalize(draft).to_record()
    errors = schema_errors(record)
    if errors:
        raise InvalidRecord(errors)
    return record


def record_for_file(
    path: Path, url: str, *, site: str | None = None, fetched_at: datetime | None = None
) -> dict[str, Any]:
    """The record for one stored page, or {"url", "error"} when the page cannot give one."""
    try:
        profile = choose_profile(url, site)
    except ValueError as exc:  # "https://[bad": urlsplit refuses it
        return {"url": url, "error": f"bad_url: {exc}"}
    try:
        content, content_type = read_page(path)
        draft = extract(
            content, url, profile,
            fetched_at=fetched_at or datetime.now(UTC), content_type=content_type,
        )
        draft.site = profile.site_for(url)
        return build_record(draft)
    except ExtractionError as exc:
        return {"url": url, "error": str(exc)}  # "reason: message"
    except InvalidRecord as exc:
        return {"url": url, "error": f"invalid: {exc}"}
    except (OSError, EOFError, gzip.BadGzipFile, zlib.error) as exc:
        return {"url": url, "error": f"unreadable: {exc}"}


def iter_manifest(manifest: Path) -> Iterator[dict[str, Any]]:
    """Manifest lines {"id", "url", "path"}; a broken line yields {"error": ...} in its place."""
    with manifest.open("rb") as lines:  # bytes: a line that is not UTF-8 fails alone
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                entry = json.loads(line)
                url, path = entry["url"], entry["path"]
                if not (isinstance(url, str) and isinstance(path, str)):
                    raise TypeError("url and path must be strings")
                yield {"url": url, "path": path, "id": entry.get("id")}
            except (ValueError, KeyError, TypeError) as exc:
                yield {"error": f"manifest line {number}: {exc}"}


def extract_manifest(manifest: Path, out: Path, *, site: str | None = None) -> tuple[int, int]:
    """One output line per manifest line, in order. Returns (records, errors)."""
    ok = failed = 0
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as sink:
        for entry in iter_manifest(manifest):
            if "error" in entry:
                result: dict[str, Any] = {"url": None, "error": entry["error"]}
            else:
                result = record_for_file(manifest.parent / entry["path"], entry["url"], site=site)
            failed += "error" in result
            ok += "error" not in result
            sink.write(json.dumps(result, ensure_ascii=False) + "\n")
    return ok, failed
