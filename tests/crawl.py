"""Run a real `scrapy crawl` in a subprocess, as users and cron do, and read what it wrote."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "SCRAPY_SETTINGS_MODULE": "newscrawl.settings"}


@dataclass
class CrawlResult:
    returncode: int
    records: list[dict[str, Any]]
    rejects: list[dict[str, Any]]
    log: str
    summary: dict[str, Any] | None = None


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def read_json(path: Path) -> dict[str, Any] | None:
    return json.loads(path.read_text("utf-8")) if path.exists() else None


def sibling(out: Path, suffix: str) -> Path:
    """`out.jsonl` -> `out<suffix>`: the rejects and summary files beside an output."""
    return out.with_name(out.name.removesuffix(".jsonl") + suffix)


def crawl_command(
    spider: str,
    *args: str,
    out: Path,
    state_dir: Path | None = None,
    settings: dict[str, str] | None = None,
) -> list[str]:
    """The `scrapy crawl` command line; a fresh state store beside `out` unless `state_dir`."""
    state = state_dir or sibling(out, ".state")
    overrides = {
        "LOG_LEVEL": "INFO",
        "AUTOTHROTTLE_ENABLED": "0",
        "DOWNLOAD_DELAY": "0",
        "NEWSCRAWL_STATE_DIR": str(state),
        **(settings or {}),
    }
    command = [sys.executable, "-m", "scrapy", "crawl", spider, *args, "-O", str(out)]
    for name, value in overrides.items():
        command += ["-s", f"{name}={value}"]
    return command


def scrapy_crawl(
    spider: str,
    *args: str,
    out: Path,
    timeout: float = 180,
    state_dir: Path | None = None,
    settings: dict[str, str] | None = None,
    env: dict[str, str] | None = None,
) -> CrawlResult:
    """`scrapy crawl SPIDER ARGS -O out` from the repository root, as cron runs it; `env` adds
    environment variables."""
    command = crawl_command(spider, *args, out=out, state_dir=state_dir, settings=settings)
    done = subprocess.run(
        command, cwd=REPO, env={**ENV, **(env or {})}, capture_output=True, text=True,
        timeout=timeout, check=False,
    )
    return CrawlResult(
        done.returncode,
        read_jsonl(out),
        read_jsonl(sibling(out, ".rejects.jsonl")),
        done.stderr,
        read_json(sibling(out, ".summary.json")),
    )
