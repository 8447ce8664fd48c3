"""Imported once by the fork server that starts extraction workers, before it starts any: loads
the extraction stack and runs one invented page through it, so that the caches libraries fill
on first use are full in every worker, a replacement too. (dateparser, reached through htmldate,
builds the patterns of every locale the first time a date string defeats them all: seconds of
CPU that each worker would otherwise pay on its first such page. The page cannot be relied on
to get there, since htmldate runs only when no layer found a date: it is warmed directly.) The
objects made so far are then left out of garbage collection (gc.freeze), which would otherwise
touch, and so copy, the memory every worker shares with the fork server."""

from __future__ import annotations

import gc
import logging
from datetime import UTC, datetime

from newscrawl.extraction.generic import warm_date_parser
from newscrawl.sites import load_profile
from newscrawl.workers.page import PageTask, prepare_page

_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Night ferry returns | Harbour Courier</title></head><body><article>
<h1>Night ferry returns</h1><p class="byline">By Ines Calloway</p>
<p class="date">Posted zz 31 qq 2020, updated Tuesday</p>
""" + "".join(
    f"<p>Paragraph {n}: the island ferry will run at night again from Monday, the operator "
    f"said, after the harbour board agreed to pay for the crews.</p>" for n in range(1, 7)
) + "</article></body></html>"


def warm() -> None:
    task = PageTask(_PAGE.encode(), "https://harbour-courier.example/2020/ferry",
                    load_profile("news"), datetime.now(UTC), content_type="text/html")
    logging.disable(logging.CRITICAL)  # nobody reads the fork server's log
    try:
        prepare_page(task)
        warm_date_parser()
    finally:
        logging.disable(logging.NOTSET)


warm()
gc.freeze()
