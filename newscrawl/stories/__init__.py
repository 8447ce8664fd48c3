"""Linking copies of one story across sites, spiders and runs (no Scrapy import).

`Linker(index).link(record)` gives the record's story: an existing one when verification
accepts a candidate member, else a new one. See linker.py for the steps, verify.py for the
rules, index.py for the backend interface and sqlite.py for the embedded backend.
"""

from newscrawl.stories.index import StoryIndex, StoryInfo
from newscrawl.stories.linker import DEFAULT_WINDOW_DAYS, Link, Linker, Settings
from newscrawl.stories.sqlite import SqliteStoryIndex, StoryIndexError, default_path
from newscrawl.stories.verify import Rules

__all__ = [
    "DEFAULT_WINDOW_DAYS",
    "Link",
    "Linker",
    "Rules",
    "Settings",
    "SqliteStoryIndex",
    "StoryIndex",
    "StoryIndexError",
    "StoryInfo",
    "default_path",
]
