"""One worker's membership in a site's group, and what the group must never lose.

A worker joins (the `workers` set, and a heartbeat hash with a TTL it renews every third of
it), takes requests from the shared queue, and leaves when it closes. Every request it takes
moves, in one Lua script, from the queue into its own in-flight hash: scrapy-redis pops with
no acknowledgement, so without this a killed worker would lose what it held.

A worker's articles are marked written in the store only once its output file is in place
(newscrawl.run.extension); then it *settles*: the fingerprints of the requests it took leave
the dupefilter (they are no longer pending, and the next discovery round may list them again:
the store decides) and its in-flight hash goes. A worker whose output failed gives its
in-flight requests back to the queue instead.

A worker that stops heartbeating (SIGKILL, a crashed machine) is *reclaimed* by any other, in
one Lua script: its in-flight requests go back to the queue, still pending in the dupefilter,
and it leaves the group. What it wrote was never committed (its `.part` file is never
renamed), so the group fetches those articles again: nothing is lost and nothing is written
twice. A worker that finds itself reclaimed (it was alive but silent for a whole TTL) fails its
run and publishes nothing, since its requests are the group's again.

Discovery (feeds, sitemaps, section pages) runs once per NEWSCRAWL_DISCOVERY_INTERVAL for the
whole group: the worker that sets the `discovery` key (SET NX EX) schedules it; its value names
the round and the worker (for `newscrawl status`).

The group is *drained* when the queue is empty and every live worker is idle (it took a request
only through the pop script, which marks it busy); a dead worker counts as busy until it is
reclaimed. Workers close once the group has been drained for NEWSCRAWL_IDLE_GRACE seconds, or
when the `stop` key is set (they finish what they hold; the queue stays for later).
"""

from __future__ import annotations

import json
import os
import re
import secrets
import socket
import time
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from newscrawl.group.keys import GroupKeys
from newscrawl.run.redis_url import connect

DEFAULT_TTL = 60.0  # seconds a worker may stay silent before the group takes its requests back
DEFAULT_DISCOVERY_INTERVAL = 900.0
DEFAULT_IDLE_GRACE = 10.0
FINISHED_KEPT = 50  # workers remembered in the `finished` list, for `newscrawl status`

# Takes the first request of the queue into the worker's in-flight hash, unless the worker
# is no member any more (reclaimed) or silent (its heartbeat expired): then it takes nothing.
_POP = """
if redis.call('EXISTS', KEYS[3]) == 0 then return false end
local item = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #item == 0 then return false end
redis.call('ZREM', KEYS[1], item[1])
redis.call('HSET', KEYS[2], item[1], item[2])
redis.call('HSET', KEYS[3], 'idle', '0')
redis.call('HINCRBY', KEYS[3], 'taken', 1)
return item[1]
"""

# The heartbeat: 0 when the worker was reclaimed, 2 when a stop is asked, else 1.
_BEAT = """
if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('HSET', KEYS[2], unpack(ARGV, 3))
redis.call('EXPIRE', KEYS[2], ARGV[2])
if redis.call('EXISTS', KEYS[3]) == 1 then return 2 end
return 1
"""

# A field of a live worker's hash (never re-creating an expired one).
_SET_IF_ALIVE = """
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return 1
"""

# Lua: a worker's in-flight hash (INFLIGHT) back into the queue (QUEUE), leaving `items`.
_GIVE_BACK = """
local items = redis.call('HGETALL', INFLIGHT)
for i = 1, #items, 2 do
  redis.call('ZADD', QUEUE, items[i + 1], items[i])
end
redis.call('DEL', INFLIGHT)
"""

# A silent worker's in-flight requests go back to the queue and it leaves the group; -1 when
# it turns out to be alive, or another reclaimed it first.
_RECLAIM = """
if redis.call('EXISTS', KEYS[2]) == 1 then return -1 end
if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 0 then return -1 end
""" + _GIVE_BACK.replace("INFLIGHT", "KEYS[3]").replace("QUEUE", "KEYS[4]") + """
redis.call('SREM', KEYS[1], ARGV[1])
return #items / 2
"""

# Give a worker's in-flight requests back to the queue (its output failed).
_REQUEUE = _GIVE_BACK.replace("INFLIGHT", "KEYS[1]").replace("QUEUE", "KEYS[2]") + """
return #items / 2
"""


def new_worker_id(host: str | None = None, pid: int | None = None) -> str:
    """`<host>-<pid>-<4 hex>`: readable in file names and `status`, never reused."""
    name = re.sub(r"[^A-Za-z0-9]+", "-", (host or socket.gethostname()).split(".")[0])
    return f"{name.strip('-')[:40] or 'host'}-{pid or os.getpid()}-{secrets.token_hex(2)}"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class GroupWorker:
    def __init__(
        self,
        url: str,
        site: str,
        worker_id: str,
        *,
        ttl: float = DEFAULT_TTL,
        discovery_interval: float = DEFAULT_DISCOVERY_INTERVAL,
    ) -> None:
        self.url = url
        self.keys = GroupKeys(site)
        self.id = worker_id
        self.ttl = max(round(ttl), 2)
        self.discovery_interval = max(round(discovery_interval), 1)
        self.text: Any = connect(url)  # answers as str
        self.raw: Any = connect(url, decode=False)  # encoded requests are bytes
        self.lost = False
        self.stop_requested = False
        self.discovered: str | None = None  # the round this worker scheduled, if any
        self.identity = {"host": socket.gethostname(), "pid": os.getpid(), "since": _now()}
        self.reclaimed: dict[str, int] = {}  # workers this one reclaimed -> requests requeued
        self._pop = self.raw.register_script(_POP)
        self._beat = self.text.register_script(_BEAT)
        self._set_if_alive = self.text.register_script(_SET_IF_ALIVE)
        self._reclaim = self.text.register_script(_RECLAIM)
        self._requeue = self.raw.register_script(_REQUEUE)

    # -- membership ----------------------------------------------------------------------

    def join(self) -> None:
        """Become a member: reclaim the dead first, so their requests are in the queue."""
        self.reclaim_dead()
        fields = {**self.identity, "beat": _now(), "idle": 0, "taken": 0}
        pipe = self.text.pipeline()
        pipe.sadd(self.keys.workers, self.id)
        pipe.hset(self.keys.worker(self.id), mapping=fields)
        pipe.expire(self.keys.worker(self.id), self.ttl)
        pipe.exists(self.keys.stop)
        self.stop_requested = bool(pipe.execute()[-1])

    def beat(self, counters: Mapping[str, Any]) -> bool:
        """Renew the heartbeat and publish `counters`; False when the group reclaimed us."""
        args: list[Any] = [self.id, self.ttl, "beat", _now()]
        # The identity too: a hash that expired while we were silent is whole again.
        for name, value in {**self.identity, **counters}.items():
            args += [name, value]
        answer = int(self._beat(keys=[self.keys.workers, self.keys.worker(self.id),
                                      self.keys.stop], args=args))  # fmt: skip
        self.lost = answer == 0
        self.stop_requested = answer == 2
        return not self.lost

    def leave(self, record: Mapping[str, Any]) -> None:
        """Leave the group, remembering `record` (exit code, counts) in its `finished` list."""
        line = json.dumps({"id": self.id, "finished_at": _now(), **record}, default=str)
        pipe = self.text.pipeline()
        pipe.srem(self.keys.workers, self.id)
        pipe.delete(self.keys.worker(self.id))
        self._remember(pipe, line)
        pipe.execute()

    def _remember(self, pipe: Any, line: str) -> None:
        """Add a finished worker's line to the `finished` list, which keeps the newest."""
        pipe.lpush(self.keys.finished, line)
        pipe.ltrim(self.keys.finished, 0, FINISHED_KEPT - 1)

    def reclaim_dead(self) -> dict[str, int]:
        """Reclaim every member whose heartbeat expired: worker id -> requests requeued."""
        members = [m for m in self.text.smembers(self.keys.workers) if m != self.id]
        beats = self.text.pipeline(transaction=False)
        for member in members:  # one round trip: this runs every second an idle worker polls
            beats.exists(self.keys.worker(member))
        found: dict[str, int] = {}
        for member, alive in zip(members, beats.execute(), strict=True):
            if alive:
                continue
            requeued = int(self._reclaim(
                keys=[self.keys.workers, self.keys.worker(member), self.keys.inflight(member),
                      self.keys.queue], args=[member]))  # fmt: skip
            if requeued >= 0:
                found[member] = requeued
                record = {"id": member, "finished_at": _now(), "lost": True,
                          "requeued": requeued, "reclaimed_by": self.id}  # fmt: skip
                pipe = self.text.pipeline()
                self._remember(pipe, json.dumps(record))
                pipe.execute()
        self.reclaimed.update(found)
        return found

    # -- the queue -----------------------------------------------------------------------

    def pop(self) -> bytes | None:
        """The next encoded request, now in this worker's in-flight hash; None when the queue
        is empty (or this worker is no member any more)."""
        data = self._pop(keys=[self.keys.queue, self.keys.inflight(self.id),
                               self.keys.worker(self.id)])  # fmt: skip
        return bytes(data) if data else None

    def queue_length(self) -> int:
        return int(self.text.zcard(self.keys.queue))

    def settle(self, *, committed: bool, fingerprints: Iterable[str]) -> int:
        """After the run's commit: the requests taken are done (committed: their fingerprints
        leave the dupefilter) or go back to the queue (not committed); the number requeued."""
        if not committed:
            return int(self._requeue(keys=[self.keys.inflight(self.id), self.keys.queue]))
        done = list(fingerprints)
        pipe = self.text.pipeline()
        for start in range(0, len(done), 1000):
            pipe.srem(self.keys.seen, *done[start:start + 1000])
        pipe.delete(self.keys.inflight(self.id))
        pipe.execute()
        return 0

    # -- the group -----------------------------------------------------------------------

    def claim_discovery(self) -> str | None:
        """The round id when this worker is to run discovery now; None when another worker
        ran it less than the discovery interval ago."""
        round_id = f"{time.time():.3f}"
        won = self.text.set(self.keys.discovery, f"{round_id} {self.id}", nx=True,
                            ex=self.discovery_interval)  # fmt: skip
        self.discovered = round_id if won else None
        return self.discovered

    def mark_idle(self) -> None:
        self._set_if_alive(keys=[self.keys.worker(self.id)], args=["idle", 1])

    def drained(self) -> bool:
        """Whether the queue is empty and every member is idle (a silent one is not)."""
        pipe = self.text.pipeline(transaction=False)
        pipe.zcard(self.keys.queue)
        pipe.smembers(self.keys.workers)
        queued, members = pipe.execute()
        if queued:
            return False
        pipe = self.text.pipeline(transaction=False)
        for member in members:
            pipe.hget(self.keys.worker(member), "idle")
        return all(flag == "1" for flag in pipe.execute())

    def close(self) -> None:
        self.text.close()
        self.raw.close()
