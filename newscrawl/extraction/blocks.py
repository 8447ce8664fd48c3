"""An element's text as paragraphs, and its figures as images: for site rules and microdata."""

from __future__ import annotations

from urllib.parse import urljoin

from lxml.html import HtmlElement

from newscrawl.extraction.text import squash
from newscrawl.items import Image

# Elements whose text is never article prose.
SKIP_TAGS = frozenset({
    "script", "style", "noscript", "template", "svg", "button", "form", "input", "select",
    "textarea", "iframe", "object", "embed", "figure", "figcaption", "nav", "aside", "footer",
    "video", "audio", "picture", "img", "canvas", "label",
})
# Elements that start a new paragraph.
BLOCK_TAGS = frozenset({
    "p", "div", "section", "article", "main", "header", "h1", "h2", "h3", "h4", "h5", "h6",
    "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "pre", "table", "tr", "td", "th",
    "br", "hr", "address", "center", "details", "summary",
})


def paragraphs_of(element: HtmlElement) -> list[str]:
    """Text of the element split at block boundaries, without scripts, figures and widgets."""
    chunks: list[str] = []
    current: list[str] = []
    _collect(element, chunks, current)
    _flush(chunks, current)
    return chunks


def _flush(chunks: list[str], current: list[str]) -> None:
    text = squash("".join(current))
    if text:
        chunks.append(text)
    current.clear()


def _collect(el: HtmlElement, chunks: list[str], current: list[str]) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in SKIP_TAGS or not tag:
        if el.tail:
            current.append(el.tail)
        return
    block = tag in BLOCK_TAGS
    if block:
        _flush(chunks, current)
    if el.text:
        current.append(el.text)
    for child in el:
        _collect(child, chunks, current)
    if block:
        _flush(chunks, current)
    if el.tail:
        current.append(el.tail)


def figure_images(element: HtmlElement, base: str) -> list[Image]:
    """Images with their captions from <figure>/<figcaption> and captioned containers."""
    images: list[Image] = []
    for figure in element.iter("figure"):
        caption_el = next(figure.iter("figcaption"), None)
        caption = squash(caption_el.text_content()) if caption_el is not None else ""
        img = next(figure.iter("img"), None)
        src = _img_src(img) if img is not None else None
        if src or caption:
            images.append(Image(_resolve(base, src) if src else None, caption or None))
    return images


def _resolve(base: str, src: str) -> str:
    """`src` resolved against `base`; as found when it is no URL ("http://[bad")."""
    try:
        return urljoin(base, src)
    except ValueError:
        return src


def _img_src(img: HtmlElement) -> str | None:
    for attr in ("src", "data-src", "data-original", "data-lazy-src"):
        value = img.get(attr)
        if value and not value.startswith("data:"):
            return value.strip()
    srcset = img.get("srcset") or img.get("data-srcset")
    return srcset.split(",")[0].split()[0] if srcset else None


def outermost(elements: list[HtmlElement]) -> list[HtmlElement]:
    """The elements that are not inside another of them, so no text is read twice."""
    chosen = set(elements)
    return [el for el in elements if not any(a in chosen for a in el.iterancestors())]
