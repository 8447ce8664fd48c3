from __future__ import annotations

import pytest

from newscrawl.extraction import ExtractionError, extract
from newscrawl.extraction.decode import MAX_BYTES, decode
from tests.extraction.pages import GENERIC, STORY, URL, article_page


@pytest.mark.parametrize("content", [b"", b"   \n\t ", ""])
def test_empty_input_is_refused(content: bytes | str) -> None:
    with pytest.raises(ExtractionError) as err:
        extract(content, URL, GENERIC)
    assert err.value.reason == "empty"


@pytest.mark.parametrize("content", [
    b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    b"<html>\x00\x00\x00\x01\x02binary junk\x00",
])
def test_binary_input_is_refused(content: bytes) -> None:
    with pytest.raises(ExtractionError) as err:
        extract(content, URL, GENERIC)
    assert err.value.reason == "binary"
    assert "binary" in str(err.value)


def test_oversized_input_is_refused() -> None:
    with pytest.raises(ExtractionError) as err:
        decode(b"a" * (MAX_BYTES + 1))
    assert err.value.reason == "too_large"


def test_unclosed_tags_still_extract() -> None:
    broken = ("<html><head><title>Harbour bridge reopens</title><body><div><article>"
              + "".join(f"<p>{p}" for p in STORY) + "<div><span>")
    draft = extract(broken.encode(), URL, GENERIC)
    assert draft.body == STORY


def test_utf8_page_declared_as_latin1_decodes_as_utf8() -> None:
    text = article_page().replace("Mayor Linda Okafor", "Mayor Zoë Ångström")
    content = text.replace('<meta charset="utf-8">', '<meta charset="iso-8859-1">').encode()
    draft = extract(content, URL, GENERIC, encoding="latin-1")
    assert any("Mayor Zoë Ångström" in p for p in draft.body)


def test_declared_charset_is_used_for_non_utf8_bytes() -> None:
    text = article_page().replace("Mayor Linda Okafor", "Bürgermeisterin Jäger")
    content_type = "text/html; charset=windows-1252"
    draft = extract(text.encode("cp1252"), URL, GENERIC, content_type=content_type)
    assert any("Bürgermeisterin Jäger" in p for p in draft.body)


def test_utf8_bom_is_honoured_and_removed() -> None:
    assert decode(b"\xef\xbb\xbf<p>caf\xc3\xa9</p>") == "<p>café</p>"
