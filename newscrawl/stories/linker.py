"""Linking a record to its story: find candidates, verify them, join the best or start a story.

1. The same article (canonical URL key) already linked keeps its story: a revision, a re-run.
2. Candidates: members sharing an LSH band of the MinHash signature of word 4-grams, or the
   same (dateline, day +-1) block; only members timed within the window (default 14 days),
   at most `per_bucket` newest per bucket. The cost does not grow with the index.
3. A cheap filter: the containment of either text in the other, estimated from the MinHash
   signatures and shingle counts, must reach `prefilter`; dateline blocks and copies with
   spun wording pass it at a few percent.
4. Verification (newscrawl.stories.verify) on the stored fields; among the members it accepts,
   the highest score wins (the earliest member on a tie); its story is the record's.
5. Otherwise the record starts a story, whose id is derived from the record's URL: the same
   input, linked in the same order, gives the same ids.
"""

from __future__ import annotations

import base64
import time
from dataclasses import dataclass, field
from hashlib import blake2b
from typing import Any

from newscrawl.stories import sketch
from newscrawl.stories.doc import StoryDoc
from newscrawl.stories.index import BLOCK_BAND, Bucket, Member, NewMember, StoryIndex
from newscrawl.stories.verify import Judge, Rules, Verdict, judge

DAY = 86400.0
DEFAULT_WINDOW_DAYS = 14.0
PRUNE_EVERY = 1000


@dataclass(frozen=True)
class Settings:
    window_days: float = DEFAULT_WINDOW_DAYS
    lsh: sketch.LshParams = field(default_factory=sketch.LshParams)
    rules: Rules = field(default_factory=Rules)
    per_bucket: int = 50
    prefilter: float = 0.03
    use_lsh: bool = True
    use_blocks: bool = True


@dataclass(frozen=True)
class Link:
    story_id: str
    size: int
    first_seen_url: str
    match_url: str | None = None
    score: float | None = None
    rule: str | None = None

    def story(self) -> dict[str, Any]:
        match = None if self.match_url is None else {"url": self.match_url, "score": self.score}
        return {"size": self.size, "first_seen_url": self.first_seen_url, "match": match}


def new_story_id(doc: StoryDoc) -> str:
    seed = doc.key or doc.url or repr(sorted(doc.record.items()))
    digest = blake2b(seed.encode("utf-8"), digest_size=10).digest()
    return base64.b32encode(digest).decode("ascii").lower()


def blocks(doc: StoryDoc) -> list[Bucket]:
    """(dateline, day) blocks of the day before, of and after the record's."""
    if not doc.dateline or doc.when is None:
        return []
    day = int(doc.when.at // DAY)
    return [(BLOCK_BAND, _block_hash(doc.dateline, d)) for d in (day - 1, day, day + 1)]


def _block_hash(dateline: str, day: int) -> int:
    digest = blake2b(f"{dateline}\x00{day}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "little", signed=True)


class Linker:
    def __init__(
        self, index: StoryIndex, settings: Settings | None = None, judge: Judge = judge
    ) -> None:
        self.index = index
        self.settings = settings or Settings()
        self.judge = judge
        self._newest = float("-inf")
        self._since_prune = 0
        self.counts: dict[str, int] = {}

    def link(self, record: dict[str, Any]) -> Link:
        doc = StoryDoc(record)
        signature = sketch.signature(doc.shingles, self.settings.lsh.num_perm)
        own_buckets = self._own_buckets(doc, signature)
        at = doc.when.at if doc.when else time.time()
        with self.index.exclusive():
            known = self.index.story_of(doc.key) if doc.key else None
            if known is not None:
                self._count("same_article")
                return Link(known.story_id, known.size, known.first_seen_url)
            best = self._best_match(doc, signature, own_buckets, at)
            story_id = best[0].story_id if best else new_story_id(doc)
            member = NewMember(
                key=doc.key or story_id, url=doc.first_url, at=at,
                shingle_count=len(doc.shingles), signature=sketch.to_bytes(signature),
                payload=doc.stored(), buckets=own_buckets + blocks(doc),
            )
            info = self.index.add(member, story_id)
        self._after_add(at)
        if best is None:
            self._count("new_story")
            return Link(info.story_id, info.size, info.first_seen_url)
        matched, verdict = best
        self._count(f"linked/{verdict.rule}")
        return Link(info.story_id, info.size, info.first_seen_url, matched.url,
                    verdict.score, verdict.rule)

    def _own_buckets(self, doc: StoryDoc, signature: Any) -> list[Bucket]:
        if not doc.shingles:  # an empty text's signature would share every bucket
            return []
        return sketch.band_keys(signature, self.settings.lsh)

    def _best_match(
        self, doc: StoryDoc, signature: Any, own_buckets: list[Bucket], at: float
    ) -> tuple[Member, Verdict] | None:
        settings = self.settings
        window = settings.window_days * DAY
        lookup = (own_buckets if settings.use_lsh else []) + (
            blocks(doc) if settings.use_blocks else [])
        found = self.index.candidates(lookup, at - window, at + window, settings.per_bucket)
        best: tuple[Member, Verdict] | None = None
        for member in self.index.members(sorted(found)):
            if not self._plausible(doc, signature, member):
                continue
            verdict = self.judge(doc, StoryDoc(member.payload), settings.rules)
            if verdict.same and (best is None or verdict.score > best[1].score):
                best = (member, verdict)
        return best

    def _plausible(self, doc: StoryDoc, signature: Any, member: Member) -> bool:
        jaccard = sketch.jaccard_estimate(signature, sketch.from_bytes(member.signature))
        ours, theirs = len(doc.shingles), member.shingle_count
        return max(
            sketch.containment_estimate(jaccard, ours, theirs),
            sketch.containment_estimate(jaccard, theirs, ours),
        ) >= self.settings.prefilter

    def _after_add(self, at: float) -> None:
        # The newest time seen, but never past the clock: one page dated 2099 must not age
        # out the whole index.
        self._newest = max(self._newest, min(at, time.time()))
        self._since_prune += 1
        if self._since_prune >= PRUNE_EVERY:
            self.prune()

    def prune(self) -> int:
        """Forget what is older than the window before the newest record linked."""
        self._since_prune = 0
        if self._newest == float("-inf"):
            return 0
        return self.index.prune(self._newest - self.settings.window_days * DAY)

    def _count(self, key: str) -> None:
        self.counts[key] = self.counts.get(key, 0) + 1
