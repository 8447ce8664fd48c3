"""Workers of a shared crawl as separate `scrapy crawl` processes, as cron starts them, on the
generated local site and a real redis-server; and what they wrote."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import redis

from newscrawl.group.keys import GroupKeys
from tests.crawl import ENV, REPO, read_json, read_jsonl

SITE = "harbour"  # the store's name (-a state_name): the group's keys are newscrawl:{harbour}:
KEYS = GroupKeys(SITE)
FAST = {
    "LOG_LEVEL": "INFO",
    "AUTOTHROTTLE_ENABLED": "0",
    "DOWNLOAD_DELAY": "0",
    "CONCURRENT_REQUESTS": "32",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "32",
    "NEWSCRAWL_RENDER": "0",
    "NEWSCRAWL_IDLE_GRACE": "2",
}


@dataclass
class Worker:
    process: subprocess.Popen[bytes]
    log: Path
    started: float

    def wait(self, timeout: float) -> int:
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            raise AssertionError(f"worker did not finish in {timeout} s; see {self.log}") from None


def start_worker(sitemap: str, redis_url: str, folder: Path, name: str,
                 **settings: str) -> Worker:
    """`scrapy crawl news -a sitemap=... -s NEWSCRAWL_REDIS_URL=...`, output under `folder`."""
    log = folder / f"{name}.log"
    overrides = {
        **FAST,
        "NEWSCRAWL_REDIS_URL": redis_url,
        "NEWSCRAWL_OUTPUT_DIR": str(folder / "output"),
        "NEWSCRAWL_STATE_DIR": str(folder / f"state-{name}"),  # per machine: templates only
        "LOG_FILE": str(log),
        **settings,
    }
    command = [sys.executable, "-m", "scrapy", "crawl", "news", "-a", f"sitemap={sitemap}",
               "-a", f"state_name={SITE}"]
    for key, value in overrides.items():
        command += ["-s", f"{key}={value}"]
    process = subprocess.Popen(command, cwd=REPO, env=ENV, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)  # fmt: skip
    return Worker(process, log, time.monotonic())


def outputs(folder: Path) -> list[Path]:
    """The final output files (never `.part`, never rejects)."""
    return sorted(p for p in (folder / "output" / "news").glob("*.jsonl")
                  if not p.name.endswith(".rejects.jsonl"))


def summaries(folder: Path) -> list[dict[str, Any]]:
    found = [read_json(p) for p in sorted((folder / "output" / "news").glob("*.summary.json"))]
    return [s for s in found if s is not None]


def records(files: list[Path]) -> list[dict[str, Any]]:
    return [record for path in files for record in read_jsonl(path)]


def written_urls(files: list[Path]) -> Counter[str]:
    return Counter(record["url"] for record in records(files))


def status(redis_url: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", "newscrawl.cli", "status", "news", "-a", f"state_name={SITE}",
         "-s", f"NEWSCRAWL_REDIS_URL={redis_url}", "--json"],
        cwd=REPO, env=ENV, capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    loaded: dict[str, Any] = json.loads(done.stdout)
    return loaded


def part_lines(folder: Path, worker: Worker) -> int:
    """Records the worker has exported so far (its `.part` file, one per process)."""
    pid = f"-{worker.process.pid}-"
    for part in (folder / "output" / "news").glob("*.jsonl.part"):
        if pid in part.name and ".rejects." not in part.name:
            return part.read_bytes().count(b"\n")
    return 0


def was_reclaimed(redis_url: str, worker: Worker) -> bool:
    """Whether the group took the worker's requests back (its `lost` line in `finished`)."""
    client = redis.Redis.from_url(redis_url, decode_responses=True)
    try:
        lines = client.lrange(KEYS.finished, 0, -1)
    finally:
        client.close()
    pid = f"-{worker.process.pid}-"
    return any(pid in entry["id"] and entry.get("lost") for entry in map(json.loads, lines))
