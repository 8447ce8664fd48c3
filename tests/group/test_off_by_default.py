"""Without NEWSCRAWL_REDIS_URL a crawl is one machine's: it never needs the Redis client nor
scrapy-redis (both are imported only by a worker of a shared crawl)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.crawl import ENV, REPO, crawl_command, read_jsonl
from tests.group.site import GeneratedSite

# `scrapy crawl ...` in a Python where `import redis` and `import scrapy_redis` fail, as on a
# machine without them (datasketch's own optional `import redis` copes with that).
WITHOUT_REDIS = """
import sys
class NoRedis:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("redis", "scrapy_redis"):
            raise ImportError(f"{name} is not importable in this test")
sys.meta_path.insert(0, NoRedis())
from scrapy.cmdline import execute
execute()
"""


def test_a_crawl_without_the_setting_never_imports_redis(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    with GeneratedSite(5) as site:
        command = crawl_command("news", "-a", f"sitemap={site.sitemap_url}", out=out,
                                settings={"NEWSCRAWL_RENDER": "0"})  # fmt: skip
        assert command[1:3] == ["-m", "scrapy"]
        command[1:3] = ["-c", WITHOUT_REDIS]
        done = subprocess.run(command, cwd=REPO, env=ENV, capture_output=True, text=True,
                              timeout=120, check=False)  # fmt: skip
        assert done.returncode == 0, done.stderr[-3000:]
        assert {r["url"] for r in read_jsonl(out)} == site.urls
    assert "is not importable in this test" not in done.stderr
