"""Why a link gave no record, as short stable reason codes (counted, and written to the rejects).

Download failures are told apart by the type of the exception, never by its message:
`http_503`, `timeout`, `dns`, `connection_refused`, `connection_lost`, `truncated`,
`too_large`, `robots_txt`, `redirect_loop`, `too_many_redirects`, `render_failed`, `ignored`.
Scrapy refuses a request with a bare `IgnoreRequest` in several middlewares; the middlewares
below replace three of Scrapy's and refuse with a type of their own (register them in
DOWNLOADER_MIDDLEWARES in place of Scrapy's):

    RobotsTxtMiddleware       RobotsTxtDisallowed   robots.txt forbids the URL
    RedirectMiddleware        RedirectLoop          a redirect back to a URL of its own chain
    MetaRefreshMiddleware                           (the same for <meta http-equiv=refresh>)
                              TooManyRedirects      more than REDIRECT_MAX_TIMES redirects
    HttpCompressionMiddleware DecompressedTooLarge  over DOWNLOAD_MAXSIZE once decompressed

A redirect loop is refused when it closes, and a redirect passes the duplicate and offsite
filters again, so neither outcome depends on whether a retry (which Scrapy sends with
`dont_filter`) came first.

Which reasons a run remembers is in newscrawl.run.reasons.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from scrapy.downloadermiddlewares.httpcompression import (
    HttpCompressionMiddleware as ScrapyHttpCompressionMiddleware,
)
from scrapy.downloadermiddlewares.redirect import (
    MetaRefreshMiddleware as ScrapyMetaRefreshMiddleware,
)
from scrapy.downloadermiddlewares.redirect import RedirectMiddleware as ScrapyRedirectMiddleware
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware as ScrapyRobotsTxtMiddleware
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.http import Request, Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet import defer
from twisted.internet import error as tx
from twisted.python.failure import Failure
from twisted.web import _newclient as tx_client
from twisted.web.client import PartialDownloadError
from twisted.web.http import PotentialDataLoss

from newscrawl.render.stats import RenderFailed


class RobotsTxtDisallowed(IgnoreRequest):
    """robots.txt forbids the URL."""


class RedirectLoop(IgnoreRequest):
    """A redirect leads back to a URL met earlier in the same chain."""


class TooManyRedirects(IgnoreRequest):
    """More redirects than REDIRECT_MAX_TIMES, without a loop."""


class DecompressedTooLarge(IgnoreRequest):
    """The body grows over DOWNLOAD_MAXSIZE when decompressed (a gzip bomb)."""


# Checked in order, with isinstance: Scrapy's own download errors (2.15+), then the Twisted
# ones that other download handlers may still raise.
_BY_TYPE: tuple[tuple[tuple[type[BaseException], ...], str], ...] = (
    ((RenderFailed,), "render_failed"),  # the browser's own reason is counted apart
    ((RobotsTxtDisallowed,), "robots_txt"),
    ((RedirectLoop,), "redirect_loop"),
    ((TooManyRedirects,), "too_many_redirects"),
    ((DecompressedTooLarge, DownloadCancelledError, defer.CancelledError), "too_large"),
    ((DownloadTimeoutError, tx.TimeoutError, tx.TCPTimedOutError), "timeout"),
    ((CannotResolveHostError, tx.DNSLookupError), "dns"),
    ((DownloadConnectionRefusedError, tx.ConnectionRefusedError), "connection_refused"),
    ((ResponseDataLossError, PartialDownloadError, PotentialDataLoss), "truncated"),
    (
        (DownloadFailedError, tx.ConnectionClosed, tx.ConnectError, tx_client.ResponseFailed,
         tx_client.ResponseNeverReceived),
        "connection_lost",
    ),
    ((IgnoreRequest,), "ignored"),
)  # fmt: skip


def failure_reason(failed: Failure | BaseException) -> str:
    """A short, stable name for why a download failed: http_503, timeout, too_large, ..."""
    exc = failed.value if isinstance(failed, Failure) else failed
    if isinstance(exc, HttpError):
        return f"http_{exc.response.status}"
    for types, reason in _BY_TYPE:
        if isinstance(exc, types):
            return reason
    return type(exc).__name__


# -- middlewares that refuse with a type of their own ------------------------------------------


class RobotsTxtMiddleware(ScrapyRobotsTxtMiddleware):
    def process_request_2(self, rp: Any, request: Request) -> None:
        try:
            super().process_request_2(rp, request)
        except IgnoreRequest as exc:  # the only refusal here: robots.txt forbids the URL
            raise RobotsTxtDisallowed(str(exc)) from None


def _refuse_loops(
    request: Request, response: Response, redirect: Callable[..., Request | Response]
) -> Request | Response:
    """Scrapy's `redirect(request, response)`, refusing a redirect that closes a loop and
    typing the redirect limit's refusal.

    The redirected request passes the duplicate and offsite filters like any new request,
    even when it redirects a retry (which Scrapy sends with `dont_filter`): otherwise a
    retried link could follow a redirect off the site."""
    try:
        result = redirect(request, response)
    except IgnoreRequest as exc:  # the only refusal here: the redirect limit
        raise TooManyRedirects(f"{exc}: {request.url}") from None
    if isinstance(result, Request) and result is not request:
        result.dont_filter = False
        chain = result.meta.get("redirect_urls", [])
        if result.url in chain:
            loop = " -> ".join([*chain[chain.index(result.url) :], result.url])
            raise RedirectLoop(f"redirect loop: {loop}")
    return result


class RedirectMiddleware(ScrapyRedirectMiddleware):
    def process_response(  # type: ignore[override]
        self, request: Request, response: Response
    ) -> Request | Response:
        return _refuse_loops(request, response, super().process_response)


class MetaRefreshMiddleware(ScrapyMetaRefreshMiddleware):
    def process_response(  # type: ignore[override]
        self, request: Request, response: Response
    ) -> Request | Response:
        return _refuse_loops(request, response, super().process_response)


class HttpCompressionMiddleware(ScrapyHttpCompressionMiddleware):
    def process_response(  # type: ignore[override]
        self, request: Request, response: Response
    ) -> Request | Response:
        try:
            return super().process_response(request, response)
        except IgnoreRequest as exc:  # the only refusal here: over DOWNLOAD_MAXSIZE
            raise DecompressedTooLarge(str(exc)) from None
