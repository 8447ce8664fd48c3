"""The Redis keys of one site's group of workers, all under `newscrawl:{<site>}:` (the braces
keep a site's keys in one Redis Cluster slot; the store's are under `...:store:`)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class GroupKeys:
    site: str

    @property
    def prefix(self) -> str:
        return f"newscrawl:{{{self.site}}}:"

    @property
    def queue(self) -> str:
        """zset: encoded requests to fetch, scored by -priority (scrapy-redis' PriorityQueue)."""
        return self.prefix + "requests"

    @property
    def seen(self) -> str:
        """set: fingerprints of the requests pending in the group (queued, in flight, or
        fetched but not yet committed), scrapy-redis' dupefilter."""
        return self.prefix + "seen"

    @property
    def workers(self) -> str:
        """set: ids of the workers that joined and have not left (nor been reclaimed)."""
        return self.prefix + "workers"

    def worker(self, worker_id: str) -> str:
        """hash with a TTL: the worker's heartbeat, its host, pid, start and counters."""
        return self.prefix + "worker:" + worker_id

    def inflight(self, worker_id: str) -> str:
        """hash: the requests a worker took from the queue and has not settled -> score."""
        return self.prefix + "inflight:" + worker_id

    @property
    def discovery(self) -> str:
        """string with a TTL: the round of discovery that runs now (set NX by one worker)."""
        return self.prefix + "discovery"

    @property
    def stop(self) -> str:
        """string: set by `newscrawl status SITE --stop`; workers finish what they hold."""
        return self.prefix + "stop"

    @property
    def finished(self) -> str:
        """list: JSON lines of the workers that left or were reclaimed, newest first."""
        return self.prefix + "finished"
