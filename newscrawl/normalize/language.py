"""The language of an article as an ISO 639-1 code, from the page's hint and its text.

`normalize_language` turns what pages declare (`<html lang="en-US">`, `og:locale` "en_GB",
`inLanguage` "eng" or "English") into a two-letter code. `detect_language` keeps a valid hint
unless the text strongly says otherwise, and otherwise guesses from the text: the writing
system first (Cyrillic, Arabic, CJK, ...), then, for Latin script, frequencies of the most
common function words. No dependencies; about a millisecond for a long article
(only the first 4,000 characters are read).

Norwegian "nb"/"nn" become "no", the code detection returns, so hints and guesses compare.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from newscrawl import vocab

# ---------------------------------------------------------------------------------------------
# Codes

_ISO_639_1_CODES = """
    aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu
    cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho
    hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv
    kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr
    nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq
    sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh
    yi yo za zh zu"""
ISO_639_1: frozenset[str] = frozenset(_ISO_639_1_CODES.split())
# Deprecated two-letter codes, and Norwegian written forms folded into "no".
_TWO_LETTER_ALIASES = {"iw": "he", "in": "id", "ji": "yi", "jw": "jv", "nb": "no", "nn": "no"}
# ISO 639-2/B, 639-2/T and 639-3 codes seen on news sites.
_THREE_LETTER_PAIRS = """eng:en deu:de ger:de fra:fr fre:fr spa:es ita:it por:pt nld:nl dut:nl
    swe:sv dan:da nor:no nob:no nno:no pol:pl tur:tr rus:ru ukr:uk bel:be bul:bg ara:ar
    arb:ar fas:fa per:fa pes:fa urd:ur heb:he zho:zh chi:zh cmn:zh yue:zh jpn:ja kor:ko
    kur:ku ckb:ku kmr:ku sdh:ku hin:hi ben:bn ell:el gre:el ces:cs cze:cs slk:sk slo:sk
    hun:hu ron:ro rum:ro fin:fi est:et lav:lv lit:lt hrv:hr srp:sr bos:bs slv:sl cat:ca
    eus:eu baq:eu glg:gl ind:id msa:ms may:ms vie:vi tha:th fil:tl tgl:tl swa:sw aze:az
    kat:ka geo:ka hye:hy arm:hy pus:ps prs:fa"""
def _pairs(table: str) -> dict[str, str]:
    return dict(pair.split(":", 1) for pair in table.split())


_THREE_LETTER = _pairs(_THREE_LETTER_PAIRS)
# Language names in English and in the language itself (vocab/language_names.toml).
_NAMES = {
    name: code for code, group in vocab.load("language_names").items() for name in group["names"]
}
_NOT_A_LANGUAGE = frozenset({"und", "mul", "zxx", "mis", "x", "i"})
_HINT_SEPARATORS = re.compile(r"[,;\s]+")


def normalize_language(hint: str | None) -> str | None:
    """The ISO 639-1 code a language hint names, or None when it names none."""
    if not hint or not isinstance(hint, str):
        return None
    first = _HINT_SEPARATORS.split(hint.strip().lower(), maxsplit=1)[0]  # "en, fr": the first
    primary = first.replace("_", "-").split("-", 1)[0]
    if primary in _NOT_A_LANGUAGE:
        return None
    if first in _NAMES:  # before the codes: "中文" and "日本語" are as short as a code
        return _NAMES[first]
    if len(primary) == 2:
        code = _TWO_LETTER_ALIASES.get(primary, primary)
        return code if code in ISO_639_1 else None
    if len(primary) == 3:
        return _THREE_LETTER.get(primary)
    return None


# ---------------------------------------------------------------------------------------------
# Scripts

# (first, last) code points of the blocks that name a script.
_SCRIPT_BLOCKS: tuple[tuple[int, int, str], ...] = (
    (0x0370, 0x03FF, "greek"), (0x0400, 0x04FF, "cyrillic"), (0x0590, 0x05FF, "hebrew"),
    (0x0600, 0x06FF, "arabic"), (0x0750, 0x077F, "arabic"), (0x0900, 0x097F, "devanagari"),
    (0x0E00, 0x0E7F, "thai"), (0x10A0, 0x10FF, "georgian"), (0x0530, 0x058F, "armenian"),
    (0x1100, 0x11FF, "hangul"), (0x3040, 0x30FF, "kana"), (0x3400, 0x4DBF, "han"),
    (0x4E00, 0x9FFF, "han"), (0xAC00, 0xD7AF, "hangul"), (0xFB50, 0xFDFF, "arabic"),
    (0xFE70, 0xFEFF, "arabic"),
)  # fmt: skip
# Scripts written by (practically) one language.
_SCRIPT_LANGUAGE = {
    "greek": "el", "hebrew": "he", "devanagari": "hi", "thai": "th", "georgian": "ka",
    "armenian": "hy", "hangul": "ko",
}  # fmt: skip
_LANGUAGE_SCRIPT = {
    **{lang: script for script, lang in _SCRIPT_LANGUAGE.items()},
    "ru": "cyrillic", "uk": "cyrillic", "bg": "cyrillic", "be": "cyrillic", "sr": "cyrillic",
    "mk": "cyrillic", "kk": "cyrillic", "ar": "arabic", "fa": "arabic", "ur": "arabic",
    "ku": "arabic", "ps": "arabic", "zh": "han", "ja": "kana", "yi": "hebrew",
}  # fmt: skip
# Letters that set Sorani Kurdish, Urdu and Persian apart from Arabic.
_ARABIC_SCRIPT_MARKERS = (
    ("ku", frozenset("ڕڵێۆە")),
    ("ur", frozenset("ٹڈڑںے")),
    ("fa", frozenset("پچژگکی")),
)
_SAMPLE_CHARS = 4000  # enough text to decide; keeps long bodies cheap
_MIN_SCRIPT_LETTERS = 10


@lru_cache(maxsize=4096)
def _script_of(char: str) -> str:
    code = ord(char)
    if code < 0x0250:
        return "latin"
    for first, last, script in _SCRIPT_BLOCKS:
        if first <= code <= last:
            return script
    return "latin" if unicodedata.name(char, "").startswith("LATIN") else "other"


def _script_counts(text: str) -> Counter[str]:
    return Counter(_script_of(c) for c in text if c.isalpha())


def _arabic_script_language(text: str, letters: int) -> str:
    for lang, markers in _ARABIC_SCRIPT_MARKERS:
        if sum(c in markers for c in text) * 50 >= letters:  # over 2% of the letters
            return lang
    return "ar"


def _script_language(text: str, script: str, counts: Counter[str]) -> str | None:
    if script == "arabic":
        return _arabic_script_language(text, counts[script])
    if script in ("han", "kana"):  # Japanese mixes kana with Han; Chinese has no kana
        return "ja" if counts["kana"] * 10 >= counts["han"] + counts["kana"] else "zh"
    return _SCRIPT_LANGUAGE.get(script)


# ---------------------------------------------------------------------------------------------
# Function words

_MIN_WORDS = 8  # fewer words than this say too little
_MIN_HIT_SHARE = 0.12  # function words in real prose are a third or more of the tokens
_MIN_MARGIN = 1.3  # best score over the runner-up
_HINT_OVERRULED = 0.5  # a hint scoring under half the best is contradicted
_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=1)
def _word_weights() -> dict[str, tuple[tuple[str, float], ...]]:
    """Each function word (vocab/function_words.toml) and the languages it counts for: words
    shared by several languages count for each of them in proportion."""
    owners: dict[str, list[str]] = {}
    for lang, group in vocab.load("function_words").items():
        for word in set(group["words"]):
            owners.setdefault(word, []).append(lang)
    return {w: tuple((lang, 1 / len(langs)) for lang in langs) for w, langs in owners.items()}


@dataclass(frozen=True)
class _WordScores:
    scores: dict[str, float]
    words: int
    hits: int

    def best(self) -> tuple[str | None, float]:
        if not self.scores:
            return None, 0.0
        lang = max(self.scores, key=self.scores.__getitem__)
        return lang, self.scores[lang]

    def confident(self) -> str | None:
        lang, top = self.best()
        runner_up = max((s for k, s in self.scores.items() if k != lang), default=0.0)
        if lang is None or self.words < _MIN_WORDS or self.hits < _MIN_HIT_SHARE * self.words:
            return None
        return lang if top >= _MIN_MARGIN * runner_up else None


def _word_scores(text: str) -> _WordScores:
    weights = _word_weights()
    scores: dict[str, float] = {}
    words = hits = 0
    for word in _WORD.findall(text.lower()):
        words += 1
        owners = weights.get(word)
        if owners:
            hits += 1
            for lang, weight in owners:
                scores[lang] = scores.get(lang, 0.0) + weight
    return _WordScores(scores, words, hits)


# ---------------------------------------------------------------------------------------------
# Detection


@dataclass(frozen=True)
class _Guess:
    lang: str | None
    script: str | None  # the dominant non-Latin script, if any
    words: _WordScores | None  # function-word scores, for Latin and Cyrillic text


def _guess(text: str) -> _Guess:
    sample = text[:_SAMPLE_CHARS]
    counts = _script_counts(sample)
    if not counts:
        return _Guess(None, None, None)
    script, letters = counts.most_common(1)[0]
    if script in ("latin", "other") or letters < _MIN_SCRIPT_LETTERS:
        words = _word_scores(sample)
        return _Guess(words.confident(), None, words)
    if script == "cyrillic":  # ru, uk, bg by their function words; Russian when unclear
        words = _word_scores(sample)
        return _Guess(words.confident() or "ru", script, words)
    return _Guess(_script_language(sample, script, counts), script, None)


def _family(script: str) -> str:
    return "cjk" if script in ("han", "kana") else script


def _contradicts(guess: _Guess, hint: str) -> bool:
    """True when the text clearly is in another language than the hint says."""
    if guess.lang is None or guess.lang == hint:
        return False
    if _family(guess.script or "latin") != _family(_LANGUAGE_SCRIPT.get(hint, "latin")):
        return True
    if guess.words is not None:  # Latin or Cyrillic prose: the function words must be clear
        _, top = guess.words.best()
        clear = guess.words.confident() == guess.lang
        return clear and guess.words.scores.get(hint, 0.0) < _HINT_OVERRULED * top
    # Same script otherwise: kana rules out Chinese; Arabic-script hints are kept.
    return hint == "zh" and guess.lang == "ja"


def detect_language(text: str, hint: str | None = None) -> str | None:
    """ISO 639-1 code of `text`: the hint when valid and not contradicted, else a guess."""
    code = normalize_language(hint)
    guess = _guess(text or "")
    if code is not None and not _contradicts(guess, code):
        return code
    return guess.lang or code
