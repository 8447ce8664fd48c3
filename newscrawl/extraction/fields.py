"""What one extraction layer found on a page; the cascade merges these in layer order."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from newscrawl.items import Image


@dataclass
class Fields:
    layer: str
    title: str | None = None
    authors: list[str] = field(default_factory=list)  # names or raw byline strings
    # Lines found without a label or class (a bold line, "Name | date"): bylines only when
    # they are nothing but names, as normalization reads them.
    unlabelled: list[str] = field(default_factory=list)
    published: list[str] = field(default_factory=list)  # raw date strings
    modified: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)  # paragraphs
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    description: str | None = None
    language: str | None = None
    canonical_url: str | None = None
    images: list[Image] = field(default_factory=list)
    site_names: list[str] = field(default_factory=list)  # names of the publication
    is_article: bool = False  # the layer says the page is an article (schema.org type)
    non_article: bool = False  # the layer says the page is something else (about, search, ...)


def first_of(layers: Iterable[Fields], name: str) -> tuple[Any, str] | None:
    """The value of a field from the first layer that has it, with that layer."""
    for found in layers:
        value = getattr(found, name)
        if value:
            return value, found.layer
    return None
