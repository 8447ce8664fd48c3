"""Retries that wait: Scrapy's RetryMiddleware retries at once; servers that answer 429 or 503
say how long to wait (Retry-After), and a struggling server deserves a growing pause.

BackoffRetryMiddleware replaces Scrapy's in DOWNLOADER_MIDDLEWARES. Before a retry it waits
Retry-After (seconds or an HTTP date) when the response gives one, else
NEWSCRAWL_RETRY_BACKOFF * 2**(retry - 1) seconds, never more than NEWSCRAWL_RETRY_MAX_WAIT. A
Retry-After longer than that gives up on the URL for this run (it was not written, so the next
run fetches it). Only the retried request waits; other downloads go on.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Request, Response
from scrapy.settings import BaseSettings
from scrapy.utils.response import response_status_message


def retry_after_seconds(value: bytes | str | None, now: datetime | None = None) -> float | None:
    """The wait a Retry-After header asks for, in seconds (never negative); None if absent or
    unreadable."""
    if value is None:
        return None
    text = (value.decode("latin-1") if isinstance(value, bytes) else value).strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def backoff_seconds(retry: int, base: float, cap: float) -> float:
    """The pause before retry number `retry` (1, 2, ...): base, 2 base, 4 base, ... up to cap."""
    return min(cap, base * 2 ** max(0, retry - 1))


class BackoffRetryMiddleware(RetryMiddleware):
    def __init__(self, settings: BaseSettings) -> None:
        super().__init__(settings)
        self.backoff = settings.getfloat("NEWSCRAWL_RETRY_BACKOFF", 1.0)
        self.max_wait = settings.getfloat("NEWSCRAWL_RETRY_MAX_WAIT", 60.0)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> BackoffRetryMiddleware:
        middleware = cls(crawler.settings)
        middleware.crawler = crawler
        return middleware

    async def process_response(  # type: ignore[override]
        self, request: Request, response: Response
    ) -> Request | Response:
        if request.meta.get("dont_retry", False) or response.status not in self.retry_http_codes:
            return response
        asked = retry_after_seconds(response.headers.get(b"Retry-After"))
        if asked is not None and asked > self.max_wait:
            self.count("retry_after_too_long")
            return response
        retry = self._retry(request, response_status_message(response.status))
        if retry is None:
            return response
        attempt = int(retry.meta.get("retry_times", 1))
        await self.wait(asked if asked is not None else self.pause(attempt))
        return retry

    async def process_exception(  # type: ignore[override]
        self, request: Request, exception: Exception
    ) -> Request | Response | None:
        retry = super().process_exception(request, exception)
        if isinstance(retry, Request):
            await self.wait(self.pause(int(retry.meta.get("retry_times", 1))))
        return retry

    def pause(self, attempt: int) -> float:
        return backoff_seconds(attempt, self.backoff, self.max_wait)

    async def wait(self, seconds: float) -> None:
        if seconds <= 0:
            return
        stats, key = self.crawler.stats, "newscrawl/retry/waited_seconds"
        stats.set_value(key, round(stats.get_value(key, 0.0) + seconds, 3))
        await asyncio.sleep(seconds)

    def count(self, key: str) -> None:
        self.crawler.stats.inc_value(f"newscrawl/retry/{key}")
