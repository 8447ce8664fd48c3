"""`newscrawl demo`: serve the bundled demo site, crawl it with the real spiders, summarize."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from newscrawl.demo_site.server import DemoServer
from newscrawl.run.summary import coverage


def demo_crawls(base_url: str) -> list[tuple[str, list[str]]]:
    """(spider, scrapy crawl arguments) for each site of the demo."""
    return [
        ("rudaw", ["-a", f"start_url={base_url}rudaw/"]),
        ("washingtontimes", ["-a", f"start_url={base_url}washingtontimes/"]),
        ("news", ["-a", f"sitemap={base_url}ledger/sitemap-index.xml"]),
    ]


def run_crawl(spider: str, extra: list[str], output_dir: Path) -> int:
    env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "newscrawl.settings"}
    command = [sys.executable, "-m", "scrapy", "crawl", spider, *extra,
               "-s", f"NEWSCRAWL_OUTPUT_DIR={output_dir}", "-s", "LOG_LEVEL=ERROR"]
    return subprocess.run(command, env=env, check=False).returncode


def newest_output(output_dir: Path, spider: str, since: float) -> Path | None:
    files = [p for p in (output_dir / spider).glob("*.jsonl")
             if not p.name.endswith(".rejects.jsonl") and p.stat().st_mtime >= since]
    return max(files, key=lambda p: p.stat().st_mtime, default=None)


# The run summary's coverage fields, under the demo's shorter labels, in the order printed.
COVERAGE_LABELS = {"title": "title", "authors_or_agencies": "authors/agency",
                   "published_at": "date", "body": "body"}


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def summarize(spider: str, path: Path | None) -> str:
    if path is None:
        return f"{spider:16} no output file"
    records = read_jsonl(path)
    rejects = read_jsonl(path.with_name(path.name.removesuffix(".jsonl") + ".rejects.jsonl"))
    shares_by_field = coverage(records)
    shares = "  ".join(f"{label} {shares_by_field[name]:.0%}"
                       for name, label in COVERAGE_LABELS.items())
    reasons = Counter(r.get("reason", "?") for r in rejects)
    dropped = ", ".join(f"{n} {why}" for why, n in sorted(reasons.items())) or "none"
    return (f"{spider:16} {len(records):3} articles  {shares}  dropped: {dropped}\n"
            f"{'':16} -> {path}")


def run_demo(output_dir: Path) -> int:
    output_dir = output_dir.resolve()
    started = time.time() - 1
    failures = 0
    with DemoServer() as server:
        print(f"demo site: {server.base_url}")
        lines = []
        for spider, extra in demo_crawls(server.base_url):
            code = run_crawl(spider, extra, output_dir)
            failures += code != 0
            lines.append(summarize(spider, newest_output(output_dir, spider, started)))
    print("\nnewscrawl demo summary (share of records with each field):")
    print("\n".join(lines))
    return 1 if failures else 0
