"""Images: each photo once whatever address variant it comes under; the site's logo never."""

from __future__ import annotations

import json

from newscrawl.extraction import extract
from newscrawl.extraction.images import image_key
from tests.extraction.pages import GENERIC, URL, article_page

PHOTO = "https://news.example.org/uploads/2024/03/bridge.jpg"


def images_of(head: str = "", header: str = "") -> list[tuple[str | None, str | None]]:
    draft = extract(article_page(head=head, header=header), URL, GENERIC)
    return [(i.url, i.caption) for i in draft.images]


def ld(obj: dict[str, object]) -> str:
    return f'<script type="application/ld+json">{json.dumps(obj)}</script>'


def test_size_variants_of_one_photo_appear_once_with_its_caption() -> None:
    figure = ('<figure><img src="/uploads/2024/03/bridge-1024x683.jpg">'
              "<figcaption>The rebuilt deck on Tuesday.</figcaption></figure>")
    head = ('<meta property="og:image" content="http://www.news.example.org/uploads/2024/03/'
            'bridge.jpg?w=1200&amp;h=630&amp;quality=80">'
            + ld({"@type": "NewsArticle", "headline": "Harbour bridge reopens",
                  "image": [f"{PHOTO}?resize=1200%2C800", PHOTO]}))
    assert images_of(head, figure) == [
        ("https://news.example.org/uploads/2024/03/bridge-1024x683.jpg",
         "The rebuilt deck on Tuesday.")
    ]


def test_photos_of_an_image_service_stay_apart_by_their_source() -> None:
    a = "https://img.example.org/resize.php?src=/photos/a.jpg&w=600"
    b = "https://img.example.org/resize.php?src=/photos/b.jpg&w=600"
    assert image_key(a) != image_key(b)
    assert image_key(a) == image_key("https://img.example.org/resize.php?w=1200&src=/photos/a.jpg")


def test_unknown_query_of_a_page_address_is_kept_in_the_key() -> None:
    assert image_key("https://img.example.org/get?id=1") != image_key(
        "https://img.example.org/get?id=2")


def test_og_image_named_as_a_logo_is_not_an_article_image() -> None:
    head = '<meta property="og:image" content="https://news.example.org/static/eastport_logo.png">'
    assert images_of(head) == []


def test_publisher_logo_of_structured_data_is_not_an_article_image() -> None:
    brand = "https://news.example.org/static/brand-1200.png"
    head = (f'<meta property="og:image" content="{brand}">'
            + ld({"@type": "NewsArticle", "headline": "Harbour bridge reopens",
                  "publisher": {"@type": "Organization", "name": "Eastport Post",
                                "logo": {"@type": "ImageObject", "url": brand}}}))
    assert images_of(head) == []


def test_site_icon_is_not_an_article_image() -> None:
    icon = "https://news.example.org/apple-touch-icon.png"
    head = f'<link rel="apple-touch-icon" href="{icon}"><meta property="og:image" content="{icon}">'
    assert images_of(head) == []


def test_logo_shown_with_a_caption_in_the_article_stays() -> None:
    figure = ('<figure><img src="/img/new-logo.png">'
              "<figcaption>The city's new logo, unveiled on Tuesday.</figcaption></figure>")
    assert images_of(header=figure) == [
        ("https://news.example.org/img/new-logo.png", "The city's new logo, unveiled on Tuesday.")
    ]


def test_words_containing_logo_are_no_logo() -> None:
    head = '<meta property="og:image" content="https://news.example.org/img/catalogo-logout.jpg">'
    assert images_of(head) == [("https://news.example.org/img/catalogo-logout.jpg", None)]


def test_image_object_gives_its_url_not_its_id() -> None:
    head = ld({"@graph": [
        {"@type": "NewsArticle", "headline": "Harbour bridge reopens",
         "image": {"@id": f"{URL}#primaryimage"}},
        {"@type": "ImageObject", "@id": f"{URL}#primaryimage", "url": PHOTO,
         "caption": "The rebuilt deck."},
    ]})
    assert images_of(head) == [(PHOTO, "The rebuilt deck.")]
