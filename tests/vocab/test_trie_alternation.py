"""`trie_alternation` matches what a plain alternation of the same phrases matches."""

from __future__ import annotations

import random
import re

import pytest

from newscrawl import vocab

PHRASES = [
    "sign in", "sign in to read", "sign", "subscribe now", "subscribers only", "subscriber",
    "log in", "login", "log in to continue reading", "page not found", "page", "pages",
    "accept all", "accept", "404", "c'est", "déjà abonné", "already a subscriber?",
    "ログインして続きを読む", "ログイン", "请登录", "(see terms)", "a.b",
]


def _plain(phrases: list[str], bounded: bool) -> re.Pattern[str]:
    """The reference: each phrase its own branch, longest first, bounded where it ends in a
    letter or digit of a spaced script."""
    def one(phrase: str) -> str:
        start = r"(?<!\w)" if bounded and phrase[0].isalnum() and ord(phrase[0]) < 0x2E80 else ""
        end = r"(?!\w)" if bounded and phrase[-1].isalnum() and ord(phrase[-1]) < 0x2E80 else ""
        return start + r"\s+".join(map(re.escape, phrase.split())) + end

    return re.compile("|".join(one(p) for p in sorted(phrases, key=len, reverse=True)))


def _texts(seed: int) -> list[str]:
    rng = random.Random(seed)
    fillers = ["the", "x", "signs", "logins", "paged", "404s", "ログ", "abonné", "b", " ", "  "]
    return [" ".join(rng.choice(PHRASES + fillers) for _ in range(40)) for _ in range(30)]


@pytest.mark.parametrize("bounded", [False, True])
def test_finds_what_the_plain_alternation_finds(bounded: bool) -> None:
    trie = re.compile(vocab.trie_alternation(PHRASES, bounded=bounded))
    plain = _plain(PHRASES, bounded)
    for text in _texts(seed=int(bounded)):
        assert trie.findall(text) == plain.findall(text)


def test_bounded_phrases_are_whole_words_but_cjk_ones_need_no_spaces() -> None:
    pattern = re.compile(vocab.trie_alternation(["login", "ログイン"], bounded=True))
    assert pattern.findall("logins; relogin; login! 今すぐログインして") == ["login", "ログイン"]


def test_the_longest_phrase_is_taken_and_a_failed_bound_falls_back_to_a_shorter_one() -> None:
    pattern = re.compile(vocab.trie_alternation(["sign in", "sign in to read", "sign"],
                                                bounded=True))
    assert pattern.findall("sign in to read more") == ["sign in to read"]
    assert pattern.findall("sign in to reader") == ["sign in"]
    assert pattern.findall("sign into") == ["sign"]


def test_no_phrase_matches_nothing() -> None:
    assert re.compile(vocab.trie_alternation(["", " "])).search("anything") is None
