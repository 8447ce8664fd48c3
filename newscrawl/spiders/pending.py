"""The feeds and sitemaps of a run that are still being read.

A spider asks for every feed and sitemap first and holds the articles they list until the last
one is read, failed or was dropped: only then does each article have all its listing entries
(a sitemap may give the day, a feed the time), whatever order the answers come in.
"""

from __future__ import annotations

import asyncio


class PendingListings:
    def __init__(self) -> None:
        self._asked: set[str] = set()
        self._pending: set[str] = set()
        self._idle: asyncio.Event | None = None  # made in the running loop, on first wait

    def add(self, url: str) -> bool:
        """Count `url` as pending; False when this run asked for it already."""
        if url in self._asked:
            return False
        self._asked.add(url)
        self._pending.add(url)
        return True

    def done(self, url: str | None) -> None:
        """`url` was read, failed or dropped (None and unknown URLs are ignored)."""
        self._pending.discard(url or "")
        if not self._pending and self._idle is not None:
            self._idle.set()

    async def all_read(self) -> None:
        if not self._pending:
            return
        self._idle = asyncio.Event()
        await self._idle.wait()
