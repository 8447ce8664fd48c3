"""Failed downloads are classified by exception type; refusals raise types of their own."""

from __future__ import annotations

import gzip
from typing import Any

import pytest
from scrapy import Spider
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.http import HtmlResponse, Request, Response
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.misc import build_from_crawler
from scrapy.utils.test import get_crawler
from twisted.internet import defer
from twisted.internet import error as tx
from twisted.web._newclient import ResponseNeverReceived

from newscrawl.render.stats import RenderFailed
from newscrawl.run.failures import (
    DecompressedTooLarge,
    HttpCompressionMiddleware,
    MetaRefreshMiddleware,
    RedirectLoop,
    RedirectMiddleware,
    RobotsTxtDisallowed,
    RobotsTxtMiddleware,
    TooManyRedirects,
    failure_reason,
)
from newscrawl.run.reasons import NOT_ARTICLE, WALLS


@pytest.mark.parametrize(
    ("exc", "reason"),
    [
        (DownloadTimeoutError("took too long"), "timeout"),
        (tx.TimeoutError(), "timeout"),
        (tx.TCPTimedOutError(), "timeout"),
        (CannotResolveHostError("no such host"), "dns"),
        (tx.DNSLookupError(), "dns"),
        (DownloadConnectionRefusedError(), "connection_refused"),
        (tx.ConnectionRefusedError(), "connection_refused"),
        (DownloadFailedError(), "connection_lost"),
        (tx.ConnectionLost(), "connection_lost"),
        (tx.ConnectionDone(), "connection_lost"),
        (ResponseNeverReceived([]), "connection_lost"),
        (ResponseDataLossError(), "truncated"),
        (DownloadCancelledError("over the size limit"), "too_large"),
        (defer.CancelledError(), "too_large"),
        (DecompressedTooLarge("bomb"), "too_large"),
        (RobotsTxtDisallowed(), "robots_txt"),
        (RedirectLoop(), "redirect_loop"),
        (TooManyRedirects(), "too_many_redirects"),
        (IgnoreRequest(), "ignored"),
        (RenderFailed("timeout", "still rendering after 30 s"), "render_failed"),
    ],
)
def test_download_failure_is_classified_by_type(exc: BaseException, reason: str) -> None:
    assert failure_reason(exc) == reason


@pytest.mark.parametrize("message", ["Forbidden by robots.txt", "max redirections reached"])
def test_the_message_of_a_refusal_does_not_change_its_reason(message: str) -> None:
    assert failure_reason(IgnoreRequest(message)) == "ignored"


def test_http_error_gives_its_status() -> None:
    response = Response("https://example.org/a", status=503)
    assert failure_reason(HttpError(response)) == "http_503"


def test_unknown_exception_gives_its_type_name() -> None:
    class StrangeError(Exception):
        pass

    assert failure_reason(StrangeError()) == "StrangeError"


def test_not_article_reasons_hold_the_walls_and_not_the_transient_failures() -> None:
    assert {"not_article", "paywall", "login_wall", "consent_wall", "soft_404"} <= NOT_ARTICLE
    assert not {"timeout", "http_503", "too_complex", "connection_lost"} & NOT_ARTICLE
    assert WALLS <= NOT_ARTICLE and not {"not_article", "soft_404", "binary"} & WALLS


# -- the middlewares -------------------------------------------------------------------------


def middleware(cls: type, **settings: Any) -> Any:
    crawler = get_crawler(Spider, settings_dict=settings)
    crawler.spider = crawler._create_spider("test")
    return build_from_crawler(cls, crawler)


def redirect(request: Request, to: str) -> Response:
    return Response(request.url, status=302, headers={"Location": to})


def follow(mw: Any, request: Request, to: str) -> Any:
    return mw.process_response(request, redirect(request, to))


def test_redirect_back_to_the_start_is_a_loop() -> None:
    mw = middleware(RedirectMiddleware)
    second = follow(mw, Request("http://a.example/loop/a"), "/loop/b")
    with pytest.raises(RedirectLoop, match=r"loop/a -> http://a\.example/loop/b -> "):
        follow(mw, second, "/loop/a")


def test_redirect_loop_is_refused_for_a_retried_request_too() -> None:
    # A retry is sent with dont_filter: the duplicate filter no longer stops the loop.
    mw = middleware(RedirectMiddleware)
    second = follow(mw, Request("http://a.example/loop/a", dont_filter=True), "/loop/b")
    with pytest.raises(RedirectLoop):
        follow(mw, second, "/loop/a")


def test_redirect_of_a_retried_request_passes_the_filters_again() -> None:
    # Otherwise a retried link could follow a redirect off the site (the offsite filter
    # lets dont_filter requests through).
    mw = middleware(RedirectMiddleware)
    retried = Request("http://a.example/moved", dont_filter=True)
    assert follow(mw, retried, "http://elsewhere.example/").dont_filter is False


def test_redirect_to_itself_is_a_loop() -> None:
    with pytest.raises(RedirectLoop):
        follow(middleware(RedirectMiddleware), Request("http://a.example/self"), "/self")


def test_redirect_chain_without_a_loop_is_followed() -> None:
    mw = middleware(RedirectMiddleware)
    second = follow(mw, Request("http://a.example/1"), "/2")
    assert follow(mw, second, "/3").url == "http://a.example/3"


def test_too_many_redirects_has_its_own_type() -> None:
    mw = middleware(RedirectMiddleware, REDIRECT_MAX_TIMES=2)
    request = Request("http://a.example/0")
    with pytest.raises(TooManyRedirects):
        for n in range(1, 5):
            request = follow(mw, request, f"/{n}")


def test_meta_refresh_loop_is_refused() -> None:
    mw = middleware(MetaRefreshMiddleware)
    request = Request("http://a.example/refresh")
    page = b'<html><head><meta http-equiv="refresh" content="0; url=/refresh"></head></html>'
    with pytest.raises(RedirectLoop):
        mw.process_response(request, HtmlResponse(request.url, body=page))


class Forbidding:
    def allowed(self, url: str, user_agent: Any) -> bool:
        return False


def test_robots_txt_refusal_has_its_own_type() -> None:
    mw = middleware(RobotsTxtMiddleware, ROBOTSTXT_OBEY=True)
    with pytest.raises(RobotsTxtDisallowed):
        mw.process_request_2(Forbidding(), Request("http://a.example/private"))


def test_gzip_bomb_refusal_has_its_own_type() -> None:
    mw = middleware(HttpCompressionMiddleware, DOWNLOAD_MAXSIZE=10_000)
    request = Request("http://a.example/bomb")
    body = gzip.compress(bytes(100_000))
    response = Response(request.url, body=body, headers={"Content-Encoding": "gzip"})
    with pytest.raises(DecompressedTooLarge):
        mw.process_response(request, response)
