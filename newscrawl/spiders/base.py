"""The base news spider: discovery from a site profile, extraction of each article page.

Feeds, sitemaps and section pages are fetched every run; links that match the profile's article
pattern are fetched as articles, each under its canonical URL, on the site's domains only, and
only when the run's state store says so (new, changed by the listing's date, or due for a
revisit); `-a since=2d` skips links the listing dates earlier. Every link not fetched is
counted (`newscrawl/skipped/<why>`). A page that cannot give an article, and an article that
could not be downloaded, becomes a Rejected item, which the validate pipeline counts and writes
to the rejects file.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Iterator, Mapping
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urljoin, urlsplit

import scrapy
from scrapy import signals
from scrapy.http import Response, TextResponse
from scrapy.settings import SETTINGS_PRIORITIES, BaseSettings
from scrapy.utils.misc import load_object
from twisted.python.failure import Failure

from newscrawl import __version__
from newscrawl.discovery import Entry, FeedError, parse_listing
from newscrawl.group.extension import group_settings
from newscrawl.items import DateCandidate, Rejected
from newscrawl.normalize.urls import canonicalize_url, is_same_site
from newscrawl.render.stats import FAILED as RENDER_FAILED
from newscrawl.render.stats import RENDERED, RenderFailed
from newscrawl.run.extension import RunExtension
from newscrawl.run.failures import failure_reason
from newscrawl.run.since import as_utc, parse_since
from newscrawl.run.store import validate_site_name
from newscrawl.sites import SiteProfile, load_profile
from newscrawl.sites.profile import RenderMode, render_mode
from newscrawl.spiders.arguments import SITE_ARGUMENTS, Argument, positive_int
from newscrawl.spiders.pending import PendingListings
from newscrawl.workers.page import DEFAULT_TIMEOUT, PageExtractor, PageTask, prepare_page

DEFAULT_FEED = "%(output_dir)s/%(name)s/%(run_stamp)s.jsonl"
RENDER_HANDLER = "newscrawl.render.handler.RenderHandler"


def _listed_date(raw: str | None) -> datetime | None:
    if not raw:
        return None
    text = raw.strip()
    try:
        return as_utc(datetime.fromisoformat(text))
    except (ValueError, OverflowError):  # OverflowError: 0001-01-01T00:00+01:00 has no UTC
        pass
    try:
        return as_utc(parsedate_to_datetime(text))  # RSS: RFC 822 dates
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def listed_time(entry: Entry | None) -> datetime | None:
    """The latest date a feed or sitemap gives an entry (published or updated), in UTC."""
    if entry is None:
        return None
    dates = [d for d in (_listed_date(entry.published), _listed_date(entry.updated)) if d]
    return max(dates, default=None)


# Marks a feed or sitemap request with the URL it was asked under (redirects change request.url).
LISTING_META = "newscrawl_listing"


class NewsSpider(scrapy.Spider):
    """A spider for one site profile; its arguments are `arguments` (start_url to crawl a
    mirror, max_articles, since, state_name)."""

    site: ClassVar[str] = ""
    arguments: ClassVar[tuple[Argument, ...]] = SITE_ARGUMENTS
    arguments_one_of: ClassVar[tuple[str, ...]] = ()  # at least one of these is needed

    def __init__(self, *args: Any, start_url: str | None = None,
                 max_articles: str | int | None = None, since: str | None = None,
                 state_name: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.run_started = datetime.now(UTC)
        self.run_stamp = self.run_started.strftime("%Y-%m-%dT%H-%M-%SZ")
        self.profile = self.build_profile(start_url)
        self.allowed_domains = list(self.profile.domains)
        self.max_articles = positive_int(max_articles) if max_articles else None
        self.since = parse_since(since, self.run_started) if since else None
        self.state_name = self.state_name_for(
            {"state_name": state_name, "start_url": start_url, **self.discovery_args()}
        )
        self._article_urls: set[str] = set()  # canonical article URLs met in this run
        # Every listing entry met for an article, by canonical URL: a feed and a sitemap may
        # both list it, and the article gets the dates of all (not of whichever came first).
        self._listed: dict[str, list[Entry]] = {}
        # Articles that feeds and sitemaps list, held until every one of them is read, so each
        # article is judged and dated on all its entries, whatever order the listings arrive in.
        self._held: dict[str, None] = {}
        self._listings = PendingListings()
        self._requested = 0
        self._run: RunExtension | None = None
        self._extractor: PageExtractor | None = None

    @classmethod
    def state_name_for(cls, args: Mapping[str, Any]) -> str:
        """The site name of a run's state store and lock (`-a state_name=` overrides it).

        A mirror (`-a start_url=`) has a store of its own: its pages name the live site as
        canonical, and crawling a mirror must not mark the live site's articles as done."""
        name = str(args.get("state_name") or cls.site or cls.name)
        mirror = urlsplit(str(args.get("start_url") or ""))
        if mirror.hostname and not args.get("state_name"):
            port = f"-{mirror.port}" if mirror.port else ""
            name = f"{name}-{mirror.hostname}{port}"
        return validate_site_name(name)

    def discovery_args(self) -> dict[str, Any]:
        """The spider arguments `state_name_for` reads, besides state_name."""
        return {}

    def build_profile(self, start_url: str | None) -> SiteProfile:
        profile = load_profile(self.site or self.name)
        return profile.with_base(start_url) if start_url else profile

    @classmethod
    def update_settings(cls, settings: BaseSettings) -> None:
        super().update_settings(settings)
        mode = render_mode(settings.get("NEWSCRAWL_RENDER"))
        if mode is None:  # not set: the profile decides
            mode = load_profile(cls.site or cls.name).render
            settings.set("NEWSCRAWL_RENDER", mode, "spider")
        if mode:
            # Only runs that may render load the browser's download handler; it serves
            # requests without meta["playwright"] with Scrapy's own.
            handlers = {"http": RENDER_HANDLER, "https": RENDER_HANDLER}
            settings.set("DOWNLOAD_HANDLERS", handlers, "spider")
        worker = group_settings(settings)  # a worker of a shared crawl: NEWSCRAWL_REDIS_URL
        # Default output unless the user chose one (-o/-O or FEEDS); a worker's has its id.
        if not settings.getdict("FEEDS"):
            output_dir = settings.get("NEWSCRAWL_OUTPUT_DIR") or "output"
            uri = DEFAULT_FEED.replace("%(output_dir)s", output_dir)
            if worker is not None:
                uri = uri.replace(".jsonl", f"-{worker}.jsonl")
            settings.set("FEEDS", {uri: {"format": "jsonlines", "encoding": "utf-8"}}, "spider")
        cls.apply_politeness(settings)

    @classmethod
    def apply_politeness(cls, settings: BaseSettings) -> None:
        """The profile's delay and concurrency (unless -s says otherwise), and a User-Agent
        that names the project and NEWSCRAWL_CONTACT (unless USER_AGENT is set)."""
        profile = load_profile(cls.site or cls.name)
        settings.set("DOWNLOAD_DELAY", profile.download_delay, "spider")
        settings.set("CONCURRENT_REQUESTS_PER_DOMAIN", profile.concurrency, "spider")
        if (settings.getpriority("USER_AGENT") or 0) <= SETTINGS_PRIORITIES["project"]:
            contact = settings.get("NEWSCRAWL_CONTACT")
            settings.set("USER_AGENT", f"newscrawl/{__version__} (+{contact})", "spider")

    # -- output paths ------------------------------------------------------------------------

    def output_path(self) -> Path | None:
        """The JSON Lines file this run writes (its first local feed), for files beside it."""
        for uri in self.settings.getdict("FEEDS"):
            text = str(uri)
            if text.startswith("file://"):
                text = text[len("file://"):]
            elif "://" in text:
                continue
            params = {"name": self.name, "run_stamp": self.run_stamp,
                      "time": self.run_started.strftime("%Y-%m-%dT%H-%M-%S+00-00")}
            try:
                return Path(text % params)
            except (KeyError, ValueError):
                return None
        return None

    def sibling_path(self, suffix: str) -> Path | None:
        out = self.output_path()
        if out is None:
            return None
        return out.with_name(out.name.removesuffix(".jsonl").removesuffix(".json") + suffix)

    # -- discovery ---------------------------------------------------------------------------

    async def start(self) -> AsyncIterator[Any]:
        """Feeds and sitemaps first; once every one is read (or failed), the articles they list,
        then section pages and anything else that needs no listing date."""
        if self.crawler is not None:
            self._run = self.crawler.get_extension(RunExtension)
            self.crawler.signals.connect(self.listing_dropped, signal=signals.request_dropped)
        for request in self.discovery_requests():
            if request is not None:
                yield request
        await self._listings.all_read()
        # Into the scheduler at once, as a listing callback's requests would be: start() is
        # read only as fast as the engine has room, and a shared queue must fill for the group.
        engine = self.crawler.engine if self.crawler is not None else None
        for request in self.listed_requests():
            if engine is None:
                yield request
            else:
                engine.crawl(request)
        for request in self.after_listings():
            yield request

    def discovery_requests(self) -> Iterable[scrapy.Request | None]:
        """The site's feeds and sitemaps: the listings that date articles."""
        p = self.profile
        for path in (*p.feeds, *p.sitemaps):
            yield self.listing_request(p.absolute(path))

    def listed_requests(self) -> Iterator[scrapy.Request]:
        """The articles the feeds and sitemaps listed, once every one of them is read."""
        held, self._held = self._held, {}
        for url in held:
            if (wanted := self.wanted_article(url)) is not None:
                yield self.article_request(wanted)

    def after_listings(self) -> Iterable[scrapy.Request]:
        """What is requested once the feeds and sitemaps are read: the section pages."""
        p = self.profile
        for path in p.sections:
            yield scrapy.Request(p.absolute(path), self.parse_section, priority=5,
                                 errback=self.listing_failed)

    def listing_request(self, url: str) -> scrapy.Request | None:
        """A feed or sitemap to read (None when this run asked for it already)."""
        if not self._listings.add(url):
            return None
        return scrapy.Request(url, self.parse_listing, priority=10, errback=self.listing_failed,
                              meta={LISTING_META: url})

    def listing_done(self, request: scrapy.Request | None) -> None:
        """A listing request answered, failed or refused: no longer pending."""
        self._listings.done(request.meta.get(LISTING_META) if request is not None else None)

    def listing_failed(self, failure: Failure) -> None:
        request = failure.request  # type: ignore[attr-defined]
        self.listing_done(request)
        reason = failure_reason(failure)
        self.count(f"listing_failed/{reason}")
        self.logger.error("feed, sitemap or section page failed (%s): %s", reason, request.url)

    def listing_dropped(self, request: scrapy.Request) -> None:
        """A listing request the scheduler refused never reaches a callback: it is done too."""
        self.listing_done(request)

    def parse_listing(self, response: Response) -> Iterable[Any]:
        try:
            yield from self.read_listing(response)
        finally:  # after the sitemaps an index lists are counted as pending
            self.listing_done(response.request)

    def read_listing(self, response: Response) -> Iterable[scrapy.Request]:
        try:
            listing = parse_listing(response.body)
        except FeedError as exc:
            self.count("bad_listing")
            self.logger.warning("unreadable feed or sitemap %s: %s", response.url, exc)
            return
        self.count(f"listings/{listing.kind}")
        if listing.unreadable:
            self.count("listing_entries_unreadable", listing.unreadable)
            self.logger.warning("%d unreadable entries in the broken feed or sitemap %s (%d read)",
                                listing.unreadable, response.url, len(listing.entries))
        for entry in listing.entries:
            try:
                url = self.to_local(urljoin(response.url, entry.url))
            except ValueError:  # "http://[bad": one broken link, not the rest of the listing
                self.skip("bad_url")
                continue
            if listing.kind == "sitemapindex":
                if (request := self.listing_request(url)) is not None:
                    yield request
            elif (key := self.article_key(url)) is not None:
                self._listed.setdefault(key, []).append(entry)
                self._held[key] = None

    def parse_section(self, response: Response) -> Iterable[Any]:
        if not isinstance(response, TextResponse):
            self.count("bad_listing")
            return
        for href in response.css("a::attr(href)").getall():
            try:
                url = self.to_local(response.urljoin(href))
            except ValueError:  # "http://[bad": one broken link, not the rest of the page
                self.skip("bad_url")
                continue
            if not self.profile.is_article_url(url):
                continue
            if (request := self.link_request(url, section_link=True)) is not None:
                yield request

    def link_request(self, url: str, *, section_link: bool = False) -> scrapy.Request | None:
        """The request for an article link met outside the feeds and sitemaps, or None when it
        is no link to fetch (see article_key and wanted_article)."""
        if (key := self.article_key(url)) is None:
            return None
        wanted = self.wanted_article(key, section_link=section_link)
        return self.article_request(wanted) if wanted is not None else None

    def article_key(self, url: str) -> str | None:
        """The canonical URL of an article link on this site, or None (counted)."""
        try:
            url = canonicalize_url(url)
        except ValueError:
            return self.skip("bad_url")
        if self.allowed_domains and not is_same_site(url, self.allowed_domains):
            return self.skip("offsite")
        return url

    def wanted_article(self, url: str, *, section_link: bool = False) -> str | None:
        """The canonical `url` when it is to be fetched, or None: not an article of this site,
        met before in this run, over max_articles, older than `since`, a section link no
        listing dates while `since` is given, already written and unchanged, or known to be no
        article (each counted but the first two). Its date is the latest any listing gave it."""
        if url in self._article_urls:
            return None
        if self.profile.article_pattern is not None and not self.profile.is_article_url(url):
            return None
        entries = self._listed.get(url)
        if self.since is not None and section_link and not entries:
            return self.skip("undated")  # `since` trusts feed and sitemap dates only
        self._article_urls.add(url)
        self.count("articles/found")
        dates = [d for d in map(listed_time, entries or ()) if d is not None]
        return self.fetch_decision(url, max(dates, default=None))

    def fetch_decision(self, url: str, listed: datetime | None) -> str | None:
        if self.since is not None and listed is not None and listed < self.since:
            return self.skip("before_since")
        run = self._run
        fetch, why = (True, "new") if run is None else run.fetch_decision(url, listed)
        if not fetch:  # already written, or known to be no article
            return self.skip(why)
        if self.max_articles is not None and self._requested >= self.max_articles:
            return self.skip("max_articles")
        self._requested += 1
        self.count(f"articles/fetch_{why}")
        return url

    def skip(self, why: str) -> str | None:
        self.count(f"skipped/{why}")
        return None

    def article_request(self, url: str) -> scrapy.Request:
        """The request for an article at its canonical `url`."""
        meta = {"playwright": True} if self.render_mode is True else {}
        return scrapy.Request(url, self.parse_article, cb_kwargs={"listed_as": url}, meta=meta,
                              errback=self.article_failed)

    def article_failed(self, failure: Failure) -> Iterable[Rejected]:
        """A download that failed for good: a counted reject (fetched again next run)."""
        reason = failure_reason(failure)
        if isinstance(failure.value, RenderFailed):  # counted by why: timeout, browser_error...
            self.count(f"{RENDER_FAILED}{failure.value.reason}")
        request = failure.request  # type: ignore[attr-defined]
        # The link as listed, not where its redirects ended: that is what the next run meets.
        url = request.cb_kwargs.get("listed_as") or request.url
        client_error = reason.startswith("http_4") or reason == "robots_txt"
        log = self.logger.warning if client_error else self.logger.error
        log("article not downloaded (%s): %s", reason, url)
        yield Rejected(url, reason, str(failure.value) or reason)

    def listed_entries(self, url: str) -> list[Entry]:
        """The feed and sitemap entries met for an article (by canonical URL)."""
        return self._listed.get(url, [])

    def add_listed(self, url: str, entries: Iterable[Entry]) -> None:
        """Entries another worker of a shared crawl read for an article fetched here."""
        self._listed.setdefault(url, []).extend(entries)

    def to_local(self, url: str) -> str:
        """Links to the live site point at the mirror when crawling one."""
        return self.profile.to_mirror(url)

    # -- articles ----------------------------------------------------------------------------

    @property
    def render_mode(self) -> RenderMode:
        return render_mode(self.settings.get("NEWSCRAWL_RENDER")) or False

    async def parse_article(self, response: Response, listed_as: str = "") -> AsyncIterator[Any]:
        """The page's draft (extracted and normalized in a worker process while downloads go
        on), or a Rejected item saying why it gave none, or the page requested again through
        the browser."""
        rendered = bool(response.meta.get("playwright"))
        if rendered and self.allowed_domains and not is_same_site(response.url,
                                                                  self.allowed_domains):
            # The browser follows a script's redirect where Scrapy's offsite filter would not.
            self.count(f"{RENDER_FAILED}offsite")
            yield Rejected(listed_as or response.url, "offsite",
                           f"the rendered page went off the site, to {response.url}")
            return
        result = await self.page_extractor().extract(self.page_task(response, listed_as))
        if isinstance(result, Rejected):
            yield self.not_extracted(response, result, rendered, listed_as)
            return
        if rendered:
            self.count(RENDERED)
        yield result

    def page_task(self, response: Response, listed_as: str = "") -> PageTask:
        # The header's charset, not Scrapy's response.encoding: that one may be a guess, and
        # extraction weighs the header, the page's declaration and the bytes itself.
        content_type = (response.headers.get(b"Content-Type") or b"").decode("latin-1")
        return PageTask(
            response.body, response.url, self.page_profile(response.url),
            fetched_at=datetime.now(UTC), content_type=content_type,
            listed_dates=tuple(self.listing_dates(listed_as)),
        )

    def page_extractor(self) -> PageExtractor:
        """The crawl's extraction workers (see NEWSCRAWL_EXTRACT_*), started with the first
        article: a run that finds nothing new starts none."""
        if self._extractor is None:
            settings = self.settings
            workers = settings.get("NEWSCRAWL_EXTRACT_WORKERS")
            timeout = settings.getfloat("NEWSCRAWL_EXTRACT_TIMEOUT", DEFAULT_TIMEOUT)
            self._extractor = PageExtractor(
                load_object(settings.get("NEWSCRAWL_EXTRACT_JOB") or prepare_page),
                workers=None if workers in (None, "") else max(int(workers), 0),
                timeout=timeout if timeout > 0 else None,
            )
        return self._extractor

    def closed(self, reason: str) -> None:
        """Stop the extraction workers (they have no page left: the crawl is idle)."""
        if self._extractor is not None:
            self._extractor.close(cancel=reason != "finished")
            self._extractor = None

    def not_extracted(self, response: Response, rejected: Rejected, rendered: bool,
                      listed_as: str = "") -> Rejected | scrapy.Request:
        """A page that gave no article: requested again through the browser when its scripts
        would build it and rendering is "auto" (once: a rendered page is not rendered again),
        else a reject with its reason."""
        request = response.request
        reason = rejected.reason
        if reason == "script_shell" and not rendered and self.render_mode == "auto" \
                and request is not None:
            self.logger.debug("rendering %s (%s)", response.url, rejected.message)
            return request.replace(meta={"playwright": True}, dont_filter=True)
        if rendered:
            still = reason == "script_shell"
            self.count(f"{RENDER_FAILED}still_shell" if still else RENDERED)
        return Rejected(response.url, reason, rejected.message, listed_as=listed_as or None)

    def listing_dates(self, url: str) -> list[DateCandidate]:
        """The dates feeds and sitemaps gave the article, each once, published before modified."""
        dates: dict[tuple[str, str], DateCandidate] = {}
        for entry in self._listed.get(url, []):
            for raw, kind in ((entry.published, "published"), (entry.updated, "modified")):
                if raw:
                    dates.setdefault((raw, kind), DateCandidate(raw, "feed", kind))  # type: ignore[arg-type]
        return sorted(dates.values(), key=lambda d: d.kind != "published")

    def page_profile(self, url: str) -> SiteProfile:
        """The profile that extracts this page."""
        return self.profile

    def count(self, key: str, count: int = 1) -> None:
        if self.crawler is not None and self.crawler.stats is not None:
            self.crawler.stats.inc_value(f"newscrawl/{key}", count)
