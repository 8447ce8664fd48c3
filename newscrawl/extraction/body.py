"""The body: site rules first, else the generic main text or a complete articleBody; images."""

from __future__ import annotations

import itertools
import re
from functools import cache

import lxml.etree
from lxml.html import HtmlElement

from newscrawl import vocab
from newscrawl.extraction.blocks import outermost, paragraphs_of
from newscrawl.extraction.document import Page
from newscrawl.extraction.embedded import embedded_body, html_in_scripts
from newscrawl.extraction.errors import ExtractionError
from newscrawl.extraction.fields import Fields
from newscrawl.extraction.generic import BALANCED, CONTAINERS, PRECISE, main_text
from newscrawl.extraction.page_text import page_region
from newscrawl.extraction.text import squash, word_count
from newscrawl.items import ArticleDraft

# Below this many words a page has no article body (words as newscrawl/wordcount.py counts them).
MIN_WORDS = 40
# Pages that call themselves articles (og:type, JSON-LD type), or carry a publication date and a
# headline in their metadata, may be shorter: briefs, photo news.
MIN_WORDS_MARKED = 15
METADATA_LAYERS = ("jsonld", "microdata", "opengraph", "meta")
# Measured on news pages, the generic main text beats a JSON-LD articleBody of about the same
# length (the latter often lacks breaks or holds extra parts), so articleBody only steps in when
# the generic text is missing or much shorter, i.e. the generic extractor missed part of the story.
GENERIC_SHORT_RATIO = 0.6
# The precise generic text is short when it has fewer words than FAST_MIN_WORDS or less than
# PRECISE_MIN_SHARE of the words in the article region's <p> elements; the library's second
# opinion (readability, jusText) is then asked. Measured: on the other pages it changes nothing.
# When the text stays under that share of a region of PRECISE_CHECK_MIN_WORDS or more, the
# balanced mode (with its recall escalation) is tried as well.
PRECISE_MIN_SHARE = 0.35
PRECISE_CHECK_MIN_WORDS = 100
FAST_MIN_WORDS = 150
# A part of the story split off by an ad slot: a container like the one the generic text came
# from, after a separator of at most SEPARATOR_MAX_WORDS words, whose text is mostly in
# paragraphs (SPLIT_PROSE_SHARE), hardly linked, with a paragraph of SPLIT_PART_MIN_WORDS.
SEPARATOR_MAX_WORDS = 10
SPLIT_PROSE_SHARE = 0.8
SPLIT_MAX_LINKED_SHARE = 0.2
SPLIT_PART_MIN_WORDS = 12
# Paragraphs the precise generic text skipped between two it kept come back when they have at
# least GAP_MIN_WORDS words, at most GAP_MAX_LINKED_SHARE of them linked, and sit in the same
# chain of GAP_SHAPE_DEPTH containers as a kept one; only on bodies of GAP_MIN_KEPT paragraphs.
GAP_MIN_KEPT = 3
GAP_MIN_WORDS = 6
GAP_MAX_LINKED_SHARE = 0.5
GAP_SHAPE_DEPTH = 4
# A box (vocab/chrome.toml [boxes]) holding more than this share of the page's text is left be.
BOX_MAX_TEXT_SHARE = 0.3
# Elements no body reader needs, stripped once the metadata layers have read the tree (JSON-LD
# lives in scripts): every copy and XPath pass of the generic extractor is then cheaper.
INERT_TAGS = ("script", "style", "template", "link", "{http://www.w3.org/2000/svg}svg", "svg")
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
# The generic extractor (trafilatura) collects every text run inside paragraphs with one XPath
# (`//p//text()`), which libxml2 evaluates in time quadratic in their number: 80,000 runs take
# about 14 s, 500,000 many minutes. A page with more elements inside its paragraphs than this
# (17 times the most in the evaluation corpus) is refused as `too_complex` right after parsing,
# and one whose markup opens more paragraphs than this before it is parsed at all.
MAX_PARAGRAPH_ELEMENTS = 10_000
_PARAGRAPH_TAG = re.compile(r"<p[\s>/]", re.IGNORECASE)
# Hover cards inside a paragraph (a person's or term's preview: picture, links to other stories)
# are printed in the markup next to the word they explain; readers never see them inline.
# Read paragraph by paragraph (linear; `//p//*` in XPath would merge one node set per
# paragraph, quadratic in libxml2, and an XPath test of every element's class costs more).
_CARD_CLASS = re.compile("tooltip|popover|hovercard|hover-card|rollover|popup")
# The lead (standfirst) that the generic extractor often leaves out: the page's description
# (meta or JSON-LD) where the page first prints it, as a paragraph of the article. A subheading
# under the headline in <header> (a "dek") stays out: measured, it is rarely article text.
LEAD_MIN_WORDS = 6
LEAD_MAX_GROWTH = 1.6  # the printed lead may run on past a shortened description
LEAD_MAX_GROWTH_CUT = 3.0  # ... further when the description says it was cut ("...")
_CUT_MARKS = ("...", "…")
LEAD_MIN_SHARE = 0.6  # ... or be a shorter printing of it
LEAD_BLOCKS = frozenset({"p", "div", "h2", "h3", "section", "span", "blockquote", "td"})
LEAD_HEADINGS = frozenset({"h2", "h3"})
# Classes that name a block headline matter ("dek", "subhead"), not the opening paragraph.
LEAD_NOT_CLASS = re.compile(r"(?:^|[\s_-])dek(?:$|[\s_-])|sub-?head", re.IGNORECASE)
LEAD_OUTSIDE = frozenset({"nav", "aside", "footer", "figure", "figcaption", "a", "li", "button",
                          "form"})
_TOKENS = re.compile(r"\w+")
# Text runs (an element's text or tail) that hold a string, in document order.
_TEXT_RUNS_WITH = lxml.etree.XPath(".//text()[contains(., $key)]")
# Calendar widgets (a month's days under a row of weekday names) are tables of numbers that the
# generic extractor may take for the page's main content.
CALENDAR_MIN_DAYS = 20
_DAY_NUMBER = re.compile(r"[1-9]|[12]\d|3[01]")
_WEEKDAY_LABEL = re.compile(r"[^\W\d_]{1,3}\.?")


def choose_body(draft: ArticleDraft, page: Page, layers: list[Fields]) -> None:
    by_layer = {f.layer: f for f in layers}
    body, layer = by_layer["site"].body, "site"
    if not body:
        scripts = html_in_scripts(page.tree)  # read before the generic step strips scripts
        body, layer = _structured_or_generic(page, by_layer)
        body = _with_lead(body, page, by_layer)
        if scripts and word_count(" ".join(body)) < MIN_WORDS:
            embedded = embedded_body(scripts)
            if word_count(" ".join(embedded)) >= max(MIN_WORDS, word_count(" ".join(body))):
                body, layer = embedded, "generic"
    links = link_texts(page)
    _check_article(body, page, by_layer, links)
    draft.body = body
    draft.link_texts = links
    draft.sources["body"] = layer


def link_texts(page: Page) -> frozenset[str]:
    """The texts of the page's links, squashed."""
    return frozenset(filter(None, (squash(a.text_content()) for a in page.tree.iter("a"))))


def _structured_or_generic(page: Page, by_layer: dict[str, Fields]) -> tuple[list[str], str]:
    generic = _generic_body(page)
    structured = said_once(by_layer["jsonld"].body)
    if structured and _generic_incomplete(structured, generic):
        return structured, "jsonld"
    if generic:
        return generic, "generic"
    micro = by_layer["microdata"].body
    return (micro, "microdata") if micro else (structured, "jsonld")


def _generic_body(page: Page) -> list[str]:
    lxml.etree.strip_elements(page.tree, *INERT_TAGS, with_tail=False)
    _drop_inline_cards(page.tree)
    _drop_calendars(page.tree)
    paragraphs = [(p, squash(p.text_content())) for p in page_region(page).iter("p")]
    region_words = sum(word_count(text) for _, text in paragraphs)
    body = _with_split_parts(_main_text(page, region_words), paragraphs)
    return _with_gaps_filled(body, paragraphs)


def _main_text(page: Page, region_words: int) -> list[str]:

    def short(paragraphs: list[str]) -> bool:
        words = word_count(" ".join(paragraphs))
        return words < FAST_MIN_WORDS or words < PRECISE_MIN_SHARE * region_words

    precise = main_text(page.tree, page.url, PRECISE, short, _drop_boxes)
    words = word_count(" ".join(precise))
    if region_words < PRECISE_CHECK_MIN_WORDS or words >= PRECISE_MIN_SHARE * region_words:
        return precise
    balanced = main_text(page.tree, page.url, BALANCED, prune=_drop_boxes)
    return balanced if word_count(" ".join(balanced)) > words else precise


@cache
def _box_pattern() -> re.Pattern[str] | None:
    patterns = vocab.load("chrome").get("boxes", {}).get("patterns", [])
    if not patterns:
        return None
    return re.compile(rf"(?:^|[\s_-])(?:{'|'.join(patterns)})(?:$|[\s_-])", re.IGNORECASE)


def _drop_boxes(tree: HtmlElement, names: str) -> None:
    """Take the boxes the vocabulary names (promotions, donation appeals, fact boxes, author
    biographies, sign-up forms: vocab/chrome.toml [boxes]) from the tree; `names` holds every
    container's class and id, so a page without one costs a single search."""
    pattern = _box_pattern()
    if pattern is None or not pattern.search(names):
        return
    boxes = [el for el in tree.iter(CONTAINERS)
             if pattern.search(f"{el.get('class') or ''} {el.get('id') or ''}")]
    body = tree.find("body")
    total = len(body.text_content()) if body is not None else 0
    for box in outermost(boxes):
        if box.find(".//h1") is None and len(box.text_content()) <= BOX_MAX_TEXT_SHARE * total:
            box.drop_tree()


def _with_split_parts(body: list[str], paragraphs: list[tuple[HtmlElement, str]]) -> list[str]:
    """The body with the parts of the story the generic text left out because an ad slot or a
    widget split it into sibling containers of one kind (same tag and class): the extractor
    keeps the first container it recognises and stops."""
    lines = set(body)
    found = [p for p, text in paragraphs if text and text in lines]
    if not found:
        return body
    for container in found[0].iterancestors():
        if container.tag in ("body", "html"):
            break
        parts = _split_parts(container, set(found))
        if parts:
            added = [line for part in parts for line in paragraphs_of(part) if line not in lines]
            own = {text for p, text in paragraphs if text and _inside(p, container)}
            last = max(i for i, line in enumerate(body) if line in own) + 1
            return [*body[:last], *added, *body[last:]]
    return body


def _split_parts(container: HtmlElement, found: set[HtmlElement]) -> list[HtmlElement]:
    """The containers of the same tag and class that follow this one, each after a separator
    of little text (the ad slot), holding prose none of which is in the body yet."""
    kind = container.get("class")
    if not kind:
        return []
    parts: list[HtmlElement] = []
    separated = False
    for sibling in container.itersiblings():
        if sibling.tag != container.tag or sibling.get("class") != kind:
            if word_count(sibling.text_content()) > SEPARATOR_MAX_WORDS:
                break
            separated = True
            continue
        if not separated or not _is_prose_part(sibling, found):
            break
        parts.append(sibling)
        separated = False
    return parts


def _is_prose_part(part: HtmlElement, found: set[HtmlElement]) -> bool:
    paragraphs = list(part.iter("p"))
    if not paragraphs or any(p in found for p in paragraphs):
        return False
    words = word_count(part.text_content())
    prose = sum(word_count(p.text_content()) for p in paragraphs)
    linked = sum(word_count(a.text_content()) for a in part.iter("a"))
    return prose >= SPLIT_PROSE_SHARE * words and linked <= SPLIT_MAX_LINKED_SHARE * words \
        and any(word_count(p.text_content()) >= SPLIT_PART_MIN_WORDS for p in paragraphs)


def _with_gaps_filled(body: list[str], paragraphs: list[tuple[HtmlElement, str]]) -> list[str]:
    """The body with the paragraphs the generic text skipped between two it kept, when they sit
    in the story the way both of those do (the same chain of containers) and are no list of
    links: the precise extractor drops a paragraph that carries a link or two."""
    lines = set(body)
    kept = [i for i, (_, text) in enumerate(paragraphs) if text and text in lines]
    if len(kept) < GAP_MIN_KEPT:
        return body
    said = _tokens(" ".join(body))  # text the body holds, maybe in other line breaks
    added: dict[str, list[str]] = {}  # a kept paragraph's text -> the paragraphs after it
    for before, after in itertools.pairwise(kept):
        shape = _shape(paragraphs[before][0])
        if after - before == 1 or _shape(paragraphs[after][0]) != shape:
            continue
        for p, _ in paragraphs[before + 1:after]:
            text = " ".join(paragraphs_of(p))  # without a picture's caption inside it
            if text and _shape(p) == shape and _is_gap_paragraph(p, text) \
                    and _tokens(text) not in said:
                added.setdefault(paragraphs[before][1], []).append(text)
    if not added:
        return body
    return [line for old in body for line in (old, *added.pop(old, []))]


def _shape(p: HtmlElement) -> tuple[tuple[str, str], ...]:
    """The tags and classes of the paragraph's containers, up to GAP_SHAPE_DEPTH of them."""
    return tuple((a.tag, a.get("class") or "")
                 for a in itertools.islice(p.iterancestors(), GAP_SHAPE_DEPTH))


def _is_gap_paragraph(p: HtmlElement, text: str) -> bool:
    words = word_count(text)
    linked = sum(word_count(a.text_content()) for a in p.iter("a"))
    return words >= GAP_MIN_WORDS and linked <= GAP_MAX_LINKED_SHARE * words


def _inside(el: HtmlElement, container: HtmlElement) -> bool:
    return any(a is container for a in el.iterancestors())


def check_markup(text: str) -> None:
    """Refuse, before it is parsed, a page whose markup opens more paragraphs than
    MAX_PARAGRAPH_ELEMENTS (each one is such an element): counting stops at the limit."""
    tags = itertools.islice(_PARAGRAPH_TAG.finditer(text), MAX_PARAGRAPH_ELEMENTS + 1)
    if sum(1 for _ in tags) > MAX_PARAGRAPH_ELEMENTS:
        raise _too_complex(f"more than {MAX_PARAGRAPH_ELEMENTS} paragraphs")


def check_complexity(tree: HtmlElement) -> None:
    """Refuse a page too large for the generic extractor (see MAX_PARAGRAPH_ELEMENTS) before
    any layer reads it: counting stops at the limit, so this costs little on any page."""
    inside = itertools.chain.from_iterable(p.iter() for p in tree.iter("p"))
    count = sum(1 for _ in itertools.islice(inside, MAX_PARAGRAPH_ELEMENTS + 1))
    if count > MAX_PARAGRAPH_ELEMENTS:
        raise _too_complex(f"more than {MAX_PARAGRAPH_ELEMENTS} elements in paragraphs")


def _too_complex(what: str) -> ExtractionError:
    return ExtractionError("too_complex", f"{what}: too many for the generic text extractor")


def _drop_inline_cards(tree: HtmlElement) -> None:
    """Remove hover cards (a picture or several links) from paragraphs, innermost first, so
    the word a card explains stays in the text."""
    inside = dict.fromkeys(el for p in tree.iter("p") for el in p.iterdescendants())  # in order
    cards = [el for el in inside
             if el.tag != "a" and _CARD_CLASS.search(el.get("class") or "")
             and (el.find(".//img") is not None or len(el.findall(".//a")) > 1)]
    holders: set[HtmlElement] = set()  # elements with a card inside: kept
    for card in cards:
        for ancestor in card.iterancestors():
            if ancestor in holders:
                break  # the ones above were marked by an earlier card
            holders.add(ancestor)
    for card in cards:
        if card not in holders:
            card.drop_tree()


def _drop_calendars(tree: HtmlElement) -> None:
    for table in tree.xpath("//table[not(.//table)]"):
        if _is_calendar(table):
            table.drop_tree()


def _is_calendar(table: HtmlElement) -> bool:
    """A row of seven short weekday labels and at least CALENDAR_MIN_DAYS day-number cells."""
    rows = [[squash(c.text_content()) for c in tr if c.tag in ("td", "th")]
            for tr in table.iter("tr")]
    weekdays = any(len(r) == 7 and all(_WEEKDAY_LABEL.fullmatch(c) for c in r) for r in rows)
    if not weekdays:
        return False
    days = sum(1 for r in rows for c in r if _DAY_NUMBER.fullmatch(c))
    return days >= CALENDAR_MIN_DAYS


def said_once(paragraphs: list[str]) -> list[str]:
    """The paragraphs without a second copy of the whole text: some pages put the article into
    their structured data twice over (once per edition, or the text and its printed version),
    which would also make it look twice as long as the page's own text. Compared by words."""
    tokens = [_TOKENS.findall(p) for p in paragraphs]
    total = sum(len(t) for t in tokens)
    if total < 2 * LEAD_MIN_WORDS or total % 2:
        return paragraphs
    words = [w for t in tokens for w in t]
    half = total // 2
    if words[:half] != words[half:]:
        return paragraphs
    count = 0
    for index, paragraph_tokens in enumerate(tokens):  # a paragraph boundary at the half
        count += len(paragraph_tokens)
        if count == half:
            return paragraphs[:index + 1]
    text = " ".join(paragraphs)  # one paragraph holding both copies: cut before the second
    second = next(itertools.islice(_TOKENS.finditer(text), half, None))
    return [text[:second.start()].strip()]


def _generic_incomplete(structured: list[str], generic: list[str]) -> bool:
    """True when a complete articleBody (not a teaser ending in "...") dwarfs the generic text."""
    text = " ".join(structured).rstrip()
    if text.endswith(("...", "…", "[…]", "[...]")) or word_count(text) < MIN_WORDS:
        return False
    return word_count(" ".join(generic)) < GENERIC_SHORT_RATIO * word_count(text)


def _with_lead(body: list[str], page: Page, by_layer: dict[str, Fields]) -> list[str]:
    """The body with the printed lead in front when the extractor left it out."""
    meta = page.first_meta("og:description", "description", "twitter:description")
    description = meta[1] if meta else by_layer["jsonld"].description
    if not body or not description or word_count(description) < LEAD_MIN_WORDS:
        return body
    growth = LEAD_MAX_GROWTH_CUT if description.rstrip().endswith(_CUT_MARKS) else LEAD_MAX_GROWTH
    lead = _printed_lead(page.tree, description.rstrip(".… "), growth)
    if lead is None:
        return body
    lead_tokens = _tokens(lead)
    if lead_tokens in _tokens(" ".join(body)):
        return body
    first = _tokens(body[0])
    return [lead, *body[1:]] if first and first in lead_tokens else [lead, *body]


def _tokens(text: str) -> str:
    return " ".join(_TOKENS.findall(text)).casefold()


def _printed_lead(tree: HtmlElement, description: str, growth: float) -> str | None:
    """The text of the article block that prints the description, if one does."""
    wanted = _tokens(description)
    words = squash(description).split()
    key = max(words[:4], key=len)  # a cheap test on raw text nodes before any normalizing
    body = tree.find("body")
    checked: set[HtmlElement] = set()  # a block holding many matching text runs is read once
    for run in _TEXT_RUNS_WITH(body, key=key) if body is not None else ():
        holder = run.getparent()
        block = _block_of(holder.getparent() if run.is_tail else holder)
        if block is None or block in checked:
            continue
        checked.add(block)
        for text in _block_texts(block):
            if _prints(_tokens(text), wanted, growth):  # the first printing decides
                return text if _lead_place(block) else None
    return None


def _block_texts(block: HtmlElement) -> list[str]:
    """The block's text, and where it breaks lines with <br>, its first line: text written
    straight into one container prints its opening paragraph before the first break."""
    texts = [squash(block.text_content())]
    if block.find("br") is None:
        return texts
    parts = [block.text or ""]
    for child in block:
        if child.tag == "br":
            break
        parts.append(child.text_content() + (child.tail or ""))
    first = squash("".join(parts))
    return [*texts, first] if first and first != texts[0] else texts


def _block_of(el: HtmlElement | None) -> HtmlElement | None:
    while el is not None and el.tag not in LEAD_BLOCKS:
        el = el.getparent()
    return el


def _prints(found: str, wanted: str, growth: float) -> bool:
    return found == wanted \
        or (found.startswith(wanted) and len(found) <= growth * len(wanted)) \
        or (wanted.startswith(found) and len(found) >= LEAD_MIN_SHARE * len(wanted))


def _lead_place(block: HtmlElement) -> bool:
    """Not in page furniture, a link or a list; not a subheading of the article header."""
    ancestors = {a.tag for a in block.iterancestors()}
    if ancestors & LEAD_OUTSIDE or LEAD_NOT_CLASS.search(block.get("class") or ""):
        return False
    return not (block.tag in LEAD_HEADINGS and "header" in ancestors)


def _marked_article(page: Page, by_layer: dict[str, Fields]) -> bool:
    og_type = page.first_meta("og:type")
    if og_type and "article" in og_type[1].lower():
        return True
    return by_layer["jsonld"].is_article or bool(by_layer["opengraph"].published)


def _dated_item(by_layer: dict[str, Fields]) -> bool:
    """A publication date and a headline in the page's metadata: a short news item may say no
    more than that about itself."""
    dated = any(by_layer[layer].published for layer in METADATA_LAYERS)
    return dated and any(by_layer[layer].title for layer in METADATA_LAYERS)


def _check_article(body: list[str], page: Page, by_layer: dict[str, Fields],
                   links: frozenset[str]) -> None:
    if by_layer["jsonld"].non_article and not _marked_article(page, by_layer):
        raise ExtractionError("not_article", "structured data calls the page a non-article page")
    words = word_count(" ".join(body))
    marked = _marked_article(page, by_layer)
    if words < (MIN_WORDS_MARKED if marked or _dated_item(by_layer) else MIN_WORDS):
        raise ExtractionError("not_article", f"the page has no article text ({words} words)")
    if not marked and _is_listing(body, page, links):
        raise ExtractionError("not_article", "the page is a list of links to other pages")


def _is_listing(body: list[str], page: Page, links: frozenset[str]) -> bool:
    linked = [p for p in body if p in links]
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
