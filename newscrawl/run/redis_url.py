"""Reaching the Redis that workers of a shared crawl use (NEWSCRAWL_REDIS_URL).

The client library is imported inside these functions, never at import time: without the
setting, a crawl never loads it (one machine, the SQLite store).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newscrawl.run.store import StateError

if TYPE_CHECKING:
    import redis

SOCKET_TIMEOUT_SECONDS = 30.0


def store_prefix(site: str) -> str:
    return f"newscrawl:{{{site}}}:store:"


def describe_url(url: str) -> str:
    """The server of a Redis URL without its password, for messages and summaries."""
    from redis.connection import parse_url

    try:
        kwargs = parse_url(url)
    except ValueError:
        return "redis (unreadable URL)"
    if "path" in kwargs:
        return f"redis unix socket {kwargs['path']}"
    return f"redis://{kwargs.get('host', 'localhost')}:{kwargs.get('port', 6379)}/" \
           f"{kwargs.get('db', 0)}"


def connect(url: str, *, decode: bool = True) -> redis.Redis:
    """A client for `url` (redis://, rediss://, unix://) with timeouts, not yet connected."""
    import redis

    try:
        return redis.Redis.from_url(
            url, decode_responses=decode, socket_timeout=SOCKET_TIMEOUT_SECONDS,
            socket_connect_timeout=10, health_check_interval=30,
        )
    except ValueError as exc:
        raise StateError(f"NEWSCRAWL_REDIS_URL {url!r} cannot be used: {exc}") from None
