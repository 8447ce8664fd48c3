"""The `newscrawl` command as users run it: extract (manifest and single page) and demo."""

from __future__ import annotations

import gzip
import json
import os
import pty
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.crawl import REPO

STORY = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Night buses return to the valley | The Valley Post</title>
<meta property="og:site_name" content="The Valley Post">
<meta name="author" content="Ines Calloway">
<meta property="article:published_time" content="2024-05-14T07:30:00+02:00">
</head><body><article><h1>Night buses return to the valley</h1>
<p>The regional transport board voted on Monday to restore the night bus line that was cut three years ago, after a petition gathered more than four thousand signatures.</p>
<p>Buses will leave the central station every forty minutes between midnight and five in the morning, stopping at the hospital, the university and the three largest villages.</p>
<p>Shift workers at the hospital had complained that taxis cost them a fifth of their nightly pay, and the union said the vote was overdue.</p>
<p>The board will review the line after six months and publish passenger numbers each quarter.</p>
</article></body></html>"""


def newscrawl(
    *args: str, timeout: float = 120, cwd: Path = REPO
) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "newscrawl.cli", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=timeout, check=False)


@pytest.fixture
def manifest(tmp_path: Path) -> Path:
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "bus.html.gz").write_bytes(gzip.compress(STORY.encode()))
    (tmp_path / "pages" / "empty.html").write_bytes(b"")
    lines = [
        {"id": "bus", "url": "https://valleypost.example/2024/05/14/night-buses",
         "path": "pages/bus.html.gz"},
        {"id": "gone", "url": "https://valleypost.example/gone", "path": "pages/missing.html"},
        {"id": "empty", "url": "https://valleypost.example/empty", "path": "pages/empty.html"},
    ]
    path = tmp_path / "index.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", "utf-8")
    return path


def test_manifest_gives_one_line_per_entry_in_order(manifest: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    done = newscrawl("extract", str(manifest), "-o", str(out))
    assert done.returncode == 0, done.stderr
    rows = [json.loads(x) for x in out.read_text("utf-8").splitlines()]
    assert [r["url"].rsplit("/", 1)[-1] for r in rows] == ["night-buses", "gone", "empty"]
    assert rows[0]["title"] == "Night buses return to the valley"
    assert rows[1]["error"].startswith("unreadable")
    assert rows[2]["error"].startswith("empty")


def test_extract_with_workers_writes_the_lines_of_an_in_process_run(
        manifest: Path, tmp_path: Path) -> None:
    lines = []
    for jobs in ("0", "2"):
        out = tmp_path / f"out-{jobs}.jsonl"
        done = newscrawl("extract", str(manifest), "-o", str(out), "-j", jobs)
        assert done.returncode == 0, done.stderr
        lines.append([{k: v for k, v in json.loads(x).items() if k != "fetched_at"}
                      for x in out.read_text("utf-8").splitlines()])
    assert lines[1] == lines[0]


def test_manifest_where_every_page_fails_exits_1(manifest: Path, tmp_path: Path) -> None:
    lines = manifest.read_text("utf-8").splitlines()[1:]  # "gone" and "empty" only
    manifest.write_text("\n".join(lines) + "\n", "utf-8")
    out = tmp_path / "out.jsonl"
    done = newscrawl("extract", str(manifest), "-o", str(out))
    assert done.returncode == 1
    assert "0 records, 2 errors" in done.stderr
    assert len(out.read_text("utf-8").splitlines()) == 2  # the error lines are still written


def test_single_page_prints_one_record(manifest: Path) -> None:
    page = manifest.parent / "pages" / "bus.html.gz"
    done = newscrawl("extract", str(page), "--url", "https://valleypost.example/a/1")
    assert done.returncode == 0, done.stderr
    record = json.loads(done.stdout)
    assert [a["name"] for a in record["authors"]] == ["Ines Calloway"]
    assert record["published_at"] == "2024-05-14T07:30:00+02:00"


def test_missing_input_is_a_usage_error(tmp_path: Path) -> None:
    done = newscrawl("extract", str(tmp_path / "nope.jsonl"), "-o", str(tmp_path / "o.jsonl"))
    assert done.returncode == 2 and "no such file" in done.stderr


@pytest.mark.crawl
def test_demo_crawls_three_sites_and_prints_a_summary(tmp_path: Path) -> None:
    # Run from an empty folder, as cron would: the crawl state goes there, not into the repo.
    done = newscrawl("demo", "--output-dir", str(tmp_path / "out"), timeout=300, cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    counts = dict(re.findall(r"^(\w+)\s+(\d+) articles", done.stdout, re.M))
    assert counts == {"rudaw": "5", "washingtontimes": "4", "news": "3"}
    assert str(tmp_path / "out" / "rudaw") in done.stdout
    assert (tmp_path / "state").is_dir()


def test_demo_serve_prints_base_url_and_crawl_lines() -> None:
    proc = subprocess.Popen([sys.executable, "-m", "newscrawl.cli", "demo", "--serve"],
                            cwd=REPO, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        lines = []
        while not any("ledger/feed.atom" in line for line in lines):  # the last crawl line
            line = proc.stdout.readline()
            assert line, "demo --serve ended before printing its crawl lines"
            lines.append(line)
        base = re.search(r"http://127\.0\.0\.1:\d+/", "".join(lines))
        assert base is not None
        assert any("scrapy crawl rudaw -a start_url=" in line for line in lines)
        with urllib.request.urlopen(base.group(0) + "robots.txt", timeout=10) as response:
            assert b"User-agent" in response.read()
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        if proc.stdout is not None:
            proc.stdout.close()


# -- usage errors ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [("--bogus",), ("extract", "--bogus"), ("extract", "page.html", "--bogus"), (),
     ("extract", "page.html", "--url", "not a url")],
    ids=["bogus option", "extract bogus", "extract page bogus", "no command", "url not a url"],
)  # fmt: skip
def test_usage_error_is_one_line_and_exit_2(args: tuple[str, ...], tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(STORY, "utf-8")
    done = newscrawl(*args, cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert len(done.stderr.splitlines()) == 1 and "Traceback" not in done.stderr


# -- the manifest: one output line per manifest line -----------------------------------------


def test_every_output_line_carries_its_manifest_id(manifest: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    newscrawl("extract", str(manifest), "-o", str(out))
    rows = [json.loads(x) for x in out.read_text("utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["bus", "gone", "empty"]
    assert next(iter(rows[0])) == "id"


def test_blank_and_broken_manifest_lines_keep_their_place(manifest: Path, tmp_path: Path) -> None:
    good = manifest.read_text("utf-8").splitlines()[0]
    lines = [good, "", "[1, 2]", '{"id": "no-path", "url": "https://valleypost.example/x"}',
             "{not json", '{"id": 7, "url": "ftp://valleypost.example/x", "path": "p.html"}',
             good]  # fmt: skip
    manifest.write_text("\n".join(lines) + "\n", "utf-8")
    out = tmp_path / "out.jsonl"
    done = newscrawl("extract", str(manifest), "-o", str(out))
    assert done.returncode == 0, done.stderr
    rows = [json.loads(x) for x in out.read_text("utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["bus", None, None, "no-path", None, 7, "bus"]
    assert [r.get("error") for r in rows[1:6]] == [
        "manifest line 2: blank line",
        "manifest line 3: a JSON list, not an object with url and path",
        'manifest line 4: no "path"',
        "manifest line 5: not JSON (Expecting property name enclosed in double quotes: "
        "line 1 column 2 (char 1))",
        "manifest line 6: \"url\" not an absolute http(s) URL: 'ftp://valleypost.example/x'",
    ]
    assert "5 errors" in done.stderr


# -- the output file: written whole or not at all ------------------------------------------


def test_output_folder_that_cannot_be_made_is_one_line_exit_1(
    manifest: Path, tmp_path: Path
) -> None:
    (tmp_path / "taken").write_text("a file")
    done = newscrawl("extract", str(manifest), "-o", str(tmp_path / "taken" / "out.jsonl"))
    assert done.returncode == 1
    assert done.stderr.startswith("newscrawl extract: output not stored: cannot write")
    assert len(done.stderr.splitlines()) == 1


def test_full_disk_keeps_the_previous_output(manifest: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text("previous\n")
    (tmp_path / "out.jsonl.part").symlink_to("/dev/full")
    done = newscrawl("extract", str(manifest), "-o", str(out))
    assert done.returncode == 1
    assert "No space left on device" in done.stderr and "Traceback" not in done.stderr
    assert out.read_text() == "previous\n"
    assert not (tmp_path / "out.jsonl.part").exists()


def test_single_page_with_output_writes_one_line(manifest: Path, tmp_path: Path) -> None:
    page = manifest.parent / "pages" / "bus.html.gz"
    out = tmp_path / "one.jsonl"
    done = newscrawl("extract", str(page), "--url", "https://valleypost.example/a/1", "-o",
                     str(out))  # fmt: skip
    assert done.returncode == 0, done.stderr
    (line,) = out.read_text("utf-8").splitlines()
    assert json.loads(line)["title"] == "Night buses return to the valley"


@pytest.mark.parametrize(("stop", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_stopped_extract_leaves_the_previous_output(
    manifest: Path, tmp_path: Path, stop: signal.Signals, code: int
) -> None:
    entry = manifest.read_text("utf-8").splitlines()[0]
    manifest.write_text((entry + "\n") * 5000, "utf-8")  # long enough to be stopped
    out = tmp_path / "out.jsonl"
    out.write_text("previous\n")
    # A shell starts background jobs with SIGINT ignored, and a child inherits that: give the
    # command the default a user's terminal gives it, whoever runs the suite.
    proc = subprocess.Popen([sys.executable, "-m", "newscrawl.cli", "extract", str(manifest),
                             "-o", str(out)], cwd=REPO, stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        deadline = time.monotonic() + 120
        part = tmp_path / "out.jsonl.part"
        while not (part.exists() and part.stat().st_size):  # some records are written
            assert time.monotonic() < deadline and proc.poll() is None
            time.sleep(0.05)
        proc.send_signal(stop)
        _, stderr = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == code, stderr
    assert out.read_text() == "previous\n" and not part.exists()
    assert stderr.strip().splitlines() == [f"newscrawl extract: stopped; {out} left as it was"]


def test_progress_bar_is_drawn_on_a_terminal_only(manifest: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    quiet = newscrawl("extract", str(manifest), "-o", str(out))
    assert quiet.stderr == f"1 records, 2 errors -> {out}\n"
    primary, secondary = pty.openpty()
    try:
        proc = subprocess.run([sys.executable, "-m", "newscrawl.cli", "extract", str(manifest),
                               "-o", str(out)], cwd=REPO, stderr=secondary, timeout=120,
                              check=False, env={**os.environ, "TERM": "xterm"})  # fmt: skip
        os.close(secondary)
        drawn = read_all(primary)
    finally:
        os.close(primary)
    assert proc.returncode == 0
    assert "extract [" in drawn and "3/3" in drawn


def read_all(fd: int) -> str:
    chunks = []
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:  # EIO: the other end is closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks).decode("utf-8", "replace")
