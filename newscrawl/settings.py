"""Scrapy settings for newscrawl. ITEM_PIPELINES follows the data flow of newscrawl.process."""

from __future__ import annotations

BOT_NAME = "newscrawl"
SPIDER_MODULES = ["newscrawl.spiders"]
NEWSPIDER_MODULE = "newscrawl.spiders"

# Who we are, and how to reach the operator: sites see this in every request.
NEWSCRAWL_CONTACT = "https://github.com/newscrawl/newscrawl"
USER_AGENT = f"newscrawl/0.1 (+{NEWSCRAWL_CONTACT})"

# Output: output/<spider>/<UTC start time>.jsonl unless -o/-O or FEEDS says otherwise
# (set by the spider, see spiders/base.py); rejects and the run summary go beside it.
NEWSCRAWL_OUTPUT_DIR = "output"
FEED_EXPORT_ENCODING = "utf-8"

ITEM_PIPELINES = {
    "newscrawl.pipelines.steps.CleanChromePipeline": 100,
    "newscrawl.pipelines.steps.BylinesPipeline": 200,
    "newscrawl.pipelines.steps.TimestampsPipeline": 300,
    "newscrawl.pipelines.steps.DatelineLanguagePipeline": 400,
    "newscrawl.pipelines.validate.ValidatePipeline": 900,
}

# Politeness: robots.txt, AutoThrottle, modest concurrency per site.
ROBOTSTXT_OBEY = True
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 0.5
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 4
DOWNLOAD_DELAY = 0.25

# Robustness against a hostile web.
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 10 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
REDIRECT_MAX_TIMES = 5
RETRY_ENABLED = True
RETRY_TIMES = 2
RETRY_HTTP_CODES = [429, 500, 502, 503, 504, 522, 524, 408]

TELNETCONSOLE_ENABLED = False
LOG_LEVEL = "INFO"
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"

# Rendering pages that build their text with JavaScript: `-s NEWSCRAWL_RENDER=1`, or
# `render = true` in a site profile, sends article pages through scrapy-playwright. The browser
# is the system's Chromium (Debian: apt-get install chromium), never a downloaded one.
NEWSCRAWL_RENDER = False
PLAYWRIGHT_BROWSER_TYPE = "chromium"
PLAYWRIGHT_LAUNCH_OPTIONS = {
    "executable_path": "/usr/lib/chromium/chromium",
    "headless": True,
    "args": ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
             "--disable-background-networking", "--disable-component-update",
             "--disable-sync", "--no-first-run", "--disable-quic"],
}
PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT = 30_000
