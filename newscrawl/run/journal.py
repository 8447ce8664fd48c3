"""A run's written articles and non-articles, held until the output is in place, then committed
to the store. The run extension is its only writer."""

from __future__ import annotations

from datetime import datetime

from newscrawl.normalize.urls import url_key
from newscrawl.run.store import NotArticle, StateStore, Written, next_revision


class RunJournal:
    """A run's written articles, committed to the store only once the output is in place.

    `add` answers, before an item is exported, what `record_many` will answer at commit:
    it sees the store and the articles added earlier in this run.
    """

    def __init__(self, state: StateStore):
        self.state = state
        self._pending: list[Written] = []
        self._not_articles: list[NotArticle] = []
        self._by_key: dict[str, tuple[int, str]] = {}  # key -> (revision, fingerprint)
        self._by_fingerprint: dict[str, str] = {}  # fingerprint -> canonical URL

    def __len__(self) -> int:
        """The articles held (each non-article is counted apart, in `not_articles`)."""
        return len(self._pending)

    @property
    def not_articles(self) -> int:
        return len(self._not_articles)

    def revision_for(self, url: str, canonical_url: str | None, fingerprint: str) -> int:
        key = url_key(canonical_url or url)
        if key in self._by_key:
            revision, stored_fp = self._by_key[key]
            return next_revision(revision, stored_fp, fingerprint)
        return self.state.revision_for(url, canonical_url, fingerprint)

    def duplicate_of(
        self, fingerprint: str, url: str, canonical_url: str | None = None
    ) -> str | None:
        """Another article (this run's or stored) with the same body, if any."""
        own = canonical_url or url
        earlier = self._by_fingerprint.get(fingerprint)
        if earlier is not None and url_key(earlier) != url_key(own):
            return earlier
        return self.state.find_by_fingerprint(fingerprint, exclude_url=own)

    def add(self, entry: Written) -> int:
        """Hold `entry` for commit; its revision (0: unchanged, nothing new to write)."""
        revision = self.revision_for(entry.url, entry.canonical_url, entry.fingerprint)
        self._pending.append(entry)
        if revision:
            self._by_key[entry.key] = (revision, entry.fingerprint)
        self._by_fingerprint.setdefault(entry.fingerprint, entry.canonical_url or entry.url)
        return revision

    def add_not_article(self, page: NotArticle) -> None:
        """Hold a page that is no article, so later runs do not fetch it again."""
        self._not_articles.append(page)

    def commit(self, *, now: datetime | None = None) -> list[int]:
        """Write what is held to the store in one transaction and forget it; the articles'
        revisions."""
        revisions = self.state.record_many(self._pending, self._not_articles, now=now)
        self.discard()
        return revisions

    def discard(self) -> None:
        self._pending.clear()
        self._not_articles.clear()
        self._by_key.clear()
        self._by_fingerprint.clear()
