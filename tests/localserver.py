"""A tiny local HTTP server for tests: serves a dict of path -> (content type, body) on
127.0.0.1 at a port the OS picks, and notes the path of every request in `requested`. Paths in
`delays` are answered that many seconds late (a slow feed, say)."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType

Pages = dict[str, tuple[str, bytes]]


class PageServer:
    def __init__(self, pages: Pages, delays: dict[str, float] | None = None) -> None:
        self.pages = pages
        self.requested: list[str] = []
        handler = type("Handler", (_Handler,), {"pages": pages, "requested": self.requested,
                                                "delays": delays or {}})
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/"

    def __enter__(self) -> PageServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


class _Handler(BaseHTTPRequestHandler):
    pages: Pages  # set on the subclass PageServer makes
    requested: list[str]
    delays: dict[str, float]

    def do_GET(self) -> None:
        self.requested.append(self.path)
        path = self.path.split("?")[0]
        time.sleep(self.delays.get(path, 0))
        found = self.pages.get(path)
        if found is None:
            self.send_error(404)
            return
        content_type, body = found
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # tests stay quiet
        pass
