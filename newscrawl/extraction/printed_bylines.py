"""Bylines printed without a class of their own, found in the article region.

- label and value: "Autor: Jane Doe" in a details list (`<dt>Autor</dt><dd>Jane Doe</dd>`),
  "Von: <a>Jane Doe</a>, <a>John Roe</a>" in a list item, "<b>By</b> Jane Doe";
- bold lines above the text ("<p><strong>Jane Doe/John Roe</strong></p>") and the bold or
  italic signature line that closes it;
- the name printed beside the date under the headline ("Jane Doe | 5. März 2024").

Extraction only finds these lines; normalization reads them (normalize/bylines.py). Lines found
without a label are `unlabelled`: normalization keeps one only when it is nothing but names
(and a date).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lxml.etree import iterwalk
from lxml.html import HtmlElement

from newscrawl import vocab
from newscrawl.extraction.text import squash
from newscrawl.normalize.bylines import BY_WORDS, LINE_BY_WORDS, WRITER_ROLES

MAX_BYLINE_CHARS = 160
MAX_LABEL_CHARS = 30
# Bold lines: among the article's first paragraphs, before the text has begun.
BOLD_TAGS = frozenset({"strong", "b"})
# The signature closing the text is set off in bold or in italics ("<p><em>Redaktion</em></p>").
SIGNATURE_TAGS = frozenset({"strong", "b", "em", "i"})
SIGNATURE_POSITIONS = 3  # the signature closes the text, maybe above a line or two of appeal
BOLD_BYLINE_POSITIONS = 6
MAX_BOLD_BYLINE_CHARS = 80
PROSE_WORDS = 25

# A label before the names: a "by" word with an optional colon ("Von:", "By"), or a role
# phrase of the writers ("Autor:", "Text:", "Written by"): vocab/by_words.toml and
# vocab/byline_roles.toml.
_WORD = re.compile(r"[^\W\d_]{3,}")  # a word of three letters or more
# "By" words that also open ordinary text ("di", "av") label only with their colon.
BYLINE_LABEL = re.compile(
    rf"^(?:(?:{LINE_BY_WORDS})\s*:?"
    rf"|(?:{BY_WORDS})\s*:"
    rf"|{WRITER_ROLES})$",
    re.IGNORECASE,
)


def is_label(el: HtmlElement) -> bool:
    """The element's own text (before any child) is a byline label."""
    own = el.text
    if not own or len(own) > 2 * MAX_LABEL_CHARS:
        return False
    return _label_form(squash(own)) is not None


def _label_form(own: str) -> str | None:
    """The label as a byline reads it; a label cell ("<th>Autor</th>") may leave out the
    colon that the label takes in running text."""
    if not own or len(own) > MAX_LABEL_CHARS:
        return None
    return next((form for form in (own, f"{own.rstrip(':')}:") if BYLINE_LABEL.match(form)), None)


def labelled_bylines(labels: Iterable[HtmlElement], host: str = "") -> list[str]:
    """The label and what follows it, for each label element."""
    found: list[str] = []
    for el in labels:
        label = _label_form(squash(el.text)) or ""
        value, holder = _labelled_value(el, label)
        if (value and holder is not None and len(value) <= MAX_BYLINE_CHARS
                and value not in found and _WORD.search(value[len(label):])
                and not names_account(holder, value, host)):
            found.append(value)
    return found


def _labelled_value(label: HtmlElement, own: str) -> tuple[str | None, HtmlElement | None]:
    """The label and its value, and the element that holds the value: `<li>Von:
    <a>Name</a></li>`: the element; `<b>Autor:</b> Name`: its parent;
    `<dt>Autor</dt><dd>Name</dd>`: the next element."""
    whole = _first_line(label, own)
    if not whole.startswith(own):  # a cell without its colon: the label as text reads it
        whole = f"{own} {whole[len(own.rstrip(':')):]}".strip()
    if whole != own:
        return whole, label
    parent = label.getparent()
    if squash(label.tail) and parent is not None:
        return _first_line(parent, own), parent
    for sibling in label.itersiblings():
        if isinstance(sibling.tag, str) and text_of(sibling):
            return f"{own} {_first_line(sibling, '')}", sibling
    return None, None


def bold_lines(region: HtmlElement) -> list[str]:
    """Bold lines that stand alone among the article's first paragraphs, before the text has
    begun, and the bold or italic line that closes the text (a signature)."""
    paragraphs = [p for p in region.iter("p") if squash(p.text_content())]
    found: list[str] = []
    for p in paragraphs[:BOLD_BYLINE_POSITIONS]:
        if len(p.text_content().split()) >= PROSE_WORDS:
            break  # the text has begun: a bold line further down is a subheading
        if _is_bold_line(p):
            found.extend(_co_authors(p))
    closing = _text_paragraphs(paragraphs)[-SIGNATURE_POSITIONS:]
    if len(paragraphs) > BOLD_BYLINE_POSITIONS:
        for p in closing:
            if _is_bold_line(p, SIGNATURE_TAGS) and p not in paragraphs[:BOLD_BYLINE_POSITIONS]:
                found.extend(_co_authors(p))
    return found


def _text_paragraphs(paragraphs: list[HtmlElement]) -> list[HtmlElement]:
    """The paragraphs of the box that holds the most of them: the article's text, without
    the page's footer and boxes around it."""
    counts: dict[HtmlElement, int] = {}
    for p in paragraphs:
        parent = p.getparent()
        if parent is not None:
            counts[parent] = counts.get(parent, 0) + 1
    if not counts:
        return []
    box = max(counts, key=counts.__getitem__)
    return [p for p in paragraphs if p.getparent() is box]


def _co_authors(p: HtmlElement) -> list[str]:
    """A bold line's parts: a slash there separates co-authors ("Jane Doe/John Roe")."""
    return [part.strip() for part in squash(p.text_content()).split("/") if part.strip()]


def _is_bold_line(p: HtmlElement, tags: frozenset[str] = BOLD_TAGS) -> bool:
    children = list(p)
    if len(children) != 1 or children[0].tag not in tags:
        return False
    if squash(p.text) or squash(children[0].tail):
        return False
    return len(squash(p.text_content())) <= MAX_BOLD_BYLINE_CHARS


def text_of(el: HtmlElement) -> str:
    """The element's text with its text nodes kept apart: "Von<a>Jane Doe</a>" reads
    "Von Jane Doe"."""
    return _SPACE_BEFORE_PUNCT.sub("", squash(" ".join(el.itertext())))


def _first_line(el: HtmlElement, label: str) -> str:
    """The element's text up to the first line break after the label's value: "Von Jane
    Doe<br>Kakuma/Kenia" reads "Von Jane Doe"."""
    parts: list[str] = []
    for event, sub in iterwalk(el, events=("start", "end")):
        if event == "start":
            parts.append("\n" if sub.tag == "br" else sub.text or "")
        elif sub is not el:
            parts.append(sub.tail or "")
    lines = [squash(line) for line in " ".join(parts).split("\n")]
    text = ""
    for line in lines:
        text = f"{text} {line}".strip()
        if len(text) > len(label):
            break
    return _SPACE_BEFORE_PUNCT.sub("", text)


_SPACE_BEFORE_PUNCT = re.compile(r"\s+(?=[,;.:!?)])")


# CMS accounts (vocab/byline_stop_words.toml, `account = true`).
_ACCOUNTS = frozenset(vocab.words("byline_stop_words", "words", only="account"))
_BY_WORD = re.compile(rf"^(?:{BY_WORDS})\b\W*", re.I)


def names_account(el: HtmlElement, text: str, host: str = "") -> bool:
    """A byline that names a CMS account: an account word ("admin", "By: webmaster"), or a
    link to an author page whose text is the page's login, in lower case ("<a
    href='/author/eastport-news'>eastport news</a>"). The theme printed the login where no
    writer was entered; a writer's name printed on such a link still names the writer, and
    a login that is the site's `host` name (a one-person blog) credits the site."""
    if _BY_WORD.sub("", text).strip().casefold() in _ACCOUNTS:
        return True
    links = [el] if el.tag == "a" else list(el.iter("a"))
    return any(_is_login_link(a, host) for a in links)


def _is_login_link(a: HtmlElement, host: str) -> bool:
    page = _AUTHOR_PAGE.search(a.get("href") or "")
    shown = squash(a.text_content())
    if page is None or not shown or shown != shown.lower():
        return False
    login = _SLUG_MARKS.sub(" ", shown).strip()
    if login.replace(" ", "") in host.replace("-", ""):
        return False
    return _SLUG_MARKS.sub(" ", page.group(1)).strip() == login


# An author page and its slug: "/author/eastport-news/", "/autoren/jane_doe".
_AUTHOR_PAGE = re.compile(
    r"/(?:authors?|autor(?:en|in)?|auteurs?|autori?|user|users|profile)/([^/?#]+)", re.I
)
_SLUG_MARKS = re.compile(r"[-_+.\s]+")


def starts_with_by(line: str) -> bool:
    """The line opens with a "by" word ("By Jane Doe • 5 March 2024"): a labelled byline."""
    return _LINE_BY.match(line) is not None


_LINE_BY = re.compile(
    rf"^(?:{LINE_BY_WORDS})\b\s*:?\s+\S",
    re.IGNORECASE,
)
