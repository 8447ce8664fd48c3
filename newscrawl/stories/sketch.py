"""MinHash signatures of a text's shingles and the LSH band keys that find its candidates.

The signature is datasketch's MinHash (affine 32-bit scheme) over the 64-bit shingle hashes of
newscrawl.stories.text. Banding is ours: datasketch's MinHashLSH keeps its buckets in memory or
Redis with no way to age entries out by time, and the story index must persist in SQLite and
forget stories older than its window with one DELETE. `bands` rows of `rows` values each: two
texts share a band with probability 1 - (1 - J^rows)^bands for Jaccard similarity J. With
rows = 2 and 64 bands a pair at J = 0.2 (the heavily edited copies this is for) meets in at
least one band 93% of the time, at J = 0.1 47%, while unrelated news (J <= 0.01) meets with
probability <= 0.64%. Copies below J = 0.1 are still found through the (dateline, day) blocks
and through the other copies of their story already in the index.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from hashlib import blake2b

import numpy as np
from datasketch import MinHash

SCHEME = "affine32"
SEED = 1


@dataclass(frozen=True)
class LshParams:
    bands: int = 64
    rows: int = 2

    @property
    def num_perm(self) -> int:
        return self.bands * self.rows


@cache
def _permutations(num_perm: int) -> np.ndarray:
    template = MinHash(num_perm=num_perm, seed=SEED, scheme=SCHEME)
    perms: np.ndarray = template.permutations
    return perms


def _low32(value: int) -> int:
    return value & 0xFFFFFFFF


def signature(shingles: set[int], num_perm: int) -> np.ndarray:
    """The MinHash signature (uint32, num_perm values) of a set of 64-bit shingle hashes."""
    sketch = MinHash(
        num_perm=num_perm, seed=SEED, scheme=SCHEME, hashfunc=_low32,
        permutations=_permutations(num_perm),
    )
    sketch.update_batch(sorted(shingles))
    values: np.ndarray = sketch.hashvalues
    return values


def band_keys(sig: np.ndarray, params: LshParams) -> list[tuple[int, int]]:
    """(band, bucket hash) for each band: the bucket hash is a signed 64-bit int (SQLite's)."""
    keys = []
    for band in range(params.bands):
        chunk = sig[band * params.rows : (band + 1) * params.rows].tobytes()
        digest = blake2b(chunk, digest_size=8).digest()
        keys.append((band, int.from_bytes(digest, "little", signed=True)))
    return keys


def jaccard_estimate(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.count_nonzero(a == b)) / len(a)


def containment_estimate(jaccard: float, size_a: int, size_b: int) -> float:
    """|A ∩ B| / |A| from the Jaccard estimate and the set sizes."""
    if size_a == 0:
        return 0.0
    overlap = jaccard * (size_a + size_b) / (1.0 + jaccard)
    return min(1.0, overlap / size_a)


def to_bytes(sig: np.ndarray) -> bytes:
    return sig.astype("<u4").tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype="<u4")
