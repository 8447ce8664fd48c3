"""A page whose links are no URLs ("http://[bad") still gives its article."""

from __future__ import annotations

from newscrawl.extraction import extract
from tests.extraction.pages import GENERIC, URL, article_page


def test_malformed_canonical_link_does_not_stop_extraction() -> None:
    page = article_page(head='<link rel="canonical" href="http://[harbour/bridge">')
    draft = extract(page.encode(), URL, GENERIC)
    assert draft.title == "Harbour bridge reopens after repairs"


def test_malformed_og_image_is_kept_as_found() -> None:
    page = article_page(head='<meta property="og:image" content="http://[harbour/b.jpg">')
    draft = extract(page.encode(), URL, GENERIC)
    assert [i.url for i in draft.images] == ["http://[harbour/b.jpg"]


def test_malformed_figure_image_is_kept_with_its_caption() -> None:
    figure = '<figure><img src="http://[harbour/c.jpg"><figcaption>The new deck</figcaption></figure>'
    draft = extract(article_page(extra=figure).encode(), URL, GENERIC)
    assert [(i.url, i.caption) for i in draft.images] == [("http://[harbour/c.jpg", "The new deck")]


def test_a_script_address_is_never_the_canonical_url() -> None:
    from newscrawl.extraction import extract
    from newscrawl.sites import load_profile

    paragraphs = "".join(
        f"<p>Paragraph {n} says the lighthouse keeper logged three storms this week and asked "
        f"the council for a new generator before the winter season begins.</p>"
        for n in range(1, 6)
    )
    page = (
        '<html><head><meta property="og:url" content="javascript:alert(1)">'
        '<link rel="canonical" href="javascript:void(0)"></head>'
        f"<body><article><h1>Storm log</h1>{paragraphs}</article></body></html>"
    )
    draft = extract(page, "https://coast.example/a/storm-log", load_profile("news"))
    assert draft.canonical_url is None
