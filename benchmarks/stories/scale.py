"""What linking one record costs as the story index grows: 10k, 100k and 1M stories.

    python benchmarks/stories/scale.py [--sizes 10000 100000 1000000] [--probes 320]
                                       [--dir /tmp/newscrawl-stories-scale]

For each size, an index file is filled in bulk with that many stories (one member each), all
inside the candidate window, then a fresh process links the probe records (the evaluation
set's records, re-timed into the same window) one by one, as a crawl does, and reports the time
per linked record, the candidates read per record and the process's peak memory (max RSS).
Sizes run one after the other in one invocation and are reported side by side, with ratios to
the smallest; compare within a run, not across machines.

The filler stories' band keys and (dateline, day) blocks are random 64-bit values (unrelated
texts share no band in practice), their payload a real compressed record (its size, not its
text, matters here), so the figures measure the index's lookups, not the verification of
look-alike stories. Rows are written sorted by (band, hash) and the time index is built after
the load, so a million stories take minutes, not hours.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate

from newscrawl.stories import Linker, SqliteStoryIndex
from newscrawl.stories.index import BLOCK_BAND
from newscrawl.stories.linker import Settings
from newscrawl.stories.sqlite import pack

T0 = datetime(2024, 6, 15, tzinfo=UTC)
CHUNK = 200_000


def probes(count: int) -> list[dict[str, Any]]:
    """Evaluation-set records, re-timed one minute apart from T0 on."""
    records: list[dict[str, Any]] = []
    seed = 1
    while len(records) < count:
        records += [{**r, "url": f"{r['url']}?seed={seed}"} for r, _ in generate(seed)]
        seed += 1
    for i, record in enumerate(records[:count]):
        record["published_at"] = (T0 + timedelta(minutes=i)).isoformat(timespec="seconds")
    return records[:count]


def build(path: Path, size: int, rng: np.random.Generator) -> float:
    """Fill a new index with `size` one-member stories; seconds taken."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    started = time.perf_counter()
    bands = Settings().lsh.bands
    payload = pack(probes(1)[0])
    signature = bytes(4 * Settings().lsh.num_perm)
    window = Settings().window_days * 86400
    at = T0.timestamp() - rng.uniform(0, window - 86400, size)
    with SqliteStoryIndex(path) as index:
        conn = index.conn
        # A bulk load needs no write-ahead log; the crawls' WAL mode is set back after it.
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute("PRAGMA cache_size = -1000000")
        conn.execute("DROP INDEX buckets_at")  # built once the rows are in
        conn.execute("BEGIN")
        for start in range(0, size, CHUNK):
            ids = range(start + 1, min(size, start + CHUNK) + 1)
            conn.executemany("INSERT INTO stories VALUES (?, ?, 1, ?)",
                             ((f"f{i}", f"https://filler.example/{i}", at[i - 1]) for i in ids))
            conn.executemany(
                "INSERT INTO members VALUES (?, ?, ?, ?, ?, 300, ?, ?)",
                ((i, f"filler.example/{i}", f"f{i}", f"https://filler.example/{i}", at[i - 1],
                  signature, payload) for i in ids))
        for band in [*range(bands), BLOCK_BAND]:
            keys = rng.integers(-(2**63), 2**63 - 1, size, dtype=np.int64)
            order = np.argsort(keys, kind="stable")
            conn.executemany("INSERT INTO buckets VALUES (?, ?, ?, ?)",
                             ((band, int(keys[j]), float(at[j]), int(j) + 1) for j in order))
        conn.execute("COMMIT")
        conn.execute("CREATE INDEX buckets_at ON buckets (at)")
        conn.execute("PRAGMA journal_mode = WAL")
    return time.perf_counter() - started


def probe(path: Path, count: int) -> dict[str, float]:
    """Link the probes into the index at `path` (run in a fresh process)."""
    records = probes(count)
    with SqliteStoryIndex(path) as index:
        linker = Linker(index)
        candidates = 0
        original = index.candidates

        def counting(*args: Any) -> dict[int, int]:
            nonlocal candidates
            found = original(*args)
            candidates += len(found)
            return found

        index.candidates = counting  # type: ignore[method-assign]
        linker.link(records[0])  # warm-up: imports, caches
        started = time.perf_counter()
        for record in records[1:]:
            linker.link(record)
        elapsed = time.perf_counter() - started
    return {"ms_per_record": 1000 * elapsed / (count - 1), "candidates": candidates / count,
            "max_rss_mib": peak_rss_mib()}


def peak_rss_mib() -> float:
    """This process's peak resident memory. VmHWM, not getrusage: ru_maxrss survives exec on
    Linux, so a child would report its parent's peak (the bulk load's cache)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--probes", type=int, default=320)
    parser.add_argument("--dir", default="/tmp/newscrawl-stories-scale")
    parser.add_argument("--probe", help=argparse.SUPPRESS)  # the measuring child process
    args = parser.parse_args(argv)
    if args.probe:
        print(json.dumps(probe(Path(args.probe), args.probes)))
        return 0
    folder = Path(args.dir)
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for size in args.sizes:
        path = folder / f"stories-{size}.sqlite3"
        seconds = build(path, size, np.random.default_rng(size))
        done = subprocess.run([sys.executable, __file__, "--probe", str(path),
                               "--probes", str(args.probes)],
                              capture_output=True, text=True, check=True)
        rows.append((size, seconds, path.stat().st_size, json.loads(done.stdout)))
        path.unlink()
        for suffix in ("-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    base = rows[0][3]
    print(f"{args.probes} records linked per size (the evaluation set's, re-timed)\n")
    print("| stories in index | build s | index MiB | ms / record | x smallest | "
          "candidates / record | peak RSS MiB | x smallest |")
    print("|---|---|---|---|---|---|---|---|")
    for size, seconds, nbytes, m in rows:
        print(f"| {size:,} | {seconds:.0f} | {nbytes / 2**20:.0f} | {m['ms_per_record']:.2f} | "
              f"{m['ms_per_record'] / base['ms_per_record']:.2f} | {m['candidates']:.2f} | "
              f"{m['max_rss_mib']:.0f} | {m['max_rss_mib'] / base['max_rss_mib']:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
