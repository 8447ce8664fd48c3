"""Memory of a crawl that renders many script-built pages: does it stay flat?

    .venv/bin/python benchmarks/render_memory.py [--pages 300] [--every 50]

Serves a local site of script-built articles (an empty app root, a shared 200 KB script bundle
and the article as JSON state; tests/spiders/render_site.py) and a sitemap listing them, and
crawls it with the generic spider (`render = "auto"`: each page is fetched, found to be a
shell, and rendered). While it runs, the resident memory of the crawler process and of its child
processes (the Playwright driver and every Chromium process under it; shared pages counted once,
see newscrawl/render/memory.py) is sampled four times a second. Prints the peak of each per
`--every` rendered pages, for two runs side by side:

- `restarts`: the defaults (the browser restarted every NEWSCRAWL_RENDER_RESTART_PAGES pages or
  past NEWSCRAWL_RENDER_MAX_MEMORY_MB);
- `anchor`: the same crawl with no restart at all (both set to 0).

and the ratio of the last block's peak to the first block's. Not a test: numbers depend on the
machine and its load; compare the two runs of one invocation.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the tests' site and server

from newscrawl.render import memory
from tests.crawl import ENV, REPO, crawl_command, read_json
from tests.localserver import PageServer
from tests.spiders import render_site

MB = 1024 * 1024
BUNDLE_KB = 200


@dataclass
class Run:
    name: str
    settings: dict[str, str]
    peaks: dict[int, tuple[int, int]] = field(default_factory=dict)  # block -> crawler, browser
    summary: dict[str, object] | None = None
    seconds: float = 0.0


def bundle() -> bytes:
    """A script the pages share, as big as a small site's bundle; it defines what they call."""
    filler = "".join(f"function helper{i}(x) {{ return x * {i} + {i % 7}; }}\n"
                     for i in range(BUNDLE_KB * 1024 // 48))
    return (filler + "window.ready = true;\n").encode()


def site(pages: int) -> dict[str, tuple[str, bytes]]:
    served = render_site.site({"inline": list(range(1, pages + 1))})
    script = b'<script src="/assets/bundle.js"></script>'
    for path, (kind, body) in list(served.items()):
        if path.startswith("/inline/"):
            served[path] = (kind, body.replace(b"</body>", script + b"</body>"))
    served["/assets/bundle.js"] = ("application/javascript", bundle())
    return served


def rendered(requested: list[str]) -> int:
    """Pages fetched a second time: by the browser."""
    return sum(1 for n in Counter(p for p in requested if p.startswith("/inline/")).values()
               if n >= 2)


def sample(pid: int) -> tuple[int, int]:
    own = memory.usage(pid).resident
    children = memory.children_memory(pid) or 0
    return own, children


def crawl(run: Run, pages: int, every: int) -> None:
    served = site(pages)
    with PageServer(served) as server, tempfile.TemporaryDirectory() as tmp:
        paths = render_site.article_paths(served)
        served["/sitemap.xml"] = ("application/xml", render_site.sitemap(server.base_url, paths))
        out = Path(tmp) / "out.jsonl"
        command = crawl_command("news", "-a", f"sitemap={server.base_url}sitemap.xml", out=out,
                                settings={"LOG_LEVEL": "WARNING", **run.settings})
        started = time.monotonic()
        proc = subprocess.Popen(command, cwd=REPO, env=ENV, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        done = threading.Event()

        def watch() -> None:
            while not done.wait(0.25):
                block = rendered(server.requested) // every
                crawler, browser = sample(proc.pid)
                old = run.peaks.get(block, (0, 0))
                run.peaks[block] = (max(old[0], crawler), max(old[1], browser))

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        proc.wait()
        done.set()
        watcher.join()
        run.seconds = time.monotonic() - started
        run.summary = read_json(out.with_name("out.summary.json"))


def table(runs: list[Run], pages: int, every: int) -> str:
    head = " | ".join(f"{r.name}: crawler MB | {r.name}: browser MB" for r in runs)
    lines = [f"| rendered pages | {head} |", "|---" * (1 + 2 * len(runs)) + "|"]
    for block in range(pages // every + 1):
        low, high = block * every, min(pages, (block + 1) * every - 1)
        cells = []
        for run in runs:
            crawler, browser = run.peaks.get(block, (0, 0))
            cells += [f"{crawler / MB:.0f}", f"{browser / MB:.0f}"]
        lines.append(f"| {low}-{high} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--every", type=int, default=50)
    args = parser.parse_args(argv)
    runs = [
        Run("restarts", {}),
        Run("anchor", {"NEWSCRAWL_RENDER_RESTART_PAGES": "0",
                       "NEWSCRAWL_RENDER_MAX_MEMORY_MB": "0"}),
    ]
    for run in runs:
        crawl(run, args.pages, args.every)
    print(table(runs, args.pages, args.every))
    print()
    for run in runs:
        render = (run.summary or {}).get("render", {})
        articles = (run.summary or {}).get("counts", {})
        blocks = [run.peaks[b] for b in sorted(run.peaks) if b < args.pages // args.every]
        first, last = blocks[0], blocks[-1]
        print(f"{run.name}: {run.seconds:.0f} s, counts {articles}, render {render}")
        print(f"  last/first block peak: crawler {last[0] / first[0]:.2f}, "
              f"browser {last[1] / max(first[1], 1):.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
