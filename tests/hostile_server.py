"""A local web server that misbehaves on purpose, for crawls that must survive a hostile web.

    with HostileServer(hang_seconds=5) as server:
        server.url("/feeds/hostile.xml")   # http://127.0.0.1:<port>/feeds/hostile.xml
        server.flip()                      # the changing article changes
        server.hits("/articles/a.html")    # how often a path was requested

It binds 127.0.0.1 on a free port and serves, besides a few good articles with their feeds and
sitemaps, pages that hang (until the client hangs up, at most `hang_seconds`), reset the
connection, answer 500/429/403, send less than their Content-Length, lie about their charset,
gzip bombs, 50 MB pages (sent in chunks), redirect loops and redirects to other hosts,
malformed and enormous feeds and sitemaps, XML entity expansion and external entities,
tracking-parameter duplicates, a sitemap that lists pages which are no article (an "about"
page, a tag page), an article that changes when the test flips a switch, pages that answer 200
where an article should be (a login wall, a paywall teaser, a consent wall, a soft 404, a
"checking your browser" interstitial) beside a paywalled article whose full text is on the
page, a UTF-8 page with one invalid byte, a page with NUL bytes, a sitemap with bare `&` in its
URLs and a broken tag mid-file, and a page of 100,000 short paragraphs.

Every response ends: streams stop at their size or when the server stops, hangs stop when
the client hangs up, after `hang_seconds` or when the server stops, and after `max_requests`
requests everything is 503.
Run `python -m tests.hostile_server` to browse it.
"""

from __future__ import annotations

import contextlib
import io
import re
import select
import socket
import struct
import threading
import time
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tests.extraction import wall_pages

MB = 1024 * 1024
CHUNK = 64 * 1024
TRACKING_SUFFIXES = (
    "?utm_source=rss&utm_medium=feed&utm_campaign=daily",
    "?fbclid=IwAR0hostile#comments",
    "?gclid=abc123&mc_cid=42&mc_eid=7",
    "?ref=rss&_ga=2.1.2.3&igshid=xyz",
)
RETRY_AFTER_SECONDS = 2
BASE_DATE = datetime(2026, 11, 3, 8, 15, tzinfo=UTC)


@dataclass(frozen=True)
class Article:
    slug: str
    title: str
    byline: str
    published: str  # ISO 8601 with offset, as the page gives it
    section: str
    paragraphs: tuple[str, ...]

    @property
    def path(self) -> str:
        return f"/articles/{self.slug}.html"


ARTICLES: tuple[Article, ...] = (
    Article(
        slug="harbour-bridge-reopens",
        title="Harbour bridge reopens after two years of repairs",
        byline="By Ilse Marwood and Teo Banfield",
        published="2026-11-02T07:30:00+01:00",
        section="City",
        paragraphs=(
            "The Kessel Harbour bridge carried its first buses on Monday morning, ending a "
            "closure that had pushed commuters onto ferries and a long detour through the "
            "industrial quarter since the autumn of two years ago.",
            "Engineers replaced all forty-two cable anchors and resurfaced the deck with a "
            "lighter compound, which the city says will cut maintenance costs by a third over "
            "the next decade.",
            "Shopkeepers on the northern approach said trade had fallen by half during the "
            "works. Several said they would wait for the spring before deciding whether to "
            "renew their leases.",
            "The transport office said cyclists would get a separated lane from December, once "
            "the last barriers on the southern ramp are removed and the lighting is tested.",
            "A ribbon was cut at eight o'clock by the oldest member of the harbour pilots' "
            "guild, who had crossed the bridge on its opening day more than sixty years ago.",
            "Ferry operators, who doubled their timetable during the closure, will return to "
            "the winter schedule next week. The city has promised to keep the late boat to the "
            "island running until the end of the year for night-shift workers at the docks.",
        ),
    ),
    Article(
        slug="orchard-cooperative-harvest",
        title="Orchard cooperative reports its best apple harvest in a decade",
        byline="By Ruth Okonjo, Associated Press",
        published="2026-11-01T16:05:00-05:00",
        section="Business",
        paragraphs=(
            "Growers in the Laneby valley cooperative picked just over nine thousand tonnes of "
            "apples this season, the most since the group began keeping joint records.",
            "A mild spring without late frost and a dry, warm September gave the fruit time to "
            "ripen, the cooperative's chairwoman told members at the annual meeting.",
            "Prices, however, have not followed. Wholesale buyers are paying roughly the same "
            "per crate as last year, and fuel and packaging have both become dearer.",
            "The cooperative plans to press a larger share of the crop into juice and cider, "
            "which keep longer and fetch steadier prices at the regional markets.",
            "Members voted to spend part of the surplus on a second cold store near the rail "
            "siding, to be built over the winter if the planning office agrees.",
            "Younger growers at the meeting asked for help replacing old trees with varieties "
            "that need less water. The board promised a proposal by March, together with an "
            "estimate of what the regional agriculture fund might be willing to contribute.",
        ),
    ),
    Article(
        slug="library-night-hours",
        title="Central library to stay open until midnight during exam weeks",
        byline="By Pavel Strand",
        published="2026-10-30T12:00:00+00:00",
        section="Education",
        paragraphs=(
            "The central library will keep its reading rooms open until midnight for the four "
            "weeks before the winter examinations, the council's culture committee decided.",
            "Students had collected more than three thousand signatures asking for longer hours "
            "after the university closed two of its own study halls for renovation.",
            "The extra hours will be staffed by volunteers from the friends of the library "
            "association and two additional security guards paid from the events budget.",
            "Coffee and tea will be served in the foyer until ten, and the children's floor "
            "will stay closed in the evenings to save heating costs.",
            "The committee will review visitor numbers in February and decide whether to "
            "repeat the arrangement for the summer examinations.",
            "Librarians said the late opening would also help readers who work during the day. "
            "The newspaper archive on the second floor, which draws local historians and "
            "family researchers, will however keep its usual hours because of staff shortages.",
        ),
    ),
)
DUPLICATE_SLUG = "bridge-story-copy"  # same body as ARTICLES[0], another URL, no canonical
CHANGING_SLUG = "council-budget-live"
# Pages with faults in their bytes, each a story of its own (no body repeats another).
BAD_BYTE_ARTICLE = Article(
    slug="cafe-terraces",
    title="Café terraces on Zoë Street may stay open until eleven",
    byline="By Aurélie Brandt",
    published="2026-11-02T18:40:00+01:00",
    section="City",
    paragraphs=(
        "Cafés on Zoë Street will be allowed to serve on their terraces until eleven in the "
        "evening from next spring, if the district council approves a trial on Thursday.",
        "Residents of the upper floors have asked for quieter glass screens and for the "
        "last orders to be taken at half past ten, so that the street empties in time.",
        "The owner of the crêperie at the corner said the extra hour would pay for two "
        "more waiters during the summer, when the square fills with visitors.",
        "The trial would run for six months, after which noise measurements and complaints "
        "will decide whether the later hours become permanent.",
    ),
)
NUL_ARTICLE = Article(
    slug="tram-depot",
    title="Old tram depot to become a climbing hall",
    byline="By Jonas Lindqvist",
    published="2026-11-01T10:00:00+01:00",
    section="Sport",
    paragraphs=(
        "The brick tram depot on the eastern ring road, empty for a decade, will be turned "
        "into a climbing hall with a café and a small workshop for bicycle repairs.",
        "A climbing club of four hundred members bought the building from the city and will "
        "keep the rails in the floor and the painted route numbers above the gates.",
        "Work on the roof begins in January; the club hopes to open the first walls to "
        "members before the summer holidays and to schools from the autumn.",
        "Neighbours welcomed the plan but asked for bicycle stands in front of the building, "
        "since the nearest tram stop is a long walk away from the entrance.",
    ),
)
PAGED_PATH = "/paged"
PAGED_QUERY = "section=local&page=2"  # the only query the page answers to
PAGED_ARTICLE = Article(
    slug="paged",
    title="Night buses return to the harbour line",
    byline="By Mette Aalund",
    published="2026-11-03T06:00:00+01:00",
    section="Local",
    paragraphs=(
        "Night buses will run again on the harbour line from Friday, three years after the "
        "service was cut to save money during the bridge repairs.",
        "Buses will leave the central station every forty minutes between midnight and five "
        "in the morning and stop at the ferry terminal and the hospital.",
        "Shift workers at the docks had collected signatures for months; the transport "
        "office says the new timetable costs less than a taxi voucher scheme would.",
        "The service will be reviewed after a year, when ticket sales show whether the "
        "buses are used as much as the petition promised.",
    ),
)
AFTER_BREAK_ARTICLE = Article(
    slug="after-the-break",
    title="Lighthouse keeper's cottage opens as a museum",
    byline="By Ola Fenwick",
    published="2026-10-31T15:30:00+00:00",
    section="Culture",
    paragraphs=(
        "The keeper's cottage below the north lighthouse opens as a small museum on Saturday, "
        "with logbooks, lamps and uniforms that the last keeper's family kept.",
        "Volunteers spent two winters cleaning the lenses and copying the logbooks, which "
        "record every storm and every ship that passed between the wars.",
        "Entry is free for the first month; after that the museum will charge a small fee to "
        "pay for heating and for a guide at weekends.",
        "School classes can book visits on weekday mornings, when the tower itself is also "
        "open to groups of no more than ten people at a time.",
    ),
)
BROKEN_ENTRY_SLUG = "broken-entry"  # listed only inside a broken sitemap entry: never fetched
MANY_PARAGRAPHS = 100_000


def _article_html(article: Article, *, canonical: str | None, charset: str = "utf-8") -> str:
    body = "\n".join(f"    <p>{escape(p)}</p>" for p in article.paragraphs)
    link = f'  <link rel="canonical" href="{escape(canonical)}">\n' if canonical else ""
    return (
        f'<!DOCTYPE html>\n<html lang="en">\n<head>\n  <meta charset="{charset}">\n'
        f"  <title>{escape(article.title)} | Kessel Courier</title>\n{link}"
        f'  <meta property="og:title" content="{escape(article.title)}">\n'
        f'  <meta property="article:published_time" content="{article.published}">\n'
        f'  <meta property="article:section" content="{escape(article.section)}">\n'
        '</head>\n<body>\n  <nav><a href="/">Home</a> <a href="/feeds/good.xml">RSS</a></nav>\n'
        f"  <article>\n    <h1>{escape(article.title)}</h1>\n"
        f'    <p class="byline">{escape(article.byline)}</p>\n'
        f'    <time datetime="{article.published}">{article.published[:10]}</time>\n'
        f"{body}\n  </article>\n  <footer>© Kessel Courier. All rights reserved.</footer>\n"
        "</body>\n</html>\n"
    )


def changing_article(version: int) -> Article:
    """The article behind CHANGING_SLUG as it reads at `version` (1, 2, ...)."""
    updates = tuple(
        f"Update {n}: the finance committee published revised figures for the "
        f"{n}th time, moving the projected deficit by another {n * 3} million."
        for n in range(2, version + 1)
    )
    return Article(
        slug=CHANGING_SLUG,
        title="Council budget talks continue" + (" (updated)" if version > 1 else ""),
        byline="By Nadia Voss",
        published="2026-11-03T09:00:00+01:00",
        section="Politics",
        paragraphs=(
            "Council members met for a third day of budget talks on Tuesday as the deadline "
            "for a balanced plan drew closer and the opposition demanded an independent audit.",
            "The treasurer said the city could close most of the gap by delaying two road "
            "projects, but the transport committee rejected the idea before lunch.",
            "Talks are expected to continue late into the evening and a vote could come as "
            "early as Thursday if the groups agree on the school maintenance fund.",
            "Outside the town hall, a small group of parents handed out leaflets asking the "
            "council to protect the money set aside for heating repairs in three primary "
            "schools, where classrooms were closed for a week during last winter's cold spell.",
            "The mayor told reporters she remained confident of a deal and that no services "
            "would be cut this year, though she declined to say which projects might be "
            "postponed to the following budget if the talks failed to close the gap.",
            *updates,
        ),
    )


def _billion_laughs(root: str, inner: str) -> bytes:
    # Ten levels of ten references each: a 1 KB document that expands to 3 GB of "lol".
    levels = ['  <!ENTITY lol0 "lol">']
    for level in range(1, 10):
        refs = f"&lol{level - 1};" * 10
        levels.append(f'  <!ENTITY lol{level} "{refs}">')
    doctype = "<!DOCTYPE {} [\n{}\n]>".format(root, "\n".join(levels))
    return f'<?xml version="1.0"?>\n{doctype}\n{inner.format(lol="&lol9;")}\n'.encode()


def _external_entity(root: str, inner: str) -> bytes:
    doctype = f'<!DOCTYPE {root} [\n  <!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>'
    return f'<?xml version="1.0"?>\n{doctype}\n{inner.format(lol="&xxe;")}\n'.encode()


class _Server(ThreadingHTTPServer):
    # Handler threads are joined on close; they all end because every response is bounded.
    daemon_threads = False
    block_on_close = True
    allow_reuse_address = True

    def __init__(self, hostile: HostileServer):
        self.hostile = hostile
        self.open_sockets: set[socket.socket] = set()
        self.sockets_lock = threading.Lock()
        super().__init__(("127.0.0.1", 0), _Handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        with self.sockets_lock:
            self.open_sockets.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self.sockets_lock:
            self.open_sockets.discard(request)
        super().shutdown_request(request)

    def unblock_all(self) -> None:
        """Wake every handler blocked on a socket, so stopping never waits on a client."""
        with self.sockets_lock:
            sockets = list(self.open_sockets)
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # clients hanging up on purpose is the point of this server


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server
    timeout = 10  # a client that connects and says nothing is dropped

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self.close_connection = True  # one request per connection keeps every handler short
        hostile = self.server.hostile
        path = urlsplit(self.path).path
        if not hostile._count(self.path):
            self.send_bytes(503, b"request budget of this test server exhausted\n", "text/plain")
            return
        handler = hostile._route(path)
        with contextlib.suppress(OSError):  # the client went away or the server is stopping
            handler(self, path)

    # -- response helpers ----------------------------------------------------------------

    def start(self, status: int, content_type: str, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Connection", "close")
        for name, value in (headers or {}).items():
            self.send_header(name, value)

    def send_bytes(
        self,
        status: int,
        body: bytes,
        content_type: str = "text/html; charset=utf-8",
        headers: dict[str, str] | None = None,
    ) -> None:
        self.start(status, content_type, headers)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def send_chunked(self, pieces: Iterable[bytes], content_type: str) -> None:
        self.start(200, content_type, {"Transfer-Encoding": "chunked"})
        self.end_headers()
        stopped = self.server.hostile._stopped
        for piece in pieces:
            if stopped.is_set():
                return  # the client sees an unfinished chunked body, as it should
            self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
        self.wfile.write(b"0\r\n\r\n")

    def redirect(self, location: str, status: int = 302) -> None:
        self.send_bytes(status, b"", headers={"Location": location})

    def reset(self) -> None:
        """Abort the connection with a TCP RST instead of an orderly close."""
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.rfile.close()  # the socket closes for real once its file objects are gone
        self.connection.close()
        # The base handler flushes and closes these afterwards; give it harmless stand-ins.
        self.rfile, self.wfile = io.BytesIO(), io.BytesIO()


Route = Callable[[_Handler, str], None]


class HostileServer:
    """The hostile test server; use it as a context manager or call start/stop."""

    def __init__(
        self,
        *,
        hang_seconds: float = 30.0,
        huge_bytes: int = 50 * MB,
        bomb_bytes: int = 128 * MB,
        enormous_items: int = 60_000,
        max_requests: int = 5_000,
    ):
        self.hang_seconds = hang_seconds
        self.huge_bytes = huge_bytes
        self.bomb_bytes = bomb_bytes
        self.enormous_items = enormous_items
        self.max_requests = max_requests
        self.version = 1
        self._hits: Counter[str] = Counter()
        self._requests = 0
        self._lock = threading.Lock()
        self._stopped = threading.Event()
        self._bomb: bytes | None = None
        self._built: dict[str, bytes] = {}
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle -----------------------------------------------------------------------

    def start(self) -> HostileServer:
        self._stopped.clear()
        self._server = _Server(self)
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is None:
            return
        server, self._server = self._server, None
        self._stopped.set()
        server.shutdown()
        server.unblock_all()
        server.server_close()  # joins the handler threads
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> HostileServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("the hostile server is not running")
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return self.base_url + path

    # -- switches and counters -----------------------------------------------------------

    def flip(self) -> int:
        """Change the changing article (and its lastmod); the new version."""
        with self._lock:
            self.version += 1
            return self.version

    def hits(self, path: str | None = None) -> int:
        """Requests served for `path` (with its query), or for all paths."""
        with self._lock:
            return self._hits[path] if path is not None else sum(self._hits.values())

    def _count(self, path: str) -> bool:
        with self._lock:
            self._requests += 1
            self._hits[path] += 1
            return self._requests <= self.max_requests

    def changed_at(self) -> datetime:
        return BASE_DATE + timedelta(hours=self.version - 1)

    # -- routing -------------------------------------------------------------------------

    def _route(self, path: str) -> Route:
        if path in _EXACT:
            return _EXACT[path]
        for pattern, route in _PATTERNS:
            if pattern.fullmatch(path):
                return route
        return _not_found

    def _cached(self, name: str, build: Callable[[], bytes]) -> bytes:
        with self._lock:
            if name not in self._built:
                self._built[name] = build()
            return self._built[name]

    def _gzip_bomb(self) -> bytes:
        with self._lock:
            if self._bomb is None:
                packer = zlib.compressobj(9, zlib.DEFLATED, 31)  # wbits 31: a gzip stream
                zeros = bytes(MB)
                parts = [packer.compress(zeros) for _ in range(self.bomb_bytes // MB)]
                self._bomb = b"".join([*parts, packer.flush()])
            return self._bomb

    def _good_links(self) -> list[tuple[str, datetime]]:
        links = [(self.url(a.path), datetime.fromisoformat(a.published)) for a in ARTICLES]
        links.append((self.url(f"/articles/{CHANGING_SLUG}.html"), self.changed_at()))
        return links

    def _duplicate_links(self) -> list[tuple[str, datetime]]:
        dups = []
        for article, suffix in zip(ARTICLES * 2, TRACKING_SUFFIXES, strict=False):
            dups.append(
                (self.url(article.path) + suffix, datetime.fromisoformat(article.published))
            )
        dups.append((self.url(f"/articles/{DUPLICATE_SLUG}.html"), BASE_DATE))
        # The same page with an upper-case scheme and a fragment.
        dups.append((f"HTTP://127.0.0.1:{self.port}{ARTICLES[2].path}#top", BASE_DATE))
        return dups

    def _bad_links(self) -> list[tuple[str, datetime]]:
        return [(self.url(p), BASE_DATE) for p in (*BAD_PATHS, *WALL_PAGES)]


# -- the routes ------------------------------------------------------------------------------

BAD_PATHS = (
    "/hang",
    "/hang-after-headers",
    "/reset",
    "/status/500",
    "/status/429",
    "/status/403",
    "/truncated",
    "/charset/lying-header",
    "/charset/lying-latin1",
    "/charset/one-bad-byte",
    "/nul-bytes",
    "/many-paragraphs",
    "/gzip-bomb",
    "/huge",
    "/huge-chunked",
    "/loop/a",
    "/redirect/offsite",
    "/redirect/other-host",
    "/articles/missing.html",
)


def _index(h: _Handler, path: str) -> None:
    hostile = h.server.hostile
    links = [a.path for a in ARTICLES] + [f"/articles/{CHANGING_SLUG}.html", *BAD_PATHS,
                                          *WALL_PAGES]
    items = "\n".join(f'<li><a href="{p}">{p}</a></li>' for p in links)
    body = f"<!DOCTYPE html><html><head><title>Kessel Courier</title></head><body><ul>\n{items}"
    body += "\n</ul></body></html>\n"
    h.send_bytes(200, body.encode(), headers={"X-Version": str(hostile.version)})


def _robots(h: _Handler, path: str) -> None:
    sitemap = h.server.hostile.url("/sitemap-index.xml")
    text = f"User-agent: *\nDisallow: /private/\nSitemap: {sitemap}\n"
    h.send_bytes(200, text.encode(), "text/plain")


def _article(h: _Handler, path: str) -> None:
    hostile = h.server.hostile
    slug = path.removeprefix("/articles/").removesuffix(".html")
    by_slug = {a.slug: a for a in (*ARTICLES, AFTER_BREAK_ARTICLE)}
    if slug in by_slug:
        html = _article_html(by_slug[slug], canonical=hostile.url(path))
    elif slug == DUPLICATE_SLUG:
        html = _article_html(ARTICLES[0], canonical=None)
    elif slug == CHANGING_SLUG:
        article = changing_article(hostile.version)
        html = _article_html(article, canonical=hostile.url(path))
        modified = format_datetime(hostile.changed_at(), usegmt=True)
        h.send_bytes(200, html.encode(), headers={"Last-Modified": modified})
        return
    else:
        _not_found(h, path)
        return
    h.send_bytes(200, html.encode())


# Pages a sitemap lists that are no article: an "about" page and a tag page.
NOT_ARTICLE_PATHS = ("/pages/about.html", "/tags/harbour.html")


def _about(h: _Handler, path: str) -> None:
    html = (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        "<title>About us | Kessel Courier</title></head><body>\n"
        '<nav><a href="/">Home</a></nav>\n<main><h1>About the Courier</h1>\n'
        "<p>The Kessel Courier is a small newsroom covering the harbour and the valley.</p>\n"
        "<p>Write to the editors at the harbour office.</p></main>\n</body></html>\n"
    )
    h.send_bytes(200, html.encode())


def _tag(h: _Handler, path: str) -> None:
    items = "\n".join(
        f'<li><h2><a href="{a.path}">{escape(a.title)}</a></h2></li>' for a in ARTICLES
    )
    html = (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        "<title>Harbour | Kessel Courier</title></head><body>\n"
        f'<nav><a href="/">Home</a></nav>\n<main><h1>Harbour</h1><ul>\n{items}\n</ul></main>\n'
        "</body></html>\n"
    )
    h.send_bytes(200, html.encode())


def _not_found(h: _Handler, path: str) -> None:
    h.send_bytes(404, b"<html><body><h1>Not found</h1></body></html>\n")


def _status(h: _Handler, path: str) -> None:
    code = int(path.rsplit("/", 1)[1])
    headers = {"Retry-After": str(RETRY_AFTER_SECONDS)} if code in (429, 503) else {}
    h.send_bytes(code, f"<html><body>status {code}</body></html>\n".encode(), headers=headers)


def _client_hung_up(h: _Handler) -> bool:
    """Whether the client closed its end (nothing more will be read from this socket)."""
    readable, _, _ = select.select([h.connection], [], [], 0)
    if not readable:
        return False
    try:
        return h.connection.recv(1, socket.MSG_PEEK) == b""
    except OSError:
        return True


def _wait_for_hangup(h: _Handler) -> bool:
    """Wait until the client hangs up (True), or hang_seconds pass or the server stops.

    A hang that ends on its own clock races the client's timeout: on a loaded machine the
    client's timer fires late and the page arrives first. Ending when the client gives up
    makes a timeout the only outcome for any client timeout under hang_seconds."""
    hostile = h.server.hostile
    deadline = time.monotonic() + hostile.hang_seconds
    while time.monotonic() < deadline:
        if _client_hung_up(h):
            return True
        if hostile._stopped.wait(0.05):
            return False
    return False


def _hang(h: _Handler, path: str) -> None:
    if not _wait_for_hangup(h):  # bounded: never longer than hang_seconds
        h.send_bytes(200, b"<html><body>finally</body></html>\n")


def _hang_after_headers(h: _Handler, path: str) -> None:
    h.start(200, "text/html; charset=utf-8", {"Content-Length": "1000"})
    h.end_headers()
    h.wfile.write(b"<html><body><p>the rest of this page is slow")
    h.wfile.flush()
    _wait_for_hangup(h)


def _reset(h: _Handler, path: str) -> None:
    h.reset()


def _truncated(h: _Handler, path: str) -> None:
    html = _article_html(ARTICLES[1], canonical=None).encode()
    h.start(200, "text/html; charset=utf-8", {"Content-Length": str(len(html) * 4)})
    h.end_headers()
    h.wfile.write(html[: len(html) // 2])  # then the connection closes


def _lying_header(h: _Handler, path: str) -> None:
    # Says UTF-8, is windows-1252: "café", curly quotes and an en dash are invalid UTF-8.
    text = "<html><head><title>Caf\u00e9 \u201cLa R\u00eave\u201d \u2013 review</title></head>"
    text += (
        "<body><p>Cr\u00e8me br\u00fbl\u00e9e at the caf\u00e9 \u2013 \u201cexcellent\u201d.</p>"
    )
    text += "</body></html>\n"
    h.send_bytes(200, text.encode("cp1252"), "text/html; charset=utf-8")


def _lying_latin1(h: _Handler, path: str) -> None:
    # Says ISO-8859-1 in the header and the meta tag, is UTF-8: decoding gives mojibake.
    html = _article_html(ARTICLES[2], canonical=None, charset="iso-8859-1")
    html = html.replace("Central library", "Zentralbibliothek Gr\u00fcnau \u2014 library")
    # ... and in the text, which is no copy of the library story then (its headline is not
    # part of its body).
    html = html.replace("The central library", "Gr\u00fcnau\u2019s central library")
    h.send_bytes(200, html.encode("utf-8"), "text/html; charset=iso-8859-1")


def _one_bad_byte(h: _Handler, path: str) -> None:
    # Says UTF-8 in the header and the meta tag, is UTF-8, but for one invalid byte.
    html = _article_html(BAD_BYTE_ARTICLE, canonical=None).encode("utf-8")
    html = html.replace(b"glass screens", b"glass \xff screens", 1)
    h.send_bytes(200, html, "text/html; charset=utf-8")


def _nul_bytes(h: _Handler, path: str) -> None:
    html = _article_html(NUL_ARTICLE, canonical=None).encode("utf-8")
    html = html.replace(b"<nav>", b"<nav>\x00\x00", 1).replace(b"climbing club", b"climbing\x00 club")
    h.send_bytes(200, html)


def _paged(h: _Handler, path: str) -> None:
    if parse_qs(urlsplit(h.path).query) != parse_qs(PAGED_QUERY):  # a mangled one: no page
        _not_found(h, path)
        return
    url = h.server.hostile.url(f"{PAGED_PATH}?{PAGED_QUERY}")
    h.send_bytes(200, _article_html(PAGED_ARTICLE, canonical=url).encode())


def _many_paragraphs_page() -> bytes:
    words = ("harbour", "council", "ferry", "market", "budget", "winter", "bridge", "school")
    lines = "".join(
        f'<p>Line {n}: the <b>{words[n % 8]}</b> and the <a href="/t/{n % 97}">'
        f"{words[n * 3 % 8]}</a>.</p>\n" for n in range(MANY_PARAGRAPHS))
    return (f"<!DOCTYPE html><html><head><title>Every line</title></head><body><article>"
            f"<h1>Every line</h1>{lines}</article></body></html>\n").encode()


def _many_paragraphs(h: _Handler, path: str) -> None:
    h.send_bytes(200, h.server.hostile._cached("many-paragraphs", _many_paragraphs_page))


def _gzip_bomb(h: _Handler, path: str) -> None:
    bomb = h.server.hostile._gzip_bomb()
    h.send_bytes(200, bomb, headers={"Content-Encoding": "gzip"})


def _filler() -> bytes:
    line = b"<p>" + b"filler text that goes on and on " * 8 + b"</p>\n"
    return (line * (CHUNK // len(line) + 1))[:CHUNK]


def _stream(total: int, stopped: threading.Event) -> Iterator[bytes]:
    chunk = _filler()
    sent = 0
    while sent < total and not stopped.is_set():
        piece = chunk[: total - sent]
        sent += len(piece)
        yield piece


def _huge(h: _Handler, path: str) -> None:
    hostile = h.server.hostile
    h.start(200, "text/html; charset=utf-8", {"Content-Length": str(hostile.huge_bytes)})
    h.end_headers()
    for piece in _stream(hostile.huge_bytes, hostile._stopped):
        h.wfile.write(piece)


def _huge_chunked(h: _Handler, path: str) -> None:
    hostile = h.server.hostile
    h.send_chunked(_stream(hostile.huge_bytes, hostile._stopped), "text/html; charset=utf-8")


def _loop(h: _Handler, path: str) -> None:
    h.redirect("/loop/b" if path == "/loop/a" else "/loop/a")


def _self_redirect(h: _Handler, path: str) -> None:
    h.redirect(path, 301)


def _offsite(h: _Handler, path: str) -> None:
    h.redirect("http://offsite.invalid/news/stolen-story.html")


def _other_host(h: _Handler, path: str) -> None:
    # localhost is the same machine under another host name: an offsite filter must notice.
    h.redirect(f"http://localhost:{h.server.hostile.port}{ARTICLES[0].path}")


# -- walls: 200 answers where an article should be ------------------------------------------

# path -> the page; every one but the paywalled article with its full text is no article.
WALL_PAGES: dict[str, Callable[[], str]] = {
    "/walls/login.html": lambda: wall_pages.login_wall("en"),
    "/walls/paywall-teaser.html": wall_pages.paywall_teaser,
    "/walls/paywalled-full-text.html": wall_pages.paywalled_full_text,
    "/walls/consent.html": lambda: wall_pages.consent_wall("en"),
    "/walls/soft-404.html": lambda: wall_pages.soft_404("en"),
    "/walls/checking-your-browser.html": lambda: wall_pages.bot_check("en"),
}
PAYWALLED_PATH = "/walls/paywalled-full-text.html"


def _wall(h: _Handler, path: str) -> None:
    h.send_bytes(200, WALL_PAGES[path]().encode())


# -- feeds and sitemaps ----------------------------------------------------------------------

RSS_OPEN = '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>\n'
RSS_CLOSE = "</channel></rss>\n"
URLSET_OPEN = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
)


def _rss_item(url: str, when: datetime, title: str = "Item") -> str:
    return (
        f"<item><title>{escape(title)}</title><link>{escape(url)}</link>"
        f"<guid>{escape(url)}</guid><pubDate>{format_datetime(when)}</pubDate></item>\n"
    )


def _rss(links: Iterable[tuple[str, datetime]]) -> bytes:
    items = "".join(_rss_item(url, when) for url, when in links)
    head = "<title>Kessel Courier</title><link>http://127.0.0.1/</link>\n"
    return (RSS_OPEN + head + items + RSS_CLOSE).encode()


def _sitemap_entry(url: str, when: datetime) -> str:
    return f"<url><loc>{escape(url)}</loc><lastmod>{when.isoformat()}</lastmod></url>\n"


def _urlset(links: Iterable[tuple[str, datetime]]) -> bytes:
    return (URLSET_OPEN + "".join(_sitemap_entry(u, w) for u, w in links) + "</urlset>\n").encode()


def _feed_good(h: _Handler, path: str) -> None:
    h.send_bytes(200, _rss(h.server.hostile._good_links()), "application/rss+xml")


def _feed_hostile(h: _Handler, path: str) -> None:
    s = h.server.hostile
    links = s._good_links() + s._duplicate_links() + s._bad_links()
    h.send_bytes(200, _rss(links), "application/rss+xml")


def _sitemap_good(h: _Handler, path: str) -> None:
    h.send_bytes(200, _urlset(h.server.hostile._good_links()), "application/xml")


def _sitemap_hostile(h: _Handler, path: str) -> None:
    s = h.server.hostile
    links = s._good_links() + s._duplicate_links() + s._bad_links()
    h.send_bytes(200, _urlset(links), "application/xml")


def _sitemap_ampersand(h: _Handler, path: str) -> None:
    """Bare `&` in a URL (as careless sitemaps write it), and a broken tag mid-file: the entry
    with the broken tag cannot be read, the entries after it can."""
    s = h.server.hostile
    entries = [
        f"<url><loc>{s.url(ARTICLES[0].path)}</loc><lastmod>{BASE_DATE.isoformat()}</lastmod></url>",
        f"<url><loc>{s.url(PAGED_PATH)}?{PAGED_QUERY}</loc></url>",
        f"<url><loc>{s.url(f'/articles/{BROKEN_ENTRY_SLUG}.html')}</loc>"
        f"<lastmod>{BASE_DATE.isoformat()}</lastmd></url>",
        f"<url><loc>{s.url(f'/articles/{AFTER_BREAK_ARTICLE.slug}.html')}</loc></url>",
    ]
    body = URLSET_OPEN + "\n".join(entries) + "\n</urlset>\n"
    h.send_bytes(200, body.encode(), "application/xml")


def _sitemap_with_pages(h: _Handler, path: str) -> None:
    s = h.server.hostile
    links = [(s.url(a.path), datetime.fromisoformat(a.published)) for a in ARTICLES]
    links += [(s.url(p), BASE_DATE) for p in NOT_ARTICLE_PATHS]
    h.send_bytes(200, _urlset(links), "application/xml")


def _sitemap_index(h: _Handler, path: str) -> None:
    s = h.server.hostile
    names = (
        "/sitemaps/good.xml",
        "/sitemaps/hostile.xml",
        "/sitemaps/malformed.xml",
        "/sitemaps/ampersand.xml",
        "/sitemaps/enormous.xml",
        "/sitemaps/billion-laughs.xml",
        "/sitemaps/external-entity.xml",
        "/sitemap-index.xml",  # itself: a loop
    )
    entries = "".join(f"<sitemap><loc>{s.url(n)}</loc></sitemap>\n" for n in names)
    body = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{entries}</sitemapindex>\n"
    )
    h.send_bytes(200, body.encode(), "application/xml")


MALFORMED_FEED = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Broken & bad'
    b"</title>\n<item><title>Unclosed <b>bold</title><link>/articles/x.html\n"
    b"<item><pubDate>yesterday-ish</pubDate>\xff\xfe\x00garbage</chan"
)
MALFORMED_SITEMAP = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/'
    b'schemas/sitemap/0.9">\n<url><loc>/articles/a.html</loc><lastmod>not-a-date</lastmod>'
    b"\n<url><loc>\x00\x01</loc></url></urlse"
)


def _feed_malformed(h: _Handler, path: str) -> None:
    h.send_bytes(200, MALFORMED_FEED, "application/rss+xml")


def _sitemap_malformed(h: _Handler, path: str) -> None:
    h.send_bytes(200, MALFORMED_SITEMAP, "application/xml")


def _enormous(
    open_tag: str, close_tag: str, entry: Callable[[int], str], count: int
) -> Iterator[bytes]:
    yield open_tag.encode()
    for start in range(0, count, 1000):
        yield "".join(entry(n) for n in range(start, min(start + 1000, count))).encode()
    yield close_tag.encode()


def _feed_enormous(h: _Handler, path: str) -> None:
    s = h.server.hostile

    def entry(n: int) -> str:
        return _rss_item(s.url(f"/articles/generated-{n}.html"), BASE_DATE, f"Generated {n}")

    h.send_chunked(_enormous(RSS_OPEN, RSS_CLOSE, entry, s.enormous_items), "application/rss+xml")


def _sitemap_enormous(h: _Handler, path: str) -> None:
    s = h.server.hostile

    def entry(n: int) -> str:
        return _sitemap_entry(s.url(f"/articles/generated-{n}.html"), BASE_DATE)

    h.send_chunked(
        _enormous(URLSET_OPEN, "</urlset>\n", entry, s.enormous_items), "application/xml"
    )


RSS_INNER = (
    '<rss version="2.0"><channel><title>{lol}</title>'
    "<item><title>{lol}</title></item></channel></rss>"
)
URLSET_INNER = (
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
    "<url><loc>{lol}</loc></url></urlset>"
)


def _feed_laughs(h: _Handler, path: str) -> None:
    h.send_bytes(200, _billion_laughs("rss", RSS_INNER), "application/rss+xml")


def _sitemap_laughs(h: _Handler, path: str) -> None:
    h.send_bytes(200, _billion_laughs("urlset", URLSET_INNER), "application/xml")


def _feed_xxe(h: _Handler, path: str) -> None:
    h.send_bytes(200, _external_entity("rss", RSS_INNER), "application/rss+xml")


def _sitemap_xxe(h: _Handler, path: str) -> None:
    h.send_bytes(200, _external_entity("urlset", URLSET_INNER), "application/xml")


_EXACT: dict[str, Route] = {
    "/": _index,
    "/robots.txt": _robots,
    "/hang": _hang,
    "/hang-after-headers": _hang_after_headers,
    "/reset": _reset,
    "/truncated": _truncated,
    "/charset/lying-header": _lying_header,
    "/charset/lying-latin1": _lying_latin1,
    "/charset/one-bad-byte": _one_bad_byte,
    "/nul-bytes": _nul_bytes,
    "/many-paragraphs": _many_paragraphs,
    PAGED_PATH: _paged,
    "/gzip-bomb": _gzip_bomb,
    "/huge": _huge,
    "/huge-chunked": _huge_chunked,
    "/loop/a": _loop,
    "/loop/b": _loop,
    "/redirect/self": _self_redirect,
    "/redirect/offsite": _offsite,
    "/redirect/other-host": _other_host,
    "/feeds/good.xml": _feed_good,
    "/feeds/hostile.xml": _feed_hostile,
    "/feeds/malformed.xml": _feed_malformed,
    "/feeds/enormous.xml": _feed_enormous,
    "/feeds/billion-laughs.xml": _feed_laughs,
    "/feeds/external-entity.xml": _feed_xxe,
    "/sitemap-index.xml": _sitemap_index,
    "/sitemaps/good.xml": _sitemap_good,
    "/sitemaps/with-pages.xml": _sitemap_with_pages,
    "/pages/about.html": _about,
    "/tags/harbour.html": _tag,
    "/sitemaps/hostile.xml": _sitemap_hostile,
    "/sitemaps/malformed.xml": _sitemap_malformed,
    "/sitemaps/ampersand.xml": _sitemap_ampersand,
    "/sitemaps/enormous.xml": _sitemap_enormous,
    "/sitemaps/billion-laughs.xml": _sitemap_laughs,
    "/sitemaps/external-entity.xml": _sitemap_xxe,
    **dict.fromkeys(WALL_PAGES, _wall),
}
_PATTERNS: tuple[tuple[re.Pattern[str], Route], ...] = (
    (re.compile(r"/articles/[a-z0-9-]+\.html"), _article),
    (re.compile(r"/status/[45][0-9][0-9]"), _status),
)


def main() -> None:
    with HostileServer() as server:
        print(server.base_url, flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
