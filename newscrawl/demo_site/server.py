"""A local copy of the demo news sites, served over HTTP for the demo and the tests.

The pages live in the package (`pages/`) and are read through importlib.resources, so the server
works from a source checkout and from an installed wheel alike. Feeds and sitemaps hold absolute
URLs written as ``{{ORIGIN}}``; the server fills in its own origin when it serves them.

    with DemoServer() as srv:
        srv.site_url("rudaw")   # "http://127.0.0.1:PORT/rudaw/"
"""

from __future__ import annotations

import argparse
import logging
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from importlib.resources.abc import Traversable
from types import TracebackType
from urllib.parse import unquote, urlsplit

logger = logging.getLogger(__name__)

ORIGIN_PLACEHOLDER = "{{ORIGIN}}"
TEXT_TYPES = {
    ".html": "text/html",
    ".txt": "text/plain",
    ".md": "text/plain",
    ".xml": "application/xml",
    ".atom": "application/atom+xml",
    ".rss": "application/rss+xml",
    ".json": "application/json",
}
BINARY_TYPES = {".jpg": "image/jpeg", ".png": "image/png", ".ico": "image/x-icon"}
# Tried in order for a path that names no file: "/english/rss" may be "rss.xml",
# ".../280120192" may be "280120192.html", "/news/" may be "news/index.html".
EXTENSION_CANDIDATES = (".html", ".xml")
INDEX_CANDIDATES = ("index.html", "index.xml")

# Spider name -> path prefix of the site it crawls on the demo server.
DEMO_SITES = {"rudaw": "rudaw/", "washingtontimes": "washingtontimes/", "news": "ledger/"}


def demo_sites() -> dict[str, str]:
    """Spider name -> path prefix of its demo site ("news" is the generic spider)."""
    return dict(DEMO_SITES)


def pages_root() -> Traversable:
    return resources.files("newscrawl.demo_site").joinpath("pages")


def _child(node: Traversable, parts: list[str]) -> Traversable:
    for part in parts:
        node = node.joinpath(part)
    return node


def resolve(root: Traversable, url_path: str) -> tuple[Traversable, str] | None:
    """The file a URL path names, with its file name, or None. Never leaves `root`."""
    path = unquote(urlsplit(url_path).path)
    parts = [p for p in path.split("/") if p]
    if any(p in (".", "..") or "\\" in p for p in parts):
        return None
    node = _child(root, parts)
    if parts and not path.endswith("/") and node.is_file():
        return node, parts[-1]
    if parts and not path.endswith("/"):
        for ext in EXTENSION_CANDIDATES:
            candidate = _child(root, [*parts[:-1], parts[-1] + ext])
            if candidate.is_file():
                return candidate, parts[-1] + ext
    if not parts or node.is_dir():
        for name in INDEX_CANDIDATES:
            candidate = node.joinpath(name)
            if candidate.is_file():
                return candidate, name
    return None


def _suffix(name: str) -> str:
    dot = name.rfind(".")
    return name[dot:].lower() if dot > 0 else ""


def content_type(name: str, body: bytes) -> str:
    """The Content-Type of a page; XML files are told apart by their root element."""
    suffix = _suffix(name)
    if suffix in BINARY_TYPES:
        return BINARY_TYPES[suffix]
    mime = TEXT_TYPES.get(suffix, "application/octet-stream")
    if suffix == ".xml":
        head = body[:400]
        if b"<rss" in head:
            mime = "application/rss+xml"
        elif b"<feed" in head:
            mime = "application/atom+xml"
    if mime.startswith("text/") or "xml" in mime or mime.endswith("json"):
        mime += "; charset=utf-8"
    return mime


def render(body: bytes, mime: str, origin: str) -> bytes:
    """Fill in the server's origin in text files."""
    if "charset=utf-8" not in mime:
        return body
    return body.replace(ORIGIN_PLACEHOLDER.encode(), origin.encode())


class DemoRequestHandler(BaseHTTPRequestHandler):
    server_version = "newscrawl-demo/1"
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        self._respond(send_body=True)

    def do_HEAD(self) -> None:
        self._respond(send_body=False)

    def _respond(self, send_body: bool) -> None:
        found = resolve(pages_root(), self.path)
        if found is None:
            not_found = b"404 Not Found\n"
            self._send(HTTPStatus.NOT_FOUND, "text/plain; charset=utf-8", not_found, send_body)
            return
        node, name = found
        raw = node.read_bytes()
        mime = content_type(name, raw)
        self._send(HTTPStatus.OK, mime, render(raw, mime, self._origin()), send_body)

    def _origin(self) -> str:
        address = self.server.server_address
        assert isinstance(address, tuple)
        return f"http://{address[0]}:{address[1]}"

    def _send(self, status: HTTPStatus, mime: str, body: bytes, send_body: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", mime)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        logger.debug("%s - %s", self.address_string(), format % args)


class DemoServer:
    """The demo sites on 127.0.0.1, in a background thread; port 0 lets the OS choose."""

    def __init__(self, port: int = 0, host: str = "127.0.0.1") -> None:
        self._address = (host, port)
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        if self._httpd is None:
            raise RuntimeError("DemoServer is not running")
        return int(self._httpd.server_address[1])

    @property
    def base_url(self) -> str:
        return f"http://{self._address[0]}:{self.port}/"

    def site_url(self, site: str) -> str:
        """Root URL of one demo site: "rudaw", "washingtontimes" or "ledger"."""
        return self.base_url + site.strip("/") + "/"

    def url(self, path: str) -> str:
        return self.base_url + path.lstrip("/")

    def start(self) -> DemoServer:
        if self._httpd is not None:
            return self
        httpd = ThreadingHTTPServer(self._address, DemoRequestHandler)
        httpd.daemon_threads = True
        self._httpd = httpd
        self._thread = threading.Thread(
            target=httpd.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="newscrawl-demo-server",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        httpd, thread = self._httpd, self._thread
        self._httpd, self._thread = None, None
        if httpd is None:
            return
        httpd.shutdown()
        httpd.server_close()
        if thread is not None:
            thread.join()

    def __enter__(self) -> DemoServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def crawl_commands(base_url: str) -> list[str]:
    """The commands that crawl each demo site served at `base_url`."""
    return [
        f"scrapy crawl rudaw -a start_url={base_url}rudaw/",
        f"scrapy crawl washingtontimes -a start_url={base_url}washingtontimes/",
        f"scrapy crawl news -a sitemap={base_url}ledger/sitemap-index.xml",
        f"scrapy crawl news -a feed={base_url}ledger/feed.atom",
    ]


def serve_forever(port: int = 0) -> None:
    """Serve the demo sites until Ctrl-C, after printing the URL and the crawl commands."""
    with DemoServer(port=port) as srv:
        print(f"Demo news sites at {srv.base_url}")
        print("Crawl them with:")
        for command in crawl_commands(srv.base_url):
            print(f"  {command}")
        print("Press Ctrl-C to stop.", flush=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            print("\nStopped.")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Serve the newscrawl demo news sites.")
    parser.add_argument("--port", type=int, default=0, help="port to bind (0: any free port)")
    serve_forever(parser.parse_args(argv).port)
