"""Pages per second of 1, 2 and 3 workers sharing the crawl of one local site through Redis,
side by side in one run, with each worker's CPU share.

    .venv/bin/python benchmarks/shared_crawl.py                 # 2,000 articles, 1 2 3 workers
    .venv/bin/python benchmarks/shared_crawl.py --articles 3000 --workers 1 2 --repeat 2
    .venv/bin/python benchmarks/shared_crawl.py --extract-workers 0   # each worker one process

The generated site of tests/group/site.py is served on 127.0.0.1 and a redis-server is started
on a free port (both stopped at the end); each round starts from an empty Redis. `pages/s` is
the site's articles over the wall time from starting the workers to the last one's exit (their
start-up, ~2-4 s of imports, and the 2 s idle grace included), and over the crawl span (the
first worker's start to the last one's finish, from their summaries). `cpu` is each worker's
user + system time over the wall time (1.0 = one core busy all along), from wait4: it leaves
out the worker's extraction processes (one per core by default; the worker does not wait for
them), which `--extract-workers 0` folds into the worker's own process. The ratio
column is pages/s against 1 worker of the same run. Run it when `uptime` shows a low load:
other processes on the machine take CPU from the workers.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import datetime
from pathlib import Path
from tempfile import TemporaryDirectory

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.group.crawl import start_worker, summaries
from tests.group.site import GeneratedSite
from tests.redis_server import RedisServer


def one_round(site: GeneratedSite, server: RedisServer, workers: int, folder: Path,
              settings: dict[str, str]) -> dict:
    server.flush()
    started = time.monotonic()
    running = [start_worker(site.sitemap_url, server.url, folder, f"w{i}",
                            NEWSCRAWL_STORIES="1", **settings) for i in range(workers)]  # fmt: skip
    cpu: list[float] = []
    codes = []
    for worker in running:
        _, status, usage = os.wait4(worker.process.pid, 0)
        worker.process.returncode = os.waitstatus_to_exitcode(status)
        codes.append(worker.process.returncode)
        cpu.append(usage.ru_utime + usage.ru_stime)
    wall = time.monotonic() - started
    runs = summaries(folder)
    written = sum(s["counts"]["articles"] for s in runs)
    begin = min(datetime.fromisoformat(s["started_at"]) for s in runs)
    end = max(datetime.fromisoformat(s["finished_at"]) for s in runs)
    span = (end - begin).total_seconds()
    return {"workers": workers, "codes": codes, "written": written, "wall": wall,
            "span": span, "cpu": [c / wall for c in cpu],
            "per_worker": [s["counts"]["articles"] for s in runs]}  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--extract-workers", type=int, default=None, metavar="N",
                        help="NEWSCRAWL_EXTRACT_WORKERS of each worker (default: one per core)")
    args = parser.parse_args()
    settings = ({} if args.extract_workers is None
                else {"NEWSCRAWL_EXTRACT_WORKERS": str(args.extract_workers)})
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; "
          f"{os.cpu_count()} cores; {args.articles} articles")
    results = []
    server = RedisServer()
    try:
        with GeneratedSite(args.articles) as site, TemporaryDirectory() as tmp:
            for repeat in range(args.repeat):
                for n in args.workers:
                    result = one_round(site, server, n, Path(tmp) / f"r{repeat}-n{n}", settings)
                    results.append(result)
                    print(f"  {n} worker(s): {result['written']} written in {result['wall']:.1f}"
                          f" s (exit codes {result['codes']})", flush=True)
    finally:
        server.stop()
    base = {r["workers"]: r for r in results if r["workers"] == min(args.workers)}
    anchor = base[min(args.workers)]
    print(f"\n{'workers':>7} {'written':>8} {'wall s':>7} {'pages/s':>8} {'ratio':>6} "
          f"{'span s':>7} {'pages/s':>8} {'ratio':>6}  cpu share per worker (articles)")
    for r in results:
        rate, span_rate = r["written"] / r["wall"], r["written"] / r["span"]
        ratio = rate / (anchor["written"] / anchor["wall"])
        span_ratio = span_rate / (anchor["written"] / anchor["span"])
        shares = ", ".join(f"{c:.2f}" for c in r["cpu"])
        print(f"{r['workers']:>7} {r['written']:>8} {r['wall']:>7.1f} {rate:>8.1f} {ratio:>6.2f} "
              f"{r['span']:>7.1f} {span_rate:>8.1f} {span_ratio:>6.2f}  {shares} "
              f"({', '.join(map(str, r['per_worker']))})")
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
