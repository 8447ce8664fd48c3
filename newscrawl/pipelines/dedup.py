"""One record per article, within a run and across runs.

An article's identity is its canonical URL (`<link rel=canonical>` when the page gives one,
else the fetched URL), canonicalized. An article already written in this run is dropped as a
`duplicate`; one the state store holds with the same body is dropped as `unchanged` (and marked
checked); one whose body changed is written again with the next `revision`. A body identical to
another article of the site (a different URL, no canonical linking them) is written, with
`duplicate_of` naming the earlier one, and counted (`newscrawl/flagged/identical_body`).

The pipeline only reads the run's journal; an unchanged article is dropped as `Unchanged`,
which the run extension (the journal's one writer) records as checked.

`modified_at` is never set here: it comes from the page, the feed or the sitemap. The time a
change was noticed is not the time the article was modified.

Not a step of newscrawl.process: it needs the run's state, so `newscrawl extract` skips it.
"""

from __future__ import annotations

from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from newscrawl.items import ArticleDraft
from newscrawl.normalize.urls import canonicalize_url, url_key
from newscrawl.run.extension import RunExtension
from newscrawl.run.journal import RunJournal
from newscrawl.run.rejects import Unchanged
from newscrawl.run.store import Written, content_fingerprint


def article_identity(draft: ArticleDraft) -> tuple[str, str | None]:
    """(canonical fetched URL, canonical `<link rel=canonical>` or None)."""
    url = canonicalize_url(draft.url)
    try:
        canonical = canonicalize_url(draft.canonical_url) if draft.canonical_url else None
    except ValueError:  # a relative or non-web canonical says nothing about identity
        canonical = None
    return url, canonical


def body_text(draft: ArticleDraft) -> str:
    return "\n\n".join(p for p in draft.body if p.strip())


class DedupPipeline:
    def __init__(self, stats: Any = None, crawler: Crawler | None = None) -> None:
        self.stats = stats
        self.crawler = crawler
        self.run: RunExtension | None = None
        self._keys: set[str] = set()  # articles passed on in this run
        self._bodies: dict[str, str] = {}  # fingerprint -> URL of this run's first such body

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DedupPipeline:
        return cls(crawler.stats, crawler)

    def open_spider(self) -> None:
        if self.crawler is not None:
            self.run = self.crawler.get_extension(RunExtension)

    @property
    def journal(self) -> RunJournal | None:
        # Read on use: pipelines open before the extension opens the store (spider_opened).
        return self.run.journal if self.run is not None else None

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, ArticleDraft):
            return item
        text = body_text(item)
        if not text:
            return item  # validation rejects it with its own reason
        try:
            url, canonical = article_identity(item)
        except ValueError:
            return item
        fingerprint = content_fingerprint(text)
        key = url_key(canonical or url)
        if key in self._keys:
            self.count("dropped/duplicate")
            raise DropItem(f"duplicate: {item.url}")
        self._keys.add(key)
        journal = self.journal
        item.revision = 1 if journal is None else journal.revision_for(url, canonical, fingerprint)
        if item.revision == 0:  # seen again, unchanged: the run marks it checked
            self.count("dropped/unchanged")
            raise Unchanged(Written(url, canonical, fingerprint))
        item.duplicate_of = self.identical_body(fingerprint, url, canonical)
        return item

    def identical_body(self, fingerprint: str, url: str, canonical: str | None) -> str | None:
        own = url_key(canonical or url)
        earlier: str | None = self._bodies.setdefault(fingerprint, canonical or url)
        if earlier is not None and url_key(earlier) == own:
            earlier = None
        if earlier is None and self.journal is not None:
            earlier = self.journal.duplicate_of(fingerprint, url, canonical)
        if earlier is not None:
            self.count("flagged/identical_body")
        return earlier

    def count(self, key: str) -> None:
        if self.stats is not None:
            self.stats.inc_value(f"newscrawl/{key}")
