"""What a site's crawls have written so far, kept in SQLite so cron runs only add what is new.

One file per site, `<state_dir>/<site>.sqlite3`, in WAL mode with a busy timeout. Every write
is one transaction, so a killed run leaves the store as it was before or after a write, never
between. Articles are keyed by `url_key` (canonical URL without scheme); the fetched URL and the
page's canonical URL both resolve to the key, so the next run can skip either before fetching.

Revisions, as returned by `CrawlState.record_many` and `RunJournal.add`:
    1      a new article;
    n + 1  a stored article (revision n) whose content fingerprint changed;
    0      the stored article with the same fingerprint: unchanged, nothing new to write.

Pages that turned out not to be articles (a tag page, an "about" page, a paywall: the reasons
of `newscrawl.run.reasons.NOT_ARTICLE`) are kept too, with when they were last looked at, so
they are not fetched again every run; like articles, they are fetched again when their
listing date is newer than that, or after the revisit interval.

`RunJournal` (newscrawl.run.journal) holds a run's written articles and non-articles until
the output file is in its final place and only then commits them.

Schema versions: 1 articles and aliases; 2 adds `not_articles`. Opening a store upgrades it.

`StateStore` is what the run machinery uses of a store; `CrawlState` is the embedded one and
`RedisState` (newscrawl.run.redis_store) the one workers of a shared crawl use. `open_store`
chooses by the NEWSCRAWL_REDIS_URL setting.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from hashlib import blake2b
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, NamedTuple, Self

from newscrawl.normalize.urls import url_key
from newscrawl.run.reasons import WALLS
from newscrawl.run.since import as_utc

if TYPE_CHECKING:
    from scrapy.settings import BaseSettings

SCHEMA_VERSION = 2
DEFAULT_STATE_DIR = "state"
BUSY_TIMEOUT_SECONDS = 10.0

_SITE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    key TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    revision INTEGER NOT NULL,
    published_at TEXT,
    modified_at TEXT,
    first_written TEXT NOT NULL,
    last_written TEXT NOT NULL,
    last_checked TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_fingerprint ON articles (fingerprint);
CREATE TABLE IF NOT EXISTS aliases (alias TEXT PRIMARY KEY, key TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS not_articles (
    key TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    reason TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    last_checked TEXT NOT NULL
);
"""


class StateError(Exception):
    """The state store cannot be used (corrupt, from a newer version, or not open)."""


@dataclass(frozen=True)
class Seen:
    """What the store knows of one article."""

    key: str
    url: str
    fingerprint: str
    revision: int
    published_at: str | None
    modified_at: str | None
    first_written: datetime
    last_written: datetime  # when the current revision was written
    last_checked: datetime  # when the article was last fetched and recorded, changed or not


@dataclass(frozen=True)
class Written:
    """One article as written to the output: what `record_many` stores."""

    url: str
    canonical_url: str | None
    fingerprint: str
    published_at: str | None = None
    modified_at: str | None = None

    @property
    def key(self) -> str:
        return url_key(self.canonical_url or self.url)

    def aliases(self) -> set[str]:
        return {url_key(self.url), self.key}


@dataclass(frozen=True)
class NotArticle:
    """A page fetched as an article that is none, and why (`not_article`, `paywall`, ...)."""

    url: str
    reason: str
    listed_as: str | None = None  # the link the listing gave, when it redirected elsewhere

    def keys(self) -> set[str]:
        return {url_key(u) for u in (self.url, self.listed_as) if u}


class Decision(NamedTuple):
    """Whether to fetch a link, and why: fetch for `new`, `updated` (an article) or `recheck`
    (a non-article); skip for `already_written` or `not_article`."""

    fetch: bool
    why: str


@lru_cache(maxsize=128)  # dedup and the journal fingerprint each written body
def content_fingerprint(text: str) -> str:
    """A hex digest of the text that ignores case, Unicode spelling and whitespace layout."""
    normalized = " ".join(unicodedata.normalize("NFKC", text).casefold().split())
    return blake2b(normalized.encode("utf-8"), digest_size=20).hexdigest()


def validate_site_name(site: str) -> str:
    """The site name, if it is safe as a file name; ValueError otherwise."""
    if not _SITE_NAME.match(site) or ".." in site:
        raise ValueError(f"site name {site!r} is not a plain name (letters, digits, _ . -)")
    return site


def state_path(state_dir: str | Path, site: str) -> Path:
    return Path(state_dir) / f"{validate_site_name(site)}.sqlite3"


def iso_utc(moment: datetime) -> str:
    return as_utc(moment).isoformat()


def _seen(row: sqlite3.Row) -> Seen:
    return Seen(
        key=row["key"],
        url=row["url"],
        fingerprint=row["fingerprint"],
        revision=row["revision"],
        published_at=row["published_at"],
        modified_at=row["modified_at"],
        first_written=datetime.fromisoformat(row["first_written"]),
        last_written=datetime.fromisoformat(row["last_written"]),
        last_checked=datetime.fromisoformat(row["last_checked"]),
    )


class StateStore(ABC):
    """What a run uses of a site's store, whatever keeps it (SQLite, Redis): each backend
    keeps the records; the decisions made from them are made here, alike for all."""

    @abstractmethod
    def open(self) -> Self: ...

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> Self:
        return self.open()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @abstractmethod
    def get(self, url: str) -> Seen | None: ...

    @abstractmethod
    def not_article(self, url: str) -> tuple[datetime, str] | None:
        """When `url` was last found to be no article, and why, if it was."""

    @abstractmethod
    def find_by_fingerprint(
        self, fingerprint: str, *, exclude_url: str | None = None
    ) -> str | None: ...

    @abstractmethod
    def record_many(
        self,
        entries: Iterable[Written],
        not_articles: Iterable[NotArticle] = (),
        *,
        now: datetime | None = None,
    ) -> list[int]: ...

    @abstractmethod
    def stats(self) -> dict[str, Any]: ...

    @abstractmethod
    def reset(self) -> None: ...

    def fetch_decision(
        self,
        url: str,
        *,
        lastmod: datetime | None = None,
        now: datetime | None = None,
        revisit_after: timedelta | None = None,
        wall_recheck_after: timedelta | None = None,
    ) -> Decision:
        """Whether to fetch `url`: unknown; or a stored article or non-article that changed
        (feed/sitemap `lastmod` later than our last look) or was not looked at for
        `revisit_after` (`wall_recheck_after` for a page that was behind a wall)."""
        seen = self.get(url)
        if seen is not None:
            due = _due(seen.last_checked, lastmod, now, revisit_after)
            return Decision(True, "updated") if due else Decision(False, "already_written")
        found = self.not_article(url)
        if found is not None:
            checked, reason = found
            after = _sooner(revisit_after, wall_recheck_after) if reason in WALLS \
                else revisit_after
            due = _due(checked, lastmod, now, after)
            return Decision(True, "recheck") if due else Decision(False, "not_article")
        return Decision(True, "new")

    def revision_for(self, url: str, canonical_url: str | None, fingerprint: str) -> int:
        """The revision `record_many` would give the article, without writing anything."""
        seen = self.get(canonical_url or url)
        if seen is None:
            return 1
        return next_revision(seen.revision, seen.fingerprint, fingerprint)


def open_store(settings: BaseSettings, site: str) -> StateStore:
    """The site's store, opened: in Redis when NEWSCRAWL_REDIS_URL is set (workers of a shared
    crawl), else the SQLite file under NEWSCRAWL_STATE_DIR."""
    url = settings.get("NEWSCRAWL_REDIS_URL")
    if url:
        from newscrawl.run.redis_store import RedisState

        return RedisState(url, validate_site_name(site)).open()
    return CrawlState.for_site(settings.get("NEWSCRAWL_STATE_DIR") or DEFAULT_STATE_DIR,
                               site).open()


class CrawlState(StateStore):
    """The SQLite store of one site. Open it (or use `with`) before any other call."""

    def __init__(self, path: str | Path, *, busy_timeout: float = BUSY_TIMEOUT_SECONDS):
        self.path = Path(path)
        self.busy_timeout = busy_timeout
        self._conn: sqlite3.Connection | None = None

    @classmethod
    def for_site(cls, state_dir: str | Path, site: str) -> CrawlState:
        return cls(state_path(state_dir, site))

    # -- lifecycle -----------------------------------------------------------------------

    def open(self) -> CrawlState:
        if self._conn is not None:
            return self
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # isolation_level=None: no implicit transactions; `_transaction` says where they are.
        conn = sqlite3.connect(self.path, timeout=self.busy_timeout, isolation_level=None)
        conn.row_factory = sqlite3.Row
        try:
            self._configure(conn)
            self._conn = conn
            self._migrate()
        except sqlite3.DatabaseError as exc:
            conn.close()
            self._conn = None
            raise StateError(
                f"state store {self.path} cannot be read ({exc}); "
                "remove it (and its -wal/-shm files) to start afresh"
            ) from exc
        except BaseException:
            conn.close()
            self._conn = None
            raise
        return self

    def _configure(self, conn: sqlite3.Connection) -> None:
        conn.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout * 1000)}")
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise StateError(f"state store {self.path} cannot use WAL (journal mode {mode})")
        # NORMAL is durable against a crashed process in WAL mode; a power cut may lose the
        # last commits, which only means those articles are fetched again.
        conn.execute("PRAGMA synchronous = NORMAL")

    def _migrate(self) -> None:
        with self._transaction() as conn:
            for statement in filter(str.strip, _SCHEMA.split(";")):
                conn.execute(statement)
            row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            if row is None:
                conn.execute(
                    "INSERT INTO meta (key, value) VALUES ('schema_version', ?), ('created_at', ?)",
                    (str(SCHEMA_VERSION), iso_utc(datetime.now(UTC))),
                )
            elif int(row[0]) > SCHEMA_VERSION:
                raise StateError(
                    f"state store {self.path} has schema {row[0]}, newer than this newscrawl "
                    f"(schema {SCHEMA_VERSION})"
                )
            elif int(row[0]) < SCHEMA_VERSION:  # the new tables were created above
                conn.execute(
                    "UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION),)
                )

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            raise StateError(f"state store {self.path} is not open")
        return self._conn

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        conn = self.conn
        # IMMEDIATE takes the write lock up front, so a busy store waits here, not mid-way.
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    # -- reading -------------------------------------------------------------------------

    def _key_for(self, url: str) -> str | None:
        alias = url_key(url)
        row = self.conn.execute("SELECT key FROM aliases WHERE alias = ?", (alias,)).fetchone()
        return row[0] if row else None

    def get(self, url: str) -> Seen | None:
        """The stored article that `url` (fetched or canonical, any spelling) leads to."""
        key = self._key_for(url) or url_key(url)
        row = self.conn.execute("SELECT * FROM articles WHERE key = ?", (key,)).fetchone()
        return _seen(row) if row else None

    def not_article(self, url: str) -> tuple[datetime, str] | None:
        """When `url` was last found to be no article, and why, if it was."""
        row = self.conn.execute(
            "SELECT last_checked, reason FROM not_articles WHERE key = ?", (url_key(url),)
        ).fetchone()
        return (datetime.fromisoformat(row[0]), row[1]) if row else None

    def find_by_fingerprint(
        self, fingerprint: str, *, exclude_url: str | None = None
    ) -> str | None:
        """The URL of a stored article with this content fingerprint (an identical body)."""
        exclude = url_key(exclude_url) if exclude_url else ""
        row = self.conn.execute(
            "SELECT url FROM articles WHERE fingerprint = ? AND key != ? ORDER BY first_written",
            (fingerprint, exclude),
        ).fetchone()
        return row[0] if row else None

    def stats(self) -> dict[str, Any]:
        version = self._scalar("SELECT value FROM meta WHERE key = 'schema_version'")
        return {
            "path": str(self.path),
            "schema_version": int(version),
            "articles": self._scalar("SELECT COUNT(*) FROM articles"),
            "revised": self._scalar("SELECT COUNT(*) FROM articles WHERE revision > 1"),
            "aliases": self._scalar("SELECT COUNT(*) FROM aliases"),
            "not_articles": self._scalar("SELECT COUNT(*) FROM not_articles"),
            "journal_mode": self._scalar("PRAGMA journal_mode"),
        }

    def _scalar(self, sql: str) -> Any:
        return self.conn.execute(sql).fetchone()[0]

    # -- writing -------------------------------------------------------------------------

    def record_many(
        self,
        entries: Iterable[Written],
        not_articles: Iterable[NotArticle] = (),
        *,
        now: datetime | None = None,
    ) -> list[int]:
        """Store a run's written articles and non-articles in one transaction; the articles'
        revisions, in order."""
        stamp = iso_utc(now or datetime.now(UTC))
        with self._transaction() as conn:
            revisions = [self._record(conn, entry, stamp) for entry in entries]
            for page in not_articles:
                self._record_not_article(conn, page, stamp)
            return revisions

    def _record_not_article(self, conn: sqlite3.Connection, page: NotArticle, stamp: str) -> None:
        for key in sorted(page.keys()):
            conn.execute(
                "INSERT INTO not_articles VALUES (?, ?, ?, ?, ?) ON CONFLICT (key) DO UPDATE "
                "SET url = excluded.url, reason = excluded.reason, "
                "last_checked = excluded.last_checked",
                (key, page.url, page.reason, stamp, stamp),
            )

    def _record(self, conn: sqlite3.Connection, entry: Written, stamp: str) -> int:
        key = entry.key
        row = conn.execute("SELECT revision, fingerprint FROM articles WHERE key = ?", (key,))
        found = row.fetchone()
        stored_revision, stored_fp = found if found else (None, None)
        revision = next_revision(stored_revision, stored_fp, entry.fingerprint)
        canonical = entry.canonical_url or entry.url
        if found is None:
            conn.execute(
                "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (key, canonical, entry.fingerprint, revision, entry.published_at,
                 entry.modified_at, stamp, stamp, stamp),
            )  # fmt: skip
        elif revision:
            conn.execute(
                "UPDATE articles SET url = ?, fingerprint = ?, revision = ?, published_at = ?, "
                "modified_at = ?, last_written = ?, last_checked = ? WHERE key = ?",
                (canonical, entry.fingerprint, revision, entry.published_at,
                 entry.modified_at, stamp, stamp, key),
            )  # fmt: skip
        else:
            conn.execute("UPDATE articles SET last_checked = ? WHERE key = ?", (stamp, key))
        conn.executemany(
            "INSERT OR REPLACE INTO aliases (alias, key) VALUES (?, ?)",
            [(alias, key) for alias in sorted(entry.aliases())],
        )
        # A page once taken for no article that now gave one (a wall lifted, a better reader).
        conn.executemany(
            "DELETE FROM not_articles WHERE key = ?", [(alias,) for alias in entry.aliases()]
        )
        return revision

    def reset(self) -> None:
        """Forget every article and non-article (the schema and the file stay)."""
        with self._transaction() as conn:
            conn.execute("DELETE FROM aliases")
            conn.execute("DELETE FROM articles")
            conn.execute("DELETE FROM not_articles")


def _sooner(a: timedelta | None, b: timedelta | None) -> timedelta | None:
    return min(a, b) if a is not None and b is not None else a or b


def _due(
    last_checked: datetime,
    lastmod: datetime | None,
    now: datetime | None,
    revisit_after: timedelta | None,
) -> bool:
    """Whether a page last looked at `last_checked` is worth fetching again."""
    if lastmod is not None and as_utc(lastmod) > last_checked:
        return True
    if revisit_after is not None:
        return as_utc(now or datetime.now(UTC)) - last_checked >= revisit_after
    return False


def next_revision(stored_revision: int | None, stored_fp: str | None, fingerprint: str) -> int:
    if not stored_revision:
        return 1
    return 0 if stored_fp == fingerprint else stored_revision + 1
