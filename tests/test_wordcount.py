"""One word count for the record and for extraction's thresholds."""

from __future__ import annotations

from newscrawl.extraction.text import word_count as extraction_word_count
from newscrawl.items import ArticleDraft
from newscrawl.wordcount import word_count

JAPANESE = "港の橋が修理を終えて再び開通した。" * 60  # 1,020 characters, 960 of them kana and Han


def test_spaced_words_are_counted_by_spaces() -> None:
    assert word_count("The bridge reopened on Tuesday — after repairs.") == 8


def test_japanese_counts_half_a_word_per_character() -> None:
    assert word_count(JAPANESE) == 480


def test_chinese_counts_half_a_word_per_character() -> None:
    assert word_count("港口大桥修复后重新开放") == 6  # 11 characters


def test_korean_is_counted_by_its_spaces() -> None:
    assert word_count("항구 다리가 수리를 마치고 다시 열렸다") == 6


def test_mixed_text_counts_both() -> None:
    assert word_count("Kindle for PCの使い方") == 5  # 3 words and 4 characters


def test_record_word_count_is_the_same_count() -> None:
    draft = ArticleDraft(url="https://news.example.jp/a", site="example", body=[JAPANESE])
    assert draft.to_record()["word_count"] == 480


def test_extraction_thresholds_use_the_same_count() -> None:
    assert extraction_word_count is word_count
