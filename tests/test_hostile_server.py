"""The hostile server misbehaves exactly as promised (checked with the standard library)."""

from __future__ import annotations

import contextlib
import http.client
import re
import socket
import threading
import time
import zlib
from collections.abc import Iterator
from contextlib import closing
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest

from tests.hostile_server import (
    ARTICLES,
    CHANGING_SLUG,
    DUPLICATE_SLUG,
    MB,
    RETRY_AFTER_SECONDS,
    WALL_PAGES,
    HostileServer,
)

HANG_SECONDS = 1.0
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(scope="module")
def server() -> Iterator[HostileServer]:
    with HostileServer(hang_seconds=HANG_SECONDS) as running:
        yield running


@pytest.fixture
def fresh_server() -> Iterator[HostileServer]:
    """A server of the test's own, for tests that flip switches or exhaust budgets."""
    with HostileServer(hang_seconds=HANG_SECONDS) as running:
        yield running


class Reply:
    def __init__(self, response: http.client.HTTPResponse, body: bytes):
        self.status = response.status
        self.headers = response.headers
        self.body = body

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


def connect(server: HostileServer, timeout: float = 5.0) -> http.client.HTTPConnection:
    return http.client.HTTPConnection("127.0.0.1", server.port, timeout=timeout)


def get(server: HostileServer, path: str, timeout: float = 5.0) -> Reply:
    with closing(connect(server, timeout)) as conn:
        conn.request("GET", path)
        response = conn.getresponse()
        return Reply(response, response.read())


def body_length(server: HostileServer, path: str) -> tuple[http.client.HTTPResponse, int]:
    """Read a large body in chunks, never holding it whole; the response and its size."""
    with closing(connect(server, timeout=10)) as conn:
        conn.request("GET", path)
        response = conn.getresponse()
        size = 0
        while chunk := response.read(MB):
            size += len(chunk)
        return response, size


def paragraphs(html: str) -> list[str]:
    return re.findall(r"<p>(.*?)</p>", html)


# -- the server itself ---------------------------------------------------------------------


def test_binds_localhost_on_a_free_port(server: HostileServer) -> None:
    assert server.base_url == f"http://127.0.0.1:{server.port}" and server.port > 0


def test_index_links_the_articles(server: HostileServer) -> None:
    assert ARTICLES[0].path in get(server, "/").text


def test_unknown_path_is_not_found(server: HostileServer) -> None:
    assert get(server, "/no/such/page").status == 404


def test_hits_count_requests_per_path(fresh_server: HostileServer) -> None:
    get(fresh_server, "/robots.txt")
    get(fresh_server, "/robots.txt")
    assert fresh_server.hits("/robots.txt") == 2


def test_request_budget_ends_in_503(fresh_server: HostileServer) -> None:
    fresh_server.max_requests = 1
    get(fresh_server, "/")
    assert get(fresh_server, "/").status == 503


def test_robots_txt_names_the_sitemap_index(server: HostileServer) -> None:
    assert f"Sitemap: {server.url('/sitemap-index.xml')}" in get(server, "/robots.txt").text


def test_stop_does_not_wait_for_a_hanging_request() -> None:
    with HostileServer(hang_seconds=30) as slow:

        def hang() -> None:
            with contextlib.suppress(OSError, http.client.HTTPException):
                get(slow, "/hang", timeout=30)

        client = threading.Thread(target=hang)
        client.start()
        time.sleep(0.2)
        started = time.monotonic()
        slow.stop()
        stopped_in = time.monotonic() - started
        client.join(timeout=10)
    assert stopped_in < 2


# -- good articles -------------------------------------------------------------------------


def test_article_has_title_byline_and_date(server: HostileServer) -> None:
    article = ARTICLES[0]
    html = get(server, article.path).text
    assert all(part in html for part in (article.title, article.byline, article.published))


@pytest.mark.parametrize("path", [a.path for a in ARTICLES] + [f"/articles/{CHANGING_SLUG}.html"])
def test_article_has_an_article_length_body(server: HostileServer, path: str) -> None:
    words = " ".join(paragraphs(get(server, path).text)).split()
    assert len(words) > 150


def test_article_names_its_canonical_url(server: HostileServer) -> None:
    html = get(server, ARTICLES[2].path).text
    assert f'<link rel="canonical" href="{server.url(ARTICLES[2].path)}">' in html


def test_duplicate_page_repeats_another_body(server: HostileServer) -> None:
    copy = paragraphs(get(server, f"/articles/{DUPLICATE_SLUG}.html").text)
    assert copy == paragraphs(get(server, ARTICLES[0].path).text)


def test_duplicate_page_has_no_canonical(server: HostileServer) -> None:
    assert 'rel="canonical"' not in get(server, f"/articles/{DUPLICATE_SLUG}.html").text


def test_changing_article_changes_when_flipped(fresh_server: HostileServer) -> None:
    path = f"/articles/{CHANGING_SLUG}.html"
    before = get(fresh_server, path).text
    fresh_server.flip()
    assert get(fresh_server, path).text != before


def test_changing_article_keeps_its_url_and_title_stem(fresh_server: HostileServer) -> None:
    fresh_server.flip()
    assert (
        "Council budget talks continue (updated)"
        in get(fresh_server, f"/articles/{CHANGING_SLUG}.html").text
    )


def test_changing_article_last_modified_advances(fresh_server: HostileServer) -> None:
    path = f"/articles/{CHANGING_SLUG}.html"
    before = get(fresh_server, path).headers["Last-Modified"]
    fresh_server.flip()
    assert get(fresh_server, path).headers["Last-Modified"] != before


def test_changing_article_lastmod_in_sitemap_advances(fresh_server: HostileServer) -> None:
    before = get(fresh_server, "/sitemaps/good.xml").text
    fresh_server.flip()
    assert get(fresh_server, "/sitemaps/good.xml").text != before


# -- feeds and sitemaps --------------------------------------------------------------------


def test_good_feed_lists_every_good_article(server: HostileServer) -> None:
    root = ElementTree.fromstring(get(server, "/feeds/good.xml").body)
    links = [link.text for link in root.iter("link")][1:]  # the first is the channel's
    assert links == [server.url(a.path) for a in ARTICLES] + [
        server.url(f"/articles/{CHANGING_SLUG}.html")
    ]


def test_hostile_feed_lists_tracking_duplicates(server: HostileServer) -> None:
    text = get(server, "/feeds/hostile.xml").text
    assert server.url(ARTICLES[0].path) + "?utm_source=rss&amp;utm_medium=feed" in text


def test_hostile_feed_lists_the_bad_pages(server: HostileServer) -> None:
    text = get(server, "/feeds/hostile.xml").text
    assert all(server.url(p) in text for p in ("/hang", "/reset", "/gzip-bomb", "/loop/a"))


def test_hostile_feed_lists_the_walls_which_answer_200(server: HostileServer) -> None:
    text = get(server, "/feeds/hostile.xml").text
    assert all(server.url(p) in text for p in WALL_PAGES)
    assert all(get(server, p).status == 200 for p in WALL_PAGES)


def test_good_sitemap_has_lastmod_for_every_url(server: HostileServer) -> None:
    root = ElementTree.fromstring(get(server, "/sitemaps/good.xml").body)
    urls = root.findall(f"{SITEMAP_NS}url")
    assert len(urls) == 4 and all(u.find(f"{SITEMAP_NS}lastmod") is not None for u in urls)


def test_sitemap_index_includes_itself(server: HostileServer) -> None:
    root = ElementTree.fromstring(get(server, "/sitemap-index.xml").body)
    locs = [loc.text for loc in root.iter(f"{SITEMAP_NS}loc")]
    assert server.url("/sitemap-index.xml") in locs


@pytest.mark.parametrize("path", ["/feeds/malformed.xml", "/sitemaps/malformed.xml"])
def test_malformed_xml_does_not_parse(server: HostileServer, path: str) -> None:
    with pytest.raises(ElementTree.ParseError):
        ElementTree.fromstring(get(server, path).body)


@pytest.mark.parametrize(
    ("path", "tag"), [("/feeds/enormous.xml", b"<item>"), ("/sitemaps/enormous.xml", b"<url>")]
)
def test_enormous_documents_exceed_the_sitemap_limit(
    server: HostileServer, path: str, tag: bytes
) -> None:
    assert get(server, path, timeout=20).body.count(tag) > 50_000


def test_enormous_documents_are_streamed(server: HostileServer) -> None:
    reply = get(server, "/sitemaps/enormous.xml", timeout=20)
    assert reply.headers["Transfer-Encoding"] == "chunked"


@pytest.mark.parametrize("path", ["/feeds/billion-laughs.xml", "/sitemaps/billion-laughs.xml"])
def test_billion_laughs_nests_ten_entity_levels(server: HostileServer, path: str) -> None:
    body = get(server, path).body
    assert len(re.findall(rb"<!ENTITY lol\d ", body)) == 10 and b"&lol9;" in body


@pytest.mark.parametrize("path", ["/feeds/billion-laughs.xml", "/sitemaps/billion-laughs.xml"])
def test_billion_laughs_is_small_on_the_wire(server: HostileServer, path: str) -> None:
    assert len(get(server, path).body) < 4096


@pytest.mark.parametrize("path", ["/feeds/external-entity.xml", "/sitemaps/external-entity.xml"])
def test_external_entity_points_at_a_local_file(server: HostileServer, path: str) -> None:
    assert b'SYSTEM "file:///etc/passwd"' in get(server, path).body


# -- hostile pages -------------------------------------------------------------------------


def test_hang_outlasts_a_client_timeout(server: HostileServer) -> None:
    with pytest.raises(TimeoutError):
        get(server, "/hang", timeout=0.3)


def test_hang_ends_after_hang_seconds(server: HostileServer) -> None:
    started = time.monotonic()
    reply = get(server, "/hang", timeout=HANG_SECONDS + 3)
    assert reply.status == 200 and time.monotonic() - started >= HANG_SECONDS * 0.9


def test_hang_after_headers_stalls_the_body(server: HostileServer) -> None:
    with closing(connect(server, timeout=0.5)) as conn:
        conn.request("GET", "/hang-after-headers")
        response = conn.getresponse()
        assert response.status == 200
        with pytest.raises(TimeoutError):
            response.read()


def test_reset_aborts_the_connection(server: HostileServer) -> None:
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as sock:
        sock.sendall(b"GET /reset HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        with pytest.raises(ConnectionResetError):
            while sock.recv(4096):
                pass


@pytest.mark.parametrize("code", [500, 403, 404, 503])
def test_status_pages_answer_their_status(server: HostileServer, code: int) -> None:
    assert get(server, f"/status/{code}").status == code


def test_too_many_requests_says_when_to_retry(server: HostileServer) -> None:
    reply = get(server, "/status/429")
    assert (reply.status, reply.headers["Retry-After"]) == (429, str(RETRY_AFTER_SECONDS))


def test_truncated_body_is_shorter_than_promised(server: HostileServer) -> None:
    with pytest.raises(http.client.IncompleteRead):
        get(server, "/truncated")


def test_lying_utf8_header_carries_windows_1252(server: HostileServer) -> None:
    reply = get(server, "/charset/lying-header")
    assert "charset=utf-8" in reply.headers["Content-Type"]
    with pytest.raises(UnicodeDecodeError):
        reply.body.decode("utf-8")


def test_lying_latin1_header_carries_utf8(server: HostileServer) -> None:
    reply = get(server, "/charset/lying-latin1")
    assert "iso-8859-1" in reply.headers["Content-Type"] and "Grünau" in reply.text


def test_gzip_bomb_is_small_on_the_wire(server: HostileServer) -> None:
    reply = get(server, "/gzip-bomb", timeout=20)
    assert reply.headers["Content-Encoding"] == "gzip"
    assert len(reply.body) < server.bomb_bytes // 500


def test_gzip_bomb_inflates_to_its_full_size(server: HostileServer) -> None:
    data = get(server, "/gzip-bomb", timeout=20).body
    inflater = zlib.decompressobj(31)
    size = 0
    while data:  # inflate one MB at a time, as a careful client would
        size += len(inflater.decompress(data, MB))
        data = inflater.unconsumed_tail
    assert size == server.bomb_bytes


def test_huge_page_announces_fifty_megabytes(server: HostileServer) -> None:
    with closing(connect(server)) as conn:
        conn.request("GET", "/huge")
        response = conn.getresponse()
        assert int(response.headers["Content-Length"]) == 50 * MB


def test_huge_page_sends_fifty_megabytes(server: HostileServer) -> None:
    assert body_length(server, "/huge")[1] == 50 * MB


def test_huge_chunked_page_has_no_length(server: HostileServer) -> None:
    with closing(connect(server)) as conn:
        conn.request("GET", "/huge-chunked")
        response = conn.getresponse()
        assert response.headers["Content-Length"] is None
        assert len(response.read(MB)) == MB


@pytest.mark.parametrize(("start", "target"), [("/loop/a", "/loop/b"), ("/loop/b", "/loop/a")])
def test_redirect_loop_goes_round(server: HostileServer, start: str, target: str) -> None:
    reply = get(server, start)
    assert (reply.status, reply.headers["Location"]) == (302, target)


def test_self_redirect_points_at_itself(server: HostileServer) -> None:
    assert get(server, "/redirect/self").headers["Location"] == "/redirect/self"


def test_offsite_redirect_leaves_the_host(server: HostileServer) -> None:
    location = get(server, "/redirect/offsite").headers["Location"]
    assert urlsplit(location).hostname == "offsite.invalid"


def test_other_host_redirect_names_the_same_machine_differently(server: HostileServer) -> None:
    location = get(server, "/redirect/other-host").headers["Location"]
    assert (urlsplit(location).hostname, urlsplit(location).port) == ("localhost", server.port)
