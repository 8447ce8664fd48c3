"""Vocabulary lives in newscrawl/vocab/*.toml: every file loads with its groups, the code reads
every word from there, and no word list of these kinds is kept in the code again."""

from __future__ import annotations

import ast
import re
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from newscrawl import vocab
from newscrawl.extraction.dates import PUBLISHED_LABEL
from newscrawl.extraction.text_dump import is_byline_line, is_date_line
from newscrawl.normalize.bylines import parse_byline
from newscrawl.normalize.chrome import LEADING_BYLINE
from newscrawl.normalize.dateline import parse_dateline
from newscrawl.normalize.language import _word_weights, normalize_language
from newscrawl.normalize.timestamps import LEADING_LABEL, parse_timestamp, url_date

PACKAGE = Path(vocab.__file__).resolve().parents[1]
UTC = ZoneInfo("UTC")

# kind -> keys its groups must hold (a group is a language, or a purpose within one).
EXPECTED = {
    "months": {"months"},
    "weekdays": {"days"},
    "date_labels": {"published"},
    "by_words": {"by"},
    "byline_stop_words": {"words"},
    "byline_roles": {"skip", "list", "author"},
    "job_titles": {"titles", "suffixes"},
    "agencies": {"agency", "credit"},
    "chrome": {"drop", "tail", "caption"},
    "zones": {"tld", "language"},
    "function_words": {"words"},
    "language_names": {"names"},
    "datelines": {"kickers", "connectors"},
    "name_particles": {"particles", "joined", "lower_in_caps", "articles"},
    "conjunctions": {"and", "with"},
    "walls": {"soft_404", "login_wall", "paywall", "consent_wall", "bot_check"},
    "stories": {"stop", "abbreviations"},
}


def _leaf_keys(table: dict[str, object]) -> set[str]:
    keys = set()
    for key, value in table.items():
        keys |= _leaf_keys(value) if isinstance(value, dict) and key not in EXPECTED else {key}
    return keys


@pytest.mark.parametrize("kind", sorted(EXPECTED))
def test_each_vocabulary_file_loads_with_its_groups(kind: str) -> None:
    data = vocab.load(kind)
    assert data
    assert EXPECTED[kind] <= _leaf_keys(data) | set(data)


def test_every_vocabulary_file_is_known_here() -> None:
    files = {p.stem for p in (PACKAGE / "vocab").glob("*.toml")}
    assert files <= set(EXPECTED)


def test_each_group_has_a_comment() -> None:
    """A group heading comes right after a comment line, or opens with one."""
    for path in (PACKAGE / "vocab").glob("*.toml"):
        if path.stem in ("agencies", "zones", "chrome"):  # commented per entry or per file
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        for i, line in enumerate(lines):
            if line.startswith("[") and not line.startswith("[["):
                around = (lines[i - 1] if i else "", lines[i + 1] if i + 1 < len(lines) else "")
                assert any(a.startswith("#") for a in around), f"{path.name}: {line}"


# --- the code reads every word ------------------------------------------------------------------


def _month_forms() -> list[tuple[str, int]]:
    return sorted(vocab.months().items())


@pytest.mark.parametrize(("word", "month"), _month_forms())
def test_every_month_word_is_read_as_its_month(word: str, month: int) -> None:
    ts = parse_timestamp(f"3 {word} 2020", tz=UTC, languages=("xx",))
    assert ts is not None and ts.value.date() == date(2020, month, 3)
    assert is_date_line(f"3 {word} 2020")
    assert parse_byline(f"Jane Doe, 3 {word} 2020").date_text == f"3 {word} 2020"


def test_months_refuse_a_word_that_names_two_months(monkeypatch: pytest.MonkeyPatch) -> None:
    bad = {"xx": {"months": ["jan", "jan", *(f"m{i}" for i in range(10))]}}
    monkeypatch.setattr(vocab, "load", lambda kind: bad)
    vocab.months.cache_clear()
    try:
        with pytest.raises(ValueError, match="names two months"):
            vocab.months()
    finally:
        vocab.months.cache_clear()


def test_english_month_abbreviations_are_read_in_urls() -> None:
    assert url_date("https://x.example/2019/sep/28/story") == date(2019, 9, 28)


@pytest.mark.parametrize("day", vocab.words("weekdays", "days", split=True))
def test_every_weekday_is_cut_with_its_date_from_a_byline(day: str) -> None:
    parsed = parse_byline(f"By Jane Doe | {day.title()} 3 May 2020")
    assert parsed.date_text is not None and parsed.date_text.casefold().startswith(day)
    assert [a.name for a in parsed.authors] == ["Jane Doe"]


LABELS = vocab.words("date_labels", "published") + vocab.words("date_labels", "updated")


@pytest.mark.parametrize("label", LABELS + vocab.words("date_labels", "other"))
def test_every_label_is_taken_off_a_date(label: str) -> None:
    assert LEADING_LABEL.sub("", f"{label.title()}: 3 May 2020") == "3 May 2020"


@pytest.mark.parametrize("label", LABELS)
def test_every_label_starts_a_byline_stamp_and_a_dump_date_line(label: str) -> None:
    parsed = parse_byline(f"Jane Doe\n{label.title()} 3 May 2020")
    assert parsed.date_text == f"{label.title()} 3 May 2020"
    assert is_date_line(f"{label.title()} 03.05.2020")


@pytest.mark.parametrize("label", vocab.words("date_labels", "published"))
def test_every_published_label_marks_a_publication_date(label: str) -> None:
    assert PUBLISHED_LABEL.match(f"{label.title()} 3 May 2020")


def test_updated_labels_mark_no_publication_date() -> None:
    for label in vocab.words("date_labels", "updated"):
        assert not PUBLISHED_LABEL.match(f"{label.title()} 3 May 2020"), label


@pytest.mark.parametrize("word", vocab.words("by_words", "by"))
def test_every_by_word_opens_a_byline(word: str) -> None:
    assert [a.name for a in parse_byline(f"{word.title()} Jane Doe").authors] == ["Jane Doe"]


def test_only_unambiguous_by_words_make_a_line_of_text_a_byline() -> None:
    clear = vocab.words("by_words", "by", unless="ambiguous")
    for word in vocab.words("by_words", "by"):
        line = f"{word.title()} Jane Doe"
        assert bool(LEADING_BYLINE.match(line)) == (word in clear), word
        assert is_byline_line(line) == (word in clear), word


@pytest.mark.parametrize("word", vocab.words("byline_stop_words", "words"))
def test_every_stop_word_keeps_a_piece_from_being_a_name(word: str) -> None:
    assert parse_byline(f"By Jane {word.capitalize()}").authors == ()


@pytest.mark.parametrize(
    "title", vocab.words("job_titles", "titles") + vocab.words("job_titles", "qualifiers")
)
def test_every_job_title_is_trimmed_after_a_name(title: str) -> None:
    assert [a.name for a in parse_byline(f"Jane Doe {title.capitalize()}").authors] == ["Jane Doe"]


@pytest.mark.parametrize("suffix", vocab.words("job_titles", "suffixes"))
def test_every_cjk_job_suffix_is_cut_after_a_name(suffix: str) -> None:
    assert [a.name for a in parse_byline(f"한지민 {suffix}").authors] == ["한지민"]


@pytest.mark.parametrize("words", vocab.load("agencies")["credit"]["after_name"])
def test_every_credit_word_after_an_agency_keeps_the_agency(words: str) -> None:
    parsed = parse_byline(f"By AP {words.title()}")
    assert (parsed.authors, parsed.agencies) == ((), ("Associated Press",))


@pytest.mark.parametrize(("code", "group"), sorted(vocab.load("function_words").items()))
def test_every_function_word_counts_for_its_language(code: str, group: dict[str, list[str]]) -> None:
    weights = _word_weights()
    assert all(code in dict(weights[word]) for word in group["words"])


@pytest.mark.parametrize(("code", "group"), sorted(vocab.load("language_names").items()))
def test_every_language_name_is_read_as_its_code(code: str, group: dict[str, list[str]]) -> None:
    assert {normalize_language(name.title()) for name in group["names"]} == {code}


@pytest.mark.parametrize("kicker", vocab.words("datelines", "kickers"))
def test_no_kicker_is_taken_for_a_place(kicker: str) -> None:
    assert parse_dateline(f"{kicker} (AP) — The council met on Monday.") is None


@pytest.mark.parametrize("word", vocab.words("datelines", "connectors"))
def test_connectors_stand_inside_mixed_case_places(word: str) -> None:
    found = parse_dateline(f"Nova {word} Terra (dpa) - The council met on Monday.")
    assert found is not None and found.place == f"Nova {word} Terra"


@pytest.mark.parametrize("particle", vocab.words("name_particles", "particles"))
def test_every_particle_stays_inside_a_name(particle: str) -> None:
    assert [a.name for a in parse_byline(f"By Jean {particle} Dupont").authors] == [
        f"Jean {particle} Dupont"
    ]


@pytest.mark.parametrize("particle", vocab.words("name_particles", "lower_in_caps"))
def test_particles_are_lowered_in_names_printed_in_capitals(particle: str) -> None:
    name = f"Jean {particle} Dupont"
    assert [a.name for a in parse_byline(f"By {name.upper()}").authors] == [name]


@pytest.mark.parametrize("joined", vocab.words("name_particles", "joined"))
def test_joined_particles_open_a_word_of_a_name(joined: str) -> None:
    assert [a.name for a in parse_byline(f"By Omar {joined}Rahman").authors] == [
        f"Omar {joined}Rahman"
    ]


@pytest.mark.parametrize(
    "word", vocab.words("conjunctions", "and") + vocab.words("conjunctions", "with")
)
def test_every_conjunction_joins_two_names(word: str) -> None:
    parsed = parse_byline(f"By Jane Doe {word} John Roe")
    assert [a.name for a in parsed.authors] == ["Jane Doe", "John Roe"]


# --- no word list of these kinds in the code ------------------------------------------------------


def _non_english(kind: str, key: str, *, split: bool = False) -> set[str]:
    english = set(vocab.words(kind, key, split=split)) - {
        w for g, t in vocab.load(kind).items() if g != "en" for w in _group_words(t, key, split)
    }
    return {w.casefold() for w in vocab.words(kind, key, split=split)} - {
        w.casefold() for w in english
    }


def _group_words(table: object, key: str, split: bool) -> list[str]:
    if not isinstance(table, dict):
        return []
    found = list(table.get(key, []))
    for value in table.values():
        found += _group_words(value, key, split) if isinstance(value, dict) else []
    return [f for e in found for f in e.split()] if split else found


# kind -> words that identify a list of that kind; a module may mention a couple in examples.
DISTINCTIVE = {
    "month names": {w for w in _non_english("months", "months", split=True) if len(w) >= 5},
    # Two-letter abbreviations ("mo", "fr") are also language codes and other words.
    "weekday names": {w for w in _non_english("weekdays", "days", split=True) if len(w) >= 3},
    "date labels": {
        w
        for w in _non_english("date_labels", "published") | _non_english("date_labels", "updated")
        if len(w) >= 6
    },
    "job titles": _non_english("job_titles", "titles"),
    "byline stop words": _non_english("byline_stop_words", "words") - {"ag", "kg", "mbh"},
}
MAX_MENTIONS = 2


def _string_constants(path: Path) -> str:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    texts = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)]
    return "\n".join(texts).casefold()


def _mentions(text: str, words: set[str]) -> set[str]:
    return {w for w in words if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text)}


@pytest.mark.parametrize("kind", sorted(DISTINCTIVE))
def test_no_module_keeps_its_own_word_list(kind: str) -> None:
    words = DISTINCTIVE[kind]
    assert len(words) > MAX_MENTIONS
    for path in PACKAGE.rglob("*.py"):
        found = _mentions(_string_constants(path), words)
        assert len(found) <= MAX_MENTIONS, (
            f"{path.relative_to(PACKAGE)} keeps {kind} in code: {sorted(found)}; "
            "words belong in newscrawl/vocab/*.toml"
        )


def test_credit_words_are_the_newsroom_and_publisher_groups_only() -> None:
    words = vocab.words("byline_stop_words", "words", only="credit")
    assert {"staff", "redaktion", "newsroom", "verlag"} <= set(words)
    assert not {"share", "admin", "opinion", "senior"} & set(words)
