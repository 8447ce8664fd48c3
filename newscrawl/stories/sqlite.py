"""The story index in one SQLite file, `<NEWSCRAWL_STATE_DIR>/stories.sqlite3` by default.

Several crawls from cron share it: WAL mode, a busy timeout, and one short IMMEDIATE
transaction per link (`exclusive`), so two processes never start the same story twice.

Tables:
  buckets  (band, hash, at, member)  the LSH band buckets and (dateline, day) blocks, clustered
           on (band, hash, at) so a lookup reads one bucket's newest rows; `at` is indexed, so
           ageing out is one DELETE by time;
  members  one row per linked article: its story, URL key, time, MinHash signature and the
           fields that verification reads (zlib-compressed JSON);
  stories  id, size, first URL, last time a member was added.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from newscrawl.stories.index import Bucket, Member, NewMember, StoryIndex, StoryInfo

SCHEMA_VERSION = 1
FILE_NAME = "stories.sqlite3"
BUSY_TIMEOUT_SECONDS = 30.0
CACHE_KIB = 16 * 1024

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS stories (
    id TEXT PRIMARY KEY,
    first_url TEXT NOT NULL,
    size INTEGER NOT NULL,
    last_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS stories_last_at ON stories (last_at);
CREATE TABLE IF NOT EXISTS members (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    story TEXT NOT NULL,
    url TEXT NOT NULL,
    at REAL NOT NULL,
    shingles INTEGER NOT NULL,
    signature BLOB NOT NULL,
    payload BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS members_at ON members (at);
CREATE TABLE IF NOT EXISTS buckets (
    band INTEGER NOT NULL,
    hash INTEGER NOT NULL,
    at REAL NOT NULL,
    member INTEGER NOT NULL,
    PRIMARY KEY (band, hash, at, member)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS buckets_at ON buckets (at);
"""


class StoryIndexError(Exception):
    """The story index cannot be used (unreadable, or from a newer newscrawl)."""


def default_path(state_dir: str | Path) -> Path:
    return Path(state_dir) / FILE_NAME


def pack(payload: dict[str, Any]) -> bytes:
    return zlib.compress(json.dumps(payload, ensure_ascii=False).encode("utf-8"), 6)


def unpack(blob: bytes) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(zlib.decompress(blob))
    return loaded


class SqliteStoryIndex(StoryIndex):
    def __init__(self, path: str | Path, *, busy_timeout: float = BUSY_TIMEOUT_SECONDS) -> None:
        self.path = str(path)
        self.busy_timeout = busy_timeout
        self._conn: sqlite3.Connection | None = None

    def open(self) -> SqliteStoryIndex:
        if self._conn is not None:
            return self
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=self.busy_timeout, isolation_level=None)
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout * 1000)}")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
            self._conn = conn
            self._migrate()
        except sqlite3.DatabaseError as exc:
            conn.close()
            self._conn = None
            raise StoryIndexError(
                f"story index {self.path} cannot be read ({exc}); remove it (and its -wal/-shm "
                "files) to start afresh: stories are linked anew from then on"
            ) from exc
        except BaseException:
            conn.close()
            self._conn = None
            raise
        return self

    def _migrate(self) -> None:
        with self.exclusive():
            conn = self.conn
            for statement in filter(str.strip, _SCHEMA.split(";")):
                conn.execute(statement)
            row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            if row is None:
                conn.execute("INSERT INTO meta VALUES ('schema_version', ?)", (SCHEMA_VERSION,))
            elif int(row[0]) > SCHEMA_VERSION:
                raise StoryIndexError(
                    f"story index {self.path} has schema {row[0]}, newer than this newscrawl"
                )

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            raise StoryIndexError(f"story index {self.path} is not open")
        return self._conn

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")  # the write lock up front: a busy index waits here
        try:
            yield
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def story_of(self, key: str) -> StoryInfo | None:
        row = self.conn.execute(
            "SELECT s.id, s.size, s.first_url FROM members m JOIN stories s ON s.id = m.story "
            "WHERE m.key = ?", (key,)
        ).fetchone()
        return StoryInfo(*row) if row else None

    def candidates(
        self, buckets: Sequence[Bucket], since: float, until: float, per_bucket: int
    ) -> dict[int, int]:
        found: dict[int, int] = {}
        wanted = list(dict.fromkeys(buckets))
        if not wanted:
            return found
        # One statement for all buckets (a query per bucket was some 65 a record): each
        # bucket's newest members, newest first as its key orders them (at, then member).
        values = ",".join("(?, ?)" for _ in wanted)
        query = (
            f"WITH wanted (band, hash) AS (VALUES {values}) "
            "SELECT member FROM (SELECT b.member, ROW_NUMBER() OVER ("
            "PARTITION BY b.band, b.hash ORDER BY b.at DESC, b.member DESC) AS n "
            "FROM wanted w JOIN buckets b ON b.band = w.band AND b.hash = w.hash "
            "WHERE b.at BETWEEN ? AND ?) WHERE n <= ?"
        )
        args = [v for bucket in wanted for v in bucket] + [since, until, per_bucket]
        for (member,) in self.conn.execute(query, args):
            found[member] = found.get(member, 0) + 1
        return found

    def members(self, ids: Sequence[int]) -> list[Member]:
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        rows = self.conn.execute(
            "SELECT id, story, url, at, shingles, signature, payload FROM members "
            f"WHERE id IN ({marks}) ORDER BY id", list(ids)
        )
        return [Member(r[0], r[1], r[2], r[3], r[4], r[5], unpack(r[6])) for r in rows]

    def add(self, member: NewMember, story_id: str) -> StoryInfo:
        conn = self.conn
        conn.execute(
            "INSERT INTO stories (id, first_url, size, last_at) VALUES (?, ?, 1, ?) "
            "ON CONFLICT (id) DO UPDATE SET size = size + 1, last_at = max(last_at, ?)",
            (story_id, member.url, member.at, member.at),
        )
        cursor = conn.execute(
            "INSERT INTO members (key, story, url, at, shingles, signature, payload) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (member.key, story_id, member.url, member.at, member.shingle_count,
             member.signature, pack(member.payload)),
        )  # fmt: skip
        member_id = cursor.lastrowid
        conn.executemany(
            "INSERT OR IGNORE INTO buckets (band, hash, at, member) VALUES (?, ?, ?, ?)",
            [(band, hashed, member.at, member_id) for band, hashed in member.buckets],
        )
        row = conn.execute("SELECT id, size, first_url FROM stories WHERE id = ?", (story_id,))
        return StoryInfo(*row.fetchone())

    def prune(self, before: float) -> int:
        with self.exclusive():
            conn = self.conn
            conn.execute("DELETE FROM buckets WHERE at < ?", (before,))
            removed = conn.execute("DELETE FROM members WHERE at < ?", (before,)).rowcount
            conn.execute("DELETE FROM stories WHERE last_at < ?", (before,))
        return removed

    def stats(self) -> dict[str, Any]:
        def count(table: str) -> int:
            return int(self.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])

        return {"path": self.path, "stories": count("stories"), "members": count("members"),
                "buckets": count("buckets")}
