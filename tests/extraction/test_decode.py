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


# -- the declared charset wins, as in browsers; a few bad bytes do not undo it ----------------

def _page_with_title(title: str, charset: str = "utf-8") -> str:
    text = article_page(head=f"<title>{title}</title>")
    return text.replace('<meta charset="utf-8">', f'<meta charset="{charset}">')


def test_one_invalid_byte_in_a_declared_utf8_page_spoils_only_that_byte() -> None:
    text = _page_with_title("Café owners of Zoë’s street").replace(
        "Mayor Linda Okafor", "Mayor Zoë Ångström")
    content = text.encode().replace(b"a brass band", b"a brass \xff band")
    assert "<title>Café owners of Zoë’s street</title>" in decode(content, "utf-8")
    draft = extract(content, URL, GENERIC, content_type="text/html; charset=utf-8")
    assert any("Mayor Zoë Ångström" in p for p in draft.body)
    assert any("a brass \ufffd band" in p for p in draft.body)


def test_a_few_invalid_bytes_keep_the_declared_charset_without_a_header() -> None:
    text = _page_with_title("Café owners of Zoë’s street")
    content = text.encode().replace(b"Home", b"H\xf6me").replace(b"Sport", b"Sp\xf6rt")
    assert "<title>Café owners of Zoë’s street</title>" in decode(content)


def test_page_in_another_charset_than_it_declares_is_detected() -> None:
    text = _page_with_title("Straßenfest in Düsseldorf").replace(
        "Mayor Linda Okafor", "Bürgermeisterin Jäger aus Köln, München und Lübeck")
    content = text.encode("cp1252")
    assert "<title>Straßenfest in Düsseldorf</title>" in decode(content, "utf-8")
    draft = extract(content, URL, GENERIC, content_type="text/html; charset=utf-8")
    assert any("Bürgermeisterin Jäger aus Köln, München und Lübeck" in p for p in draft.body)


@pytest.mark.parametrize(("label", "codec", "word"), [
    ("iso-8859-1", "cp1252", "price: 5 € “quoted”"),  # 0x80 and 0x93 exist only in cp1252
    ("gb2312", "gb18030", "朱镕基"),  # 镕 is in GBK/GB18030, not in GB2312
    ("shift_jis", "cp932", "①番"),  # circled digits are Microsoft's extension
    ("euc-kr", "cp949", "똠방각하"),  # 똠 is in the Unified Hangul Code only
])
def test_legacy_labels_are_read_as_their_supersets(label: str, codec: str, word: str) -> None:
    content = f'<html><head><meta charset="{label}"></head><body><p>{word}</p></body></html>'
    assert f"<p>{word}</p>" in decode(content.encode(codec))


def test_byte_order_mark_beats_the_header() -> None:
    content = "\ufeff<p>Zoë in Århus</p>".encode()
    assert decode(content, "windows-1251") == "<p>Zoë in Århus</p>"


def test_header_beats_the_page_declaration() -> None:
    content = '<meta charset="koi8-r"><p>Привет, мир</p>'.encode("cp1251")
    assert decode(content, "windows-1251").endswith("<p>Привет, мир</p>")


def test_utf8_without_a_declaration_is_utf8() -> None:
    assert decode("<p>Zoë in Århus</p>".encode()) == "<p>Zoë in Århus</p>"


# -- NUL bytes in a page of text are dropped, not a reason to refuse it -------------------------

def test_nul_bytes_inside_a_page_are_dropped() -> None:
    content = article_page().encode().replace(b"brass band", b"brass\x00 band")
    content = content.replace(b"<nav>", b"<nav>\x00\x00")
    draft = extract(content, URL, GENERIC, content_type="text/html; charset=utf-8")
    assert draft.body == STORY


def test_nul_padding_after_a_page_is_ignored() -> None:
    content = article_page().encode() + b"\x00" * 20_000
    assert extract(content, URL, GENERIC).body == STORY


def test_nul_characters_in_a_text_page_are_dropped() -> None:
    assert decode("<p>caf\x00é</p>") == "<p>café</p>"
