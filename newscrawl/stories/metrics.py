"""How well a clustering of records agrees with the true stories: pairwise precision and
recall (over all pairs of records: a pair is predicted together when both got the same
story_id) and the adjusted Rand index (Hubert and Arabie), computed here so that scikit-learn
is not a dependency."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass


def _pairs(count: int) -> int:
    return count * (count - 1) // 2


@dataclass(frozen=True)
class PairCounts:
    true_positive: int
    predicted: int  # pairs predicted together
    actual: int  # pairs truly together

    @property
    def precision(self) -> float:
        return self.true_positive / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positive / self.actual if self.actual else 1.0

    def __add__(self, other: PairCounts) -> PairCounts:
        return PairCounts(self.true_positive + other.true_positive,
                          self.predicted + other.predicted, self.actual + other.actual)


def pair_counts(gold: Sequence[Hashable], predicted: Sequence[Hashable]) -> PairCounts:
    if len(gold) != len(predicted):
        raise ValueError("gold and predicted labels differ in length")
    both = Counter(zip(gold, predicted, strict=True))
    return PairCounts(
        sum(_pairs(n) for n in both.values()),
        sum(_pairs(n) for n in Counter(predicted).values()),
        sum(_pairs(n) for n in Counter(gold).values()),
    )


def adjusted_rand_index(gold: Sequence[Hashable], predicted: Sequence[Hashable]) -> float:
    counts = pair_counts(gold, predicted)
    total = _pairs(len(gold))
    if total == 0:
        return 1.0
    expected = counts.predicted * counts.actual / total
    best = (counts.predicted + counts.actual) / 2
    if best == expected:  # both clusterings trivial (all singletons, or one cluster)
        return 1.0
    return (counts.true_positive - expected) / (best - expected)
