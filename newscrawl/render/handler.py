"""The download handler of a crawl that may render pages: scrapy-playwright's, kept in bounds.

Requests without `meta["playwright"]` go through Scrapy's own HTTP handler, as in any crawl.
For the others, beyond what scrapy-playwright does (one page per request, closed after use):
- one handler serves http and https, so a crawl has one browser and one cap;
- Playwright and Chromium start with the first page to render, not with the crawl: a crawl
  that renders nothing starts no browser;
- at most NEWSCRAWL_RENDER_CONCURRENCY pages render at once; a page must load within
  NEWSCRAWL_RENDER_TIMEOUT seconds, then gets up to SETTLE_SECONDS for the requests its
  scripts make (fetch() of the article's data), and is cut off past that;
- images, media and fonts are never downloaded (`skip_heavy`, PLAYWRIGHT_ABORT_REQUEST);
- after NEWSCRAWL_RENDER_RESTART_PAGES pages, or once Playwright and Chromium together hold
  more than NEWSCRAWL_RENDER_MAX_MEMORY_MB of resident memory, or when a page could not be
  closed, no new page starts; when the last one is done, Chromium and the Playwright driver are
  closed, and the next page starts them afresh. Closing everything at a quiet moment frees all
  that a long run may pile up (renderer caches, the driver's bookkeeping, a leaked page), which
  rotating contexts alone would not.
"""

from __future__ import annotations

import asyncio
import logging
import os
from contextlib import suppress
from typing import Any
from weakref import WeakKeyDictionary

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page
from playwright.async_api import Request as PlaywrightRequest
from playwright.async_api import TimeoutError as PlaywrightTimeoutError
from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.http import Request, Response
from scrapy.settings import BaseSettings
from scrapy_playwright.handler import ScrapyPlaywrightDownloadHandler

from newscrawl.render import memory
from newscrawl.render.stats import BROWSER_PEAK_MB, PREFIX, RESTARTS, RenderFailed

logger = logging.getLogger(__name__)

# What a page may load: no images, video, audio or fonts (no text is drawn from them).
BLOCKED_RESOURCES = frozenset({"image", "media", "font"})
# After the load event, the page's own requests get this long to finish (no request for
# 500 ms: "network idle"); a page that keeps polling is read as it stands then.
SETTLE_SECONDS = 5.0
# Past its time-out and settling time, a page still rendering is cut off this much later.
GRACE_SECONDS = 5.0
CLOSE_SECONDS = 10.0  # closing a page or the browser that takes longer is given up

_MB = 1024 * 1024
_HANDLERS: WeakKeyDictionary[Crawler, RenderHandler] = WeakKeyDictionary()


def skip_heavy(request: PlaywrightRequest) -> bool:
    """PLAYWRIGHT_ABORT_REQUEST: True for a resource the browser must not download."""
    return request.resource_type in BLOCKED_RESOURCES


class RenderLimits:
    def __init__(self, settings: BaseSettings) -> None:
        self.timeout = settings.getfloat("NEWSCRAWL_RENDER_TIMEOUT", 30.0)
        self.concurrency = max(1, settings.getint("NEWSCRAWL_RENDER_CONCURRENCY", 2))
        self.restart_pages = settings.getint("NEWSCRAWL_RENDER_RESTART_PAGES", 100)
        self.max_memory = settings.getfloat("NEWSCRAWL_RENDER_MAX_MEMORY_MB", 1024.0) * _MB

    @property
    def cutoff(self) -> float:
        return self.timeout + SETTLE_SECONDS + GRACE_SECONDS


class RenderHandler(ScrapyPlaywrightDownloadHandler):
    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.limits = RenderLimits(crawler.settings)
        self.config.navigation_timeout_ms = self.limits.timeout * 1000
        self.config.max_pages_per_context = self.limits.concurrency
        self._start_lock = asyncio.Lock()
        self._gate = asyncio.Condition()
        self._busy = 0  # pages rendering now
        self._since_start = 0  # pages rendered since the browser started
        self._restart_why: str | None = None  # set: no new page until the browser restarted
        self._hung = False  # a page could not be closed
        self._pages: dict[int, Page] = {}  # id(request) -> its page, while it renders
        self._closed = False

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RenderHandler:
        """One handler per crawler, for every scheme it is installed for."""
        if crawler not in _HANDLERS:
            _HANDLERS[crawler] = cls(crawler)
        return _HANDLERS[crawler]

    # -- starting and closing ----------------------------------------------------------------

    async def _maybe_launch_in_thread(self) -> None:
        """Not at engine start: the first page to render starts Playwright (`_start`)."""

    def _engine_started(self) -> Any:  # the same, for Scrapy releases before 2.14
        return None

    async def _start(self) -> None:
        async with self._start_lock:
            if getattr(self, "browser_provider", None) is None:
                await self._launch()

    async def close(self) -> None:
        if not self._closed:  # installed for http and https: Scrapy closes it twice
            self._closed = True
            await super().close()

    # -- rendering ---------------------------------------------------------------------------

    async def _download_request(self, request: Request, spider: Spider | None = None) -> Response:
        await self._enter()
        try:
            await self._start()
        except Exception as exc:
            await self._leave()
            raise RenderFailed("browser_error", f"Playwright did not start: {exc}") from exc
        try:
            return await self._render(request, spider)
        finally:
            await self._leave()

    async def _render(self, request: Request, spider: Spider | None) -> Response:
        try:
            return await asyncio.wait_for(super()._download_request(request, spider),
                                          self.limits.cutoff)
        except PlaywrightTimeoutError as exc:
            raise RenderFailed("timeout", exc.message.splitlines()[0]) from exc
        except TimeoutError as exc:  # our cut-off: scrapy-playwright has not closed the page
            await self._close_page(request)
            raise RenderFailed("timeout", f"still rendering after {self.limits.cutoff:g} s") \
                from exc
        except PlaywrightError as exc:
            raise RenderFailed(_browser_error(exc), exc.message.splitlines()[0]) from exc
        finally:
            self._pages.pop(id(request), None)

    async def _create_page(self, request: Request, spider: Spider) -> Page:
        page = await super()._create_page(request=request, spider=spider)
        self._pages[id(request)] = page
        return page

    async def _apply_page_methods(self, page: Page, request: Request, spider: Spider) -> None:
        await super()._apply_page_methods(page, request, spider)
        with suppress(PlaywrightTimeoutError):
            await page.wait_for_load_state("networkidle", timeout=SETTLE_SECONDS * 1000)

    async def _close_page(self, request: Request) -> None:
        page = self._pages.pop(id(request), None)
        if page is None or page.is_closed():
            return
        try:
            await asyncio.wait_for(page.close(), CLOSE_SECONDS)
        except (PlaywrightError, TimeoutError):
            self._hung = True  # the restart closes it with the browser

    # -- the cap, and restarts at a quiet moment ---------------------------------------------

    async def _enter(self) -> None:
        async with self._gate:
            await self._gate.wait_for(
                lambda: self._restart_why is None and self._busy < self.limits.concurrency
            )
            self._busy += 1

    async def _leave(self) -> None:
        async with self._gate:
            self._busy -= 1
            self._since_start += 1
            self._restart_why = self._restart_why or self._restart_due()
            if self._restart_why is None or self._busy:
                self._gate.notify_all()
                return
        try:
            await self._restart(self._restart_why)
        except Exception:  # the page is done either way; the next one starts a new browser
            logger.exception("the browser did not close cleanly")
        async with self._gate:
            self._restart_why, self._since_start, self._hung = None, 0, False
            self._gate.notify_all()

    def _restart_due(self) -> str | None:
        if self._hung:
            return "hung_page"
        if self.limits.restart_pages and self._since_start >= self.limits.restart_pages:
            return "pages"
        used = self.browser_memory()
        if used is not None:
            self.stats.max_value(PREFIX + BROWSER_PEAK_MB, round(used / _MB))
            if self.limits.max_memory and used > self.limits.max_memory:
                return "memory"
        return None

    def browser_memory(self) -> int | None:
        """Resident bytes of the crawl's child processes: the Playwright driver and every
        Chromium process under it (the crawl starts no others)."""
        return memory.children_memory(os.getpid())

    async def _restart(self, why: str) -> None:
        """Close every context, the browser and the Playwright driver; none is rendering."""
        logger.info("closing the browser after %d pages (%s); the next page starts it again",
                    self._since_start, why)
        browser = getattr(self, "browser", None)
        if browser is not None:  # scrapy-playwright would relaunch it at once
            with suppress(KeyError, ValueError):
                browser.remove_listener("disconnected", self._browser_disconnected_callback)
        async with self.browser_launch_lock:
            with suppress(PlaywrightError, TimeoutError):
                await asyncio.wait_for(self._close(), CLOSE_SECONDS)
            self.context_wrappers.clear()
            if hasattr(self, "browser"):
                del self.browser
            self.browser_provider = None
        self.stats.inc_value(f"{PREFIX}{RESTARTS}{why}")


def _browser_error(exc: PlaywrightError) -> str:
    message = exc.message.lower()
    if "crash" in message:
        return "crashed"
    if "net::err_" in message:
        return "network_error"
    if "closed" in message:
        return "browser_closed"
    return "browser_error"
