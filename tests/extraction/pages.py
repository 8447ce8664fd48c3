"""Small invented pages that reproduce real news layouts, one behaviour each."""

from __future__ import annotations

from newscrawl.sites.profile import GENERIC, Chrome, Selectors, SiteProfile

URL = "https://news.example.org/2024/03/05/harbour-bridge-reopens/"

STORY = [
    "The old harbour bridge in Eastport reopened to traffic on Tuesday morning after eighteen "
    "months of repairs that cost the city far more than its engineers had first estimated.",
    "Mayor Linda Okafor cut a ribbon at the northern end of the span while a brass band played "
    "and several hundred residents walked across the new deck before the first buses arrived.",
    "The repairs replaced corroded steel cables, rebuilt both approach ramps and added a "
    "protected cycle lane that local campaigners had demanded for more than a decade.",
    "Traffic planners expect about twenty thousand vehicles a day to return to the bridge, "
    "easing the congestion that has clogged the ring road since the closure began.",
]

# More of the story in short sentences, for what follows a box in its middle.
SHORT_STORY = [
    "The mayor said the repairs came in late.",
    "She blamed the cold winter for the delay.",
    "Crews worked through two storms in January.",
    "The city will publish the final bill next month.",
    "Residents can send questions to the council until Friday.",
]
# Headlines of other stories, for "most read" and "related" boxes.
HEADLINES = ["Ferry fares rise again in spring", "New tram line gets green light",
             "Harbour festival moves to June"]


def story_html(paragraphs: list[str] | None = None) -> str:
    return "".join(f"<p>{p}</p>" for p in (paragraphs or STORY))


def html_page(head: str = "", body: str = "", lang: str = "en") -> str:
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">{head}</head>'
            f"<body>{body}</body></html>")


def article_page(head: str = "", header: str = "", extra: str = "", lang: str = "en") -> str:
    """A typical article: site navigation, an <article> with header and story, a footer."""
    body = (
        '<nav><a href="/">Home</a> <a href="/local">Local</a> <a href="/sport">Sport</a></nav>'
        f"<article><header><h1>Harbour bridge reopens after repairs</h1>{header}</header>"
        f'<div class="article-body">{story_html()}</div>{extra}</article>'
        "<footer><p>Contact us</p></footer>"
    )
    return html_page(head, body, lang)


def profile(selectors: Selectors | None = None, chrome: Chrome | None = None) -> SiteProfile:
    return SiteProfile(name="example", domains=("news.example.org",),
                       selectors=selectors or Selectors(), chrome=chrome or Chrome())


__all__ = ["GENERIC", "STORY", "URL", "article_page", "html_page", "profile", "story_html"]
