"""`python -m newscrawl.demo_site [--port N]`: serve the demo sites until Ctrl-C."""

from __future__ import annotations

from newscrawl.demo_site.server import main

main()
