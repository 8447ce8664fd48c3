from __future__ import annotations

from pathlib import Path

import pytest

from newscrawl.stories import SqliteStoryIndex, StoryIndexError
from newscrawl.stories.metrics import pair_counts
from tests.stories.conftest import link_in_two_processes


def test_two_processes_link_into_one_index(tmp_path: Path, gold: list[str],
                                           copies: list[dict]) -> None:
    path = tmp_path / "stories.sqlite3"
    SqliteStoryIndex(path).open().close()  # created once, as the first crawl would
    ids = link_in_two_processes("SqliteStoryIndex(sys.argv[2], busy_timeout=60)", str(path))
    assert len(ids) == len(copies)
    predicted = [ids[r["url"]] for r in copies]
    counts = pair_counts(gold, predicted)
    # Copies linked by the other process are found: no story is started twice.
    assert counts.true_positive == counts.actual
    assert counts.predicted - counts.true_positive <= 2
    with SqliteStoryIndex(path) as index:
        assert index.stats()["members"] == len(copies)


def test_an_unreadable_index_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "stories.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoryIndexError, match="remove it"):
        SqliteStoryIndex(path).open()


def test_the_index_uses_wal_so_crawls_read_while_one_writes(tmp_path: Path) -> None:
    with SqliteStoryIndex(tmp_path / "s.sqlite3") as index:
        assert index.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
