"""The generic layer: main text from a general-purpose extractor, behind a small interface.

Only this module knows the library (trafilatura), so it can be swapped or tuned in one place.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from lxml.html import HtmlElement

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class GenericOptions:
    favor_precision: bool = True
    include_tables: bool = True
    # Skip the library's comparison with its second-opinion extractors (readability, jusText):
    # about 40 % of its time, and on most pages the same text.
    fast: bool = False


# Precision mode measured best on news pages (less boilerplate, same recall on most pages);
# the balanced mode is the second try when it returns too little. The fast precise mode is
# asked first; the full one only when the fast text looks cut short (see body.py).
DEFAULT_OPTIONS = GenericOptions()
FAST = GenericOptions(fast=True)
BALANCED = GenericOptions(favor_precision=False)


def main_text(tree: HtmlElement, url: str, options: GenericOptions = DEFAULT_OPTIONS) -> list[str]:
    """Paragraphs of the page's main text; the tree is copied by the library, not changed."""
    from trafilatura import bare_extraction  # imported late: it is slow to import

    try:
        doc = bare_extraction(
            tree,
            url=url,
            with_metadata=False,
            include_comments=False,
            include_tables=options.include_tables,
            favor_precision=options.favor_precision,
            fast=options.fast,
        )
    except Exception:  # the library must never take a page down with it
        logger.exception("generic extraction failed on %s", url)
        return []
    text = getattr(doc, "text", None) if doc is not None else None
    if not text:
        return []
    return [line.strip() for line in text.split("\n") if line.strip()]


def publication_date(tree: HtmlElement, url: str) -> str | None:
    """A publication day found by a general date finder (markup and text patterns), as
    YYYY-MM-DD: only asked when no layer gave a date, since it is the slowest one.

    The finder pads a bare year (a copyright line, "© 2016") to January 1st; that is no
    publication date, so January 1st from it is dropped."""
    from htmldate import find_date  # imported late: it is slow to import

    try:
        day = find_date(tree, url=url, original_date=True, extensive_search=True)
    except Exception:  # the library must never take a page down with it
        logger.exception("generic date search failed on %s", url)
        return None
    return None if day is None or day.endswith("-01-01") else day
