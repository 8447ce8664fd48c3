"""PageExtractor turns what a page's extraction raises into a reject, in this process too."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from newscrawl.items import Rejected
from newscrawl.sites import load_profile
from newscrawl.workers.page import EXTRACT_ERROR, PageExtractor, PageTask
from tests.workers.jobs import BUG_MARK, page_job_with_hooks

URL = "https://harbour-courier.example/2026/ferry"


def test_a_page_that_sets_off_a_bug_is_a_reject_and_the_next_page_is_extracted() -> None:
    extractor = PageExtractor(page_job_with_hooks, workers=0)

    def task(extra: bytes) -> PageTask:
        prose = "".join(f"<p>Paragraph {n}: the island ferry runs at night again from "
                        f"Monday, the operator said, after the harbour board agreed to pay "
                        f"the crews.</p>" for n in range(1, 7))
        body = (f"<html><body><article><h1>Night ferry returns</h1>{prose}".encode() + extra
                + b"</article></body></html>")
        return PageTask(body, URL, load_profile("news"), datetime.now(UTC),
                        content_type="text/html")

    bad = asyncio.run(extractor.extract(task(b"<!-- " + BUG_MARK + b" -->")))
    assert isinstance(bad, Rejected) and bad.reason == EXTRACT_ERROR
    assert "a bug the page set off" in bad.message
    good = asyncio.run(extractor.extract(task(b"")))
    assert not isinstance(good, Rejected) and good.title == "Night ferry returns"
