"""Bylines: the people, wire services and stray dates in the byline text a page prints.

`parse_byline("By JANE DOE and John Roe, Associated Press | Updated 3:45 p.m. ET Jan. 5, 2024")`
gives the authors Jane Doe and John Roe, the agency "Associated Press" and the date text
"Updated 3:45 p.m. ET Jan. 5, 2024".

A byline is read in this order:

1. contacts are dropped: emails, URLs, @handles ("Twitter: @x"), "Follow ..." / "Email ..." tails;
2. the first date or time stamp ("Updated ...", "Monday, January 28, 2019", "28/1/2019") is kept
   verbatim as `date_text`, and every date is cut out of the text;
3. the text is split into credit clauses at ";", line breaks and role phrases ("Reporting by",
   "Editing by", "Contributors:"). Writers and reporters are authors; clauses of editors,
   photographers, translators, producers and the like are skipped;
4. a clause is split into pieces at commas, conjunctions (and, und, et, y, e, en, og, ...) and
   affiliation marks (| / – • and parentheses). A piece naming a wire service is an agency
   (the list is data, in vocab/agencies.toml);
5. a piece is a name only where a list of names can stand: the first piece, a piece after a
   conjunction, or a piece after a comma when a conjunction follows ("A, B and C"), or after
   "Contributors:". After "Jane Doe, ..." with no conjunction, the rest is an affiliation
   (a job title, desk, place or paper), never a second author;
6. a name has 2-5 capitalised words (with lowercase particles such as "de", "van", "al-"), no
   digits and no newsroom word ("staff", "editor", "board", "news", ...), and is not one of the
   publisher's names. ALL-CAPS names are title-cased.

When in doubt a piece is dropped: fewer authors are better than wrong ones.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from newscrawl import vocab
from newscrawl.items import Author

# In a layer of bylines found anywhere on the page, this many naming different people are a
# list of stories, not one byline.
MAX_SCATTERED_BYLINES = 3


@dataclass(frozen=True)
class ParsedByline:
    authors: tuple[Author, ...]  # people only
    agencies: tuple[str, ...]  # canonical wire-service names
    date_text: str | None  # a date or time printed in the byline, verbatim
    # The newsroom, desk or publisher credited, as printed without "By", when the byline
    # names no person and no agency ("Redaktion", "MND Staff", "BBC News").
    credit: str | None = None


# --- agencies -------------------------------------------------------------------------------

_LEADING_THE_RE = re.compile(r"^the\s+", re.IGNORECASE)
_KEY_DROP_RE = re.compile(r"[.'’]")
_KEY_SPACE_RE = re.compile(r"[\W_]+")


def _fold(text: str) -> str:
    """Casefold and drop accents, so that "Zoë" and "ZOE" compare equal."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _folded_set(words: Iterable[str]) -> frozenset[str]:
    return frozenset(map(_fold, words))


def _alias_key(text: str) -> str:
    """A comparison key for organisation names: "The A.P." and "ap" give "ap"."""
    key = _KEY_SPACE_RE.sub(" ", _KEY_DROP_RE.sub("", _fold(text))).strip()
    return _LEADING_THE_RE.sub("", key)


@dataclass(frozen=True)
class _AgencyIndex:
    by_alias: dict[str, str]  # alias key -> canonical name
    by_acronym: dict[str, str]  # acronym without dots, case kept -> canonical name


def _register(table: dict[str, str], key: str, name: str) -> None:
    if table.setdefault(key, name) != name:
        raise ValueError(f"agencies.toml: {key!r} names both {table[key]!r} and {name!r}")


@cache
def _agency_index() -> _AgencyIndex:
    by_alias: dict[str, str] = {}
    by_acronym: dict[str, str] = {}
    for entry in vocab.load("agencies")["agency"]:
        name: str = entry["name"]
        acronyms: list[str] = entry.get("acronyms", [])
        # A name that is an acronym must keep its case, so it is not also an alias.
        aliases = (
            entry.get("aliases", []) if name in acronyms else [name, *entry.get("aliases", [])]
        )
        for alias in aliases:
            _register(by_alias, _alias_key(alias), name)
        for acronym in acronyms:
            for form in {acronym, acronym.upper()}:
                _register(by_acronym, form.replace(".", ""), name)
    return _AgencyIndex(by_alias, by_acronym)


_AGENCY_EDGE_RE = re.compile(r"^[\s(\[]+|[\s)\]]+$")


def _lookup_agency(name: str) -> tuple[str, bool] | None:
    """(canonical name, matched by acronym) for an agency name, else None."""
    index = _agency_index()
    text = _LEADING_THE_RE.sub("", _AGENCY_EDGE_RE.sub("", name))
    acronym = text.replace(".", "")
    if acronym in index.by_acronym:
        return index.by_acronym[acronym], True
    canonical = index.by_alias.get(_alias_key(text))
    return (canonical, False) if canonical else None


def canonical_agency(name: str) -> str | None:
    """The canonical name of a wire service ("AP", "The Associated Press" -> "Associated Press").

    Acronyms match in the case listed or in capitals ("dpa", "DPA"; not "Ap"); spelled-out
    names match ignoring case, accents, dots and a leading "The".
    """
    found = _lookup_agency(name)
    return found[0] if found else None


# --- contacts and dates ------------------------------------------------------------------------

_INVISIBLE_RE = re.compile("[\u00ad\u200b-\u200f\u2060\ufeff]")
_HSPACE_RE = re.compile(r"[^\S\n]+")
_PARENS_RE = re.compile(r"[()]")
# The look-behinds start a match only where a word starts, which keeps these linear.
_DOMAIN_RE = re.compile(r"(?<![\w.-])[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[a-z]{2,6}\b(?:/\S*)?")
_PERSONAL_CONTACT_RES = (
    re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),  # email
    re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE),  # URL
    re.compile(  # @handle, with its label
        r"(?:\b(?:twitter|x|instagram|threads|bluesky|mastodon|tiktok|linkedin|facebook)"
        r"\s*:\s*)?@[\w.]+",
        re.IGNORECASE,
    ),
    re.compile(r"\b(?:follow|e-?mail|contact|send\s+(?:me\s+)?tips)\b[^\n]*", re.IGNORECASE),
)
# A bare domain is a contact beside a name, but may be the credit itself ("ORF.at").
_CONTACT_RES = (*_PERSONAL_CONTACT_RES[:2], _DOMAIN_RE, *_PERSONAL_CONTACT_RES[2:])

_MONTH = rf"(?:{vocab.alternation(vocab.months())})\b\.?"
_WEEKDAY = rf"(?:{vocab.alternation(vocab.words('weekdays', 'days', split=True))})\b\.?,?"
_DAY = r"\d{1,2}(?:st|nd|rd|th|\.)?"
_TZ = r"(?-i:[ECMP][SD]?T|GMT|UTC|BST|CES?T|EES?T|IST|JST|KST|AES?T|AEDT|MES?Z)\b"
_CLOCK = (
    r"(?:\d{1,2}[:.]\d{2}(?:\s*[ap]\.?\s?m\b\.?|\s*uhr\b)?|\d{1,2}\s*[ap]\.?m\b\.?)"
    r"(?:\s*" + _TZ + ")?"
)
_CALENDAR = (
    rf"(?:(?:{_WEEKDAY})\s+)?"
    rf"(?:{_MONTH}\s+{_DAY},?(?:\s+\d{{4}})?"
    rf"|{_DAY}\s+(?:de\s+)?{_MONTH},?(?:\s+(?:de\s+)?\d{{4}})?"
    r"|\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?"
    r"|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4})"
)
_DATE_RE = re.compile(
    rf"\b(?:(?:{_CLOCK})[\s,]+)?{_CALENDAR}(?:(?:,?\s+(?:at\s+)?|\s*[-–|•]\s*){_CLOCK})?"
    rf"|\b\d{{1,2}}:\d{{2}}(?:\s*[ap]\.?\s?m\b\.?)?(?:\s*{_TZ})?"  # a clock alone
    r"|\b\d+\s+(?:min(?:ute)?s?|hours?|hrs?|days?|weeks?)\s+ago\b",
    re.IGNORECASE,
)
# "By" words (vocab/by_words.toml); the unambiguous ones may also start a line of page text.
BY_WORDS = vocab.alternation(vocab.words("by_words", "by"))
LINE_BY_WORDS = vocab.alternation(vocab.words("by_words", "by", unless="ambiguous"))
# The writers' role phrases ("Autor:", "Text:", "Written by"; vocab/byline_roles.toml `author`
# and `list`), as regex alternatives: a label before the names, or opening a credit.
WRITER_ROLES = "|".join(
    f"(?:{p})" for role in ("author", "list") for p in vocab.words("byline_roles", role))
# "Updated ...", "Published ...": the stamp runs to the end of its line ("Posted by" is none).
STAMP_LABELS = vocab.alternation(
    vocab.words("date_labels", "published") + vocab.words("date_labels", "updated")
)
_STAMP_RE = re.compile(
    rf"\b(?:{STAMP_LABELS})\b(?!\s+(?:{BY_WORDS}|from)\b)[^\n]*",
    re.IGNORECASE,
)
_HAS_DATE_RE = re.compile(rf"\d|\b{_MONTH}", re.IGNORECASE)
_EDGE_SEPARATORS = " \t\n,;:|•·-–—"


def _prepare(raw: str) -> str:
    text = _INVISIBLE_RE.sub("", unicodedata.normalize("NFC", raw)).replace("\r", "\n")
    text = _HSPACE_RE.sub(" ", text).strip()
    # Reuters closes a story with "(Reporting by ...; Editing by ...)".
    if text[:1] == "(" and text[-1:] == ")" and not _PARENS_RE.search(text[1:-1]):
        text = text[1:-1].strip()
    return text


def _drop_contacts(text: str, patterns: Sequence[re.Pattern[str]] = _CONTACT_RES) -> str:
    for pattern in patterns:
        text = pattern.sub(" ", text)
    return text


def _take_dates(text: str) -> tuple[str, str | None]:
    """Cut stamps and dates out of the text; return it and the first one, verbatim."""
    found: list[tuple[int, str]] = []

    def cut(match: re.Match[str]) -> str:
        value = match.group().strip(_EDGE_SEPARATORS)
        if _HAS_DATE_RE.search(value):
            found.append((match.start(), value))
        return " | "  # what stood beside a date is not a list of names with it

    text = _STAMP_RE.sub(cut, text)
    text = _DATE_RE.sub(cut, text)
    return text, min(found)[1] if found else None


# --- clauses and pieces --------------------------------------------------------------------------

_CLAUSE_SPLIT_RE = re.compile(r"[;\n]+")
# Role phrases (vocab/byline_roles.toml): credits to skip, headers of author lists, and the
# phrases before the writers' names.
_ROLE_RE = re.compile(
    "|".join(
        rf"(?P<{role}>\b(?:{'|'.join(vocab.words('byline_roles', role))}))"
        for role in ("skip", "list", "author")
    ),
    re.IGNORECASE,
)
# The "by" before the names (vocab/by_words.toml), often with a colon or, in Arabic, a slash:
# "By: ...", "بقلم/ ...".
_LEAD_BY_RE = re.compile(rf"^(?:{BY_WORDS})\b\s*[:/]?\s*", re.IGNORECASE)
# A label before "by": "Analysis by Jane Doe", "ein Kommentar von Jane Doe", "capital von ...".
_INNER_BY_RE = re.compile(rf"\s(?:{BY_WORDS})\s*:?\s+(?=\S)", re.IGNORECASE)
_NAME_END_RE = re.compile(r"[,;|/•·()\[\]]|\s[-–—]\s")


def _cut_label(text: str) -> str:
    """The text after a label that ends in "by": the names are what follows it.

    "von" and "di" are also particles ("Otto von Bismarck", "Ursula von der Leyen"), so such a
    word cuts only where a name of two capitalised words follows it.
    """
    for match in _INNER_BY_RE.finditer(text):
        rest = text[match.end() :]
        if not rest[0].isupper():
            continue
        if match.group().strip(" :").casefold() in _PARTICLES:
            words = _NAME_END_RE.split(rest, maxsplit=1)[0].split()
            if sum(1 for w in words if w[0].isupper()) < 2:
                continue
        return rest
    return text


# "Jane Doe is a reporter for ...": a biography, not more names.
_BIO_TAIL_RE = re.compile(
    r"\s+(?:is|was|has|covers|writes|reports|joined|leads|heads)\s+\S.*", re.IGNORECASE
)
_PAREN_RE = re.compile(r"\(([^()]*)\)|\[([^\[\]]*)\]")
_PAREN_SPLIT_RE = re.compile(r"\s*[/,;&]\s*|\s+and\s+")
# Conjunctions (vocab/conjunctions.toml).
_CONJUNCTIONS = vocab.words("conjunctions", "and") + vocab.words("conjunctions", "with")
_SEP_RE = re.compile(
    rf"(?P<conj>\s+(?:{vocab.alternation(_CONJUNCTIONS)})\s+|\s*&\s*|\s+\+\s+)"
    r"|(?P<comma>\s*,)"
    r"|(?P<affil>\s*[|/•·—–]\s*|\s+-{1,2}\s+)",
    re.IGNORECASE,
)
_TITLE_CASE_CONJ = frozenset(
    word.capitalize()
    for group in vocab.load("conjunctions").values()
    if group.get("title_case")
    for word in group["and"]
)
_IBERIAN_CONJ = frozenset(  # also inside names: "José Ortega y Gasset"
    word for group in vocab.load("conjunctions").values() if group.get("in_names")
    for word in group["and"]
)


@dataclass(frozen=True)
class _Piece:
    sep: str  # the separator before it: "start", "conj", "comma" or "affil"
    sep_text: str
    text: str


@dataclass(frozen=True)
class _Clause:
    text: str
    commas_list_names: bool  # after "Contributors:" a comma separates names


def _clauses(text: str) -> Iterator[_Clause]:
    """Credit clauses by people who write or report; editors, photographers etc. are skipped."""
    for chunk in _CLAUSE_SPLIT_RE.split(text):
        role, start = "author", 0
        for match in _ROLE_RE.finditer(chunk):
            if role != "skip":
                yield _Clause(chunk[start : match.start()], role == "list")
            role, start = match.lastgroup or "author", match.end()
        if role != "skip":
            yield _Clause(chunk[start:], role == "list")


def _take_parentheticals(text: str) -> tuple[str, list[str]]:
    """Agencies named in parentheses ("Jane Doe (AFP)"); the parentheses become a separator."""
    agencies: list[str] = []

    def cut(match: re.Match[str]) -> str:
        inner = match.group(1) if match.group(1) is not None else match.group(2)
        for part in _PAREN_SPLIT_RE.split(inner):
            if agency := canonical_agency(part):
                agencies.append(agency)
        return " | "

    return _PAREN_RE.sub(cut, text), agencies


def _accepts_conjunction(word: str, caps_clause: bool) -> bool:
    """Whether a conjunction splits names: "and"/"AND" do; "E", "Y", "ED" only in all caps."""
    if word.islower() or word == "&" or word == "+":
        return True
    if word.isupper():
        return len(word) > 2 or caps_clause
    return word in _TITLE_CASE_CONJ


def _split_pieces(text: str) -> list[_Piece]:
    caps = _is_caps(text)
    pieces: list[_Piece] = []
    sep, sep_text, start = "start", "", 0
    for match in _SEP_RE.finditer(text):
        kind = match.lastgroup or "affil"
        if kind == "conj" and not _accepts_conjunction(match.group().strip(), caps):
            continue
        pieces.append(_Piece(sep, sep_text, text[start : match.start()].strip()))
        sep, sep_text, start = kind, match.group().strip(), match.end()
    pieces.append(_Piece(sep, sep_text, text[start:].strip()))
    return _rejoin_iberian([p for p in pieces if p.text])


def _rejoin_iberian(pieces: list[_Piece]) -> list[_Piece]:
    """Undo a split at "y"/"e" that left a one-word side: it was inside a name."""
    out: list[_Piece] = []
    for piece in pieces:
        prev = out[-1] if out else None
        if (
            prev is not None
            and piece.sep == "conj"
            and piece.sep_text.casefold() in _IBERIAN_CONJ
            and min(len(prev.text.split()), len(piece.text.split())) < 2
        ):
            out[-1] = _Piece(prev.sep, prev.sep_text, f"{prev.text} {piece.sep_text} {piece.text}")
        else:
            out.append(piece)
    return out


def _conjunction_ahead(pieces: list[_Piece]) -> list[bool]:
    """For each piece, whether a conjunction follows it before an affiliation mark."""
    ahead = [False] * len(pieces)
    follows = False
    for i in range(len(pieces) - 1, -1, -1):
        ahead[i] = follows
        if pieces[i].sep == "affil":
            follows = False
        elif pieces[i].sep == "conj":
            follows = True
    return ahead


# --- agencies inside pieces ------------------------------------------------------------------

# "AP Staff Writer", "Reuters wire": words after an agency's name that still credit the agency
# (vocab/agencies.toml).
_AGENCY_STAFF_RE = re.compile(
    rf"\s+(?:{vocab.alternation(vocab.load('agencies')['credit']['after_name'])})\Z",
    re.IGNORECASE,
)


def _suffix_agency(words: list[str]) -> tuple[str, list[str]] | None:
    """An agency glued to the end of a name: "Jane Doe Associated Press", "Jane Doe AP"."""
    for size in (3, 2, 1):
        rest = words[:-size]
        if len(rest) < 2:
            continue
        found = _lookup_agency(" ".join(words[-size:]))
        if found is None:
            continue
        return found[0], rest
    return None


def _described_agency(words: list[str]) -> str | None:
    """An agency after words that only describe it: "Nachrichtenagentur Reuters", "the news
    agency AFP"."""
    for size in (3, 2, 1):
        rest = words[:-size]
        found = _lookup_agency(" ".join(words[-size:])) if rest else None
        if found and all(_fold(w).strip(".,:") in _NOT_NAME_WORDS for w in rest):
            return found[0]
    return None


def _split_agency(text: str) -> tuple[str | None, str]:
    """(agency, what is left for a name) for one piece."""
    if agency := canonical_agency(text) or _described_agency(text.split()):
        return agency, ""
    staff = _AGENCY_STAFF_RE.search(text)
    if staff and (agency := canonical_agency(text[: staff.start()])):
        return agency, ""
    words = text.split()
    suffix = _suffix_agency(words) if len(words) > 2 else None
    if suffix:
        return suffix[0], " ".join(suffix[1])
    return None, text


# --- names -----------------------------------------------------------------------------------

_LEAD_NOISE_RE = re.compile(
    rf"^(?:(?:{vocab.alternation(vocab.words('conjunctions', 'and', unless='in_names'))}"
    rf"|{vocab.alternation(vocab.words('conjunctions', 'with', unless='in_names'))}"
    rf"|{LINE_BY_WORDS})\s+)+",
    re.IGNORECASE,
)
_PLACE_TAIL_RE = re.compile(r"\s+(?:in|from|at|IN|FROM|AT)\s+\S.*")
_KEEP_DOT_RE = re.compile(r"(?:^|\s)(?:(?:[^\W\d_]\.)+|Jr\.|Sr\.|Jnr\.|Snr\.)$", re.IGNORECASE)
_EDGE_PUNCT = " ,;:!?|/•·*\"“”„«»‘’'()[]{}<>-–—_"
_WORD_RE = re.compile(r"[^\W\d_]+(?:[.'’-][^\W\d_]+)*\.?")
_CJK_NAME_RE = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]{2,5}")
# Korean, Japanese and Chinese bylines put the job after the name, often unspaced:
# "<name> 기자" (reporter), "<name>特派員" (correspondent), "<name>记者".
_CJK_JOB_RE = re.compile(
    "|".join(
        rf"\s*(?:{vocab.alternation(group.get('suffix_qualifiers', []))})?"
        rf"(?:{vocab.alternation(group['suffixes'])})$"
        for group in vocab.load("job_titles").values()
        if "suffixes" in group
    )
)
# Name particles (vocab/name_particles.toml): lower-case words inside names, and those written
# joined to the next word ("al-Bashir", "d'Alembert").
_PARTICLES = frozenset(vocab.words("name_particles", "particles"))
_JOINED = vocab.words("name_particles", "joined")
_HYPHENED = vocab.alternation(j.removesuffix("-") for j in _JOINED if j.endswith("-"))
_APOSTROPHED = vocab.alternation(j.removesuffix("'") for j in _JOINED if j.endswith("'"))
_PARTICLE_PREFIX_RE = re.compile(rf"^(?:{_HYPHENED})-|^(?:{_APOSTROPHED})['’]")
# Words that mark a desk, a job, an organisation or page furniture, never a person; and job
# titles that may follow a name (vocab/byline_stop_words.toml, vocab/job_titles.toml; both
# compared folded: casefolded, accents dropped).
_NOT_NAME_WORDS = _folded_set(vocab.words("byline_stop_words", "words"))
_JOB_TITLES = _folded_set(
    vocab.words("job_titles", "titles") + vocab.words("job_titles", "qualifiers")
)
_MAX_NAME_WORDS = 5
_MAX_WORDS = 7
_MIN_PUBLISHER_KEY = 3  # "IGN"; a shorter key would match the start of many names


def _is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and text == text.upper() and text != text.lower()


def _clean_name(text: str) -> str:
    text = _PLACE_TAIL_RE.sub("", _LEAD_NOISE_RE.sub("", text.strip(_EDGE_PUNCT)))
    text = " ".join(text.strip(_EDGE_PUNCT).split())
    # Keep the dot of "Jr." or an initial, drop a full stop after a surname.
    if text.endswith(".") and not _KEEP_DOT_RE.search(text):
        text = text[:-1]
    return text


def _is_particle(word: str) -> bool:
    return word in _PARTICLES or bool(_PARTICLE_PREFIX_RE.match(word))


def _word_ok(word: str) -> bool:
    if not _WORD_RE.fullmatch(word):
        return False
    if any(_fold(part).strip(".") in _NOT_NAME_WORDS for part in word.split("-")):
        return False
    return not word[0].islower() or _is_particle(word)


def _looks_like_name(words: list[str]) -> bool:
    if len(words) == 1:
        return bool(_CJK_NAME_RE.fullmatch(words[0]))
    if len(words) > _MAX_WORDS or not all(_word_ok(w) for w in words):
        return False
    named = [w for w in words if w not in _PARTICLES]
    edges_ok = not words[0][0].islower() and words[-1] not in _PARTICLES
    return 2 <= len(named) <= _MAX_NAME_WORDS and edges_ok


# --- casing ----------------------------------------------------------------------------------

_LETTER_RUN_RE = re.compile(r"[^\W\d_]+")
_MC_RE = re.compile(r"^Mc([a-z])(?=[a-z]{2})")
_ARABIC_ARTICLE_RE = re.compile(r"^(?:Al|El)-")
_LOWER_IN_NAMES = frozenset(vocab.words("name_particles", "lower_in_caps"))
_ARTICLES_AFTER_PARTICLE = frozenset(vocab.words("name_particles", "articles"))
_ROMAN = frozenset(("II", "III", "IV", "VI", "VII", "VIII"))


def _title_word(word: str, first: bool) -> str:
    if word in _ROMAN:
        return word
    titled = _LETTER_RUN_RE.sub(lambda m: m.group()[0].upper() + m.group()[1:].lower(), word)
    # "MCDONALD" -> "McDonald". "Mac" is left alone: Machado and Mackey are not Mac-names.
    titled = _MC_RE.sub(lambda m: "Mc" + m.group(1).upper(), titled)
    if not first and _ARABIC_ARTICLE_RE.match(titled):
        titled = titled[0].lower() + titled[1:]
    return titled


def _title_case(words: list[str]) -> str:
    """Title-case an ALL-CAPS name, keeping inner particles low: "JEAN DE LA CROIX"."""
    out: list[str] = []
    after_particle = False
    for i, word in enumerate(words):
        low = word.lower()
        inner = 0 < i < len(words) - 1
        if inner and (
            low in _LOWER_IN_NAMES or (after_particle and low in _ARTICLES_AFTER_PARTICLE)
        ):
            out.append(low)
            after_particle = True
            continue
        after_particle = False
        out.append(_title_word(word, first=i == 0))
    return " ".join(out)


def _trim_job_title(words: list[str]) -> list[str]:
    """ "Jane Doe Chefredakteurin" -> "Jane Doe": a job title printed after the name; and
    "Jean Dupont le" -> "Jean Dupont", a particle left over where a date was cut away."""
    while len(words) > 2 and (
        _fold(words[-1]).strip(".:") in _JOB_TITLES or words[-1] in _PARTICLES
    ):
        words = words[:-1]
    return words


def _is_lower(text: str) -> bool:
    return text == text.lower() and text != text.upper()


def _cut_cjk_job(text: str) -> str:
    """ "<name> 기자" -> "<name>"; a job after a lone surname ("김 기자") names nobody."""
    name = _CJK_JOB_RE.sub("", text)
    if name == text:
        return text
    return name if _CJK_NAME_RE.fullmatch(name) else ""


def _is_publisher(name: str, publishers: frozenset[str]) -> bool:
    """`publishers` holds alias keys with and without spaces: "Presse Augsburg" is the site
    presse-augsburg.de, "La República" the site larepublica.pe."""
    k = _alias_key(name)
    return k in publishers or k.replace(" ", "") in publishers


def _starts_with_publisher(name: str, publishers: frozenset[str]) -> bool:
    """The name opens with whole words of a publisher's name: "IGN Staff" on ign.com,
    "Eastport Kitchens" on eastport.com credit the site, not a person."""
    words = name.split()
    for size in range(1, len(words)):
        key = _alias_key(" ".join(words[:size])).replace(" ", "")
        if len(key) >= _MIN_PUBLISHER_KEY and key in publishers:
            return True
    return False


def _author(text: str, publishers: frozenset[str], names_list: bool = False) -> Author | None:
    raw = _clean_name(text)
    if not raw or _is_publisher(raw, publishers) or _starts_with_publisher(raw, publishers):
        return None
    raw = _cut_cjk_job(raw)
    if not raw:
        return None
    words = _trim_job_title(raw.split())
    # A name field of structured data may hold a name typed in lower case: "jane doe".
    if _is_caps(raw) or (names_list and _is_lower(raw)):
        words = _title_case(words).split()
    if not _looks_like_name(words):
        return None
    return Author(name=" ".join(words), raw=raw)


# --- putting it together ----------------------------------------------------------------------


def _name_key(name: str) -> str:
    """One key for "J. Smith", "J Smith" and "j smith"."""
    return " ".join(_fold(name).replace(".", " ").replace("-", " ").split())


def _unique_authors(authors: Iterable[Author]) -> tuple[Author, ...]:
    seen: dict[str, Author] = {}
    for author in authors:
        seen.setdefault(_name_key(author.name), author)
    return tuple(seen.values())


def _read_clause(
    clause: _Clause, publishers: frozenset[str], authors: list[Author], agencies: list[str]
) -> None:
    text = _LEAD_BY_RE.sub("", clause.text.strip(_EDGE_SEPARATORS), count=1)
    text = _cut_label(text)
    text, named = _take_parentheticals(_BIO_TAIL_RE.sub("", text))
    agencies.extend(named)
    pieces = _split_pieces(text.strip(_EDGE_SEPARATORS))
    conjunction_ahead = _conjunction_ahead(pieces)
    seen_content = closed = False
    for i, piece in enumerate(pieces):
        closed = closed or (piece.sep == "affil" and seen_content)
        agency, rest = _split_agency(piece.text)
        if agency:
            agencies.append(agency)
        if not rest:
            continue
        in_list = piece.sep == "conj" or (
            piece.sep == "comma" and (clause.commas_list_names or conjunction_ahead[i])
        )
        slot = not seen_content or (in_list and not closed)
        seen_content = True
        if slot and (author := _author(rest, publishers, clause.commas_list_names)):
            authors.append(author)


def parse_byline(
    raw: str, *, publisher: Sequence[str] = (), names_list: bool = False,
    names_only: bool = False,
) -> ParsedByline:
    """Authors (people), agencies and a leftover date from one byline as printed, and its
    credit when it names no person and no agency.

    `publisher` holds the site's own names: they are never taken for an author.
    `names_list` reads the value as a list of names, as structured data gives them
    ("Jane Doe, John Roe" is two people, "jane doe" a name typed in lower case), not as a
    printed byline where ", ..." after a name is an affiliation.
    `names_only` reads a line found without a label ("Jane Doe/John Roe" in bold, "Jane Doe |
    5 March 2024"): it is a byline only when every word belongs to a name, else nothing.
    """
    return _parse(raw, tuple(publisher), names_list, names_only)


@lru_cache(maxsize=1024)
def _parse(
    raw: str, publisher: tuple[str, ...], names_list: bool, names_only: bool
) -> ParsedByline:
    """parse_byline, kept for the candidates of the page being normalized: a line is read
    once, however many steps ask about it."""
    publishers = _publisher_keys(publisher)
    if _is_publisher(_prepare(raw), publishers):  # the site's own name, however it reads
        return ParsedByline((), (), None, _credit(raw, publishers, site=True))
    text, date_text = _take_dates(_drop_contacts(_prepare(raw)))
    text = _HSPACE_RE.sub(" ", text)  # single spaces keep the separator patterns linear
    authors: list[Author] = []
    agencies: list[str] = []
    for clause in _clauses(text):
        if names_list:
            clause = _Clause(clause.text, commas_list_names=True)
        _read_clause(clause, publishers, authors, agencies)
    if names_only:
        found = ParsedByline(_unique_authors(authors), tuple(dict.fromkeys(agencies)), date_text)
        return _names_only(text, found, _credit(raw, publishers))
    credit = None if authors or agencies else _credit(raw, publishers)
    return ParsedByline(
        _unique_authors(authors), tuple(dict.fromkeys(agencies)), date_text, credit
    )


# Words that join names in a names-only line: "by" words and conjunctions.
_JOINING_WORDS = _folded_set(vocab.words("by_words", "by") + _CONJUNCTIONS)
_LINE_WORD_RE = re.compile(r"[^\W\d_]+(?:[.'’-][^\W\d_]+)*")


def _names_only(text: str, found: ParsedByline, credit: str | None) -> ParsedByline:
    """The parse of a line found without a label, when every word of it (dates cut away)
    belongs to a name or names a wire service, or the whole line is a credit ("Redaktion");
    else an empty parse."""
    words = [w for w in map(_fold, _LINE_WORD_RE.findall(text)) if w not in _JOINING_WORDS]
    named = {
        _fold(w) for a in found.authors for w in _LINE_WORD_RE.findall(f"{a.raw} {a.name}")
    }
    if (found.authors or found.agencies) and all(w in named or canonical_agency(w) for w in words):
        return found
    credit_words = [_fold(w) for w in _LINE_WORD_RE.findall(credit or "")]
    if credit and not found.authors and not found.agencies and words == credit_words:
        return ParsedByline((), (), found.date_text, credit)
    return ParsedByline((), (), None)


def clear_cache() -> None:
    """Forget the parses kept so far: for tools that change the vocabulary in place."""
    _parse.cache_clear()


def _publisher_keys(publisher: Sequence[str]) -> frozenset[str]:
    keys = [_alias_key(p) for p in publisher if p.strip()]
    return frozenset(keys + [k.replace(" ", "") for k in keys])


# --- credits -----------------------------------------------------------------------------------

# Words of newsrooms, desks and publishers (the `credit` groups of byline_stop_words.toml).
_CREDIT_WORDS = _folded_set(vocab.words("byline_stop_words", "words", only="credit"))
_MAX_CREDIT_WORDS = 6
_MAX_CREDIT_CHARS = 60
# A writers' label opening a credit ("Autor: Redaktion").
_LEAD_ROLE_RE = re.compile(
    rf"^(?:{WRITER_ROLES})\s*",
    re.IGNORECASE,
)
_CREDIT_SPLIT_RE = re.compile(r"\s*[;\n|•·]\s*|\s+[-–—]\s+")


def _credit(raw: str, publishers: frozenset[str], site: bool = False) -> str | None:
    """The newsroom, desk or publisher a byline credits, as printed without "By" and without
    dates or contacts: its first part, when the byline is the `site`'s name, or the part is
    one of the publisher's names, starts with one ("IGN Staff") or holds a newsroom word
    ("Redaktion", "BBC News"), in a few words."""
    text, _ = _take_dates(_drop_contacts(_prepare(raw), _PERSONAL_CONTACT_RES))
    parts = (p.strip(_EDGE_SEPARATORS) for p in _CREDIT_SPLIT_RE.split(text))
    first = _LEAD_ROLE_RE.sub("", next((p for p in parts if p), ""), count=1)
    credit = _cut_label(_LEAD_BY_RE.sub("", first, count=1)).strip(_EDGE_PUNCT)
    words = credit.split()
    if not words or len(words) > _MAX_CREDIT_WORDS or len(credit) > _MAX_CREDIT_CHARS:
        return None
    if site or _is_publisher(credit, publishers) or _starts_with_publisher(credit, publishers):
        return credit
    folded = (_fold(part).strip(".") for word in words for part in word.split("-"))
    return credit if any(part in _CREDIT_WORDS for part in folded) else None


def merge_bylines(parsed: Iterable[ParsedByline]) -> ParsedByline:
    """The union of several parses, in order, without duplicates; the first date text and
    the first credit win."""
    authors: list[Author] = []
    agencies: list[str] = []
    date_text: str | None = None
    credit: str | None = None
    for byline in parsed:
        authors.extend(byline.authors)
        agencies.extend(byline.agencies)
        date_text = date_text or byline.date_text
        credit = credit or byline.credit
    return ParsedByline(
        _unique_authors(authors), tuple(dict.fromkeys(agencies)), date_text, credit
    )


def choose_bylines(
    parsed: Sequence[tuple[str, ParsedByline]], *, scattered: Collection[str] = ("text",)
) -> tuple[str | None, ParsedByline]:
    """The authors of the best layer that names a person, with that layer.

    `parsed` holds (layer, parse) pairs, best layer first. Layers disagree more often than they
    complete each other: a page's visible text also credits related stories, and meta tags may
    name an editor or the uploader; so the people come from one layer only. In a `scattered`
    layer (bylines found by class names anywhere in the article), three or more bylines naming
    different people are a list of stories: only the first counts. Agencies and the date text
    come from every layer. With no person anywhere the layer is the first naming an agency;
    with no agency either, the first credit (newsroom, desk, publisher) is the credit.
    """
    merged = merge_bylines(p for _, p in parsed)
    layer = next((name for name, p in parsed if p.authors), None)
    if layer is None:
        layer = next((name for name, p in parsed if p.agencies), None)
        if layer is not None:
            return layer, ParsedByline((), merged.agencies, merged.date_text)
        return next((name for name, p in parsed if p.credit), None), merged
    own = [p for name, p in parsed if name == layer and p.authors]
    if layer in scattered and len(own) >= MAX_SCATTERED_BYLINES and _all_differ(own):
        own = own[:1]
    people = merge_bylines(own)
    return layer, ParsedByline(people.authors, merged.agencies, merged.date_text)


def _all_differ(parsed: Sequence[ParsedByline]) -> bool:
    keys = [{_name_key(a.name) for a in p.authors} for p in parsed]
    return all(not (a & b) for i, a in enumerate(keys) for b in keys[i + 1 :])
