"""The bundled demo news sites (a Rudaw-like, a Washington Times-like and a JSON-LD-only outlet)
that the demo and the tests crawl. See `pages/README.md` for what each site reproduces."""

from __future__ import annotations

from newscrawl.demo_site.server import DemoServer, crawl_commands, demo_sites, serve_forever

__all__ = ["DemoServer", "crawl_commands", "demo_sites", "serve_forever"]
