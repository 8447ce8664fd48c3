"""What rendering counts in the crawl stats, and the run summary's `render` section."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from newscrawl.run.summary import counts_with_prefix

# Stat names under PREFIX, as the spider's `count` takes them.
PREFIX = "newscrawl/"
RENDERED = "rendered"  # pages the browser rendered that were no shell any more
FAILED = "render_failed/"  # + why: timeout, network_error, browser_error, ..., still_shell
RESTARTS = "render/restarts/"  # + why: pages, memory, hung_page
BROWSER_PEAK_MB = "render/browser_peak_mb"


class RenderFailed(Exception):
    """The browser could not render a page; `reason` is a short code counted under FAILED."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(f"{reason}: {message}")
        self.reason = reason


def render_summary(stats: Mapping[str, Any], mode: object) -> dict[str, Any]:
    """The summary's `render` section: the mode, pages rendered, failures by reason, and how
    the browser fared (launches, restarts by reason, most pages at once, peak memory)."""
    return {
        "mode": mode,
        "rendered": stats.get(PREFIX + RENDERED, 0),
        "failed": counts_with_prefix(stats, PREFIX + FAILED),
        "browser": {
            "launches": stats.get("playwright/browser_count", 0),
            "restarts": counts_with_prefix(stats, PREFIX + RESTARTS),
            "max_pages_at_once": stats.get("playwright/page_count/max_concurrent", 0),
            "peak_memory_mb": stats.get(PREFIX + BROWSER_PEAK_MB),
        },
    }
