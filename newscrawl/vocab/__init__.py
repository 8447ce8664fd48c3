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


def regex_structure(pattern: str, start: int = 0) -> Iterator[tuple[int, str, int]]:
    """The characters that shape a regex, "(", ")" and "|" outside escapes and character
    classes, from `start` on: (index, character, group depth outside it; for "|", the depth it
    stands at)."""
    depth, in_class, i = 0, False, start
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char in "()|":
            depth -= char == ")"
            yield i, char, depth
            depth += char == "("
        i += 1


def trie_alternation(phrases: Iterable[str], *, bounded: bool = False) -> str:
    """The phrases as one regex (no group) that matches what `alternation` matches, longest
    phrase first, but shaped as a trie: the regex engine tries the branches of an alternation
    one by one at every position of the text, so hundreds of phrases cost hundreds of tries per
    character; a trie costs about one per character of the longest common prefix.

    With `bounded`, a phrase that starts or ends with a letter or digit of a spaced script is
    bounded there ("login" is not in "logins"); Chinese and Japanese have no spaces to bound
    by. Phrases match case-sensitively (fold the text and the phrases alike)."""
    root: dict[str, Any] = {}
    for phrase in {p.strip() for p in phrases} - {""}:
        node = root
        for piece in _pieces(phrase):
            node = node.setdefault(piece, {})
        node[""] = _bound(phrase[-1]) if bounded else ""  # a phrase ends here
    return _trie_regex(root, bounded, top=True) or "(?!)"


def _pieces(phrase: str) -> Iterator[str]:
    """The phrase's characters, each run of spaces as one piece ("\\s+")."""
    for i, word in enumerate(phrase.split()):
        if i:
            yield r"\s+"
        yield from (re.escape(char) for char in word)


def _bound(char: str) -> str:
    return r"(?!\w)" if _spaced_word_char(char) else ""


def _spaced_word_char(char: str) -> bool:
    return char.isalnum() and ord(char) < 0x2E80  # CJK scripts start at U+2E80


def _trie_regex(node: dict[str, Any], bounded: bool, top: bool = False) -> str:
    branches = []
    for piece, child in sorted((k, v) for k, v in node.items() if k):
        # The bound after the first character, not before it ("a(?<!\w.)", not "(?<!\w)a"):
        # a pattern whose branches all start with a character lets the engine skip every
        # position where none of them can start.
        bound = r"(?<!\w.)" if top and bounded and _spaced_word_char(piece[-1]) else ""
        branches.append(piece + bound + _trie_regex(child, bounded))
    end = node.get("")
    if not branches:
        return end or ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if end is None:
        return body
    # Greedy: the longer phrases are tried first, then the one ending here (and its bound).
    return f"(?:{body}|{end})" if end else f"(?:{body})?"


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
