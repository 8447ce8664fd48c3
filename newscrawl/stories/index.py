"""The story index: where the members of every story in the window are kept, and found again.

`StoryIndex` is what the linker (newscrawl.stories.linker) needs of a backend; the linking logic
never sees SQL. `SqliteStoryIndex` (newscrawl.stories.sqlite) is the embedded one, a file under
the state folder. A shared backend (Redis, for crawls that share Redis) implements the same
methods: buckets as sorted sets `bucket:<band>:<hash>` scored by time (a time range and a
newest-first limit are ZREVRANGEBYSCORE ... LIMIT, ageing out is ZREMRANGEBYSCORE), members and
stories as hashes, URL keys as a hash, and `exclusive()` as a lock key (SET NX PX) held for one
link.

Times are UTC seconds. A bucket key is (band, hash): bands 0..B-1 are the LSH bands of the
MinHash signature; band BLOCK_BAND holds the (dateline, day) blocks.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from types import TracebackType
from typing import Any

BLOCK_BAND = -1

Bucket = tuple[int, int]


@dataclass(frozen=True)
class StoryInfo:
    story_id: str
    size: int
    first_seen_url: str


@dataclass(frozen=True)
class NewMember:
    """One record to add to a story: what is compared later, and the buckets it is found by."""

    key: str  # the article's identity (canonical URL key): one article, one member
    url: str
    at: float
    shingle_count: int
    signature: bytes
    payload: dict[str, Any]  # the record fields the verification reads (doc.STORED_FIELDS)
    buckets: Sequence[Bucket]


@dataclass(frozen=True)
class Member:
    member_id: int
    story_id: str
    url: str
    at: float
    shingle_count: int
    signature: bytes
    payload: dict[str, Any]


class StoryIndex(ABC):
    """A backend for the story index. Open it (or use `with`) before any other call."""

    @abstractmethod
    def open(self) -> StoryIndex: ...

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> StoryIndex:
        return self.open()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @abstractmethod
    def exclusive(self) -> AbstractContextManager[None]:
        """Hold the index for one link (find candidates, then add), across processes: two crawls
        that meet the same new story at once must not both start it."""

    @abstractmethod
    def story_of(self, key: str) -> StoryInfo | None:
        """The story an article (by identity key) already belongs to."""

    @abstractmethod
    def candidates(
        self, buckets: Sequence[Bucket], since: float, until: float, per_bucket: int
    ) -> dict[int, int]:
        """Members sharing a bucket, timed within [since, until]: member id -> buckets shared.
        Each bucket gives at most its `per_bucket` newest members, so a crowded bucket (a
        stock phrase) costs the same in a small and a large index."""

    @abstractmethod
    def members(self, ids: Sequence[int]) -> list[Member]: ...

    @abstractmethod
    def add(self, member: NewMember, story_id: str) -> StoryInfo:
        """Add the member to the story (starting it when it is new); the story after it."""

    @abstractmethod
    def prune(self, before: float) -> int:
        """Forget members, buckets and stories last seen before `before`; members removed."""

    @abstractmethod
    def stats(self) -> dict[str, Any]: ...


def is_redis_url(spec: str) -> bool:
    return spec.startswith(("redis://", "rediss://", "unix://"))


def open_index(spec: str) -> StoryIndex:
    """The index a `--index` or setting names: a Redis URL, else a SQLite file (or :memory:).
    The Redis client is imported only for a Redis index."""
    if is_redis_url(spec):
        from newscrawl.stories.redis import RedisStoryIndex

        return RedisStoryIndex(spec)
    from newscrawl.stories.sqlite import SqliteStoryIndex

    return SqliteStoryIndex(spec)
