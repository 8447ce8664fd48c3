"""Reading an evaluation corpus: `<source>/index.jsonl` manifests and `<source>/<id>.json` truths.

Each line of an index is `{"id", "url", "path"}`, `path` relative to the index's folder; the
ground truth of a page is `<id>.json` beside it, with `title`, `authors`, `published`, `body`
(null where the source has no label) and source-specific values under `extra`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newscrawl.evaluation.metrics import Truth

INDEX_NAME = "index.jsonl"


class CorpusError(Exception):
    """The corpus itself is unusable (missing index, broken manifest line, missing truth)."""


@dataclass(frozen=True)
class Page:
    id: str
    url: str
    path: Path


@dataclass(frozen=True)
class Source:
    """One source folder of a corpus: its pages in index order."""

    name: str
    folder: Path
    pages: tuple[Page, ...]

    def truth_path(self, page: Page) -> Path:
        return self.folder / f"{page.id}.json"

    def truths(self) -> list[Truth]:
        return [load_truth(self.truth_path(page)) for page in self.pages]


def source_names(corpus: Path) -> list[str]:
    """Folders of the corpus that hold an index, sorted by name."""
    return sorted(child.name for child in corpus.iterdir() if (child / INDEX_NAME).is_file())


def load_sources(corpus: Path, names: Iterable[str] | None = None) -> list[Source]:
    """The named sources (all of them when `names` is None), in the order given."""
    if not corpus.is_dir():
        raise CorpusError(f"{corpus}: not a directory")
    available = source_names(corpus)
    wanted = list(names) if names is not None else available
    unknown = [name for name in wanted if name not in available]
    if unknown:
        raise CorpusError(
            f"{corpus}: no source {', '.join(unknown)} (has: {', '.join(available) or 'none'})"
        )
    return [load_source(corpus / name) for name in wanted]


def load_source(folder: Path) -> Source:
    index = folder / INDEX_NAME
    pages = []
    with index.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if line.strip():
                pages.append(_page(folder, line, f"{index}:{number}"))
    return Source(folder.name, folder, tuple(pages))


def _page(folder: Path, line: str, where: str) -> Page:
    try:
        entry = json.loads(line)
        return Page(id=str(entry["id"]), url=str(entry["url"]), path=folder / entry["path"])
    except (ValueError, KeyError, TypeError) as exc:
        # Every index line must pair with a truth file, so a broken line cannot be skipped.
        raise CorpusError(f"{where}: bad index line: {exc!r}") from exc


def load_truth(path: Path) -> Truth:
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise CorpusError(f"{path}: no usable ground truth: {exc}") from exc
    extra = data.get("extra") or {}
    return Truth(
        title=data.get("title"),
        authors=data.get("authors"),
        published=data.get("published"),
        body=data.get("body"),
        must_contain=list(extra.get("must_contain") or []),
        must_not_contain=list(extra.get("must_not_contain") or []),
    )
