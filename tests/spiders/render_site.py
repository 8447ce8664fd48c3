"""A local news site whose articles come as plain HTML or built by scripts, for the rendering
tests. Every page is invented: a static article prints its text; a script-built one ships an
empty app root and a script that draws the article from inline JSON or from a JSON endpoint
it fetches; broken ones throw, or never finish loading."""

from __future__ import annotations

import html
import json
import random

Pages = dict[str, tuple[str, bytes]]

# Invented news sentences, put together differently for every story, so that no two stories
# share a line (the site template would take shared lines for page chrome).
_WHO = ("The ferry operator", "The town council", "The harbour master", "A spokeswoman for the "
        "port", "The fishermen's association", "The regional transport board", "Local traders")
_DID = ("said on Tuesday that", "confirmed in a statement that", "told reporters that",
        "announced at a public meeting that", "wrote in a letter to residents that")
_WHAT = ("crossings will run every forty minutes from next week",
         "a second boat returns to service after a winter in dry dock",
         "fares stay the same until the review of harbour dues ends in summer",
         "the old pier will close for repairs once the new pontoon is ready",
         "commuters will no longer wait on the open quay in bad weather",
         "the timetable will be printed again at every stop along the bay",
         "about three thousand people a day are expected to use the service")
_WHY = ("after months of complaints from commuters", "following a vote in the council chamber",
        "once the inspectors had signed off the engines", "as passenger numbers kept rising",
        "despite the rising price of fuel", "in time for the spring festival")
_ORDINAL = ("First", "Second", "Third", "Fourth")


def paragraphs(n: int) -> list[str]:
    """Four invented paragraphs, each two sentences, different for every story `n`."""
    pick = random.Random(n).choice
    return [" ".join(f"{pick(_WHO)} {pick(_DID)} {pick(_WHAT)}, {pick(_WHY)}." for _ in range(2))
            + f" ({_ORDINAL[i]} note on story {n}.)" for i in range(4)]

_HEAD = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{title} | The Harbour Gazette</title>
<meta property="og:type" content="article">
<meta property="article:published_time" content="2024-03-0{day}T08:30:00+00:00">
</head>"""


def title(n: int) -> str:
    return f"Ferry timetable story number {n}"


def static_article(n: int) -> bytes:
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs(n))
    return (_HEAD.format(title=title(n), day=n % 9 + 1) + f"""<body>
<nav><a href="/">Home</a> <a href="/news/">News</a></nav>
<article><h1>{title(n)}</h1><p class="byline">By Ada Quill</p>{body}</article>
<footer>The Harbour Gazette</footer></body></html>""").encode()


# Draws the article from an object {"headline", "byline", "paragraphs"} into #root / #app.
_DRAW = """function draw(root, story) {
  const article = document.createElement("article");
  const h1 = document.createElement("h1"); h1.textContent = story.headline;
  const by = document.createElement("p"); by.className = "byline"; by.textContent = story.byline;
  article.append(h1, by);
  for (const text of story.paragraphs) {
    const p = document.createElement("p"); p.textContent = text; article.appendChild(p);
  }
  root.appendChild(article);
}"""


def story_json(n: int) -> bytes:
    story = {"headline": title(n), "byline": "By Ada Quill", "paragraphs": paragraphs(n)}
    return json.dumps(story).encode()


def inline_shell(n: int) -> bytes:
    """An empty #root and the article as JSON state in the page, drawn by a script."""
    return (_HEAD.format(title=title(n), day=n % 9 + 1) + f"""<body>
<noscript>You need to enable JavaScript to run this app.</noscript><div id="root"></div>
<script id="state" type="application/json">{story_json(n).decode()}</script>
<script>{_DRAW}
draw(document.getElementById("root"), JSON.parse(document.getElementById("state").textContent));
</script></body></html>""").encode()


def fetch_shell(n: int) -> bytes:
    """An empty #app; the script fetches the article's JSON from the site and draws it."""
    return (_HEAD.format(title=title(n), day=n % 9 + 1) + f"""<body><div id="app"></div>
<script>{_DRAW}
fetch("/api/story-{n}.json").then(r => r.json()).then(s => draw(document.getElementById("app"), s));
</script></body></html>""").encode()


def heavy_shell(n: int) -> bytes:
    """An inline shell that also asks for a stylesheet, a picture, a video and a font."""
    page = inline_shell(n).decode()
    extras = """<link rel="stylesheet" href="/assets/site.css">
<style>@font-face { font-family: Gazette; src: url(/assets/gazette.woff2); }
body { font-family: Gazette; }</style></head>"""
    media = """<img src="/assets/photo.jpg" alt=""><video src="/assets/clip.mp4" autoplay></video>"""
    return page.replace("</head>", extras).replace("</body>", media + "</body>").encode()


def throwing_shell(n: int) -> bytes:
    """A shell whose script fails before drawing anything."""
    return (_HEAD.format(title=title(n), day=n % 9 + 1) + """<body><div id="root"></div>
<script>throw new Error("the bundle failed to start");</script></body></html>""").encode()


def hanging_shell(n: int) -> bytes:
    """A shell whose script never ends: the page never finishes loading."""
    return (_HEAD.format(title=title(n), day=n % 9 + 1) + """<body><div id="root"></div>
<script>while (true) {}</script></body></html>""").encode()


def stuck_shell(n: int) -> bytes:
    """A shell that loads, then locks up its page for good."""
    return (_HEAD.format(title=title(n), day=n % 9 + 1) + """<body><div id="root"></div>
<script>addEventListener("load", () => setTimeout(() => { while (true) {} }, 10));</script>
</body></html>""").encode()


def leaving_shell(n: int) -> bytes:
    """A shell whose script sends the browser to another host (the same server, by name)."""
    return (_HEAD.format(title=title(n), day=n % 9 + 1) + """<body><div id="root"></div>
<script>location.href = location.href.replace("127.0.0.1", "localhost")
  .replace("/leaving/", "/static/");</script></body></html>""").encode()


def sitemap(base_url: str, paths: list[str]) -> bytes:
    urls = "".join(f"<url><loc>{base_url}{p.lstrip('/')}</loc></url>" for p in paths)
    return (f'<?xml version="1.0" encoding="UTF-8"?><urlset '
            f'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>').encode()


def site(kinds: dict[str, list[int]]) -> Pages:
    """Pages of each kind ("static", "inline", "fetch", "heavy", "throwing", "hanging",
    "stuck", "leaving") at /<kind>/story-<n>.html, with the JSON endpoints the fetching ones read."""
    builders = {"static": static_article, "inline": inline_shell, "fetch": fetch_shell,
                "heavy": heavy_shell, "throwing": throwing_shell, "hanging": hanging_shell,
                "stuck": stuck_shell, "leaving": leaving_shell}
    pages: Pages = {"/robots.txt": ("text/plain", b"User-agent: *\nAllow: /\n"),
                    "/assets/site.css": ("text/css", b"h1 { font-size: 2em; }")}
    for kind, numbers in kinds.items():
        for n in numbers:
            pages[f"/{kind}/story-{n}.html"] = ("text/html; charset=utf-8", builders[kind](n))
            if kind == "fetch":
                pages[f"/api/story-{n}.json"] = ("application/json", story_json(n))
    return pages


def article_paths(pages: Pages) -> list[str]:
    return sorted(p for p in pages if p.endswith(".html"))
