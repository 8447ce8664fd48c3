"""Whether two records are copies of one story: the evidence, and the rules that decide.

Evidence, for a pair (a, b); "the shorter" is the one with fewer words in comparable sentences:
  coverage   share of the shorter text's words in sentences that align with the other text.
             A sentence aligns when at least `align` (0.6) of its content words are in one
             sentence of the other, or that sentence's are in it (5 words at the least): cut,
             reordered, split, re-spelled and synonym-spun sentences still align; a new
             sentence on the same topic does not;
  containment share of the shorter text's word 4-grams found in the other (reported only);
  hours      publication times apart (day-only dates count as the whole day, in any zone);
  agency     the wire credits agree, differ (both credited, none in common) or unknown;
  dateline   the same place, another place, or unknown;
  lede       the first sentence of one tells what one of the first three of the other tells:
             they share `lede` (0.5) of the content words of the longer of the two. A
             follow-up's lede that recaps the old story ("..., a day after a boat sank off
             Sfax") holds the old lede's words but as many of its own, and fails;
  quotes     share of the quotes of the text with fewer quotes found among the other's.

The rules, in order (`decide`); the first that applies decides:
  1. window    more than `window_hours` apart (the index window, 14 days): separate.
  2. agency    different wire credits: separate, unless coverage >= `identical` (0.9): an
               outlet may credit the wrong wire, it does not rewrite it.
  3. most      coverage >= `most` (0.6), the ledes match, at most `near_hours` (72 h) apart:
               one story. This is the rule for rewrites: a text that only quotes a wire
               story, or reuses its background under a new lede (a follow-up), carries less
               than most of its words from the other, or leads with other news, and is a
               story of its own.
  4. late      coverage >= `late` (0.8) within the window: one story (late pick-ups, and
               copies whose lede an outlet rewrote or put below its own line).
  5. lede      coverage >= `lede_floor` (0.4), the ledes match, the quotes agree (at least
               `quotes` (0.5) shared, or one side quotes nobody), the datelines do not
               differ, at most `near_hours` apart: one story (heavy cuts with local context).
  6. otherwise separate stories.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from newscrawl.stories.doc import StoryDoc
from newscrawl.stories.text import Sentence

Agreement = Literal["same", "differ", "unknown"]
CONTAINED = 5  # content words a shorter sentence must have to align inside a longer one
LEDE_WINDOW = 3  # an outlet may put a line of its own above the lede


@dataclass(frozen=True)
class Rules:
    align: float = 0.6
    window_hours: float = 14 * 24.0
    near_hours: float = 72.0
    identical: float = 0.9
    most: float = 0.6
    late: float = 0.8
    lede: float = 0.5
    lede_floor: float = 0.4
    quotes: float = 0.5
    # Switches for measuring each signal (benchmarks/stories/evaluate.py --ablation).
    use_time: bool = True
    use_agency: bool = True
    use_dateline: bool = True
    use_lede: bool = True
    use_quotes: bool = True


@dataclass(frozen=True)
class Evidence:
    coverage: float
    coverage_other: float
    containment: float
    hours: float | None
    agency: Agreement
    dateline: Agreement
    lede: bool
    quotes: float | None


@dataclass(frozen=True)
class Verdict:
    same: bool
    rule: str
    score: float


Judge = Callable[[StoryDoc, StoryDoc, Rules], Verdict]


def aligned(units: Sequence[Sentence], other: Sequence[Sentence], threshold: float) -> list[bool]:
    """For each unit, whether it shares at least `threshold` of its content words with one
    sentence of `other`, or that sentence shares `threshold` of its own (and CONTAINED words at
    the least) with the unit: desks drop trailing clauses and split long sentences."""
    postings: dict[str, list[int]] = defaultdict(list)
    for index, sentence in enumerate(other):
        for word in sentence.content:
            postings[word].append(index)
    result = []
    for unit in units:
        hits: dict[int, int] = defaultdict(int)
        for word in unit.content:
            for index in postings.get(word, ()):
                hits[index] += 1
        need = threshold * len(unit.content)
        result.append(any(
            count >= need or (count >= CONTAINED and count >= threshold * len(other[i].content))
            for i, count in hits.items()
        ))
    return result


def coverage(units: Sequence[Sentence], other: Sequence[Sentence], threshold: float) -> float:
    total = sum(u.size for u in units)
    if not total:
        return 0.0
    flags = aligned(units, other, threshold)
    return sum(u.size for u, ok in zip(units, flags, strict=True) if ok) / total


def _agreement(a: object, b: object, differ: bool) -> Agreement:
    if not a or not b:
        return "unknown"
    return "differ" if differ else "same"


def _quote_share(a: StoryDoc, b: StoryDoc, threshold: float) -> float | None:
    fewer, more = (a, b) if len(a.quotes) <= len(b.quotes) else (b, a)
    if not fewer.quotes:
        return None
    units = [Sentence(q, len(q)) for q in fewer.quotes]
    found = aligned(units, [Sentence(q, len(q)) for q in more.quotes], threshold)
    return sum(found) / len(found)


def same_lede(a: StoryDoc, b: StoryDoc, threshold: float) -> bool:
    """Whether a's first sentence tells what one of b's first sentences tells: they share at
    least `threshold` of the content words of the longer of the two. A follow-up's lede that
    recaps the earlier story ("..., a day after a boat sank off Sfax") holds the old lede's
    words but adds as many of its own, and fails."""
    if not a.sentences:
        return False
    first = a.sentences[0].content
    return any(
        len(first & other.content) >= threshold * max(len(first), len(other.content))
        for other in b.sentences[:LEDE_WINDOW]
    )


def evidence(a: StoryDoc, b: StoryDoc, rules: Rules) -> Evidence:
    cov_a = coverage(a.sentences, b.sentences, rules.align)
    cov_b = coverage(b.sentences, a.sentences, rules.align)
    words_a, words_b = sum(u.size for u in a.sentences), sum(u.size for u in b.sentences)
    short, long_ = (a, b) if words_a <= words_b else (b, a)
    cov_short, cov_long = (cov_a, cov_b) if short is a else (cov_b, cov_a)
    shared = len(short.shingles & long_.shingles)
    lede = same_lede(a, b, rules.lede) or same_lede(b, a, rules.lede)
    return Evidence(
        coverage=cov_short,
        coverage_other=cov_long,
        containment=shared / len(short.shingles) if short.shingles else 0.0,
        hours=a.when.apart(b.when) if a.when and b.when else None,
        agency=_agreement(a.agencies, b.agencies, not a.agencies & b.agencies),
        dateline=_agreement(a.dateline, b.dateline, a.dateline != b.dateline),
        lede=lede,
        quotes=_quote_share(a, b, rules.align),
    )


def decide(ev: Evidence, rules: Rules) -> Verdict:
    score = round(ev.coverage, 3)
    hours = ev.hours if rules.use_time else None
    if hours is not None and hours > rules.window_hours:
        return Verdict(False, "window", score)
    if rules.use_agency and ev.agency == "differ" and ev.coverage < rules.identical:
        return Verdict(False, "agency", score)
    near = hours is None or hours <= rules.near_hours
    if ev.coverage >= rules.most and near and (ev.lede or not rules.use_lede):
        return Verdict(True, "most", score)
    if ev.coverage >= rules.late:
        return Verdict(True, "late", score)
    if ev.coverage >= rules.lede_floor and near and _lede_rule(ev, rules):
        return Verdict(True, "lede", score)
    return Verdict(False, "separate", score)


def judge(a: StoryDoc, b: StoryDoc, rules: Rules) -> Verdict:
    return decide(evidence(a, b, rules), rules)


def _lede_rule(ev: Evidence, rules: Rules) -> bool:
    if rules.use_lede and not ev.lede:
        return False
    if rules.use_quotes and ev.quotes is not None and ev.quotes < rules.quotes:
        return False
    return not (rules.use_dateline and ev.dateline == "differ")
