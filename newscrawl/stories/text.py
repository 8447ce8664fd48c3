"""What a story's text offers for comparison: words, shingles, sentences, quotes and names.

Pure functions over a record's title and body. Words are compared folded: NFKC, case-folded,
curly apostrophes straightened, the dots of abbreviations dropped ("U.S." and "US" are one
word) and a possessive "'s" cut ("Iraq's" is "iraq"). Content words are the words that are not
function words (`vocab/stories.toml`), cut to their first STEM letters so that "troops" and
"troop", "fought" and "fights" do not part copies whose editors changed a word's form.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from hashlib import blake2b

from newscrawl.vocab import load

STEM = 6
MIN_SENTENCE_WORDS = 4  # content words: shorter sentences ("He said.") align with anything
MIN_QUOTE_WORDS = 4

_ABBREVIATION_DOT = re.compile(r"\b(\w)\.(?=\w\.)|(?<=\b\w\.\w)\.")
_WORD = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:'[^\W\d_]+)*")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[^\W\d_a-z]|\d)")
_QUOTE = re.compile(r"[“\"]([^”\"]{12,}?)[”\"]")
_DATELINE_SEP = re.compile(r"^[^\n]{0,60}?(?:\([^)]{1,40}\)\s*)?[—–-]{1,2}\s+")


@cache
def stop_words() -> frozenset[str]:
    groups: dict[str, list[str]] = load("stories")["stop"]
    return frozenset(word for words in groups.values() for word in words)


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("’", "'").replace("‘", "'")
    return _ABBREVIATION_DOT.sub(r"\1", text).casefold()


def words(text: str) -> list[str]:
    """The folded words of `text`, possessives cut."""
    return [w.removesuffix("'s") for w in _WORD.findall(fold(text))]


def content_words(tokens: list[str]) -> frozenset[str]:
    stop = stop_words()
    return frozenset(w[:STEM] for w in tokens if w not in stop and len(w) > 1)


def strip_dateline(body: str, dateline: str | None) -> str:
    """The body without its opening "PLACE (AGENCY) —": outlets print the dateline in their
    own style, and it is compared as a field, not as text."""
    if not dateline or not fold(body[: len(dateline) + 2]).startswith(fold(dateline)):
        return body
    return _DATELINE_SEP.sub("", body, count=1)


@cache
def abbreviations() -> frozenset[str]:
    groups: dict[str, list[str]] = load("stories")["abbreviations"]
    return frozenset(word for words in groups.values() for word in words)


def sentences(body: str) -> list[str]:
    out: list[str] = []
    for paragraph in body.split("\n"):
        joined: list[str] = []
        for piece in filter(None, (s.strip() for s in _SENTENCE_END.split(paragraph))):
            if joined and _ends_abbreviated(joined[-1]):
                joined[-1] = f"{joined[-1]} {piece}"
            else:
                joined.append(piece)
        out.extend(joined)
    return out


def _ends_abbreviated(sentence: str) -> bool:
    last = sentence.rsplit(None, 1)[-1].rstrip(".")
    return len(last) == 1 or last.casefold() in abbreviations()


def quotes(body: str) -> list[frozenset[str]]:
    """Quoted speech, as content-word sets (at least MIN_QUOTE_WORDS words each)."""
    found = (content_words(words(q)) for q in _QUOTE.findall(body))
    return [q for q in found if len(q) >= MIN_QUOTE_WORDS]


def shingle_hashes(tokens: list[str], size: int) -> set[int]:
    """Word `size`-grams, hashed to 64 bits (a short text gives its whole word sequence)."""
    if len(tokens) < size:
        return {_hash64(" ".join(tokens))} if tokens else set()
    # One gram at a time: a list of them all set off the garbage collector in a crawl.
    return {_hash64(" ".join(tokens[i : i + size])) for i in range(len(tokens) - size + 1)}


def _hash64(text: str) -> int:
    return int.from_bytes(blake2b(text.encode("utf-8"), digest_size=8).digest(), "little")


@dataclass(frozen=True)
class Sentence:
    content: frozenset[str]
    size: int  # words, all of them: coverage is counted in words of text


def sentence_units(body: str) -> list[Sentence]:
    units = []
    for text in sentences(body):
        tokens = words(text)
        content = content_words(tokens)
        if len(content) >= MIN_SENTENCE_WORDS:
            units.append(Sentence(content, len(tokens)))
    return units
