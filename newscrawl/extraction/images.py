"""The article's images: captioned figures, then the lead images structured data names; each
photo once, and the site's logo never.

One photo reaches a page under many addresses: a size variant of the file
("bridge-1024x683.jpg"), resizing or format parameters ("?w=1200&quality=80"), http or https,
with or without "www.". They share one key here. A logo is no article image: the publisher's
logo as structured data names it, the page's icons, or a file named as a logo ("site_logo.png").
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from newscrawl.extraction.blocks import figure_images
from newscrawl.extraction.document import Page
from newscrawl.extraction.fields import Fields
from newscrawl.extraction.jsonld import JsonLd
from newscrawl.extraction.page_text import page_region
from newscrawl.items import Image

MAX_IMAGES = 30
_IMAGE_FILE = re.compile(r"\.(?:jpe?g|png|gif|webp|avif|bmp|tiff?|svg)$", re.IGNORECASE)
# A size variant written into the file name: "photo-1024x683.jpg", "photo_200x200.png".
_SIZE_SUFFIX = re.compile(r"[-_]\d{2,5}x\d{2,5}(?=\.\w+$)")
# "logo" as a word of the path ("site_logo.png", "Logo-Name.jpg"; not "logout", "ecologo").
_LOGO_NAME = re.compile(r"(?<![a-z])(?:logo(?:s|type)?|favicon)(?![a-z])")
_ICON_RELS = ("icon", "apple-touch-icon", "apple-touch-icon-precomposed", "mask-icon")


def page_images(page: Page, layers: list[Fields], existing: list[Image],
                data: JsonLd) -> list[Image]:
    """Captioned figures of the article, then the lead images named in structured data."""
    images = list(existing)
    images += figure_images(page_region(page), page.url)
    for found in layers:
        images += found.images
    og_image = page.first_meta("og:image", "twitter:image")
    if og_image:
        images.append(Image(page.absolute(og_image[1])))
    logos = {image_key(u) for u in site_logos(page, data)}
    return clean_images(images, logos)[:MAX_IMAGES]


def clean_images(images: Iterable[Image], logo_keys: Collection[str] = ()) -> list[Image]:
    """Each photo once, in first-seen order, with the first caption any copy had; logos
    without a caption left out (a captioned one is a picture the article shows)."""
    by_key: dict[str, Image] = {}
    for image in images:
        key = image_key(image.url) if image.url else f"caption:{image.caption}"
        kept = by_key.get(key)
        if kept is None:
            by_key[key] = image
        elif not kept.caption and image.caption:
            by_key[key] = Image(kept.url, image.caption)
    return [i for i in by_key.values()
            if i.caption or not (i.url and is_logo(i.url, logo_keys))]


def image_key(url: str) -> str:
    """One key for the addresses of one photo.

    The scheme, "www.", the fragment and a size suffix of the file name are left out. For a
    path naming an image file, the query only sizes or formats it and is left out too; for
    any other path (an image service, "resize.php?src=..."), the parameters that name a file or
    an address stay, and the rest goes when there is one.
    """
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").removeprefix("www.")
    except ValueError:  # "http://[bad": no address to read, so it is its own key
        return url
    path = unquote(parts.path)
    if _IMAGE_FILE.search(path):
        return f"{host}{_SIZE_SUFFIX.sub('', path)}"
    params = parse_qsl(parts.query, keep_blank_values=True)
    named = sorted((k, v) for k, v in params if "/" in v)
    query = "&".join(f"{k}={v}" for k, v in named) if named else parts.query
    return f"{host}{path}?{query}" if query else f"{host}{path}"


def is_logo(url: str, logo_keys: Collection[str] = ()) -> bool:
    """The site's logo or icon, or a file named as a logo."""
    try:
        path = urlsplit(url).path.lower()
    except ValueError:
        path = url.lower()
    return image_key(url) in logo_keys or _LOGO_NAME.search(path) is not None


def site_logos(page: Page, data: JsonLd) -> list[str]:
    """The addresses of the site's logo (its own or its publisher's, in structured data) and of
    the page's icons."""
    urls = [u for rel in _ICON_RELS for u in page.link_urls(rel)]
    for obj in data.objects:
        for holder in (obj, data.resolve(obj.get("publisher"))):
            if isinstance(holder, dict):
                for value in _values(holder.get("logo")):
                    urls += [page.absolute(u) for u in _urls(data.resolve(value))]
    return urls


def _values(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value] if value else []


def _urls(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key in ("url", "contentUrl", "@id"):
            if isinstance(value.get(key), str):
                yield value[key]
