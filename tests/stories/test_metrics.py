from __future__ import annotations

import pytest

from newscrawl.stories.metrics import adjusted_rand_index, pair_counts


def test_pairwise_precision_and_recall() -> None:
    counts = pair_counts(["a", "a", "a", "b"], [1, 1, 2, 2])
    assert (counts.true_positive, counts.predicted, counts.actual) == (1, 2, 3)
    assert counts.precision == 0.5 and counts.recall == pytest.approx(1 / 3)


def test_adjusted_rand_index_matches_the_published_values() -> None:
    # The examples of scikit-learn's adjusted_rand_score documentation.
    assert adjusted_rand_index([0, 0, 1, 1], [1, 1, 0, 0]) == 1.0
    assert adjusted_rand_index([0, 0, 1, 2], [0, 0, 1, 1]) == pytest.approx(0.5714285714)
    assert adjusted_rand_index([0, 0, 1, 1], [0, 0, 1, 2]) == pytest.approx(0.5714285714)
    assert adjusted_rand_index([0, 0, 0, 0], [0, 1, 2, 3]) == 0.0
