"""One definition of a word count, used by the record's `word_count` and by extraction's
thresholds ("a page under 40 words has no article"), so both say the same about a text.

Words are what spaces separate. Chinese and Japanese are written without spaces, so there each
Han or kana character counts as half a word (their words are about two characters long on
average): a 1,000-character Japanese body counts 500 words, not the handful of space-separated
runs it has. Korean puts spaces between its words, so Hangul is counted like any spaced script.
"""

from __future__ import annotations

import re

# Han (with the compatibility and extension blocks), hiragana, katakana and their marks.
_CJK = re.compile(
    "[\u3005\u3007\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    "\uff66-\uff9f\U00020000-\U0003134f]"
)

# Their punctuation (、。「」, full-width ！？：), which is no word of its own.
_CJK_PUNCTUATION = re.compile("[\u3000-\u3004\u3008-\u303f\uff01-\uff0f\uff1a-\uff20"
                              "\uff3b-\uff40\uff5b-\uff65]")


def word_count(text: str) -> int:
    """Words in `text`, each Chinese or Japanese character counting as half a word."""
    cjk = len(_CJK.findall(text))
    if cjk:
        text = _CJK_PUNCTUATION.sub(" ", _CJK.sub(" ", text))
    return len(text.split()) + (cjk + 1) // 2
