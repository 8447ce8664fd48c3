"""Run the hostile crawl of tests/spiders/test_hostile_crawl.py several times and report every
run whose rejects or records differ from what the test expects: a check that the crawl's
outcome does not depend on timing. Each run's census is printed too: fault kinds served,
records written (and how many were duplicates or not good articles), rejects, and the largest
crawl process's peak RSS. Load the machine meanwhile to make it count, e.g. with
`for i in 1 2 3; do timeout 600 sh -c 'while :; do :; done' & done`.

    python benchmarks/hostile_repeat.py 12
"""

from __future__ import annotations

import resource
import sys
import tempfile
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.crawl import scrapy_crawl  # noqa: E402
from tests.hostile_server import HostileServer  # noqa: E402
from tests.spiders.test_hostile_crawl import (  # noqa: E402
    BAD_REASONS,
    FAST,
    FEEDS,
    GOOD_PATHS,
    SITEMAPS,
    path_of,
)


def peak_rss_mib() -> float:
    """The largest waited-for child's peak RSS (KiB on Linux): the biggest crawl so far."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def main(runs: int) -> int:
    differing = 0
    with HostileServer(hang_seconds=60) as server, tempfile.TemporaryDirectory() as tmp:
        feeds = ",".join(server.url(f"/feeds/{name}.xml") for name in FEEDS)
        sitemaps = ",".join(server.url(f"/sitemaps/{name}.xml") for name in SITEMAPS)
        for n in range(runs):
            result = scrapy_crawl(
                "news", "-a", f"feed={feeds}", "-a", f"sitemap={sitemaps}",
                out=Path(tmp) / f"run{n}.jsonl", settings=FAST,
            )  # fmt: skip
            reasons = {path_of(r["url"]): r["reason"] for r in result.rejects}
            records = Counter(path_of(r["url"]) for r in result.records)
            changed = set(reasons.items()) ^ set(BAD_REASONS.items())
            missing, extra = Counter(GOOD_PATHS) - records, records - Counter(GOOD_PATHS)
            ok = not (changed or missing or extra)
            differing += not ok
            duplicates = sum(n - 1 for n in records.values() if n > 1)
            not_good = sum(n for path, n in records.items() if path not in GOOD_PATHS)
            print(
                f"run {n}: exit {result.returncode}; {len(BAD_REASONS)} bad links of "
                f"{len(set(BAD_REASONS.values()))} reasons; {len(result.records)} records "
                f"({len(GOOD_PATHS)} good expected, {duplicates} duplicates, {not_good} not good); "
                f"{len(result.rejects)} rejects; peak RSS so far {peak_rss_mib():.0f} MiB"
            )
            print(f"run {n}: {'as expected' if ok else 'DIFFERS'}", *(
                [f"rejects {sorted(changed)}", f"missing {dict(missing)}", f"extra {dict(extra)}"]
                if not ok else []
            ), flush=True)  # fmt: skip
    print(f"{differing} of {runs} runs differ")
    return 1 if differing else 0


if __name__ == "__main__":
    raise SystemExit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 5))
