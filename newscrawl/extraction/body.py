"""The body: site rules first, else the generic main text or a complete articleBody; images."""

from __future__ import annotations

from newscrawl.extraction.blocks import figure_images
from newscrawl.extraction.document import Page
from newscrawl.extraction.errors import ExtractionError
from newscrawl.extraction.fields import Fields
from newscrawl.extraction.generic import BALANCED, main_text
from newscrawl.extraction.page_text import article_region
from newscrawl.extraction.text import squash, word_count
from newscrawl.items import ArticleDraft, Image

# Below this many words a page has no article body (CJK characters count as half a word).
MIN_WORDS = 40
# Pages that call themselves articles (og:type, JSON-LD type) may be shorter: briefs, photo news.
MIN_WORDS_MARKED = 15
# Measured on news pages, the generic main text beats a JSON-LD articleBody of about the same
# length (the latter often lacks breaks or holds extra parts), so articleBody only steps in when
# the generic text is missing or much shorter, i.e. the generic extractor missed part of the story.
GENERIC_SHORT_RATIO = 0.6
# The precise generic mode sometimes stops after the lead; when it returns less than this share
# of the words in the article region's <p> elements, the balanced mode is tried as well.
PRECISE_MIN_SHARE = 0.35
PRECISE_CHECK_MIN_WORDS = 100
# A body made mostly of link texts is a list of other articles.
LISTING_LINKED_SHARE = 0.3
LISTING_MIN_LINKED = 4
# ... or a page of linked headings with teasers: many of them, little prose, no long paragraph.
LISTING_MIN_LINKED_HEADINGS = 8
LISTING_MAX_WORDS_PER_HEADING = 8
LISTING_MAX_LONG_PARAGRAPHS = 1
LONG_PARAGRAPH_WORDS = 25
_LINKED_HEADINGS = ("//*[self::h2 or self::h3 or self::h4][.//a[@href]]"
                    " | //a[@href][.//h2 or .//h3 or .//h4]")
MAX_IMAGES = 30


def choose_body(draft: ArticleDraft, page: Page, layers: list[Fields]) -> None:
    by_layer = {f.layer: f for f in layers}
    body, layer = by_layer["site"].body, "site"
    if not body:
        body, layer = _structured_or_generic(page, by_layer)
    _check_article(body, page, by_layer)
    draft.body = body
    draft.sources["body"] = layer


def _structured_or_generic(page: Page, by_layer: dict[str, Fields]) -> tuple[list[str], str]:
    generic = _generic_body(page)
    structured = by_layer["jsonld"].body
    if structured and _generic_incomplete(structured, generic):
        return structured, "jsonld"
    if generic:
        return generic, "generic"
    micro = by_layer["microdata"].body
    return (micro, "microdata") if micro else (structured, "jsonld")


def _generic_body(page: Page) -> list[str]:
    precise = main_text(page.tree, page.url)
    region = article_region(page.tree)
    region_words = sum(word_count(squash(p.text_content())) for p in region.iter("p"))
    words = word_count(" ".join(precise))
    if region_words < PRECISE_CHECK_MIN_WORDS or words >= PRECISE_MIN_SHARE * region_words:
        return precise
    balanced = main_text(page.tree, page.url, BALANCED)
    return balanced if word_count(" ".join(balanced)) > words else precise


def _generic_incomplete(structured: list[str], generic: list[str]) -> bool:
    """True when a complete articleBody (not a teaser ending in "...") dwarfs the generic text."""
    text = " ".join(structured).rstrip()
    if text.endswith(("...", "…", "[…]", "[...]")) or word_count(text) < MIN_WORDS:
        return False
    return word_count(" ".join(generic)) < GENERIC_SHORT_RATIO * word_count(text)


def _marked_article(page: Page, by_layer: dict[str, Fields]) -> bool:
    og_type = page.first_meta("og:type")
    if og_type and "article" in og_type[1].lower():
        return True
    return by_layer["jsonld"].is_article or bool(by_layer["opengraph"].published)


def _check_article(body: list[str], page: Page, by_layer: dict[str, Fields]) -> None:
    if by_layer["jsonld"].non_article and not _marked_article(page, by_layer):
        raise ExtractionError("not_article", "structured data calls the page a non-article page")
    words = word_count(" ".join(body))
    marked = _marked_article(page, by_layer)
    if words < (MIN_WORDS_MARKED if marked else MIN_WORDS):
        raise ExtractionError("not_article", f"the page has no article text ({words} words)")
    if not marked and _is_listing(body, page):
        raise ExtractionError("not_article", "the page is a list of links to other pages")


def _is_listing(body: list[str], page: Page) -> bool:
    anchors = [squash(a.text_content()) for a in page.tree.iter("a")]
    linked = [p for p in body if p in set(anchors)]
    share = word_count(" ".join(linked)) / max(1, word_count(" ".join(body)))
    if len(linked) >= LISTING_MIN_LINKED and share >= LISTING_LINKED_SHARE:
        return True
    long_paragraphs = sum(1 for p in body if word_count(p) >= LONG_PARAGRAPH_WORDS)
    if long_paragraphs > LISTING_MAX_LONG_PARAGRAPHS:
        return False
    headings = len(page.tree.xpath(_LINKED_HEADINGS))
    words = word_count(" ".join(body))
    return (headings >= LISTING_MIN_LINKED_HEADINGS
            and words < LISTING_MAX_WORDS_PER_HEADING * headings)


def page_images(page: Page, layers: list[Fields], existing: list[Image]) -> list[Image]:
    """Captioned figures of the article, then the lead images named in structured data."""
    images = list(existing)
    images += figure_images(article_region(page.tree), page.url)
    for found in layers:
        images += found.images
    og_image = page.first_meta("og:image", "twitter:image")
    if og_image:
        images.append(Image(page.absolute(og_image[1])))
    return _dedupe(images)[:MAX_IMAGES]


def _dedupe(images: list[Image]) -> list[Image]:
    by_key: dict[str, Image] = {}
    for image in images:
        k = image.url or f"caption:{image.caption}"
        kept = by_key.get(k)
        if kept is None or (not kept.caption and image.caption):
            by_key[k] = image
    return list(by_key.values())
