"""The story index in Redis, shared by the crawls (and workers) that share a Redis server
(NEWSCRAWL_REDIS_URL); the same answers as the SQLite one.

Keys, under `newscrawl:stories:` (one index for every site, like `stories.sqlite3`):

    bucket:<band>:<hash>  zset  member id -> time: an LSH band bucket or (dateline, day) block;
                          a lookup is ZREVRANGEBYSCORE within the window, newest first, limited
    members               hash  member id -> zlib JSON {story, key, url, at, shingles, buckets,
                          payload}
    signatures            hash  member id -> MinHash signature bytes
    keys                  hash  article key -> member id
    stories               hash  story id -> JSON {first_url, size, last_at}
    by_time               zset  member id -> time, to age members out
    stories_by_time       zset  story id -> last time, to age stories out
    next_id, bucket_entries     counters
    lock                  string  `exclusive()`: SET NX PX with a token, released by a script
                          only by its holder; it expires if the holder dies

A link (story_of, candidates, members, add) runs under the lock, so two workers that meet the
same new story at once never both start it.
"""

from __future__ import annotations

import json
import secrets
import time
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import redis

from newscrawl.run.redis_url import connect, describe_url
from newscrawl.stories.index import Bucket, Member, NewMember, StoryIndex, StoryInfo
from newscrawl.stories.sqlite import StoryIndexError

PREFIX = "newscrawl:stories:"
LOCK_MS = 30_000  # a link takes milliseconds; a holder that died frees the lock after this
LOCK_WAIT_SECONDS = 60.0
PRUNE_BATCH = 500

_RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""


def _bucket_key(band: int, hashed: int) -> str:
    return f"{PREFIX}bucket:{band}:{hashed}"


class RedisStoryIndex(StoryIndex):
    def __init__(self, url: str) -> None:
        self.url = url
        self._client: Any = None
        self._release: Any = None

    def open(self) -> RedisStoryIndex:
        if self._client is not None:
            return self
        client = connect(self.url, decode=False)
        try:
            client.ping()
        except redis.RedisError as exc:
            client.close()
            raise StoryIndexError(f"story index {self.where} cannot be reached: {exc}") from exc
        self._client = client
        self._release = client.register_script(_RELEASE)
        return self

    @property
    def where(self) -> str:
        return f"{describe_url(self.url)} {PREFIX}*"

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    @property
    def client(self) -> Any:
        if self._client is None:
            raise StoryIndexError(f"story index {self.where} is not open")
        return self._client

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        token = secrets.token_hex(8)
        deadline = time.monotonic() + LOCK_WAIT_SECONDS
        pause = 0.001
        while not self.client.set(PREFIX + "lock", token, nx=True, px=LOCK_MS):
            if time.monotonic() > deadline:
                raise StoryIndexError(f"story index {self.where}: its lock was held for more "
                                      f"than {LOCK_WAIT_SECONDS:.0f} s")  # fmt: skip
            time.sleep(pause)
            pause = min(pause * 2, 0.05)
        try:
            yield
        finally:
            self._release(keys=[PREFIX + "lock"], args=[token])

    def _story(self, story_id: str) -> StoryInfo | None:
        raw = self.client.hget(PREFIX + "stories", story_id)
        if raw is None:
            return None
        story = json.loads(raw)
        return StoryInfo(story_id, int(story["size"]), story["first_url"])

    def _member_row(self, member_id: int | bytes) -> dict[str, Any] | None:
        raw = self.client.hget(PREFIX + "members", member_id)
        return json.loads(zlib.decompress(raw)) if raw else None

    def story_of(self, key: str) -> StoryInfo | None:
        member_id = self.client.hget(PREFIX + "keys", key)
        row = self._member_row(member_id) if member_id is not None else None
        return self._story(row["story"]) if row else None

    def candidates(
        self, buckets: Sequence[Bucket], since: float, until: float, per_bucket: int
    ) -> dict[int, int]:
        pipe = self.client.pipeline(transaction=False)
        for band, hashed in buckets:
            pipe.zrevrangebyscore(_bucket_key(band, hashed), until, since, start=0,
                                  num=per_bucket)  # fmt: skip
        found: dict[int, int] = {}
        for members in pipe.execute():
            for member in members:
                member_id = int(member)
                found[member_id] = found.get(member_id, 0) + 1
        return found

    def members(self, ids: Sequence[int]) -> list[Member]:
        if not ids:
            return []
        ordered = sorted(ids)
        pipe = self.client.pipeline(transaction=False)
        pipe.hmget(PREFIX + "members", ordered)
        pipe.hmget(PREFIX + "signatures", ordered)
        rows, signatures = pipe.execute()
        found = []
        for member_id, raw, signature in zip(ordered, rows, signatures, strict=True):
            if raw is None or signature is None:
                continue
            row = json.loads(zlib.decompress(raw))
            found.append(Member(member_id, row["story"], row["url"], row["at"],
                                row["shingles"], bytes(signature), row["payload"]))
        return found

    def add(self, member: NewMember, story_id: str) -> StoryInfo:
        client = self.client
        member_id = int(client.incr(PREFIX + "next_id"))
        raw = client.hget(PREFIX + "stories", story_id)
        story: dict[str, Any] = json.loads(raw) if raw else {
            "first_url": member.url, "size": 0, "last_at": member.at}
        story["size"] = int(story["size"]) + 1
        story["last_at"] = max(float(story["last_at"]), member.at)
        row = {"story": story_id, "key": member.key, "url": member.url, "at": member.at,
               "shingles": member.shingle_count, "buckets": [list(b) for b in member.buckets],
               "payload": member.payload}  # fmt: skip
        pipe = client.pipeline(transaction=True)
        pipe.hset(PREFIX + "members", member_id,
                  zlib.compress(json.dumps(row, ensure_ascii=False).encode("utf-8"), 6))
        pipe.hset(PREFIX + "signatures", member_id, member.signature)
        pipe.hset(PREFIX + "keys", member.key, member_id)
        pipe.zadd(PREFIX + "by_time", {member_id: member.at})
        pipe.hset(PREFIX + "stories", story_id, json.dumps(story))
        pipe.zadd(PREFIX + "stories_by_time", {story_id: story["last_at"]})
        for band, hashed in set(member.buckets):
            pipe.zadd(_bucket_key(band, hashed), {member_id: member.at})
        pipe.incrby(PREFIX + "bucket_entries", len(set(member.buckets)))
        pipe.execute()
        return StoryInfo(story_id, story["size"], story["first_url"])

    def prune(self, before: float) -> int:
        removed = 0
        with self.exclusive():
            while ids := self.client.zrangebyscore(PREFIX + "by_time", "-inf", f"({before}",
                                                   start=0, num=PRUNE_BATCH):  # fmt: skip
                removed += self._forget(ids)
            stories = self.client.zrangebyscore(PREFIX + "stories_by_time", "-inf",
                                                f"({before}")  # fmt: skip
            if stories:
                self.client.hdel(PREFIX + "stories", *stories)
                self.client.zrem(PREFIX + "stories_by_time", *stories)
        return removed

    def _forget(self, ids: list[bytes]) -> int:
        rows = self.client.hmget(PREFIX + "members", ids)
        pipe = self.client.pipeline(transaction=True)
        entries = 0
        for member_id, raw in zip(ids, rows, strict=True):
            if raw is not None:
                row = json.loads(zlib.decompress(raw))
                buckets = {tuple(b) for b in row["buckets"]}
                for band, hashed in buckets:
                    pipe.zrem(_bucket_key(band, hashed), member_id)
                entries += len(buckets)
                pipe.hdel(PREFIX + "keys", row["key"])
        pipe.hdel(PREFIX + "members", *ids)
        pipe.hdel(PREFIX + "signatures", *ids)
        pipe.zrem(PREFIX + "by_time", *ids)
        pipe.decrby(PREFIX + "bucket_entries", entries)
        pipe.execute()
        return len(ids)

    def stats(self) -> dict[str, Any]:
        pipe = self.client.pipeline(transaction=False)
        pipe.hlen(PREFIX + "stories")
        pipe.hlen(PREFIX + "members")
        pipe.get(PREFIX + "bucket_entries")
        stories, members, buckets = pipe.execute()
        return {"path": self.where, "stories": stories, "members": members,
                "buckets": int(buckets or 0)}
