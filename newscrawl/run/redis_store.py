"""A site's store in Redis, shared by the workers of one crawl (NEWSCRAWL_REDIS_URL).

The same store as `CrawlState` (newscrawl.run.store), with the same answers: every worker on
every machine sees what the others committed. Keys, under `newscrawl:{<site>}:store:` (the
braces keep a site's keys in one Redis Cluster slot):

    articles       hash  article key -> JSON of what `Seen` holds
    aliases        hash  URL key (fetched or canonical) -> article key
    not_articles   hash  URL key -> JSON {url, reason, first_seen, last_checked}
    revised        set   article keys with revision > 1
    fingerprints   hash  body fingerprint -> JSON [[first written, article key], ...], oldest
                         first (nearly always one: a copy at another URL makes two)
    meta           hash  schema_version, created_at

`record_many` is one Lua script: Redis runs it whole, with no other command between, so a
batch is stored entirely or (a connection lost before it ran) not at all, and two workers
committing the same article get consecutive revisions. Everything the script stores is
computed and checked here first, so the script itself has no error path.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import redis

from newscrawl.normalize.urls import url_key
from newscrawl.run.redis_url import connect, describe_url, store_prefix
from newscrawl.run.since import as_utc
from newscrawl.run.store import NotArticle, Seen, StateError, StateStore, Written, iso_utc

SCHEMA_VERSION = 1

_RECORD = """
local p = ARGV[1]
local fps = p .. 'fingerprints'
local function fp_add(fp, at, key)
  local raw = redis.call('HGET', fps, fp)
  local list = raw and cjson.decode(raw) or {}
  local pos = #list + 1
  for i, pair in ipairs(list) do
    if pair[1] > at then pos = i break end
  end
  table.insert(list, pos, {at, key})
  redis.call('HSET', fps, fp, cjson.encode(list))
end
local function fp_remove(fp, key)
  local raw = redis.call('HGET', fps, fp)
  if not raw then return end
  local kept = {}
  for _, pair in ipairs(cjson.decode(raw)) do
    if pair[2] ~= key then table.insert(kept, pair) end
  end
  if #kept == 0 then redis.call('HDEL', fps, fp)
  else redis.call('HSET', fps, fp, cjson.encode(kept)) end
end
local stamp = ARGV[2]
local score = tonumber(ARGV[3])
local entries = cjson.decode(ARGV[4])
local pages = cjson.decode(ARGV[5])
local articles = p .. 'articles'
local revisions = {}
for i, e in ipairs(entries) do
  local raw = redis.call('HGET', articles, e.key)
  local rev
  local row
  if not raw then
    rev = 1
    row = {url = e.url, fingerprint = e.fp, revision = 1, published_at = e.published,
           modified_at = e.modified, first_written = stamp, first_score = score,
           last_written = stamp, last_checked = stamp}
    fp_add(e.fp, score, e.key)
  else
    row = cjson.decode(raw)
    row.last_checked = stamp
    if row.fingerprint == e.fp then
      rev = 0
    else
      rev = row.revision + 1
      fp_remove(row.fingerprint, e.key)
      fp_add(e.fp, row.first_score, e.key)
      row.url = e.url
      row.fingerprint = e.fp
      row.revision = rev
      row.published_at = e.published
      row.modified_at = e.modified
      row.last_written = stamp
      redis.call('SADD', p .. 'revised', e.key)
    end
  end
  redis.call('HSET', articles, e.key, cjson.encode(row))
  for _, alias in ipairs(e.aliases) do
    redis.call('HSET', p .. 'aliases', alias, e.key)
    redis.call('HDEL', p .. 'not_articles', alias)
  end
  revisions[i] = rev
end
for _, page in ipairs(pages) do
  for _, key in ipairs(page.keys) do
    local first = stamp
    local old = redis.call('HGET', p .. 'not_articles', key)
    if old then first = cjson.decode(old).first_seen end
    redis.call('HSET', p .. 'not_articles', key, cjson.encode(
      {url = page.url, reason = page.reason, first_seen = first, last_checked = stamp}))
  end
end
return revisions
"""


def _seen(key: str, raw: str) -> Seen:
    row = json.loads(raw)
    return Seen(
        key=key,
        url=row["url"],
        fingerprint=row["fingerprint"],
        revision=int(row["revision"]),
        published_at=row.get("published_at"),
        modified_at=row.get("modified_at"),
        first_written=datetime.fromisoformat(row["first_written"]),
        last_written=datetime.fromisoformat(row["last_written"]),
        last_checked=datetime.fromisoformat(row["last_checked"]),
    )


class RedisState(StateStore):
    """The store of one site in Redis. Open it (or use `with`) before any other call."""

    def __init__(self, url: str, site: str) -> None:
        self.url = url
        self.site = site
        self.prefix = store_prefix(site)
        self._client: redis.Redis | None = None
        self._record: Any = None

    def open(self) -> RedisState:
        if self._client is not None:
            return self
        client = connect(self.url)
        try:
            with self._errors("cannot be opened"):
                client.ping()
                meta = self.prefix + "meta"
                client.hsetnx(meta, "schema_version", SCHEMA_VERSION)
                client.hsetnx(meta, "created_at", iso_utc(datetime.now(UTC)))
                version = int(client.hget(meta, "schema_version") or SCHEMA_VERSION)
            if version > SCHEMA_VERSION:
                raise StateError(f"state store {self.where} has schema {version}, newer than "
                                 f"this newscrawl (schema {SCHEMA_VERSION})")
        except BaseException:
            client.close()
            raise
        self._client = client
        self._record = client.register_script(_RECORD)
        return self

    @property
    def where(self) -> str:
        return f"{describe_url(self.url)} {self.prefix}*"

    @contextmanager
    def _errors(self, doing: str) -> Iterator[None]:
        try:
            yield
        except redis.RedisError as exc:
            raise StateError(f"state store {self.where} {doing}: {exc}") from exc

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    @property
    def client(self) -> Any:  # redis-py's types say "bytes | str | ..." for every answer
        if self._client is None:
            raise StateError(f"state store {self.where} is not open")
        return self._client

    # -- reading -------------------------------------------------------------------------

    def get(self, url: str) -> Seen | None:
        """The stored article that `url` (fetched or canonical, any spelling) leads to."""
        alias = url_key(url)
        with self._errors("cannot be read"):
            key = self.client.hget(self.prefix + "aliases", alias) or alias
            raw = self.client.hget(self.prefix + "articles", key)
        return _seen(key, raw) if raw else None

    def not_article(self, url: str) -> tuple[datetime, str] | None:
        """When `url` was last found to be no article, and why, if it was."""
        with self._errors("cannot be read"):
            raw = self.client.hget(self.prefix + "not_articles", url_key(url))
        if not raw:
            return None
        row = json.loads(raw)
        return datetime.fromisoformat(row["last_checked"]), row["reason"]

    def find_by_fingerprint(
        self, fingerprint: str, *, exclude_url: str | None = None
    ) -> str | None:
        """The URL of a stored article with this content fingerprint (the first written)."""
        exclude = url_key(exclude_url) if exclude_url else ""
        with self._errors("cannot be read"):
            listed = self.client.hget(self.prefix + "fingerprints", fingerprint)
            keys = [key for _, key in json.loads(listed)] if listed else []
            key = next((k for k in keys if k != exclude), None)
            raw = self.client.hget(self.prefix + "articles", key) if key else None
        return json.loads(raw)["url"] if raw else None

    def stats(self) -> dict[str, Any]:
        p = self.prefix
        with self._errors("cannot be read"):
            pipe = self.client.pipeline(transaction=False)
            pipe.hget(p + "meta", "schema_version")
            pipe.hlen(p + "articles")
            pipe.scard(p + "revised")
            pipe.hlen(p + "aliases")
            pipe.hlen(p + "not_articles")
            version, articles, revised, aliases, not_articles = pipe.execute()
        return {
            "backend": "redis",
            "path": self.where,
            "schema_version": int(version or SCHEMA_VERSION),
            "articles": articles,
            "revised": revised,
            "aliases": aliases,
            "not_articles": not_articles,
        }

    # -- writing -------------------------------------------------------------------------

    def record_many(
        self,
        entries: Iterable[Written],
        not_articles: Iterable[NotArticle] = (),
        *,
        now: datetime | None = None,
    ) -> list[int]:
        """Store a run's written articles and non-articles at once; the articles' revisions,
        in order."""
        moment = as_utc(now or datetime.now(UTC))
        batch = [
            {"key": e.key, "url": e.canonical_url or e.url, "fp": e.fingerprint,
             "published": e.published_at, "modified": e.modified_at,
             "aliases": sorted(e.aliases())}
            for e in entries
        ]  # fmt: skip
        pages = [{"keys": sorted(p.keys()), "url": p.url, "reason": p.reason}
                 for p in not_articles]  # fmt: skip
        if not batch and not pages:
            return []
        args = [self.prefix, iso_utc(moment), repr(moment.timestamp()),
                json.dumps(batch), json.dumps(pages)]  # fmt: skip
        with self._errors("not updated"):
            revisions = self._record(keys=[], args=args)
        return [int(r) for r in revisions]

    def reset(self) -> None:
        """Forget every article and non-article of the site."""
        p = self.prefix
        with self._errors("not reset"):
            self.client.delete(p + "articles", p + "aliases", p + "not_articles", p + "revised",
                               p + "fingerprints")
