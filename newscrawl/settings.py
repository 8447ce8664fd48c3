"""Scrapy settings for newscrawl. ITEM_PIPELINES follows the data flow of newscrawl.process."""

from __future__ import annotations

BOT_NAME = "newscrawl"
SPIDER_MODULES = ["newscrawl.spiders"]
NEWSPIDER_MODULE = "newscrawl.spiders"
# Our `crawl` replaces Scrapy's: a run lock per site and exit codes (newscrawl/commands/crawl.py).
COMMANDS_MODULE = "newscrawl.commands"

# Who we are, and how to reach the operator: sites see this in every request. Set your own
# (`-s NEWSCRAWL_CONTACT=mailto:you@example.org`); the spider builds the User-Agent from it
# unless USER_AGENT itself is given.
NEWSCRAWL_CONTACT = "https://github.com/newscrawl/newscrawl"
USER_AGENT = f"newscrawl/0.1 (+{NEWSCRAWL_CONTACT})"

# Output: output/<spider>/<UTC start time>.jsonl unless -o/-O or FEEDS says otherwise
# (set by the spider, see spiders/base.py); rejects and the run summary go beside it.
NEWSCRAWL_OUTPUT_DIR = "output"
FEED_EXPORT_ENCODING = "utf-8"
# Local feeds are written as `<name>.part` and renamed to `<name>` when the run closes.
FEED_STORAGES = {
    "": "newscrawl.run.output.AtomicFileFeedStorage",
    "file": "newscrawl.run.output.AtomicFileFeedStorage",
}

# Incremental runs: what each site's runs wrote, in <NEWSCRAWL_STATE_DIR>/<site>.sqlite3, and
# the run lock <site>.lock beside it. NEWSCRAWL_INCREMENTAL=0 crawls everything and leaves the
# store alone; NEWSCRAWL_RESET_STATE=1 empties the site's store before the run.
NEWSCRAWL_STATE_DIR = "state"
NEWSCRAWL_INCREMENTAL = True
NEWSCRAWL_RESET_STATE = False
NEWSCRAWL_REVISIT_AFTER = 0  # hours after which a stored article is fetched again; 0: never
# Hours after which a page found behind a wall (bot check, consent, login, paywall) is fetched
# again: the article behind it exists. 0: only when its listing date moves.
NEWSCRAWL_WALL_RECHECK_AFTER = 24

# Stories (newscrawl/stories/): every record's story_id, shared by copies of one story on
# every site, kept in <NEWSCRAWL_STATE_DIR>/stories.sqlite3 unless NEWSCRAWL_STORY_INDEX names
# another file. Stories older than the window stop being candidates and are forgotten.
NEWSCRAWL_STORIES = True
NEWSCRAWL_STORY_WINDOW_DAYS = 14

# The run's verdict (newscrawl/run/summary.py): failed when errors exceed this share of
# requests, when no article was written where some were expected, or when a field's coverage
# is under its floor. Site profiles add their own floors ([floors] in sites/<site>.toml).
NEWSCRAWL_MAX_ERROR_RATE = 0.10
NEWSCRAWL_COVERAGE_FLOORS = {"title": 0.9, "body": 0.9}
EXTENSIONS = {
    # A worker of a shared crawl (NEWSCRAWL_REDIS_URL below); inert without it. Before the run
    # extension, which commits the run and then settles the worker's requests.
    "newscrawl.group.extension.GroupExtension": 400,
    "newscrawl.run.extension.RunExtension": 500,
}
SPIDER_MIDDLEWARES = {"newscrawl.group.middleware.GroupMiddleware": 50}

# Workers that share one crawl of a site (newscrawl/group/): with NEWSCRAWL_REDIS_URL set
# (redis://host:6379/0), any number of `newscrawl crawl SITE` processes on any machines share
# the request queue and its dedup (scrapy-redis), the site's store and the story index in
# Redis; each writes its own output named with NEWSCRAWL_WORKER_ID (default: host-pid-random).
# Discovery runs once per NEWSCRAWL_DISCOVERY_INTERVAL seconds for the group; a worker silent
# for NEWSCRAWL_WORKER_TTL seconds has its requests given back to the queue; workers close when
# the group has been drained (queue empty, every worker idle) for NEWSCRAWL_IDLE_GRACE seconds.
NEWSCRAWL_REDIS_URL = ""
NEWSCRAWL_WORKER_ID = ""
NEWSCRAWL_DISCOVERY_INTERVAL = 900
NEWSCRAWL_WORKER_TTL = 60
NEWSCRAWL_IDLE_GRACE = 10

ITEM_PIPELINES = {
    # Extraction and the stateless steps of newscrawl.process (chrome, bylines, timestamps,
    # dateline and language) run in extraction workers, before an item exists; these are the
    # steps that need the run's state. The site template learns lines repeated across a
    # site's pages and strips them.
    "newscrawl.pipelines.template.SiteTemplatePipeline": 450,
    "newscrawl.pipelines.dedup.DedupPipeline": 500,
    # Links copies of one story across sites and runs (story_id), after dedup: only articles
    # that will be written join a story.
    "newscrawl.pipelines.stories.StoryPipeline": 600,
    "newscrawl.pipelines.validate.ValidatePipeline": 900,
}

# Extraction runs in worker processes, one page at a time each, so downloads go on while pages
# are extracted and every core works (newscrawl/workers/). NEWSCRAWL_EXTRACT_WORKERS: how many
# (None: one per core; 0: in the crawl's own process, for debugging). A page whose extraction
# takes longer than NEWSCRAWL_EXTRACT_TIMEOUT seconds is rejected as `too_complex` and its
# worker replaced. NEWSCRAWL_EXTRACT_JOB: the function a worker runs per page.
NEWSCRAWL_EXTRACT_WORKERS = None
NEWSCRAWL_EXTRACT_TIMEOUT = 20.0
NEWSCRAWL_EXTRACT_JOB = "newscrawl.workers.page.prepare_page"

# Politeness: robots.txt, AutoThrottle, modest concurrency per site. A site profile's
# `download_delay` and `concurrency` replace DOWNLOAD_DELAY and CONCURRENT_REQUESTS_PER_DOMAIN
# (`-s` still wins).
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
# Scrapy starts no download while the pages waiting for their callbacks (here: for an
# extraction worker) hold more than this many bytes. Its default, 5 MB, let one large page
# stop every download for as long as it was extracted; this bounds the bytes held, not pages.
SCRAPER_SLOT_MAX_ACTIVE_SIZE = 4 * DOWNLOAD_MAXSIZE
# Scrapy works through each response's callback output with this many asyncio tasks (default
# 100), made per response. An article page yields one item, and its response waits for a
# worker: hundreds of responses waiting held tens of thousands of idle tasks, which cost the
# crawl's process more CPU than the pages' pipelines. A listing's requests need no parallel
# handling (queueing one is a method call).
CONCURRENT_ITEMS = 4
REDIRECT_MAX_TIMES = 5
RETRY_ENABLED = True
RETRY_TIMES = 2
RETRY_HTTP_CODES = [429, 500, 502, 503, 504, 522, 524, 408]
# Retries wait: Retry-After when given, else 1 s, 2 s, 4 s, ... never more than 60 s.
# Refusals (robots.txt, redirect loops and limits, decompression over DOWNLOAD_MAXSIZE) raise
# exception types of their own, so a failed link is classified by type (run/failures.py);
# each replaces Scrapy's middleware at its place.
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "newscrawl.run.retry.BackoffRetryMiddleware": 550,
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "newscrawl.run.failures.RobotsTxtMiddleware": 100,
    "scrapy.downloadermiddlewares.httpcompression.HttpCompressionMiddleware": None,
    "newscrawl.run.failures.HttpCompressionMiddleware": 590,
    "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
    "newscrawl.run.failures.MetaRefreshMiddleware": 580,
    "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": None,
    "newscrawl.run.failures.RedirectMiddleware": 600,
}
NEWSCRAWL_RETRY_BACKOFF = 1.0
NEWSCRAWL_RETRY_MAX_WAIT = 60.0
# A URL that fails for good is logged once, as an error, by the spider (and written to the
# rejects file); the retry middleware's own give-up line stays a warning.
RETRY_GIVE_UP_LOG_LEVEL = "WARNING"
# Redirects stay on the spider's allowed domains: Scrapy's offsite middleware drops the rest
# (counted as offsite/filtered).

TELNETCONSOLE_ENABLED = False
LOG_LEVEL = "INFO"
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"

# Rendering pages that build their text with JavaScript, through scrapy-playwright and the
# system's Chromium (Debian: apt-get install chromium), never a downloaded browser.
# NEWSCRAWL_RENDER: "auto" renders only the pages whose HTML turns out to be a script-built
# shell, 1 every article page, 0 none; unset (""), the site profile's `render` decides (the
# generic spider `news`: auto). See newscrawl/render/handler.py for the limits below.
NEWSCRAWL_RENDER = ""
NEWSCRAWL_RENDER_TIMEOUT = 30  # seconds for a page to load in the browser
NEWSCRAWL_RENDER_CONCURRENCY = 2  # pages rendering at once
NEWSCRAWL_RENDER_RESTART_PAGES = 100  # the browser is restarted after this many pages (0: never)
NEWSCRAWL_RENDER_MAX_MEMORY_MB = 1024  # ... or when it holds more memory than this (0: no bound)
PLAYWRIGHT_BROWSER_TYPE = "chromium"
# Without the networking flags, Chromium's background connections fail on closed networks.
PLAYWRIGHT_LAUNCH_OPTIONS = {
    "executable_path": "/usr/lib/chromium/chromium",
    "headless": True,
    "args": ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
             "--disable-background-networking", "--disable-component-update",
             "--disable-sync", "--no-first-run", "--disable-quic"],
}
PLAYWRIGHT_ABORT_REQUEST = "newscrawl.render.handler.skip_heavy"  # no images, media, fonts
