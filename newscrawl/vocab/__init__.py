"""Words as data: one TOML file per kind of vocabulary, grouped by language and commented.

Code reads the words from here and never repeats them. `load(kind)` returns the parsed file
`<kind>.toml` of this folder, read once per process; `words(kind, key)` gathers one list from
every language group of a file, and `alternation` turns words into a regular expression.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Iterator
from functools import cache
from importlib import resources
from typing import Any


@cache
def load(kind: str) -> dict[str, Any]:
    """The vocabulary file `newscrawl/vocab/<kind>.toml`, parsed (cached: treat as read-only)."""
    text = resources.files(__name__).joinpath(f"{kind}.toml").read_text("utf-8")
    return tomllib.loads(text)


def words(
    kind: str, key: str, *, unless: str | None = None, only: str | None = None,
    split: bool = False,
) -> tuple[str, ...]:
    """The entries under `key` in every group (language, and purpose within it) of
    `<kind>.toml`, in file order, each once; with `unless`, groups where that flag is true are
    left out; with `only`, only groups where that flag is true count; with `split`, an entry
    holds several forms separated by spaces ("monday mon") and each form counts."""
    found = list(_entries(load(kind), key, unless, only))
    if split:
        found = [form for entry in found for form in entry.split()]
    return tuple(dict.fromkeys(found))


def _entries(
    table: dict[str, Any], key: str, unless: str | None, only: str | None
) -> Iterator[str]:
    """The lists under `key` in the table and its subtables (`[en.newsroom]`), in file order;
    `only` applies where the list stands (a flag of its own group)."""
    for name, value in table.items():
        if name == key and isinstance(value, list):
            if not only or table.get(only, False):
                yield from value
        elif isinstance(value, dict) and not (unless and value.get(unless, False)):
            yield from _entries(value, key, unless, only)


def alternation(phrases: Iterable[str]) -> str:
    """A regex alternation (no group) of the phrases, escaped, longest first so that a phrase
    never hides a longer one; a space in a phrase matches any run of whitespace."""
    unique = sorted(set(phrases), key=lambda p: (-len(p), p))
    return "|".join(r"\s+".join(map(re.escape, phrase.split())) for phrase in unique)


@cache
def months() -> dict[str, int]:
    """Every month word of months.toml (lower case) and the month it names, 1-12."""
    numbers: dict[str, int] = {}
    for language, group in load("months").items():
        forms = group["months"]
        if len(forms) != 12:
            raise ValueError(f"months.toml: [{language}] lists {len(forms)} months, not 12")
        for number, names in enumerate(forms, 1):
            for word in names.lower().split():
                if numbers.setdefault(word, number) != number:
                    raise ValueError(f"months.toml: {word!r} names two months")
    return numbers
