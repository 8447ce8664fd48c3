from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from newscrawl.run.output import (
    AtomicFileFeedStorage,
    OutputFailed,
    atomic_write_bytes,
    part_path_for,
)

REPO = Path(__file__).resolve().parents[1]

# A tiny crawl with the atomic storage. It records, as each item is scraped, whether the final
# file or the .part file exists, and prints the record. With a kill_after argument it dies
# like a killed cron job (no cleanup at all) once that many items were scraped.
CRAWL_SCRIPT = """
import json, os, sys
from pathlib import Path
import scrapy
from scrapy import signals
from scrapy.crawler import CrawlerProcess

out = Path(sys.argv[1])
kill_after = int(sys.argv[2])
part = out.with_name(out.name + ".part")
seen = []

class TinySpider(scrapy.Spider):
    name = "tiny"

    async def start(self):
        for n in range(5):
            yield {"n": n, "title": f"Article {n}"}

def observe(item):
    seen.append({"final": out.exists(), "part": part.exists()})
    if len(seen) == kill_after:
        os._exit(3)

process = CrawlerProcess(settings={
    "FEEDS": {out.as_uri(): {"format": "jsonlines"}},
    "FEED_STORAGES": {
        "": "newscrawl.run.output.AtomicFileFeedStorage",
        "file": "newscrawl.run.output.AtomicFileFeedStorage",
    },
    "LOG_LEVEL": "ERROR",
    "TELNETCONSOLE_ENABLED": False,
})
crawler = process.create_crawler(TinySpider)
crawler.signals.connect(observe, signal=signals.item_scraped)
process.crawl(crawler)
process.start()
print(json.dumps(seen))
"""


def write_items(storage: AtomicFileFeedStorage, *lines: bytes) -> None:
    file = storage.open(None)
    for line in lines:
        file.write(line)
    storage.store(file)


def run_crawl(out: Path, kill_after: int = 0) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, "-c", CRAWL_SCRIPT, str(out), str(kill_after)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=out.parent,
        env=env,
    )


# -- the storage, called directly ----------------------------------------------------------


def test_part_file_sits_next_to_the_final_name(tmp_path: Path) -> None:
    assert part_path_for(tmp_path / "out.jsonl") == tmp_path / "out.jsonl.part"


def test_open_writes_to_the_part_file(tmp_path: Path) -> None:
    storage = AtomicFileFeedStorage(str(tmp_path / "out.jsonl"))
    with storage.open(None) as file:
        file.write(b'{"n": 1}\n')
        assert (tmp_path / "out.jsonl.part").exists()


def test_final_file_is_absent_until_store(tmp_path: Path) -> None:
    storage = AtomicFileFeedStorage(str(tmp_path / "out.jsonl"))
    with storage.open(None) as file:
        file.write(b'{"n": 1}\n')
        assert not (tmp_path / "out.jsonl").exists()


def test_store_moves_the_part_file_to_the_final_name(tmp_path: Path) -> None:
    write_items(AtomicFileFeedStorage(str(tmp_path / "out.jsonl")), b'{"n": 1}\n')
    assert (tmp_path / "out.jsonl").read_bytes() == b'{"n": 1}\n'


def test_store_leaves_no_part_file(tmp_path: Path) -> None:
    write_items(AtomicFileFeedStorage(str(tmp_path / "out.jsonl")), b'{"n": 1}\n')
    assert not (tmp_path / "out.jsonl.part").exists()


def test_file_uri_is_accepted(tmp_path: Path) -> None:
    write_items(AtomicFileFeedStorage((tmp_path / "out.jsonl").as_uri()), b"x\n")
    assert (tmp_path / "out.jsonl").exists()


def test_missing_folders_are_created(tmp_path: Path) -> None:
    write_items(AtomicFileFeedStorage(str(tmp_path / "a" / "b" / "out.jsonl")), b"x\n")
    assert (tmp_path / "a" / "b" / "out.jsonl").exists()


def test_old_file_stays_readable_while_writing(tmp_path: Path) -> None:
    (tmp_path / "out.jsonl").write_bytes(b"old\n")
    storage = AtomicFileFeedStorage(str(tmp_path / "out.jsonl"), feed_options={"overwrite": True})
    with storage.open(None) as file:
        file.write(b"new\n")
        assert (tmp_path / "out.jsonl").read_bytes() == b"old\n"


def test_overwrite_replaces_the_old_file(tmp_path: Path) -> None:
    (tmp_path / "out.jsonl").write_bytes(b"old\n")
    storage = AtomicFileFeedStorage(str(tmp_path / "out.jsonl"), feed_options={"overwrite": True})
    write_items(storage, b"new\n")
    assert (tmp_path / "out.jsonl").read_bytes() == b"new\n"


def test_append_keeps_the_old_lines(tmp_path: Path) -> None:
    (tmp_path / "out.jsonl").write_bytes(b"old\n")
    write_items(AtomicFileFeedStorage(str(tmp_path / "out.jsonl")), b"new\n")
    assert (tmp_path / "out.jsonl").read_bytes() == b"old\nnew\n"


def test_store_accepts_an_already_closed_file(tmp_path: Path) -> None:
    storage = AtomicFileFeedStorage(str(tmp_path / "out.jsonl"))
    file = storage.open(None)
    file.write(b"x\n")
    file.close()  # as Scrapy does with post-processing (gzip) feeds
    storage.store(file)
    assert (tmp_path / "out.jsonl").read_bytes() == b"x\n"


def test_stale_part_file_is_replaced(tmp_path: Path) -> None:
    (tmp_path / "out.jsonl.part").write_bytes(b"half a line from a killed ru")
    write_items(AtomicFileFeedStorage(str(tmp_path / "out.jsonl")), b"x\n")
    assert (tmp_path / "out.jsonl").read_bytes() == b"x\n"


def test_stale_part_file_is_logged(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / "out.jsonl.part").write_bytes(b"half")
    write_items(AtomicFileFeedStorage(str(tmp_path / "out.jsonl")), b"x\n")
    assert "did not finish" in caplog.text


# -- the storage when the file system says no ----------------------------------------------


def test_folder_that_cannot_be_created_is_found_before_the_run(tmp_path: Path) -> None:
    (tmp_path / "file").write_bytes(b"")
    storage = AtomicFileFeedStorage(str(tmp_path / "file" / "out.jsonl"))
    assert storage.check() == (
        f"cannot write {tmp_path}/file/out.jsonl.part: {tmp_path}/file is not a folder"
    )


def test_output_name_that_is_a_folder_is_found_before_the_run(tmp_path: Path) -> None:
    (tmp_path / "out.jsonl").mkdir()
    assert "it is a folder" in (AtomicFileFeedStorage(str(tmp_path / "out.jsonl")).check() or "")


def test_writable_folder_passes_the_check_and_stays_empty(tmp_path: Path) -> None:
    assert AtomicFileFeedStorage(str(tmp_path / "out.jsonl")).check() is None
    assert list(tmp_path.iterdir()) == []


def test_part_file_that_cannot_be_created_fails_the_store_not_the_writes(tmp_path: Path) -> None:
    (tmp_path / "file").write_bytes(b"")
    storage = AtomicFileFeedStorage(str(tmp_path / "file" / "out.jsonl"))
    file = storage.open(None)
    file.write(b'{"n": 1}\n')  # taken and dropped: the run goes on to its verdict
    with pytest.raises(OutputFailed, match="cannot write"):
        storage.store(file)


def test_full_disk_keeps_its_reason_and_the_old_file(tmp_path: Path) -> None:
    (tmp_path / "out.jsonl").write_bytes(b"old\n")
    (tmp_path / "out.jsonl.part").symlink_to("/dev/full")  # every write: ENOSPC
    storage = AtomicFileFeedStorage(str(tmp_path / "out.jsonl"), feed_options={"overwrite": True})
    file = storage.open(None)
    file.write(b"x" * 100_000)
    with pytest.raises(OutputFailed, match="No space left on device"):
        storage.store(file)
    assert (tmp_path / "out.jsonl").read_bytes() == b"old\n"
    assert not (tmp_path / "out.jsonl.part").exists()


def test_refused_rename_keeps_its_reason_and_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "out.jsonl").write_bytes(b"old\n")

    def refuse(src: object, dst: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("newscrawl.run.output.os.replace", refuse)
    storage = AtomicFileFeedStorage(str(tmp_path / "out.jsonl"), feed_options={"overwrite": True})
    file = storage.open(None)
    file.write(b"new\n")
    with pytest.raises(OutputFailed, match=r"cannot move out\.jsonl\.part to .*: Permission denied"):
        storage.store(file)
    assert (tmp_path / "out.jsonl").read_bytes() == b"old\n"
    assert not (tmp_path / "out.jsonl.part").exists()


def test_first_failure_is_the_one_kept(tmp_path: Path) -> None:
    storage = AtomicFileFeedStorage(str(tmp_path / "out.jsonl"))
    storage.fail("cannot write a: Read-only file system")
    storage.fail("cannot write b: No space left on device")
    assert storage.error == "cannot write a: Read-only file system"


def test_atomic_write_replaces_the_whole_file(tmp_path: Path) -> None:
    (tmp_path / "summary.json").write_bytes(b"old and longer content")
    atomic_write_bytes(tmp_path / "summary.json", b"{}")
    assert (tmp_path / "summary.json").read_bytes() == b"{}"


def test_atomic_write_leaves_no_part_file(tmp_path: Path) -> None:
    atomic_write_bytes(tmp_path / "summary.json", b"{}")
    assert list(tmp_path.iterdir()) == [tmp_path / "summary.json"]


# -- a real crawl --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def finished_crawl(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Any]]:
    out = tmp_path_factory.mktemp("crawl") / "out.jsonl"
    result = run_crawl(out)
    assert result.returncode == 0, result.stderr
    return out, json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.crawl
def test_crawl_never_shows_the_final_file_while_running(
    finished_crawl: tuple[Path, list[Any]],
) -> None:
    _, seen = finished_crawl
    assert len(seen) == 5 and not any(s["final"] for s in seen)


@pytest.mark.crawl
def test_crawl_writes_to_the_part_file_while_running(
    finished_crawl: tuple[Path, list[Any]],
) -> None:
    _, seen = finished_crawl
    assert seen[-1]["part"]


@pytest.mark.crawl
def test_crawl_publishes_every_item_at_the_end(finished_crawl: tuple[Path, list[Any]]) -> None:
    out, _ = finished_crawl
    lines = out.read_text().splitlines()
    assert sorted(json.loads(line)["n"] for line in lines) == [0, 1, 2, 3, 4]


@pytest.mark.crawl
def test_crawl_leaves_no_part_file(finished_crawl: tuple[Path, list[Any]]) -> None:
    out, _ = finished_crawl
    assert not part_path_for(out).exists()


@pytest.mark.crawl
def test_killed_crawl_leaves_only_a_part_file(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = run_crawl(out, kill_after=3)
    assert result.returncode == 3, result.stderr
    assert (not out.exists(), part_path_for(out).exists()) == (True, True)
