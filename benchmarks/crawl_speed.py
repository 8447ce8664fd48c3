"""Crawl speed: newscrawl against bare Scrapy and Scrapy + trafilatura, side by side in one run.

    .venv/bin/python benchmarks/crawl_speed.py [--corpus DIR] [--sizes 1000 5000]
        [--contenders bare trafilatura newscrawl] [--concurrency 16] [--stall]

A local server on 127.0.0.1 serves N distinct article URLs, cycled from the corpus pages (read
from CORPUS_DIR at run time, default ../shared/corpus beside the repository), a sitemap listing
them and a robots.txt. Each contender crawls that sitemap in a process of its own, one after
another, with politeness off for all (no download delay, no AutoThrottle) and the same
concurrency:

- bare: a Scrapy SitemapSpider that yields each page's URL and length;
- trafilatura: the same spider calling `trafilatura.bare_extraction` in its callback;
- newscrawl: `scrapy crawl news -a sitemap=...`, with a fresh state store in a temporary folder.

For each: pages/s (article pages fetched / wall time of the whole process, start-up included),
CPU share (user + system time of the process tree / wall time; 2.0 is two cores busy), and the
peak RSS and PSS of the process tree (extraction workers included), sampled every 0.1 s. Then
the ratios newscrawl/bare and newscrawl/trafilatura.

`--stall` adds one page of 150,000 short `<div>` paragraphs in the middle of the sitemap (the
size guard refuses pages of over 10,000 `<p>` before parsing; this one gets through and takes
newscrawl some 20-30 s) and prints, per contender, the longest pause between two article
downloads: while one page is being extracted, the other pages must keep being fetched.

Not a test: the numbers depend on the machine and its load (the server shares the machine with
the crawl). Compare contenders within one run, not runs across days.
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import itertools
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
# $SHARED/corpus, else ../shared/corpus beside the repository or beside its worktrees' folder.
_SHARED = (Path(os.environ.get("SHARED", REPO.parent / "shared")), REPO.parents[1] / "shared")
DEFAULT_CORPUS = next((p / "corpus" for p in _SHARED if p.is_dir()), _SHARED[0] / "corpus")
CONTENDERS = ("bare", "trafilatura", "newscrawl")
STALL_PARAGRAPHS = 150_000


# -- the site ----------------------------------------------------------------------------------


def corpus_pages(corpus: Path) -> list[bytes]:
    """Every HTML page of the corpus, as served bytes, in index order."""
    pages = []
    for index in sorted(corpus.glob("*/index.jsonl")):
        for line in index.read_text("utf-8").splitlines():
            if not line.strip():
                continue
            path = index.parent / json.loads(line)["path"]
            if path.name.endswith(".html.gz"):
                pages.append(gzip.decompress(path.read_bytes()))
    if not pages:
        raise SystemExit(f"no pages under {corpus}: give --corpus")
    return pages


def many_paragraphs_page(paragraphs: int = STALL_PARAGRAPHS) -> bytes:
    """An article of `paragraphs` short paragraphs in <div>s (invented text): costly to
    extract, in time linear in its size."""
    body = "".join(f"<div>Paragraph {i} of a very long report on harbour repairs.</div>"
                   for i in range(paragraphs))
    return (f"<!doctype html><html lang=en><head><title>A very long report</title></head>"
            f"<body><article><h1>A very long report</h1>{body}</article></body></html>"
            ).encode()


@dataclass
class Site:
    """The paths served and when each article page was asked for."""

    pages: dict[str, bytes]
    article_count: int
    stall_path: str | None = None
    hits: list[tuple[float, str]] = field(default_factory=list)

    @classmethod
    def build(cls, corpus_bytes: list[bytes], size: int, *, stall: bool) -> Site:
        pages = {f"/article/{i}.html": corpus_bytes[i % len(corpus_bytes)] for i in range(size)}
        stall_path = None
        if stall:
            stall_path = "/article/many-paragraphs.html"
            # In the middle of the sitemap: downloads are in full swing when it arrives.
            ordered = list(pages.items())
            ordered.insert(size // 2, (stall_path, many_paragraphs_page()))
            pages = dict(ordered)
        return cls(pages, len(pages), stall_path)

    def sitemap(self, base: str) -> bytes:
        urls = "".join(f"<url><loc>{base}{path[1:]}</loc></url>" for path in self.pages)
        return ('<?xml version="1.0" encoding="UTF-8"?>'
                '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                f"{urls}</urlset>").encode()


class Server:
    """A small HTTP/1.1 server (keep-alive) on 127.0.0.1, in a thread with its own loop."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.loop = asyncio.new_event_loop()
        self.port = 0
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def __enter__(self) -> Server:
        self._thread.start()
        self._ready.wait()
        self.extra = {"/robots.txt": b"User-agent: *\nDisallow:\n",
                      "/sitemap.xml": self.site.sitemap(self.base)}
        return self

    def __exit__(self, *exc: object) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(timeout=5)

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        server = self.loop.run_until_complete(
            asyncio.start_server(self._serve, "127.0.0.1", 0, backlog=256))
        self.port = server.sockets[0].getsockname()[1]
        self._ready.set()
        self.loop.run_forever()
        server.close()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                path = head.split(b" ", 2)[1].decode("latin-1").split("?")[0]
                body = self.site.pages.get(path)
                if body is not None:
                    self.site.hits.append((time.monotonic(), path))
                    kind = b"text/html"
                else:
                    body = self.extra.get(path)
                    kind = b"text/plain" if path.endswith(".txt") else b"application/xml"
                if body is None:
                    writer.write(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")
                else:
                    writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: " + kind +
                                 b"\r\nContent-Length: " + str(len(body)).encode() +
                                 b"\r\n\r\n" + body)
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError):
            pass
        finally:
            writer.close()


# -- measuring a process tree ------------------------------------------------------------------


def tree_pids(root: int) -> list[int]:
    """`root` and its descendants (Linux: /proc/<pid>/task/<tid>/children)."""
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        try:
            tasks = os.listdir(f"/proc/{pid}/task")
        except OSError:
            continue
        for tid in tasks:
            try:
                with open(f"/proc/{pid}/task/{tid}/children") as children:
                    todo.extend(int(c) for c in children.read().split())
            except OSError:
                continue
    return found


def cpu_seconds(pid: int) -> float:
    """User + system time the process itself has used so far (its children not included)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(") ", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def memory_kb(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of one process in kB; zeros once it is gone."""
    values = {"Rss:": 0, "Pss:": 0}
    try:
        with open(f"/proc/{pid}/smaps_rollup") as rollup:
            for line in rollup:
                key, _, rest = line.partition(" ")
                if key in values:
                    values[key] = int(rest.split()[0])
    except (OSError, ValueError):
        pass
    return values["Rss:"], values["Pss:"]


@dataclass
class Measured:
    contender: str
    size: int
    pages: int  # article pages the server sent
    wall: float
    cpu: float  # user + system seconds of the process tree
    main_cpu: float  # of the crawl's own process (without its workers)
    peak_rss_mb: float
    peak_pss_mb: float
    records: int
    returncode: int
    longest_pause: float | None = None  # between two article downloads (--stall)
    stall_note: str = ""

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.wall if self.wall else 0.0

    @property
    def cpu_share(self) -> float:
        return self.cpu / self.wall if self.wall else 0.0

    def idle_estimate(self, cores: int) -> float:
        """Pages/s on `cores` otherwise idle cores, from CPU time alone: a process is no faster
        than its own CPU time allows (the crawl's own process is serial), the tree no faster
        than the cores can give. Waits for the network are left out, so only compare it
        between contenders; it makes runs on a loaded machine comparable."""
        need = max(self.main_cpu, self.cpu / cores)
        return self.pages / need if need else 0.0


@dataclass
class ProcessRun:
    wall: float  # seconds
    cpu: float  # user + system seconds of the process tree
    main_cpu: float  # of the process itself, as last sampled
    peak_rss_mb: float
    peak_pss_mb: float
    returncode: int


def run_measured(command: list[str], *, cwd: Path, env: dict[str, str], log: Path
                 ) -> ProcessRun:
    """Run `command` and measure its process tree.

    CPU is the larger of wait4's (the process and the descendants it waited for) and the sum
    of what each process of the tree had used when last sampled (a fork server and its
    workers are not waited for by the crawl; a process loses at most its last 0.1 s)."""
    peak = [0, 0]
    used: dict[int, float] = {}
    done = threading.Event()
    started = time.monotonic()
    with log.open("wb") as sink:
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=sink, stderr=sink)

    def sample() -> None:
        while not done.is_set():
            rss = pss = 0
            for pid in tree_pids(process.pid):
                used[pid] = max(used.get(pid, 0.0), cpu_seconds(pid))
                r, p = memory_kb(pid)
                rss, pss = rss + r, pss + p
            peak[0], peak[1] = max(peak[0], rss), max(peak[1], pss)
            done.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.monotonic() - started
    done.set()
    sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    cpu = max(usage.ru_utime + usage.ru_stime, sum(used.values()))
    main = used.get(process.pid, 0.0) or usage.ru_utime + usage.ru_stime
    return ProcessRun(wall, cpu, main, peak[0] / 1024, peak[1] / 1024, process.returncode)


# -- the contenders ----------------------------------------------------------------------------


def scrapy_settings(concurrency: int) -> dict[str, str]:
    """Politeness off and the same concurrency for every contender."""
    return {
        "DOWNLOAD_DELAY": "0",
        "AUTOTHROTTLE_ENABLED": "0",
        "CONCURRENT_REQUESTS": str(concurrency),
        "CONCURRENT_REQUESTS_PER_DOMAIN": str(concurrency),
        "ROBOTSTXT_OBEY": "1",
        "TWISTED_REACTOR": "twisted.internet.asyncioreactor.AsyncioSelectorReactor",
        "LOG_LEVEL": "INFO",
        "TELNETCONSOLE_ENABLED": "0",
    }


def contender_command(name: str, sitemap: str, out: Path, work: Path, concurrency: int,
                      extra: Sequence[str]) -> list[str]:
    settings = scrapy_settings(concurrency)
    if name == "newscrawl":
        settings |= {"NEWSCRAWL_STATE_DIR": str(work / "state"),
                     "NEWSCRAWL_OUTPUT_DIR": str(work / "output")}
        command = [sys.executable, "-m", "scrapy", "crawl", "news", "-a", f"sitemap={sitemap}",
                   "-O", str(out)]
    else:
        command = [sys.executable, __file__, "contender", name, sitemap, str(out)]
    for key, value in settings.items():
        command += ["-s", f"{key}={value}"]
    return command + list(extra)


def count_lines(path: Path) -> int:
    if not path.exists():
        return 0
    with path.open("rb") as lines:
        return sum(1 for line in lines if line.strip())


def longest_pause(hits: list[tuple[float, str]]) -> float | None:
    times = sorted(t for t, _ in hits)
    return max((b - a for a, b in itertools.pairwise(times)), default=None)


def stall_note(site: Site, out: Path) -> str:
    """What became of the page of many paragraphs: written, rejected (and why), or neither."""
    rejects = out.with_name(out.stem + ".rejects.jsonl")
    if rejects.exists():
        for text in rejects.read_text("utf-8", "replace").splitlines():
            if site.stall_path and site.stall_path in text:
                try:
                    return "rejected: " + str(json.loads(text).get("reason"))
                except ValueError:
                    return "rejected"
    if out.exists() and site.stall_path and site.stall_path in out.read_text("utf-8", "replace"):
        return "written"
    return "neither written nor rejected"


def measure(name: str, site: Site, corpus_size: int, concurrency: int, extra: Sequence[str]
            ) -> Measured:
    with tempfile.TemporaryDirectory(prefix=f"crawl-{name}-") as tmp, Server(site) as server:
        work = Path(tmp)
        out = work / "out.jsonl"
        site.hits.clear()
        command = contender_command(name, server.base + "sitemap.xml", out, work, concurrency,
                                    extra if name == "newscrawl" else ())
        env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "newscrawl.settings"}
        if name != "newscrawl":
            env.pop("SCRAPY_SETTINGS_MODULE")
        run = run_measured(command, cwd=REPO if name == "newscrawl" else work, env=env,
                           log=work / "crawl.log")
        result = Measured(name, corpus_size, len(site.hits), run.wall, run.cpu, run.main_cpu,
                          run.peak_rss_mb, run.peak_pss_mb, count_lines(out), run.returncode)
        if site.stall_path:
            result.longest_pause = longest_pause(site.hits)
            result.stall_note = stall_note(site, out) if name == "newscrawl" else ""
        if len(site.hits) < site.article_count:
            log = (work / "crawl.log").read_text("utf-8", "replace")
            print(f"warning: {name} fetched {len(site.hits)} of {site.article_count} pages;"
                  f" log tail:\n{log[-2000:]}", file=sys.stderr)
        return result


def run_contender(name: str, sitemap: str, out: str, settings: list[str]) -> None:
    """The Scrapy contenders, run in a process of their own (`crawl_speed.py contender ...`)."""
    from scrapy.crawler import CrawlerProcess
    from scrapy.spiders import SitemapSpider

    class Bare(SitemapSpider):
        name = "bare"
        sitemap_urls = (sitemap,)

        def parse(self, response: Any) -> Any:
            yield {"url": response.url, "length": len(response.body)}

    class Trafilatura(Bare):
        name = "trafilatura"

        def parse(self, response: Any) -> Any:
            from trafilatura import bare_extraction

            doc = bare_extraction(response.text, url=response.url, with_metadata=True)
            found = doc.as_dict() if doc is not None and hasattr(doc, "as_dict") else doc or {}
            yield {"url": response.url, "title": found.get("title"),
                   "length": len(found.get("text") or "")}

    values = dict(s.split("=", 1) for s in settings)
    process = CrawlerProcess({**values, "FEEDS": {out: {"format": "jsonlines"}}})
    process.crawl(Trafilatura if name == "trafilatura" else Bare)
    process.start()


# -- the report --------------------------------------------------------------------------------


def table(results: list[Measured], cores: int) -> str:
    head = ("| contender | N | pages/s | wall s | CPU share | CPU ms/page | crawl process ms/page"
            f" | pages/s on {cores} idle cores (est.) | peak RSS MB | peak PSS MB | records"
            " | exit |")
    lines = [head, "|---" * 12 + "|"]
    for r in results:
        lines.append(f"| {r.contender} | {r.size} | {r.pages_per_second:.1f} | {r.wall:.1f} |"
                     f" {r.cpu_share:.2f} | {1000 * r.cpu / r.pages:.0f} |"
                     f" {1000 * r.main_cpu / r.pages:.0f} | {r.idle_estimate(cores):.0f} |"
                     f" {r.peak_rss_mb:.0f} | {r.peak_pss_mb:.0f} | {r.records} |"
                     f" {r.returncode} |")
    return "\n".join(lines)


def ratios(results: list[Measured], cores: int) -> list[str]:
    by = {(r.contender, r.size): r for r in results}
    lines = []
    for size in sorted({r.size for r in results}):
        ours = by.get(("newscrawl", size))
        if ours is None:
            continue
        for peer in ("bare", "trafilatura"):
            if (other := by.get((peer, size))) and other.pages_per_second:
                lines.append(f"N={size}: newscrawl / {peer} pages/s ="
                             f" {ours.pages_per_second / other.pages_per_second:.2f}x measured,"
                             f" {ours.idle_estimate(cores) / other.idle_estimate(cores):.2f}x"
                             f" estimated on {cores} idle cores")
    sizes = sorted(s for c, s in by if c == "newscrawl")
    if len(sizes) > 1:
        small, large = by[("newscrawl", sizes[0])], by[("newscrawl", sizes[-1])]
        lines.append(f"newscrawl peak RSS N={sizes[-1]} / N={sizes[0]} ="
                     f" {large.peak_rss_mb / small.peak_rss_mb:.2f}x"
                     f" (PSS {large.peak_pss_mb / small.peak_pss_mb:.2f}x)")
    for r in results:
        if r.longest_pause is not None:
            note = f" ({r.stall_note})" if r.stall_note else ""
            lines.append(f"{r.contender} N={r.size}: longest pause between downloads"
                         f" {r.longest_pause:.1f} s; the {STALL_PARAGRAPHS:,}-paragraph page"
                         f"{note}")
    return lines


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--contenders", nargs="+", choices=CONTENDERS, default=list(CONTENDERS))
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--stall", action="store_true",
                        help=f"add a page of {STALL_PARAGRAPHS:,} paragraphs mid-sitemap")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("-s", dest="newscrawl_settings", action="append", default=[],
                        metavar="NAME=VALUE", help="extra setting for the newscrawl crawl")
    return parser.parse_args(argv)


def main(argv: Sequence[str]) -> int:
    if argv[:1] == ["contender"]:
        name, sitemap, out, *rest = argv[1:]
        run_contender(name, sitemap, out, [v for k, v in itertools.pairwise(rest)
                                           if k == "-s"])
        return 0
    args = parse_args(argv)
    corpus_bytes = corpus_pages(args.corpus)
    extra = [x for s in args.newscrawl_settings for x in ("-s", s)]
    print(f"{len(corpus_bytes)} corpus pages; {os.cpu_count()} cores; load"
          f" {os.getloadavg()[0]:.2f}", file=sys.stderr)
    results = []
    for size in args.sizes:
        site = Site.build(corpus_bytes, size, stall=args.stall)
        for name in args.contenders:
            result = measure(name, site, size, args.concurrency, extra)
            print(f"{name} N={size}: {result.pages_per_second:.1f} pages/s,"
                  f" {result.wall:.1f} s, load {os.getloadavg()[0]:.2f}", file=sys.stderr)
            results.append(result)
    cores = os.cpu_count() or 1
    print(table(results, cores))
    print()
    print("\n".join(ratios(results, cores)))
    if args.json:
        args.json.write_text(json.dumps([r.__dict__ for r in results], indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
