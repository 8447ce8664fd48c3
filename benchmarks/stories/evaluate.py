"""Story linking on the invented evaluation set: pairwise precision, recall and ARI, and what
each signal is worth (ablation), over several generated sets.

    python benchmarks/stories/evaluate.py [--seeds 1 2 3 4 5] [--ablation] [--errors]

Each seed generates the set anew (generate.py: other outlets, cuts and rewordings of the same
hand-written stories), links its records in publication order into a fresh in-memory story
index, and compares the story ids with the gold stories. Figures are summed over the seeds.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate

from newscrawl.stories import Linker, Rules, Settings, SqliteStoryIndex
from newscrawl.stories.doc import StoryDoc
from newscrawl.stories.metrics import PairCounts, adjusted_rand_index, pair_counts
from newscrawl.stories.verify import Judge, Verdict, judge


def jaccard_judge(threshold: float) -> Judge:
    """Near-duplicate detection as the anchors do it: word 4-gram Jaccard over a threshold."""
    def decide(a: StoryDoc, b: StoryDoc, rules: Rules) -> Verdict:
        union = len(a.shingles | b.shingles)
        score = len(a.shingles & b.shingles) / union if union else 0.0
        return Verdict(score >= threshold, "jaccard", round(score, 3))
    return decide


def containment_judge(threshold: float) -> Judge:
    """Shingle containment of either text in the other over a threshold, nothing else."""
    def decide(a: StoryDoc, b: StoryDoc, rules: Rules) -> Verdict:
        shared = len(a.shingles & b.shingles)
        score = max(shared / len(a.shingles) if a.shingles else 0.0,
                    shared / len(b.shingles) if b.shingles else 0.0)
        return Verdict(score >= threshold, "containment", round(score, 3))
    return decide


@dataclass(frozen=True)
class Variant:
    name: str
    settings: Settings
    judge: Judge = judge


def variants(ablation: bool) -> list[Variant]:
    full = Settings()

    def rules(name: str, **changes: Any) -> Variant:
        return Variant(f"rules: {name}", replace(full, rules=replace(full.rules, **changes)))

    out = [Variant("full method", full)]
    if not ablation:
        return out
    return [
        *out,
        Variant("candidates: LSH bands only (no dateline blocks)",
                replace(full, use_blocks=False)),
        Variant("candidates: dateline blocks only (no LSH)", replace(full, use_lsh=False)),
        rules("without the time window", use_time=False),
        rules("without the agency rule", use_agency=False),
        rules("without the lede check", use_lede=False),
        rules("lede rule without the quote check", use_quotes=False),
        rules("lede rule without the dateline check", use_dateline=False),
        rules("'most' alone (no late, no lede rule)", late=2.0, lede_floor=2.0),
        rules("'most' at 0.4 (rewrites and follow-ups pass)", most=0.4),
        rules("'most' at 0.8", most=0.8),
        rules("sentence alignment at 0.5", align=0.5),
        rules("sentence alignment at 0.7", align=0.7),
        rules("lede overlap at 0.4", lede=0.4),
        rules("lede overlap at 0.6", lede=0.6),
        Variant("baseline: 4-gram Jaccard >= 0.5 (near-duplicates)", full, jaccard_judge(0.5)),
        Variant("baseline: 4-gram Jaccard >= 0.2", full, jaccard_judge(0.2)),
        Variant("baseline: 4-gram containment >= 0.5", full, containment_judge(0.5)),
        Variant("baseline: 4-gram containment >= 0.3", full, containment_judge(0.3)),
    ]


@dataclass
class Result:
    counts: PairCounts
    ari: list[float]
    rules: Counter[str]
    errors: list[str]


def run(variant: Variant, seeds: list[int], explain: bool = False) -> Result:
    total = PairCounts(0, 0, 0)
    aris: list[float] = []
    rules: Counter[str] = Counter()
    errors: list[str] = []
    for seed in seeds:
        pairs = generate(seed)
        with SqliteStoryIndex(":memory:") as index:
            linker = Linker(index, variant.settings, variant.judge)
            links = [linker.link(record) for record, _ in pairs]
        gold = [g for _, g in pairs]
        predicted = [link.story_id for link in links]
        total = total + pair_counts(gold, predicted)
        aris.append(adjusted_rand_index(gold, predicted))
        rules.update(link.rule or "new story" for link in links)
        if explain:
            errors += describe_errors(pairs, links, seed)
    return Result(total, aris, rules, errors)


def describe_errors(pairs: list[tuple[dict[str, Any], str]], links: list[Any], seed: int
                    ) -> list[str]:
    first: dict[str, str] = {}
    story_gold: dict[str, str] = {}
    lines = []
    for (record, gold), link in zip(pairs, links, strict=True):
        owner = story_gold.setdefault(link.story_id, gold)
        if owner != gold:
            lines.append(f"seed {seed} MERGED {gold} into {owner} by {link.rule} "
                         f"({link.score}): {record['url']}")
        elif gold in first and first[gold] != link.story_id:
            lines.append(f"seed {seed} SPLIT {gold}: {record['url']}")
        first.setdefault(gold, link.story_id)
    return lines


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3, 4, 5])
    parser.add_argument("--ablation", action="store_true", help="every variant, as a table")
    parser.add_argument("--errors", action="store_true", help="list merged and split records")
    args = parser.parse_args(argv)
    sizes = [len(generate(seed)) for seed in args.seeds]
    print(f"seeds {args.seeds}: {sum(sizes)} records ({min(sizes)}-{max(sizes)} a set)\n")
    print("| variant | precision | recall | ARI (mean) | pairs true / predicted / gold |")
    print("|---|---|---|---|---|")
    for variant in variants(args.ablation):
        result = run(variant, args.seeds, explain=args.errors)
        c = result.counts
        ari = sum(result.ari) / len(result.ari)
        print(f"| {variant.name} | {c.precision:.3f} | {c.recall:.3f} | {ari:.3f} | "
              f"{c.true_positive} / {c.predicted} / {c.actual} |")
        if variant.name == "full method":
            extra = ", ".join(f"{k} {v}" for k, v in sorted(result.rules.items()))
            print(f"|  decided by: {extra} | | | | |")
        for line in result.errors:
            print("   ", line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
