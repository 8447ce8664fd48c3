from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from newscrawl.stories import SqliteStoryIndex, StoryIndexError
from newscrawl.stories.metrics import pair_counts
from tests.stories.conftest import FIXTURES

REPO = Path(__file__).resolve().parents[2]

# One crawl process: links every other record of the fixture (its half), one at a time.
WORKER = """
import json, sys
from newscrawl.stories import Linker, SqliteStoryIndex
records = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")][int(sys.argv[3])::2]
with SqliteStoryIndex(sys.argv[2], busy_timeout=60) as index:
    linker = Linker(index)
    print(json.dumps({r["url"]: linker.link(r).story_id for r in records}))
"""


def test_two_processes_link_into_one_index(tmp_path: Path, gold: list[str],
                                           copies: list[dict]) -> None:
    path = tmp_path / "stories.sqlite3"
    SqliteStoryIndex(path).open().close()  # created once, as the first crawl would
    workers = [
        subprocess.Popen([sys.executable, "-c", WORKER, str(FIXTURES / "copies.jsonl"),
                          str(path), str(half)], cwd=REPO, stdout=subprocess.PIPE, text=True)
        for half in (0, 1)
    ]
    ids: dict[str, str] = {}
    for worker in workers:
        out, _ = worker.communicate(timeout=120)
        assert worker.returncode == 0
        ids.update(json.loads(out))
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
