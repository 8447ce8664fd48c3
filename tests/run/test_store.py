from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from newscrawl.run.journal import RunJournal
from newscrawl.run.redis_store import RedisState
from newscrawl.run.since import parse_since
from newscrawl.run.store import (
    SCHEMA_VERSION,
    CrawlState,
    NotArticle,
    StateError,
    StateStore,
    Written,
    content_fingerprint,
    state_path,
)

NOW = datetime(2026, 11, 3, 12, 0, tzinfo=UTC)
URL = "https://example.com/news/story-1"
FP = content_fingerprint("The body of story one.")
FP2 = content_fingerprint("The body of story one, corrected.")


@pytest.fixture
def sqlite_state(tmp_path: Path) -> Iterator[CrawlState]:
    with CrawlState.for_site(tmp_path, "example") as store:
        yield store


@pytest.fixture(params=["sqlite", "redis"])
def state(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[StateStore]:
    """Each backend of the store, which must behave alike (the Redis one on a real server)."""
    store: StateStore
    if request.param == "redis":
        store = RedisState(request.getfixturevalue("redis_url"), "example").open()
    else:
        store = CrawlState.for_site(tmp_path, "example").open()
    try:
        yield store
    finally:
        store.close()


def record(state: StateStore, url: str, canonical: str | None, fp: str,
           published: str | None = None, modified: str | None = None, *,
           now: datetime) -> int:
    """Store one written article; its revision."""
    return state.record_many([Written(url, canonical, fp, published, modified)], now=now)[0]


def fetches(state: StateStore, url: str, **when: Any) -> bool:
    return state.fetch_decision(url, **when).fetch


# -- fingerprints and names ----------------------------------------------------------------


def test_fingerprint_ignores_case_and_whitespace_layout() -> None:
    assert content_fingerprint("Hello  World\n\nAgain") == content_fingerprint("hello world again")


def test_fingerprint_ignores_unicode_spelling() -> None:
    assert content_fingerprint("caf\u00e9") == content_fingerprint("cafe\u0301")


def test_fingerprint_tells_different_texts_apart() -> None:
    assert FP != FP2


def test_state_file_is_named_for_the_site(tmp_path: Path) -> None:
    assert state_path(tmp_path, "rudaw") == tmp_path / "rudaw.sqlite3"


@pytest.mark.parametrize("site", ["../etc", "a/b", "", ".hidden"])
def test_unsafe_site_names_are_rejected(tmp_path: Path, site: str) -> None:
    with pytest.raises(ValueError):
        state_path(tmp_path, site)


# -- since ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2d", NOW - timedelta(days=2)),
        ("12h", NOW - timedelta(hours=12)),
        ("30m", NOW - timedelta(minutes=30)),
        ("1w", NOW - timedelta(weeks=1)),
    ],
)
def test_since_span_counts_back_from_now(text: str, expected: datetime) -> None:
    assert parse_since(text, NOW) == expected


def test_since_date_is_midnight_utc() -> None:
    assert parse_since("2026-11-01", NOW) == datetime(2026, 11, 1, tzinfo=UTC)


def test_since_datetime_keeps_its_offset() -> None:
    assert parse_since("2026-11-01T06:00:00+02:00", NOW) == datetime(2026, 11, 1, 4, tzinfo=UTC)


def test_since_rejects_nonsense() -> None:
    with pytest.raises(ValueError, match="since"):
        parse_since("last tuesday", NOW)


# -- opening -------------------------------------------------------------------------------


def test_store_uses_wal(sqlite_state: CrawlState) -> None:
    assert sqlite_state.stats()["journal_mode"] == "wal"


def test_store_records_its_schema_version(sqlite_state: CrawlState) -> None:
    assert sqlite_state.stats()["schema_version"] == SCHEMA_VERSION


def test_store_creates_the_state_dir(tmp_path: Path) -> None:
    with CrawlState.for_site(tmp_path / "deep" / "state", "example") as store:
        assert store.path.exists()


def test_store_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = state_path(tmp_path, "example")
    with CrawlState(path):
        pass
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    conn.close()
    with pytest.raises(StateError, match="newer"), CrawlState(path):
        pass


# The schema of version 1, as newscrawl 0.1 created it.
SCHEMA_V1 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE articles (key TEXT PRIMARY KEY, url TEXT NOT NULL, fingerprint TEXT NOT NULL,
    revision INTEGER NOT NULL, published_at TEXT, modified_at TEXT, first_written TEXT NOT NULL,
    last_written TEXT NOT NULL, last_checked TEXT NOT NULL);
CREATE INDEX articles_fingerprint ON articles (fingerprint);
CREATE TABLE aliases (alias TEXT PRIMARY KEY, key TEXT NOT NULL);
INSERT INTO meta VALUES ('schema_version', '1'), ('created_at', '2026-11-01T00:00:00+00:00');
INSERT INTO articles VALUES ('//example.com/news/story-1', 'https://example.com/news/story-1',
    'ab', 1, NULL, NULL, '2026-11-01T00:00:00+00:00', '2026-11-01T00:00:00+00:00',
    '2026-11-01T00:00:00+00:00');
INSERT INTO aliases VALUES ('//example.com/news/story-1', '//example.com/news/story-1');
"""


def v1_store(tmp_path: Path) -> Path:
    path = state_path(tmp_path, "example")
    conn = sqlite3.connect(path)
    conn.executescript(SCHEMA_V1)
    conn.close()
    return path


def test_store_of_version_1_is_upgraded_and_keeps_its_articles(tmp_path: Path) -> None:
    with CrawlState(v1_store(tmp_path)) as store:
        assert store.stats()["schema_version"] == SCHEMA_VERSION == 2
        assert store.get(URL) is not None


def test_upgraded_store_remembers_pages_that_are_no_article(tmp_path: Path) -> None:
    with CrawlState(v1_store(tmp_path)) as store:
        store.record_many([], [NotArticle(URL + "/tags", "not_article")], now=NOW)
    with CrawlState(state_path(tmp_path, "example")) as store:
        assert store.fetch_decision(URL + "/tags", now=NOW) == (False, "not_article")


def test_corrupt_store_gives_a_clear_error(tmp_path: Path) -> None:
    path = state_path(tmp_path, "example")
    path.write_bytes(b"this is not a database, just some bytes " * 100)
    with pytest.raises(StateError, match="remove it"), CrawlState(path):
        pass


def test_deleting_state_files_lets_a_corrupt_store_start_afresh(tmp_path: Path) -> None:
    path = state_path(tmp_path, "example")
    path.write_bytes(b"garbage" * 200)
    for stale in tmp_path.glob("example.sqlite3*"):  # as the error message says
        stale.unlink()
    with CrawlState(path) as store:
        assert store.stats()["articles"] == 0


def test_closed_store_refuses_reads(tmp_path: Path) -> None:
    store = CrawlState.for_site(tmp_path, "example")
    with pytest.raises(StateError, match="not open"):
        store.get(URL)


# -- recording -----------------------------------------------------------------------------


def test_new_article_is_revision_one(state: StateStore) -> None:
    assert record(state, URL, None, FP, now=NOW) == 1


def test_unchanged_article_returns_zero(state: StateStore) -> None:
    record(state, URL, None, FP, now=NOW)
    assert record(state, URL, None, FP, now=NOW) == 0


def test_changed_article_gets_the_next_revision(state: StateStore) -> None:
    record(state, URL, None, FP, now=NOW)
    assert record(state, URL, None, FP2, now=NOW) == 2


def test_revision_counts_every_change(state: StateStore) -> None:
    for text in ("one", "two", "three"):
        revision = record(state, URL, None, content_fingerprint(text), now=NOW)
    assert revision == 3


def test_tracking_variant_is_the_same_article(state: StateStore) -> None:
    record(state, URL, None, FP, now=NOW)
    assert record(state, URL + "?utm_source=rss#top", None, FP, now=NOW) == 0


def test_http_and_https_are_the_same_article(state: StateStore) -> None:
    record(state, URL, None, FP, now=NOW)
    assert state.get(URL.replace("https:", "http:")) is not None


def test_canonical_url_is_the_key(state: StateStore) -> None:
    record(state, "https://example.com/?p=123", URL, FP, now=NOW)
    seen = state.get(URL)
    assert seen is not None and seen.url == URL


def test_fetched_url_leads_to_its_canonical_article(state: StateStore) -> None:
    record(state, "https://example.com/?p=123", URL, FP, now=NOW)
    seen = state.get("https://example.com/?p=123&utm_medium=social")
    assert seen is not None and seen.key == "//example.com/news/story-1"


def test_get_unknown_url_is_none(state: StateStore) -> None:
    assert state.get(URL) is None


def test_recorded_dates_are_kept(state: StateStore) -> None:
    record(state, URL, None, FP, "2026-11-02T07:30:00+01:00", None, now=NOW)
    seen = state.get(URL)
    assert seen is not None and seen.published_at == "2026-11-02T07:30:00+01:00"


def test_unchanged_article_updates_last_checked(state: StateStore) -> None:
    record(state, URL, None, FP, now=NOW)
    record(state, URL, None, FP, now=NOW + timedelta(hours=5))
    seen = state.get(URL)
    assert seen is not None and seen.last_checked == NOW + timedelta(hours=5)


def test_unchanged_article_keeps_last_written(state: StateStore) -> None:
    record(state, URL, None, FP, now=NOW)
    record(state, URL, None, FP, now=NOW + timedelta(hours=5))
    seen = state.get(URL)
    assert seen is not None and seen.last_written == NOW


def test_revision_for_previews_without_writing(state: StateStore) -> None:
    assert state.revision_for(URL, None, FP) == 1
    assert state.get(URL) is None


def test_failed_batch_writes_nothing(state: StateStore) -> None:
    entries = [Written(URL, None, FP), Written("not a url", None, FP2)]
    with pytest.raises(ValueError):
        state.record_many(entries, now=NOW)
    assert state.get(URL) is None


def test_records_survive_reopening(tmp_path: Path) -> None:
    with CrawlState.for_site(tmp_path, "example") as store:
        record(store, URL, None, FP, now=NOW)
    with CrawlState.for_site(tmp_path, "example") as store:
        assert store.get(URL) is not None


def test_reset_forgets_every_article(state: StateStore) -> None:
    record(state, URL, None, FP, now=NOW)
    state.reset()
    assert state.stats()["articles"] == 0 and state.get(URL) is None


def test_stats_count_articles_and_revisions(state: StateStore) -> None:
    record(state, URL, None, FP, now=NOW)
    record(state, URL, None, FP2, now=NOW)
    record(state, URL + "-2", None, FP, now=NOW)
    stats = state.stats()
    assert (stats["articles"], stats["revised"]) == (2, 1)


# -- identical bodies ----------------------------------------------------------------------


def test_identical_body_is_found_by_fingerprint(state: StateStore) -> None:
    record(state, URL, None, FP, now=NOW)
    assert state.find_by_fingerprint(FP) == URL


def test_article_is_not_its_own_duplicate(state: StateStore) -> None:
    record(state, URL, None, FP, now=NOW)
    assert state.find_by_fingerprint(FP, exclude_url=URL + "#x") is None


def test_a_copy_is_found_once_the_first_changed(state: StateStore) -> None:
    copy = "https://example.com/news/copy"
    record(state, URL, None, FP, now=NOW)
    record(state, copy, None, FP, now=NOW + timedelta(hours=1))
    assert state.find_by_fingerprint(FP, exclude_url=URL) == copy
    record(state, URL, None, FP2, now=NOW + timedelta(hours=2))
    assert state.find_by_fingerprint(FP) == copy
    assert state.find_by_fingerprint(FP2) == URL


def test_unknown_fingerprint_finds_nothing(state: StateStore) -> None:
    assert state.find_by_fingerprint(FP) is None


# -- fetch_decision --------------------------------------------------------------------------


def test_unknown_url_is_fetched(state: StateStore) -> None:
    assert fetches(state, URL, now=NOW)


def test_known_url_is_not_fetched_again(state: StateStore) -> None:
    record(state, URL, None, FP, now=NOW)
    assert not fetches(state, URL, now=NOW + timedelta(days=3))


def test_known_url_with_tracking_params_is_not_fetched_again(state: StateStore) -> None:
    record(state, URL, None, FP, now=NOW)
    assert not fetches(state, URL + "?fbclid=abc", now=NOW)


def test_lastmod_after_last_check_is_fetched(state: StateStore) -> None:
    record(state, URL, None, FP, now=NOW)
    assert fetches(state, URL, lastmod=NOW + timedelta(minutes=1), now=NOW)


def test_lastmod_before_last_check_is_not_fetched(state: StateStore) -> None:
    record(state, URL, None, FP, now=NOW)
    assert not fetches(state, URL, lastmod=NOW - timedelta(hours=1), now=NOW)


def test_naive_lastmod_is_read_as_utc(state: StateStore) -> None:
    record(state, URL, None, FP, now=NOW)
    assert fetches(state, URL, lastmod=datetime(2026, 11, 3, 12, 30), now=NOW)


def test_revisit_interval_passed_is_fetched(state: StateStore) -> None:
    record(state, URL, None, FP, now=NOW)
    later = NOW + timedelta(days=2)
    assert fetches(state, URL, now=later, revisit_after=timedelta(days=1))


def test_revisit_interval_not_passed_is_not_fetched(state: StateStore) -> None:
    record(state, URL, None, FP, now=NOW)
    later = NOW + timedelta(hours=2)
    assert not fetches(state, URL, now=later, revisit_after=timedelta(days=1))


# -- the run journal -----------------------------------------------------------------------


def test_journal_writes_nothing_before_commit(state: StateStore) -> None:
    RunJournal(state).add(Written(URL, None, FP))
    assert state.get(URL) is None


def test_journal_commit_stores_the_articles(state: StateStore) -> None:
    journal = RunJournal(state)
    journal.add(Written(URL, None, FP))
    journal.commit(now=NOW)
    assert state.get(URL) is not None and len(journal) == 0


def test_journal_sees_the_same_article_twice_in_one_run(state: StateStore) -> None:
    journal = RunJournal(state)
    journal.add(Written(URL, None, FP))
    assert journal.add(Written(URL + "?utm_source=x", None, FP)) == 0


def test_journal_revisions_match_the_committed_ones(state: StateStore) -> None:
    record(state, URL, None, FP, now=NOW)
    journal = RunJournal(state)
    promised = [journal.add(Written(URL, None, f)) for f in (FP2, FP2, FP)]
    assert journal.commit(now=NOW) == promised == [2, 0, 3]


def test_journal_flags_identical_bodies_within_the_run(state: StateStore) -> None:
    journal = RunJournal(state)
    journal.add(Written(URL, None, FP))
    assert journal.duplicate_of(FP, "https://example.com/copy") == URL


def test_journal_flags_identical_bodies_from_earlier_runs(state: StateStore) -> None:
    record(state, URL, None, FP, now=NOW)
    assert RunJournal(state).duplicate_of(FP, "https://example.com/copy") == URL


def test_journal_does_not_flag_an_article_as_its_own_duplicate(state: StateStore) -> None:
    journal = RunJournal(state)
    journal.add(Written(URL, None, FP))
    assert journal.duplicate_of(FP, URL + "?utm_source=x") is None


def test_discarded_journal_stores_nothing(state: StateStore) -> None:
    journal = RunJournal(state)
    journal.add(Written(URL, None, FP))
    journal.discard()
    journal.commit(now=NOW)
    assert state.get(URL) is None


# -- pages that are no article -------------------------------------------------------------

TAG = "https://example.com/tags/harbour"


def remember(state: StateStore, page: NotArticle, now: datetime = NOW) -> None:
    state.record_many([], [page], now=now)


def test_unknown_url_is_fetched_as_new(state: StateStore) -> None:
    assert state.fetch_decision(URL, now=NOW) == (True, "new")


def test_page_that_is_no_article_is_not_fetched_again(state: StateStore) -> None:
    remember(state, NotArticle(TAG, "not_article"))
    assert state.fetch_decision(TAG, now=NOW + timedelta(days=30)) == (False, "not_article")


def test_page_behind_a_wall_is_fetched_again_after_the_wall_recheck_span(
    state: StateStore,
) -> None:
    remember(state, NotArticle(TAG, "bot_check"))
    day = timedelta(hours=24)
    assert state.fetch_decision(TAG, now=NOW + timedelta(hours=2),
                                wall_recheck_after=day) == (False, "not_article")
    assert state.fetch_decision(TAG, now=NOW + timedelta(hours=25),
                                wall_recheck_after=day) == (True, "recheck")


def test_wall_recheck_span_leaves_pages_that_are_no_article_alone(state: StateStore) -> None:
    remember(state, NotArticle(TAG, "soft_404"))
    assert state.fetch_decision(TAG, now=NOW + timedelta(days=30),
                                wall_recheck_after=timedelta(hours=24)) == (False, "not_article")


def test_page_that_is_no_article_is_known_by_the_link_that_led_to_it(state: StateStore) -> None:
    remember(state, NotArticle(TAG, "paywall", listed_as="https://example.com/t/h?utm_source=x"))
    assert not fetches(state, "https://example.com/t/h", now=NOW)


def test_page_that_is_no_article_is_fetched_again_when_its_listing_date_moves(
    state: StateStore,
) -> None:
    remember(state, NotArticle(TAG, "not_article"))
    later = NOW + timedelta(hours=1)
    assert state.fetch_decision(TAG, lastmod=later, now=later) == (True, "recheck")


def test_page_that_is_no_article_is_fetched_again_after_the_revisit_interval(
    state: StateStore,
) -> None:
    remember(state, NotArticle(TAG, "not_article"))
    later = NOW + timedelta(days=2)
    assert fetches(state, TAG, now=later, revisit_after=timedelta(days=1))


def test_looking_again_moves_the_last_check(state: StateStore) -> None:
    remember(state, NotArticle(TAG, "not_article"))
    remember(state, NotArticle(TAG, "not_article"), now=NOW + timedelta(days=2))
    assert state.not_article(TAG) == (NOW + timedelta(days=2), "not_article")


def test_page_that_became_an_article_is_forgotten_as_no_article(state: StateStore) -> None:
    remember(state, NotArticle(TAG, "paywall"))
    record(state, TAG, None, FP, now=NOW)
    assert state.not_article(TAG) is None and state.stats()["not_articles"] == 0


def test_reset_forgets_pages_that_are_no_article(state: StateStore) -> None:
    remember(state, NotArticle(TAG, "not_article"))
    state.reset()
    assert fetches(state, TAG, now=NOW)


def test_journal_holds_pages_that_are_no_article_until_commit(state: StateStore) -> None:
    journal = RunJournal(state)
    journal.add_not_article(NotArticle(TAG, "not_article"))
    assert fetches(state, TAG, now=NOW)
    journal.commit(now=NOW)
    assert not fetches(state, TAG, now=NOW)


# -- the Redis backend's own --------------------------------------------------------------


def test_redis_store_is_shared_by_every_client(redis_url: str) -> None:
    with RedisState(redis_url, "example") as one, RedisState(redis_url, "example") as other:
        record(one, URL, None, FP, now=NOW)
        assert other.get(URL) is not None and other.find_by_fingerprint(FP) == URL


def test_redis_stores_of_two_sites_are_apart(redis_url: str) -> None:
    with RedisState(redis_url, "example") as one, RedisState(redis_url, "other") as other:
        record(one, URL, None, FP, now=NOW)
        assert other.get(URL) is None and other.stats()["articles"] == 0


def test_redis_reset_forgets_only_its_site(redis_url: str) -> None:
    with RedisState(redis_url, "example") as one, RedisState(redis_url, "other") as other:
        record(one, URL, None, FP, now=NOW)
        record(other, URL, None, FP, now=NOW)
        one.reset()
        assert one.find_by_fingerprint(FP) is None and other.get(URL) is not None


def test_unreachable_redis_is_a_clear_error() -> None:
    from tests.redis_server import free_port

    with pytest.raises(StateError, match="cannot be opened"), \
            RedisState(f"redis://127.0.0.1:{free_port()}/0", "example"):
        pass


def test_redis_url_password_stays_out_of_messages(redis_url: str) -> None:
    url = redis_url.replace("redis://", "redis://:s3cret@")
    with RedisState(url, "example") as store:
        assert "s3cret" not in store.stats()["path"]
