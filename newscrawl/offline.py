"""Offline extraction: stored pages through the same extraction and normalization as a crawl."""

from __future__ import annotations

import gzip
import json
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from newscrawl.items import Rejected
from newscrawl.normalize.urls import http_url
from newscrawl.progress import track
from newscrawl.run.output import AtomicFileFeedStorage, OutputFailed
from newscrawl.schema import schema_errors
from newscrawl.sites import SiteProfile, load_profile, profile_for_url
from newscrawl.workers import TaskTimeout, WorkerCrashed, WorkerPool
from newscrawl.workers.page import (
    DEFAULT_TIMEOUT,
    WARM,
    PageResult,
    PageTask,
    prepare_page,
    rejected_for,
)


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
    except (OSError, EOFError, gzip.BadGzipFile, zlib.error) as exc:
        return {"url": url, "error": f"unreadable: {exc}"}
    # The crawl's own per-page work (newscrawl.workers.page): the same record for the same page.
    task = PageTask(content, url, profile, fetched_at or datetime.now(UTC),
                    content_type=content_type)
    return record_for(prepare_page(task))


def record_for(result: PageResult) -> dict[str, Any]:
    """The schema-v1 record of a prepared page, or {"url", "error"} ("reason: message")."""
    if isinstance(result, Rejected):
        return {"url": result.url, "error": result.message}
    record = result.to_record()
    errors = schema_errors(record)
    if errors:
        return {"url": result.url, "error": f"invalid: {'; '.join(errors)}"}
    return record


def _manifest_entry(line: bytes) -> dict[str, Any]:
    """{"id", "url", "path"} from one manifest line; ValueError saying what is wrong."""
    if not line.strip():
        raise ValueError("blank line")
    try:
        entry = json.loads(line)
    except UnicodeDecodeError:
        raise ValueError("not UTF-8 text") from None
    except ValueError as exc:
        raise ValueError(f"not JSON ({exc})") from None
    if not isinstance(entry, dict):
        raise ValueError(f"a JSON {type(entry).__name__}, not an object with url and path")
    for key in ("url", "path"):
        if key not in entry:
            raise ValueError(f'no "{key}"', entry.get("id"))
        if not isinstance(entry[key], str):
            raise ValueError(f'"{key}" is not a string', entry.get("id"))
    try:
        http_url(entry["url"])
    except ValueError as exc:
        raise ValueError(f'"url" {exc}', entry.get("id")) from None
    return {"id": entry.get("id"), "url": entry["url"], "path": entry["path"]}


def iter_manifest(manifest: Path) -> Iterator[dict[str, Any]]:
    """Each manifest line, blank or broken ones included, as {"id", "url", "path"}, or as
    {"id", "url", "error"} when the line cannot be used ("manifest line 3: no "path"")."""
    with manifest.open("rb") as lines:  # bytes: a line that is not UTF-8 fails alone
        for number, line in enumerate(lines, 1):
            try:
                yield _manifest_entry(line)
            except ValueError as exc:
                message, *given_id = exc.args
                yield {"id": given_id[0] if given_id else None, "url": None,
                       "error": f"manifest line {number}: {message}"}  # fmt: skip


ManifestTask = tuple[dict[str, Any], Path, str | None]


def line_result(task: ManifestTask) -> dict[str, Any]:
    """The output line of one manifest entry, led by its `id` (in a worker process with -j)."""
    entry, folder, site = task
    if "error" in entry:
        return entry
    result = record_for_file(folder / entry["path"], entry["url"], site=site)
    return {"id": entry["id"], **result}


def manifest_results(manifest: Path, *, site: str | None = None, jobs: int = 0
                     ) -> Iterator[dict[str, Any]]:
    """The output line of each manifest line, in order: the record or {"url", "error"}, led
    by the line's `id`. With `jobs`, pages are extracted by that many worker processes; a
    page over its time budget or whose worker died gives an error line, the others go on."""
    tasks = ((entry, manifest.parent, site) for entry in iter_manifest(manifest))
    if jobs <= 0:
        yield from map(line_result, tasks)
        return
    with WorkerPool(line_result, jobs, DEFAULT_TIMEOUT, preload=WARM) as pool:
        for (entry, _, _), outcome in pool.map_ordered(tasks):
            try:
                yield outcome.result()
            except (TaskTimeout, WorkerCrashed) as exc:
                url = entry.get("url") or ""
                yield {"id": entry.get("id"), "url": url,
                       "error": rejected_for(url, exc).message}


def count_lines(path: Path) -> int:
    with path.open("rb") as lines:
        return sum(1 for _ in lines)


def extract_manifest(manifest: Path, out: Path, *, site: str | None = None, jobs: int = 0
                     ) -> tuple[int, int]:
    """One output line per manifest line, in order, written to `out` atomically (under
    `.part`, renamed when complete; the old `out` stays when anything fails or the command is
    stopped). Pages are extracted by `jobs` worker processes (0: in this process). Returns
    (records, errors); OutputFailed when `out` cannot be written."""
    results = track(manifest_results(manifest, site=site, jobs=jobs), "extract",
                    total=count_lines(manifest))  # fmt: skip
    counted = Counter(("error" in r) for r in write_lines_atomically(out, results))
    return counted[False], counted[True]


def write_lines_atomically(out: Path, lines: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Write `lines` as JSON Lines to `out` through a `.part` file, yielding each line once
    written. The part file is removed on any failure or interruption (SIGTERM, Ctrl-C), and
    OutputFailed says why the file could not be written."""
    storage = AtomicFileFeedStorage(str(out), feed_options={"overwrite": True})
    if storage.check():
        raise OutputFailed(storage.error)
    file = storage.open()
    try:
        for line in lines:
            file.write((json.dumps(line, ensure_ascii=False) + "\n").encode("utf-8"))
            if storage.error:  # a full disk: the rest could not be written either
                break
            yield line
    except BaseException:
        storage.discard(file)
        raise
    storage.store(file)
