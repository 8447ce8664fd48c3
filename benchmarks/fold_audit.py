"""Fold audit: what each accepted rule does on each publisher fold of the corpus.

    .venv/bin/python benchmarks/fold_audit.py [CORPUS_DIR] [--folds 2] [--part NAME ...]
        [--all] [--markdown FILE]

Parts (all by default):
  chrome      each phrase of vocab/chrome.toml
  stop_words  each word of vocab/byline_stop_words.toml
  job_titles  each title and qualifier of vocab/job_titles.toml
  thresholds  the title layer priority and the body thresholds of extraction/body.py, each
              set to "off" and to values on either side

For words and phrases, a first pass extracts every page once and records which pages each
entry matches; removing an entry can only change those pages, so only they are extracted again
with the entry removed (the cached-parse approach: a full audit of every word costs a few
minutes). Thresholds change pages nobody can list in advance, so each variant runs the whole of
the sources it can affect. Every result is the change of each measure on each fold when the
rule is taken away (or set to the variant): a negative change means the rule helps that fold.

Verdicts, by the rule of issue 9 (a rule stays only if it helps or leaves unchanged every fold):
  helps       taking it away makes some fold worse and none better
  hurts       taking it away makes some fold better and none worse
  mixed       it helps one fold and hurts another
  no effect   no measure moves on any fold
A word or phrase that acts on the pages of a single publisher is listed as such whatever it
does: it is fitted to that publisher unless it is true of news pages in general (which a person
has to argue). Pages are counted by publisher because the sources share some pages (the same
page can be in two sources). For phrases the table also counts the publishers whose page text
holds a matching line anywhere (in menus, footers...), whether or not the extraction shows that
line to the rule: a phrase printed by many publishers is common chrome even when it only has
to act on one page. Without --all, only entries that act on at most one publisher or move some
measure are printed.
"""

from __future__ import annotations

import argparse
import copy
import json
import re
import sys
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newscrawl import vocab
from newscrawl.evaluation.cli import QUIET_LOGGERS
from newscrawl.evaluation.corpus import Source, load_sources
from newscrawl.evaluation.folds import publisher
from newscrawl.evaluation.metrics import QUALITY_MEASURES, SourceMetrics
from newscrawl.evaluation.runner import (
    Evaluation,
    Record,
    SourceRun,
    extract_page,
    newscrawl_extractor,
    score_run,
    warm_shared_libraries,
)
from newscrawl.extraction import body, titles
from newscrawl.normalize import bylines, chrome

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
PARTS = ("chrome", "stop_words", "job_titles", "thresholds")
TOLERANCE = 1e-9

PageKey = tuple[str, int]  # (source, position in its index)
Records = dict[str, list[Record]]


# --- recording which pages an entry matches -----------------------------------------------------


class Recorder:
    """Which pages each entry matched during the first pass."""

    def __init__(self) -> None:
        self.page: PageKey | None = None
        self.hits: dict[tuple[str, str], set[PageKey]] = defaultdict(set)

    def hit(self, part: str, entry: str) -> None:
        if self.page is not None:
            self.hits[(part, entry)].add(self.page)


@dataclass(frozen=True)
class Phrase:
    """One phrase of vocab/chrome.toml: a pattern, or one alternative of the group of
    alternatives a pattern opens with ("^(?:related|read more|...)..." holds one phrase each)."""

    section: str  # drop, tail or caption
    group: str
    index: int  # of the pattern in its group
    alternative: int | None  # of the phrase in the pattern's leading group; None: whole pattern
    text: str  # the phrase's own pattern

    @property
    def key(self) -> str:
        where = f"{self.section}.{self.group}[{self.index}]"
        return where if self.alternative is None else f"{where}.{self.alternative}"

    def without(self, patterns: list[str]) -> list[str]:
        """The group's patterns without this phrase."""
        kept = list(patterns)
        split = split_leading(kept[self.index]) if self.alternative is not None else None
        if split is None:
            del kept[self.index]
            return kept
        prefix, alternatives, suffix = split
        del alternatives[self.alternative or 0]
        kept[self.index] = prefix + "|".join(alternatives) + suffix
        return kept


_LEAD = re.compile(r"^(?:\^\\W\{0,3\}|\^\\W\*|\^|\\b)?")


def split_leading(pattern: str) -> tuple[str, list[str], str] | None:
    """(prefix, alternatives, suffix) when the pattern opens (after an anchor) with a group of
    alternatives: "^(?:a|b)x" gives ("^(?:", ["a", "b"], ")x")."""
    lead = _LEAD.match(pattern)
    start = lead.end() if lead else 0
    if not pattern.startswith("(?:", start):
        return None
    alternatives: list[str] = []
    begin = start + 3
    for i, char, depth in vocab.regex_structure(pattern, start):
        if char == ")" and depth == 0:
            alternatives.append(pattern[begin:i])
            return (pattern[: start + 3], alternatives, pattern[i:]) if len(alternatives) > 1 \
                else None
        if char == "|" and depth == 1:
            alternatives.append(pattern[begin:i])
            begin = i + 1
    return None


def _rules(data: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for section in ("drop", "tail"):
        for group, table in data.get(section, {}).items():
            yield section, group, table
    if "caption" in data:
        yield "caption", "caption", data["caption"]


def chrome_phrases() -> list[Phrase]:
    """Every phrase of vocab/chrome.toml, in file order."""
    phrases = []
    for section, group, table in _rules(vocab.load("chrome")):
        for index, pattern in enumerate(table.get("patterns", [])):
            split = split_leading(pattern)
            if split is None:
                phrases.append(Phrase(section, group, index, None, pattern))
                continue
            prefix, alternatives, suffix = split
            phrases += [
                Phrase(section, group, index, n, prefix + alternative + suffix)
                for n, alternative in enumerate(alternatives)
            ]
    return phrases


def _max_words(section: str, group: str) -> int:
    data = vocab.load("chrome")
    table = data["caption"] if section == "caption" else data[section][group]
    return int(table.get("max_words", 30))


def raw_hits(sources: Sequence[Source], phrases: Sequence[Phrase]) -> dict[str, set[PageKey]]:
    """Pages whose visible text has a line (a text block of at most the group's word limit) that
    the phrase matches, whether or not the extraction ever shows that line to the chrome rules."""
    from newscrawl.evaluation.baselines import read_html
    from newscrawl.extraction.text import squash

    compiled = [
        (p.key, re.compile(p.text, re.IGNORECASE), _max_words(p.section, p.group)) for p in phrases
    ]
    hits: dict[str, set[PageKey]] = defaultdict(set)
    for source in sources:
        for position, page in enumerate(source.pages):
            for line in _text_lines(page.path, read_html, squash):
                words = len(line.split())
                for key, pattern, max_words in compiled:
                    if words <= max_words and pattern.search(line):
                        hits[key].add((source.name, position))
    return hits


def _text_lines(path: Path, read_html: Any, squash: Any) -> set[str]:
    import lxml.html

    try:
        tree = lxml.html.document_fromstring(read_html(path))
    except Exception:  # an unreadable page has no lines
        return set()
    lxml.etree.strip_elements(tree, "script", "style", "noscript", with_tail=False)
    lines = set()
    for el in tree.iter():
        if isinstance(el.tag, str) and el.tag not in ("html", "body", "head"):
            text = squash(el.text_content())
            if text and len(text.split()) <= 70:
                lines.add(chrome._core(text))
    return lines


@contextmanager
def recording(recorder: Recorder) -> Iterator[None]:
    """Chrome rules and byline word sets that note each entry that matches, and the page."""
    by_rule: dict[str, list[tuple[str, re.Pattern[str]]]] = defaultdict(list)
    for phrase in chrome_phrases():
        rule = f"{phrase.section}.{phrase.group}"
        by_rule[rule].append((phrase.key, re.compile(phrase.text, re.IGNORECASE)))
    matches = chrome.RuleSet.matches

    def noting(rules: chrome.RuleSet, paragraph: str, words: int) -> bool:
        for rule in rules.rules:
            if words <= rule.max_words:
                section = "caption" if rule.name == "caption" else _section_of(rule)
                for key, pattern in by_rule.get(f"{section}.{rule.name}", []):
                    if pattern.search(paragraph):
                        recorder.hit("chrome", key)
        return matches(rules, paragraph, words)

    class NotingSet(frozenset[str]):
        part = ""

        def __contains__(self, item: object) -> bool:
            found = super().__contains__(item)
            if found and isinstance(item, str):
                recorder.hit(self.part, item)
            return found

    stop = NotingSet(bylines._NOT_NAME_WORDS)
    stop.part = "stop_words"
    jobs = NotingSet(bylines._JOB_TITLES)
    jobs.part = "job_titles"
    saved = bylines._NOT_NAME_WORDS, bylines._JOB_TITLES
    setattr(chrome.RuleSet, "matches", noting)  # noqa: B010 (a method, patched for the pass)
    bylines._NOT_NAME_WORDS, bylines._JOB_TITLES = stop, jobs
    bylines.clear_cache()  # parses kept from before would hide the words they used
    try:
        yield
    finally:
        setattr(chrome.RuleSet, "matches", matches)  # noqa: B010
        bylines._NOT_NAME_WORDS, bylines._JOB_TITLES = saved
        bylines.clear_cache()


def _section_of(rule: chrome.Rule) -> str:
    vocabulary = chrome.vocabulary()
    return "drop" if any(r is rule for r in vocabulary.drop.rules) else "tail"


# --- taking one entry away ------------------------------------------------------------------------


@contextmanager
def without_chrome(phrase: Phrase) -> Iterator[None]:
    data = copy.deepcopy(vocab.load("chrome"))
    table = data["caption"] if phrase.section == "caption" else data[phrase.section][phrase.group]
    table["patterns"] = phrase.without(table["patterns"])
    load = vocab.load

    def without(kind: str) -> dict[str, Any]:
        return data if kind == "chrome" else load(kind)

    setattr(vocab, "load", without)  # noqa: B010
    chrome.vocabulary.cache_clear()
    try:
        yield
    finally:
        setattr(vocab, "load", load)  # noqa: B010
        chrome.vocabulary.cache_clear()


@contextmanager
def without_word(part: str, folded: str) -> Iterator[None]:
    name = "_NOT_NAME_WORDS" if part == "stop_words" else "_JOB_TITLES"
    saved = getattr(bylines, name)
    setattr(bylines, name, frozenset(saved - {folded}))
    bylines.clear_cache()
    try:
        yield
    finally:
        setattr(bylines, name, saved)
        bylines.clear_cache()


@contextmanager
def patched(module: Any, **values: Any) -> Iterator[None]:
    saved = {name: getattr(module, name) for name in values}
    for name, value in values.items():
        setattr(module, name, value)
    try:
        yield
    finally:
        for name, value in saved.items():
            setattr(module, name, value)


def _no_lead(text: list[str], page: Any, by_layer: Any) -> list[str]:
    return text


TITLE_PRIORITY = titles.LAYER_PRIORITY


def _swapped(order: tuple[str, ...], a: str, b: str) -> tuple[str, ...]:
    items = list(order)
    i, j = items.index(a), items.index(b)
    items[i], items[j] = items[j], items[i]
    return tuple(items)


@dataclass(frozen=True)
class Variant:
    module: Any
    name: str  # the module constant (or function) replaced
    value: Any
    label: str  # what the value means
    sources: tuple[str, ...]  # the sources whose scores it can change

    def __str__(self) -> str:
        return f"{self.module.__name__.rsplit('.', 1)[-1]}.{self.name} = {self.label}"


TITLES = ("fundus",)  # the only source whose titles are scored
BODIES = ("aeb", "fundus", "trafilatura")  # body F1 and snippets
LEAD_GROWTH = body.LEAD_MAX_GROWTH
THRESHOLDS = [
    Variant(titles, "LAYER_PRIORITY", _swapped(TITLE_PRIORITY, "jsonld", "opengraph"),
            "opengraph before jsonld", TITLES),
    Variant(titles, "LAYER_PRIORITY", _swapped(TITLE_PRIORITY, "opengraph", "text"),
            "text (h1) before opengraph", TITLES),
    Variant(titles, "LAYER_PRIORITY", _swapped(TITLE_PRIORITY, "text", "microdata"),
            "microdata before text", TITLES),
    Variant(body, "GENERIC_SHORT_RATIO", 0.0, "off (0)", BODIES),
    Variant(body, "GENERIC_SHORT_RATIO", 0.4, "0.4", BODIES),
    Variant(body, "GENERIC_SHORT_RATIO", 0.8, "0.8", BODIES),
    Variant(body, "PRECISE_MIN_SHARE", 0.0, "off (0)", BODIES),
    Variant(body, "PRECISE_MIN_SHARE", 0.25, "0.25", BODIES),
    Variant(body, "PRECISE_MIN_SHARE", 0.5, "0.5", BODIES),
    Variant(body, "PRECISE_CHECK_MIN_WORDS", 50, "50", BODIES),
    Variant(body, "PRECISE_CHECK_MIN_WORDS", 200, "200", BODIES),
    Variant(body, "FAST_MIN_WORDS", 0, "off (0)", BODIES),
    Variant(body, "FAST_MIN_WORDS", 100, "100", BODIES),
    Variant(body, "FAST_MIN_WORDS", 250, "250", BODIES),
    Variant(body, "FAST_MIN_WORDS", 10**9, "always the full mode", BODIES),
    Variant(body, "_with_lead", _no_lead, "off (no lead added)", BODIES),
    Variant(body, "LEAD_MIN_WORDS", 4, "4", BODIES),
    Variant(body, "LEAD_MIN_WORDS", 10, "10", BODIES),
    Variant(body, "LEAD_MAX_GROWTH", 1.0, "1.0", BODIES),
    Variant(body, "LEAD_MAX_GROWTH", 2.0, "2.0", BODIES),
    Variant(body, "LEAD_MAX_GROWTH_CUT", LEAD_GROWTH, "off (= LEAD_MAX_GROWTH)", BODIES),
    Variant(body, "LEAD_MAX_GROWTH_CUT", 5.0, "5.0", BODIES),
    Variant(body, "LEAD_MIN_SHARE", 1.0, "off (1.0)", BODIES),
    Variant(body, "LEAD_MIN_SHARE", 0.4, "0.4", BODIES),
]


# --- scoring ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Effect:
    """Per source and measure, the change on each fold when the rule is taken away."""

    deltas: dict[tuple[str, str], tuple[float, ...]]

    def moved(self) -> dict[tuple[str, str], tuple[float, ...]]:
        return {k: d for k, d in self.deltas.items() if any(abs(x) > TOLERANCE for x in d)}

    @property
    def verdict(self) -> str:
        values = [x for d in self.deltas.values() for x in d]
        worse = any(x < -TOLERANCE for x in values)
        better = any(x > TOLERANCE for x in values)
        if worse and better:
            return "mixed"
        return "helps" if worse else "hurts" if better else "no effect"

    def describe(self) -> str:
        parts = []
        for (source, measure), d in self.moved().items():
            parts.append(f"{source} {measure} " + " / ".join(f"{x:+.4f}" for x in d))
        return "; ".join(parts)


class Audit:
    def __init__(self, sources: Sequence[Source], folds: int) -> None:
        self.sources = {s.name: s for s in sources}
        self.truths = {s.name: s.truths() for s in sources}
        self.folds = folds
        self.extract = newscrawl_extractor()
        self.records: Records = {}
        self.base: dict[str, Evaluation] = {}

    def first_pass(self, recorder: Recorder) -> None:
        with recording(recorder):
            for name, source in self.sources.items():
                out = []
                for position, page in enumerate(source.pages):
                    recorder.page = (name, position)
                    out.append(extract_page(self.extract, page))
                recorder.page = None
                self.records[name] = out
        self.base = {name: self._score(name, self.records[name]) for name in self.sources}

    def _score(self, name: str, records: list[Record]) -> Evaluation:
        run = SourceRun("newscrawl", name, records, 0.0)
        return score_run(run, self.sources[name], self.truths[name], self.folds)

    def publishers(self, pages: set[PageKey]) -> int:
        """How many publishers the pages belong to (one page may be in several sources)."""
        return len({publisher(self.sources[name].pages[i].url) for name, i in pages})

    def effect_on_pages(self, pages: set[PageKey]) -> Effect:
        """Pages extracted again under the current patch, everything else as in the first pass."""
        changed: Records = {}
        for name, position in sorted(pages):
            records = changed.setdefault(name, list(self.records[name]))
            records[position] = extract_page(self.extract, self.sources[name].pages[position])
        return self._effect(changed)

    def effect_on_sources(self, names: Sequence[str]) -> Effect:
        changed = {
            name: [extract_page(self.extract, page) for page in self.sources[name].pages]
            for name in names
            if name in self.sources
        }
        return self._effect(changed)

    def _effect(self, changed: Records) -> Effect:
        deltas = {}
        for name, records in changed.items():
            after, before = self._score(name, records), self.base[name]
            for measure in QUALITY_MEASURES:
                d = _fold_deltas(before, after, measure)
                if d is not None:
                    deltas[(name, measure)] = d
        return Effect(deltas)


def _fold_deltas(before: Evaluation, after: Evaluation, measure: str) -> tuple[float, ...] | None:
    pairs: list[tuple[Any, Any]] = list(zip(before.folds, after.folds, strict=True))
    pairs = pairs or [(before, after)]
    values = [(_value(b, measure), _value(a, measure)) for b, a in pairs]
    if all(b is None for b, _ in values):
        return None
    return tuple(0.0 if b is None or a is None else a - b for b, a in values)


def _value(item: Any, measure: str) -> float | None:
    metrics: SourceMetrics = item.metrics
    value: float | None = getattr(metrics, measure)
    return value


# --- the audit ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    part: str
    entry: str
    pages: int | None  # dev pages the entry acts on while extracting; None for thresholds
    sources: str
    effect: Effect
    publishers: int | None = None  # of those pages
    raw_pages: int | None = None  # chrome: dev pages with a matching line anywhere in the page
    raw_publishers: int | None = None


def audit_words(audit: Audit, recorder: Recorder, parts: Sequence[str]) -> Iterator[Row]:
    if "chrome" in parts:
        phrases = chrome_phrases()
        raw = raw_hits(list(audit.sources.values()), phrases)
        for phrase in phrases:
            pages = recorder.hits.get(("chrome", phrase.key), set())
            with without_chrome(phrase):
                effect = audit.effect_on_pages(pages) if pages else Effect({})
            found = raw.get(phrase.key, set())
            yield Row("chrome", f"{phrase.key} `{phrase.text}`", len(pages), _sources(pages),
                      effect, audit.publishers(pages), len(found), audit.publishers(found))
    for part, kind, keys in (
        ("stop_words", "byline_stop_words", ("words",)),
        ("job_titles", "job_titles", ("titles", "qualifiers")),
    ):
        if part not in parts:
            continue
        for word in (w for key in keys for w in vocab.words(kind, key)):
            folded = bylines._fold(word)
            pages = recorder.hits.get((part, folded), set())
            with without_word(part, folded):
                effect = audit.effect_on_pages(pages) if pages else Effect({})
            yield Row(part, word, len(pages), _sources(pages), effect, audit.publishers(pages))


def audit_thresholds(audit: Audit) -> Iterator[Row]:
    for variant in THRESHOLDS:
        with patched(variant.module, **{variant.name: variant.value}):
            effect = audit.effect_on_sources(variant.sources)
        yield Row("thresholds", str(variant), None, ", ".join(variant.sources), effect)


def _sources(pages: set[PageKey]) -> str:
    return ", ".join(sorted({name for name, _ in pages}))


def markdown(rows: Sequence[Row], folds: int, show_all: bool) -> str:
    lines = [
        f"Change of each measure on folds 1..{folds} when the rule is taken away "
        "(negative: the rule helps that fold).",
        "",
        "| part | rule | dev publishers (pages) it acts on | in page text | sources "
        "| change per fold (taken away) | verdict |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for row in rows:
        single = row.publishers is not None and row.publishers <= 1
        if not (show_all or single or row.effect.moved()):
            continue
        acted = "" if row.pages is None else f"{row.publishers} ({row.pages})"
        raw = "" if row.raw_pages is None else f"{row.raw_publishers} ({row.raw_pages})"
        verdict = row.effect.verdict + ("; one publisher" if row.publishers == 1 else "")
        verdict += "; acts on no page" if row.pages == 0 else ""
        entry = row.entry.replace("|", "\\|")
        lines.append(
            f"| {row.part} | {entry} | {acted} | {raw} | {row.sources} "
            f"| {row.effect.describe()} | {verdict} |"
        )
    return "\n".join(lines)


def _row_json(row: Row) -> dict[str, Any]:
    return {
        "part": row.part,
        "entry": row.entry,
        "pages": row.pages,
        "publishers": row.publishers,
        "raw_pages": row.raw_pages,
        "raw_publishers": row.raw_publishers,
        "sources": row.sources,
        "verdict": row.effect.verdict,
        "deltas": {f"{s} {m}": d for (s, m), d in row.effect.deltas.items()},
    }


def main(argv: Sequence[str]) -> int:
    import logging

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path, nargs="?", default=DEFAULT_CORPUS)
    parser.add_argument("--folds", type=int, default=2)
    parser.add_argument("--part", dest="parts", action="append", choices=PARTS)
    parser.add_argument("--all", action="store_true", help="print every entry")
    parser.add_argument("--markdown", type=Path, help="also write the table to this file")
    parser.add_argument("--json", type=Path, help="also write every row as JSON to this file")
    args = parser.parse_args(argv)
    parts = args.parts or list(PARTS)
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.CRITICAL)
    warm_shared_libraries()
    audit = Audit(load_sources(args.corpus), args.folds)
    recorder = Recorder()
    audit.first_pass(recorder)
    rows = list(audit_words(audit, recorder, parts))
    if "thresholds" in parts:
        rows += list(audit_thresholds(audit))
    table = markdown(rows, args.folds, args.all)
    print(table)
    if args.markdown:
        args.markdown.write_text(table + "\n", encoding="utf-8")
    if args.json:
        args.json.write_text(json.dumps([_row_json(r) for r in rows], indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
