"""Bytes to text: BOM, declared charsets, then detection; binary and oversized input refused."""

from __future__ import annotations

import codecs
import re

from newscrawl.extraction.errors import ExtractionError

MAX_BYTES = 10 * 1024 * 1024

# Leading bytes of formats that are never a page of text.
BINARY_SIGNATURES: tuple[bytes, ...] = (
    b"%PDF-", b"\x89PNG", b"GIF87a", b"GIF89a", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b",
    b"RIFF", b"OggS", b"ID3\x03", b"ID3\x04", b"\x00asm", b"II*\x00", b"MM\x00*", b"\x7fELF",
    b"wOFF", b"wOF2", b"fLaC", b"7z\xbc\xaf", b"Rar!",
)
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
# Browsers read these labels as windows-1252 (WHATWG Encoding); Python's latin-1 would not.
WINDOWS_1252_ALIASES = {"latin-1", "latin1", "iso-8859-1", "iso8859-1", "l1", "us-ascii", "ascii",
                        "iso_8859-1", "cp819", "ibm819"}
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\ufffd]")
SAMPLE = 8192


def decode(content: bytes | str, declared: str | None = None) -> str:
    """The text of a page; raises ExtractionError for empty, binary, oversized or garbled input."""
    if isinstance(content, str):
        _check_size(len(content))
        text = content
    else:
        _check_size(len(content))
        _check_binary(content)
        text = _decode_bytes(content, declared)
    if not text.strip():
        raise ExtractionError("empty", "the page has no content")
    _check_garbled(text)
    return text.lstrip("\ufeff")


def _check_size(size: int) -> None:
    if size > MAX_BYTES:
        raise ExtractionError("too_large", f"{size} bytes is over the {MAX_BYTES} byte limit")


def _check_binary(data: bytes) -> None:
    head = data[:SAMPLE]
    if any(head.startswith(sig) for sig in BINARY_SIGNATURES):
        raise ExtractionError("binary", "the content is a binary file format, not text")
    if b"\x00" in head and not _bom_encoding(data):
        raise ExtractionError("binary", "the content holds NUL bytes")


def _check_garbled(text: str) -> None:
    sample = text[:SAMPLE]
    if "\x00" in sample:
        raise ExtractionError("binary", "the content holds NUL characters")
    if len(CONTROL_CHARS.findall(sample)) > 0.1 * len(sample):
        raise ExtractionError("undecodable", "the content decodes to control characters")


def _bom_encoding(data: bytes) -> str | None:
    for bom, name in BOMS:
        if data.startswith(bom):
            return name
    return None


def _decode_bytes(data: bytes, declared: str | None) -> str:
    if not data.strip():
        raise ExtractionError("empty", "the page has no content")
    bom = _bom_encoding(data)
    if bom:
        return data.decode(bom, errors="replace")
    # Valid UTF-8 with non-ASCII bytes is almost never anything else, whatever the page says:
    # this catches pages that declare latin-1 but are UTF-8.
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for label in (declared, _meta_charset(data)):
        text = _try_decode(data, label)
        if text is not None:
            return text
    return _detect(data)


def _meta_charset(data: bytes) -> str | None:
    match = META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii", "ignore") if match else None


def _try_decode(data: bytes, label: str | None) -> str | None:
    if not label:
        return None
    name = label.strip().strip("\"'").lower()
    if name in WINDOWS_1252_ALIASES:
        name = "cp1252"
    try:
        codecs.lookup(name)
        return data.decode(name)
    except (LookupError, UnicodeDecodeError):
        return None


def _detect(data: bytes) -> str:
    import charset_normalizer  # only for the rare page whose declared charset fails

    best = charset_normalizer.from_bytes(data[: 256 * 1024]).best()
    if best is not None:
        try:
            return data.decode(best.encoding, errors="replace")
        except LookupError:
            pass
    return data.decode("cp1252", errors="replace")
