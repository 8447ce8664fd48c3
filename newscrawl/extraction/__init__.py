"""Extraction: (page bytes or text, URL, site profile) -> ArticleDraft of raw values.

The cascade reads site rules first, then structured data (JSON-LD, microdata, OpenGraph, meta
tags, bylines and dates printed in the page), then falls back to a generic main-text extractor.
Plain-text page dumps take their own path. Nothing here imports scrapy.
"""

from __future__ import annotations

from newscrawl.extraction.cascade import extract
from newscrawl.extraction.errors import ExtractionError

__all__ = ["ExtractionError", "extract"]
