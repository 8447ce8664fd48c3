"""A generated local news site for the shared-crawl tests and benchmark: N article pages of
invented text (each its own, so no two bodies or stories coincide), listed by a sitemap index
of sitemaps of up to 1,000 URLs each, served on 127.0.0.1."""

from __future__ import annotations

import random
from html import escape

from tests.localserver import PageServer

_TEXT = (
    "harbour council ferry timetable tram depot bridge repair budget vote school library "
    "market fishermen storm warning river flood barrier museum festival orchestra mayor "
    "hospital clinic nurses strike wages union contract airport runway freight train station "
    "cyclists lane pavement residents petition planning housing estate tenants rent landlord "
    "factory workers shift engineers turbine wind farm coast erosion dune village chapel "
    "bakery bread prices harvest farmers cattle drought reservoir water supply pipes leak "
    "district heating boiler winter snow ploughs gritters roads closure detour bus route "
    "drivers shortage apprentices college students exams results teachers classroom roof "
    "lighthouse keeper volunteers lifeboat rescue crew trawler engine fault tide evening "
    "morning officials spokeswoman spokesman inspectors report findings delay opening "
    "ceremony ribbon minister visit funding grant charity appeal donations kitchen shelter"
)
WORDS = _TEXT.split()
AUTHORS = ("Marit Oskarsson", "Tomasz Wren", "Ilse Haverkamp", "Dara Quennell",
           "Oskar Lindqvist", "Beatrix Holm", "Caspar Ude", "Nell Fairbrother")
SITEMAP_SIZE = 1000


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(12, 22))]
    return " ".join(words).capitalize() + "."


def article_path(number: int) -> str:
    return f"/news/2026/10/{number % 28 + 1:02d}/story-{number:05d}"


def article_page(base: str, number: int) -> bytes:
    rng = random.Random(number)
    title = " ".join(rng.choice(WORDS) for _ in range(7)).capitalize() + f" ({number})"
    author = rng.choice(AUTHORS)
    published = f"2026-10-{number % 28 + 1:02d}T{number % 24:02d}:{number % 60:02d}:00+02:00"
    url = base.rstrip("/") + article_path(number)
    paragraphs = "\n".join(
        f"<p>{escape(' '.join(sentence(rng) for _ in range(rng.randint(3, 5))))}</p>"
        for _ in range(rng.randint(4, 7))
    )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>{escape(title)} | Harbour Gazette</title>
<link rel="canonical" href="{url}">
<meta property="og:title" content="{escape(title)}">
<meta property="article:published_time" content="{published}">
<meta name="author" content="{author}">
</head><body>
<header><nav><a href="/">Home</a> <a href="/news/">News</a> <a href="/about">About us</a></nav></header>
<main><article>
<h1>{escape(title)}</h1>
<p class="byline">By <span class="author">{author}</span></p>
<time datetime="{published}">{published}</time>
{paragraphs}
</article></main>
<footer><p>Copyright 2026 Harbour Gazette. All rights reserved.</p></footer>
</body></html>""".encode()


def lastmod(number: int) -> str:
    """The sitemap's date of an article: a later edit the page itself does not show."""
    return f"2026-11-{number % 28 + 1:02d}T{number % 24:02d}:30:00+00:00"


def sitemap(base: str, numbers: range) -> bytes:
    urls = "".join(f"<url><loc>{base.rstrip('/')}{article_path(n)}</loc>"
                   f"<lastmod>{lastmod(n)}</lastmod></url>\n" for n in numbers)
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns='
            f'"http://www.sitemaps.org/schemas/sitemap/0.9">\n{urls}</urlset>\n').encode()


def sitemap_index(base: str, parts: int) -> bytes:
    maps = "".join(f"<sitemap><loc>{base.rstrip('/')}/sitemap-{i}.xml</loc></sitemap>\n"
                   for i in range(parts))
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns='
            f'"http://www.sitemaps.org/schemas/sitemap/0.9">\n{maps}</sitemapindex>\n').encode()


class GeneratedSite(PageServer):
    """`with GeneratedSite(2000) as site:` serves the site; `site.sitemap_url`, `site.urls`."""

    def __init__(self, articles: int) -> None:
        super().__init__({})
        self.articles = articles

    def __enter__(self) -> GeneratedSite:
        base = self.base_url
        html = "text/html; charset=utf-8"
        for n in range(self.articles):
            self.pages[article_path(n)] = (html, article_page(base, n))
        parts = range(0, self.articles, SITEMAP_SIZE)
        for i, start in enumerate(parts):
            numbers = range(start, min(start + SITEMAP_SIZE, self.articles))
            self.pages[f"/sitemap-{i}.xml"] = ("application/xml", sitemap(base, numbers))
        self.pages["/sitemap.xml"] = ("application/xml", sitemap_index(base, len(parts)))
        self.pages["/robots.txt"] = ("text/plain", b"User-agent: *\nAllow: /\n")
        super().__enter__()
        return self

    @property
    def sitemap_url(self) -> str:
        return self.base_url + "sitemap.xml"

    @property
    def urls(self) -> set[str]:
        return set(self.lastmods)

    @property
    def lastmods(self) -> dict[str, str]:
        """Each article's URL -> the date its sitemap gives it."""
        base = self.base_url.rstrip("/")
        return {base + article_path(n): lastmod(n) for n in range(self.articles)}
