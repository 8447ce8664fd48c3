"""The `newscrawl` command: extract, eval, demo, crawl, stories."""

from __future__ import annotations

import argparse
import json
import signal
import sys
from pathlib import Path
from typing import NoReturn

from newscrawl import __version__

EXIT_USAGE = 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report Ctrl-C


def _extract(args: argparse.Namespace) -> int:
    """Exit codes: 0 a record was extracted, 1 none was or the output could not be written,
    2 usage error, 130 Ctrl-C, 143 SIGTERM (then the output file is left as it was)."""
    from newscrawl.normalize.urls import http_url
    from newscrawl.offline import extract_manifest, record_for_file, write_lines_atomically
    from newscrawl.run.output import OutputFailed
    from newscrawl.workers import default_workers

    source = Path(args.input)
    if not source.is_file():
        fail = "no such file" if not source.exists() else "not a file"
        return _say(f"{fail}: {source}", EXIT_USAGE)
    if args.url is not None:
        try:
            http_url(args.url)
        except ValueError as exc:
            return _say(f"--url: {exc}", EXIT_USAGE)
    elif not args.output:
        return _say("a manifest needs -o OUT.jsonl (or give --url for one page)", EXIT_USAGE)
    signal.signal(signal.SIGTERM, _terminated)
    try:
        if args.url is not None:  # one page -> one record, on stdout or in -o FILE
            record = record_for_file(source, args.url, site=args.site)
            if args.output:
                list(write_lines_atomically(Path(args.output), [record]))
            else:
                print(json.dumps(record, ensure_ascii=False, indent=1))
            return 1 if "error" in record else 0
        jobs = default_workers() if args.jobs is None else args.jobs
        ok, failed = extract_manifest(source, Path(args.output), site=args.site, jobs=jobs)
    except OutputFailed as exc:
        return _say(f"output not stored: {exc}", 1)
    except OSError as exc:  # the manifest itself
        return _say(f"cannot read {source}: {exc.strerror or exc}", EXIT_USAGE)
    except (KeyboardInterrupt, Terminated) as stop:
        code = stop.code if isinstance(stop, Terminated) else EXIT_INTERRUPTED
        return _say(f"stopped; {args.output or 'no file'} left as it was", code)
    print(f"{ok} records, {failed} errors -> {args.output}", file=sys.stderr)
    # Some failed pages are normal (not articles, unreadable files); none extracted is not.
    return 0 if ok else 1


class Terminated(BaseException):
    """SIGTERM, raised where the program is, so that it unwinds like Ctrl-C."""

    def __init__(self, signum: int) -> None:
        super().__init__(f"signal {signum}")
        self.code = 128 + signum  # as shells report a process killed by the signal


def _terminated(signum: int, frame: object) -> None:
    raise Terminated(signum)


def _say(message: str, code: int) -> int:
    print(f"newscrawl extract: {message}", file=sys.stderr)
    return code


def _eval(argv: list[str]) -> int:
    from newscrawl.evaluation.cli import main as eval_main

    return eval_main(argv)


def _crawl(argv: list[str]) -> int:
    """`newscrawl crawl SPIDER [scrapy crawl options]`: `scrapy crawl` from any folder (cron
    starts jobs in $HOME), with its exit codes: 0 ok, 1 failed, 2 usage, 75 locked."""
    return _scrapy("crawl", argv)


def _status(argv: list[str]) -> int:
    """`newscrawl status SPIDER -s NEWSCRAWL_REDIS_URL=...`: `scrapy status`, from any folder."""
    return _scrapy("status", argv)


def _scrapy(command: str, argv: list[str]) -> int:
    """`scrapy COMMAND ARGV` with newscrawl's settings wherever it is started; its exit code."""
    import os

    from scrapy.cmdline import execute

    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "newscrawl.settings")
    try:
        execute(["scrapy", command, *argv])
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else int(exc.code is not None)
    return 0


def _stories(args: argparse.Namespace) -> int:
    from newscrawl.stories.command import run

    return run([Path(p) for p in args.records], Path(args.output), index=args.index,
               window_days=args.window_days, show_report=args.report)


def _demo(args: argparse.Namespace) -> int:
    from newscrawl.demo_run import run_demo
    from newscrawl.demo_site.server import serve_forever

    if args.serve:
        serve_forever(args.port)
        return 0
    return run_demo(Path(args.output_dir))


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"N must be a whole number, 0 or more, not {text!r}")
    return value


class Parser(argparse.ArgumentParser):
    """Usage errors in one line on stderr (for cron mail), exit code 2."""

    def error(self, message: str) -> NoReturn:
        print(f"{self.prog}: {message} (see: {self.prog} -h)", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def build_parser() -> Parser:
    parser = Parser(prog="newscrawl", description=__doc__)
    parser.add_argument("--version", action="version", version=f"newscrawl {__version__}")
    # Not `required`: an unknown option is reported as such, before a missing command.
    sub = parser.add_subparsers(dest="command")

    ex = sub.add_parser("extract", help="extract records from stored pages",
                        description="exit 0 when a record was extracted (a manifest may also "
                        "have error lines), 1 when none was or the output could not be "
                        "written, 2 on a usage error, 130 on Ctrl-C, 143 on SIGTERM (the "
                        "output file is then left as it was)")
    ex.add_argument("input", help="a MANIFEST.jsonl ({id,url,path} lines) or one page file")
    ex.add_argument("-o", "--output", help="output JSON Lines file, written atomically "
                    "(needed for a manifest; one page goes to stdout without it)")
    ex.add_argument("--url", help="the page's URL (single-page mode: prints one record)")
    ex.add_argument("--site", help="site profile to use (default: chosen by the URL's host)")
    ex.add_argument("-j", "--jobs", type=_jobs, metavar="N",
                    help="worker processes for a manifest (default: one per core; 0: extract "
                    "in this process, with no time budget per page)")

    sub.add_parser("eval", help="score extraction on a corpus (see `newscrawl eval -h`)",
                   add_help=False)

    sub.add_parser("crawl", help="scrapy crawl SPIDER from any folder, for cron "
                   "(exit 0 ok, 1 failed, 2 usage, 75 locked)", add_help=False)
    sub.add_parser("status", help="the shared crawl of a site: queue, workers, articles, "
                   "errors (-s NEWSCRAWL_REDIS_URL=...; see `newscrawl status -h`)",
                   add_help=False)

    st = sub.add_parser("stories", help="link records already written into stories (story_id)",
                        description="exit 0 when a record was linked, 1 when none was, 2 on a "
                        "usage error")
    st.add_argument("records", nargs="+", help="JSON Lines record files, read in order")
    st.add_argument("-o", "--output", required=True, help="the records with story_id set")
    st.add_argument("--index", help="a story index to link against and add to (e.g. "
                    "state/stories.sqlite3, or redis://host:6379/0 for the one workers of "
                    "a shared crawl use); default: a fresh one, so ids depend on input only")
    st.add_argument("--window-days", type=float, default=14.0,
                    help="how long a story stays a candidate (default 14)")
    st.add_argument("--report", action="store_true",
                    help="print the stories with more than one record")

    demo = sub.add_parser("demo", help="crawl the bundled demo site and summarize")
    demo.add_argument("--serve", action="store_true", help="only serve the demo site")
    demo.add_argument("--port", type=int, default=0, help="port for --serve (default: free)")
    demo.add_argument("--output-dir", default="output", help="where runs write (default output)")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["eval"]:
        return _eval(argv[1:])
    if argv[:1] == ["crawl"]:
        return _crawl(argv[1:])
    if argv[:1] == ["status"]:
        return _status(argv[1:])
    parser = build_parser()
    args, unknown = parser.parse_known_args(argv)
    if unknown:
        parser.error(f"unknown option {unknown[0]}" if unknown[0].startswith("-")
                     else f"unexpected argument {unknown[0]!r}")  # fmt: skip
    if args.command is None:
        parser.error("give a command: extract, eval, crawl or demo")
    if args.command == "extract":
        return _extract(args)
    if args.command == "stories":
        return _stories(args)
    return _demo(args)


if __name__ == "__main__":
    raise SystemExit(main())
