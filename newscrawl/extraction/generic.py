"""The generic layer: main text from a general-purpose extractor, behind a small interface.

Only this module knows the library (trafilatura), so it can be swapped or tuned in one place.

The precise mode calls the library's extraction steps itself instead of `bare_extraction`:
that copies the page's tree four times per call and, in its full mode, always runs two more
extractors (readability, jusText) to compare with. Here the steps run on one copy of the tree,
and the comparison ("second opinion") is asked only when the caller finds the text short.
The steps are the library's `trafilatura_sequence` for comments off and a page that is no
forum thread (the body step has removed the scripts such a thread is recognised by);
tests/extraction/test_generic.py checks that both give the same text.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from copy import copy
from dataclasses import dataclass
from functools import cache
from typing import Any

from lxml.html import HtmlElement

from newscrawl.extraction.text import word_count

logger = logging.getLogger(__name__)


# The library's raw-tree prunes and its comment prune test the class and id of every container
# with Python regular expressions, about 1.5 lxml parses of time per page. Each can match only
# a container whose class or id holds one of these strings (a superset of its patterns:
# RAW_TREE_PRUNE_XPATH, REMOVE_COMMENTS_AND_LISTS_XPATH, REMOVE_COMMENTS_XPATH of
# trafilatura.xpaths), so a page where none does skips it. Containers are those tags, and the
# ones the library turns into a <div> or <list> before its last comment prune.
CONTAINERS = ("div", "section", "aside", "details", "dl", "ol", "ul", "figure", "table", "form")
_RAW_PRUNE_MARKS = ("mvp-post-add-", "infinite", "elementor-share-buttons")
_COMMENT_MARKS = ("omment", "comol", "disqus_thread", "dsq-comments")


@dataclass(frozen=True)
class GenericOptions:
    favor_precision: bool = True
    include_tables: bool = True


# Precision mode measured best on news pages (less boilerplate, same recall on most pages);
# the balanced mode (with the library's own recall escalation) is the last resort when the
# precise text stays far shorter than the article's paragraphs (see body.py).
PRECISE = GenericOptions()
BALANCED = GenericOptions(favor_precision=False)


# Called on the library's copy of the page with the classes and ids of its containers (one
# string), before the library reads it: newscrawl's own pruning of boxes.
Prune = Callable[[HtmlElement, str], None]


def main_text(tree: HtmlElement, url: str, options: GenericOptions = PRECISE,
              short: Callable[[list[str]], bool] | None = None,
              prune: Prune | None = None) -> list[str]:
    """Paragraphs of the page's main text; `tree` is not changed (the library works on a copy,
    after `prune` has taken from it what the caller knows is no article).

    In precise mode one extraction runs; when `short` says its text falls short, the library's
    second opinion (readability, then jusText on the same page) is asked, as the library's
    full mode does on every page, and kept when it is longer."""
    try:
        if not options.favor_precision:
            return _balanced(_pruned(copy(tree), prune)[0], url, options)
        settings = _settings(url, options)
        body, text = _precise(*_pruned(copy(tree), prune), url, settings)
        paragraphs = _paragraphs(body, text)
        if short is None or not short(paragraphs):
            return paragraphs
        other = _paragraphs(*_second_opinion(tree, url, settings, body, text, prune))
        return other if word_count(" ".join(other)) > word_count(" ".join(paragraphs)) \
            else paragraphs
    except Exception:  # the library must never take a page down with it
        logger.exception("generic extraction failed on %s", url)
        return []


def _settings(url: str, options: GenericOptions) -> Any:
    settings = copy(_settings_for(options))
    settings.url = settings.source = url
    return settings


@cache
def _settings_for(options: GenericOptions) -> Any:
    """The library's settings object, made once: making it reads its configuration (a
    ConfigParser, a dozen lookups) every time."""
    from trafilatura.settings import Extractor  # imported late: the library is slow to import

    return Extractor(output_format="python", fast=True, precision=options.favor_precision,
                     comments=False, tables=options.include_tables)


def _pruned(tree: HtmlElement, prune: Prune | None) -> tuple[HtmlElement, str]:
    names = _container_names(tree)
    if prune is not None:
        prune(tree, names)
    return tree, names


def _precise(tree: HtmlElement, names: str, url: str, settings: Any) -> tuple[Any, str]:
    """The library's sequence on a tree it may consume: raw-tree pruning, cleaning, tag
    conversion, comment removal, then the main extractor."""
    from trafilatura.htmlprocessing import convert_tags, prune_unwanted_nodes, tree_cleaning
    from trafilatura.main_extractor import extract_content

    tree = _pruned_raw(tree, names)
    cleaned = convert_tags(tree_cleaning(tree, settings), settings, url)
    if _marked(names, _COMMENT_MARKS):
        cleaned = prune_unwanted_nodes(cleaned, _xpaths().REMOVE_COMMENTS_XPATH)
    body, text = extract_content(cleaned, settings)
    return body, text


def _second_opinion(tree: HtmlElement, url: str, settings: Any, body: Any, text: str,
                    prune: Prune | None) -> tuple[Any, str]:
    """readability and jusText on fresh copies of the page, judged against the first text by
    the library's own rules (`compare_extraction`)."""
    from trafilatura.external import compare_extraction
    from trafilatura.htmlprocessing import tree_cleaning

    raw = _pruned_raw(*_pruned(copy(tree), prune))
    cleaned = tree_cleaning(copy(raw), settings)
    body, text = compare_extraction(cleaned, raw, body, text, settings)
    return body, text


def _container_names(tree: HtmlElement) -> str:
    """The classes and ids of the page's containers, in one string."""
    names = []
    for el in tree.iter(CONTAINERS):
        attrib = el.attrib
        names.append(attrib.get("class", ""))
        names.append(attrib.get("id", ""))
    return " ".join(names)


def _marked(names: str, marks: tuple[str, ...]) -> bool:
    return any(mark in names for mark in marks)


def _pruned_raw(tree: HtmlElement, names: str) -> HtmlElement:
    from trafilatura.htmlprocessing import prune_unwanted_nodes

    xpaths = _xpaths()
    if _marked(names, _RAW_PRUNE_MARKS):
        tree = prune_unwanted_nodes(tree, xpaths.RAW_TREE_PRUNE_XPATH)
    if _marked(names, _COMMENT_MARKS):
        tree = prune_unwanted_nodes(tree, xpaths.REMOVE_COMMENTS_AND_LISTS_XPATH)
    return tree


def _xpaths() -> Any:
    from trafilatura import xpaths

    return xpaths


def _paragraphs(body: Any, text: str) -> list[str]:
    from trafilatura.xml import xmltotxt

    if not text:  # the library's own output check: no text, no document
        return []
    return _lines(xmltotxt(body, False))


def _balanced(tree: HtmlElement, url: str, options: GenericOptions) -> list[str]:
    from trafilatura import bare_extraction

    doc = bare_extraction(tree, url=url, with_metadata=False, include_comments=False,
                          include_tables=options.include_tables, favor_precision=False)
    return _lines(getattr(doc, "text", None) or "") if doc is not None else []


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


# A date string that no locale reads: dateparser tries every locale on it, and so builds them all.
_NO_DATE = "zz 31 qq 2020"


def warm_date_parser() -> None:
    """Build the date finder's text parser (dateparser) and every locale's patterns now: it
    builds them on the first string that defeats the finder's own patterns, seconds of CPU
    that would otherwise land on some page of each process that extracts."""
    from htmldate.extractors import get_external_parser

    get_external_parser().get_date_data(_NO_DATE)


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
