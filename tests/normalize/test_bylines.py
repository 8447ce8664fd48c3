from __future__ import annotations

import pytest

from newscrawl import vocab
from newscrawl.items import Author
from newscrawl.normalize.bylines import (
    ParsedByline,
    canonical_agency,
    choose_bylines,
    merge_bylines,
    parse_byline,
)


def names(raw: str, publisher: tuple[str, ...] = ()) -> list[str]:
    return [a.name for a in parse_byline(raw, publisher=publisher).authors]


# --- canonical_agency ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("printed", "canonical"),
    [
        ("AP", "Associated Press"),
        ("The Associated Press", "Associated Press"),
        ("ASSOCIATED PRESS", "Associated Press"),
        ("A.P.", "Associated Press"),
        ("REUTERS", "Reuters"),
        ("Reuters", "Reuters"),
        ("AFP", "AFP"),
        ("Agence France-Presse", "AFP"),
        ("agence france presse", "AFP"),
        ("dpa", "dpa"),
        ("DPA", "dpa"),
        ("Deutsche Presse-Agentur", "dpa"),
        ("EFE", "EFE"),
        ("ANSA", "ANSA"),
        ("Xinhua", "Xinhua"),
        ("Bloomberg News", "Bloomberg"),
        ("PA Media", "PA Media"),
        ("Press Association", "PA Media"),
        ("UPI", "UPI"),
        ("Kyodo News", "Kyodo"),
        ("Anadolu Agency", "Anadolu"),
        ("TASS", "TASS"),
        ("KNA", "KNA"),
        ("epd", "epd"),
        ("APA", "APA"),
        ("SDA", "Keystone-SDA"),
        ("Keystone-SDA", "Keystone-SDA"),
        ("Belga", "Belga"),
        ("ANP", "ANP"),
        ("NTB", "NTB"),
        ("TT", "TT"),
        ("Ritzau", "Ritzau"),
        ("Yonhap", "Yonhap"),
        ("CNA", "CNA"),
        ("AAP", "AAP"),
        ("CP", "The Canadian Press"),
        ("The Canadian Press", "The Canadian Press"),
        ("IANS", "IANS"),
        ("PTI", "PTI"),
        ("Press Trust of India", "PTI"),
        ("ANI", "ANI"),
        ("(AP)", "Associated Press"),
    ],
)
def test_canonical_agency_maps_alias_to_canonical_name(printed: str, canonical: str) -> None:
    assert canonical_agency(printed) == canonical


def _agency_names() -> list[str]:
    return [entry["name"] for entry in vocab.load("agencies")["agency"]]


@pytest.mark.parametrize("name", _agency_names())
def test_every_canonical_agency_name_maps_to_itself(name: str) -> None:
    assert canonical_agency(name) == name


@pytest.mark.parametrize("name", ["Ap", "Ani", "Spa", "Pap", "Tt"])
def test_canonical_agency_acronym_in_title_case_is_not_an_agency(name: str) -> None:
    assert canonical_agency(name) is None


@pytest.mark.parametrize("name", ["", "Jane Doe", "The Washington Ledger", "Staff"])
def test_canonical_agency_unknown_name_is_none(name: str) -> None:
    assert canonical_agency(name) is None


# --- lists of names ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("By Jane Doe and John Roe", ["Jane Doe", "John Roe"]),
        ("By Jane Doe, John Roe and Ann Lee", ["Jane Doe", "John Roe", "Ann Lee"]),
        ("By Jane Doe, John Roe, and Ann Lee", ["Jane Doe", "John Roe", "Ann Lee"]),
        ("By Jane Doe & John Roe", ["Jane Doe", "John Roe"]),
        ("By: Jane Doe", ["Jane Doe"]),
        ("Jane Doe", ["Jane Doe"]),
    ],
)
def test_english_name_lists_split_into_authors(raw: str, expected: list[str]) -> None:
    assert names(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Von Anna Becker und Karl Vogt", ["Anna Becker", "Karl Vogt"]),
        ("Par Claire Martin et Luc Petit", ["Claire Martin", "Luc Petit"]),
        ("Por Ana García y Luis Pérez", ["Ana García", "Luis Pérez"]),
        ("Di Marco Rossi e Luca Bianchi", ["Marco Rossi", "Luca Bianchi"]),
        ("Door Anke de Vries en Jan Bakker", ["Anke de Vries", "Jan Bakker"]),
        ("Por Ana Souza e João Lima", ["Ana Souza", "João Lima"]),
    ],
)
def test_by_and_and_words_in_other_languages_split_names(raw: str, expected: list[str]) -> None:
    assert names(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("한지민 기자", ["한지민"]),
        ("한지민기자", ["한지민"]),
        ("한지민 특파원", ["한지민"]),
        ("佐藤花子 記者", ["佐藤花子"]),
        ("佐藤花子特派員", ["佐藤花子"]),
        ("李明 记者", ["李明"]),
        ("한 기자", []),  # a surname and a job name nobody
    ],
)
def test_cjk_job_after_a_name_is_not_part_of_it(raw: str, expected: list[str]) -> None:
    assert names(raw) == expected


@pytest.mark.parametrize(
    "raw", ["Redacción Central", "Rédaction Web", "Naturstrom AG", "Heimatverein Nord e.V.",
            "Super User"],
)
def test_desks_companies_and_accounts_are_no_people(raw: str) -> None:
    assert names(raw) == []


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("Jeanne Martin Rédactrice", ["Jeanne Martin"]), ("Anna Weber Volontärin", ["Anna Weber"])],
)
def test_accented_job_titles_after_a_name_are_dropped(raw: str, expected: list[str]) -> None:
    assert names(raw) == expected


@pytest.mark.parametrize(
    ("raw", "domain_label"),
    [("Von Harbour Courier -", "harbour-courier"), ("Harbour Courier /PP", "harbour-courier"),
     ("La Crónica", "lacronica")],
)
def test_byline_naming_the_site_by_its_domain_is_no_author(raw: str, domain_label: str) -> None:
    assert names(raw, publisher=(domain_label,)) == []


def test_and_inside_a_surname_does_not_split_it() -> None:
    assert names("By Jane Anderson and John Roe") == ["Jane Anderson", "John Roe"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("José Ortega y Gasset", ["José Ortega y Gasset"]),
        ("Maria da Silva e Sousa", ["Maria da Silva e Sousa"]),
    ],
)
def test_y_or_e_leaving_a_single_word_stays_inside_the_name(raw: str, expected: list[str]) -> None:
    assert names(raw) == expected


def test_contributors_label_makes_commas_separate_names() -> None:
    assert names("Contributors: Jane Doe, John Roe") == ["Jane Doe", "John Roe"]


def test_duplicate_names_in_one_byline_are_kept_once() -> None:
    assert names("By Jane Doe and JANE DOE") == ["Jane Doe"]


# --- roles -------------------------------------------------------------------------------------


def test_reporters_are_authors_and_editors_are_not() -> None:
    assert names("Reporting by Jane Doe; Editing by John Roe") == ["Jane Doe"]


def test_reuters_credit_line_in_parentheses_gives_reporters_without_places() -> None:
    raw = "(Reporting by Jane Doe in Baghdad and John Roe in London; Editing by Ann Lee)"
    assert names(raw) == ["Jane Doe", "John Roe"]


def test_additional_reporting_is_authorship() -> None:
    assert names("By Jane Doe. Additional reporting by John Roe") == ["Jane Doe", "John Roe"]


@pytest.mark.parametrize(
    "raw",
    [
        "Photos by John Roe",
        "Edited by John Roe",
        "Translated by John Roe",
        "Illustrations by John Roe",
        "Video by John Roe",
    ],
)
def test_non_writing_credits_give_no_authors(raw: str) -> None:
    assert names(raw) == []


def test_photo_credit_after_a_writer_is_dropped() -> None:
    assert names("By Jane Doe, photos by John Roe") == ["Jane Doe"]


# --- agencies ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "authors", "agencies"),
    [
        ("By Jane Doe | Reuters", ["Jane Doe"], ("Reuters",)),
        ("By Jane Doe, Reuters", ["Jane Doe"], ("Reuters",)),
        ("Jane Doe, Associated Press", ["Jane Doe"], ("Associated Press",)),
        ("Jane Doe (AFP)", ["Jane Doe"], ("AFP",)),
        ("Jane Doe/dpa", ["Jane Doe"], ("dpa",)),
        ("Jane Doe, Associated Press Writer", ["Jane Doe"], ("Associated Press",)),
        ("Jane Doe Associated Press", ["Jane Doe"], ("Associated Press",)),
        ("Jane Doe AP", ["Jane Doe"], ("Associated Press",)),
        ("AFP | Jane Doe", ["Jane Doe"], ("AFP",)),
        ("Jane Doe | Bloomberg", ["Jane Doe"], ("Bloomberg",)),
        (
            "By Jane Doe and John Roe (AP/dpa)",
            ["Jane Doe", "John Roe"],
            ("Associated Press", "dpa"),
        ),
    ],
)
def test_agency_beside_a_name_is_an_agency_not_an_author(
    raw: str, authors: list[str], agencies: tuple[str, ...]
) -> None:
    parsed = parse_byline(raw)
    assert ([a.name for a in parsed.authors], parsed.agencies) == (authors, agencies)


@pytest.mark.parametrize(
    ("raw", "agency"),
    [
        ("By AP", "Associated Press"),
        ("By The Associated Press", "Associated Press"),
        ("Associated Press", "Associated Press"),
        ("THE ASSOCIATED PRESS", "Associated Press"),
        ("Reuters staff", "Reuters"),
        ("AFP staff writers", "AFP"),
    ],
)
def test_agency_alone_gives_agency_and_no_authors(raw: str, agency: str) -> None:
    assert parse_byline(raw) == ParsedByline(authors=(), agencies=(agency,), date_text=None)


def test_agency_that_is_the_publisher_is_still_an_agency() -> None:
    parsed = parse_byline("By Jane Doe, Reuters", publisher=("Reuters",))
    assert parsed.agencies == ("Reuters",)


def test_agency_named_twice_is_listed_once() -> None:
    assert parse_byline("By AP | The Associated Press").agencies == ("Associated Press",)


# --- dates left in the byline ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "date_text"),
    [
        ("- Associated Press - Monday, January 28, 2019", "Monday, January 28, 2019"),
        ("By Associated Press 28/1/2019", "28/1/2019"),
        ("By Jane Doe Updated 3:45 p.m. ET Jan. 5, 2024", "Updated 3:45 p.m. ET Jan. 5, 2024"),
        ("Jane Doe | Published 2024-01-05T10:30:00Z", "Published 2024-01-05T10:30:00Z"),
        ("Jane Doe, Posted Jan 5, 2024", "Posted Jan 5, 2024"),
        ("Jane Doe 5 January 2024", "5 January 2024"),
        ("Jane Doe • 10:45 AM", "10:45 AM"),
        ("2 hours ago By Jane Doe", "2 hours ago"),
        ("Jan 4, 2024 Jane Doe Updated Jan 5, 2024", "Jan 4, 2024"),
    ],
)
def test_first_date_in_the_byline_is_kept_verbatim(raw: str, date_text: str) -> None:
    assert parse_byline(raw).date_text == date_text


@pytest.mark.parametrize(
    "raw",
    [
        "By Jane Doe Updated 3:45 p.m. ET Jan. 5, 2024",
        "Jane Doe 5 January 2024",
        "Jane Doe, Posted Jan 5, 2024",
        "2 hours ago By Jane Doe",
    ],
)
def test_dates_do_not_end_up_in_names(raw: str) -> None:
    assert names(raw) == ["Jane Doe"]


def test_associated_press_with_weekday_date_has_no_authors() -> None:
    parsed = parse_byline("- Associated Press - Monday, January 28, 2019")
    assert (parsed.authors, parsed.agencies) == ((), ("Associated Press",))


def test_posted_by_is_a_by_word_not_a_date() -> None:
    parsed = parse_byline("Posted by Jane Doe")
    assert (names("Posted by Jane Doe"), parsed.date_text) == (["Jane Doe"], None)


def test_byline_without_date_has_no_date_text() -> None:
    assert parse_byline("By Jane Doe").date_text is None


def test_name_that_is_a_month_is_not_a_date() -> None:
    assert parse_byline("By June Mayfield").date_text is None


# --- not people --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw", ["Staff writer", "Staff", "Editorial Board", "Staff Reports", "The Newsroom", "Web Desk"]
)
def test_desk_and_staff_credits_give_no_authors(raw: str) -> None:
    assert names(raw) == []


@pytest.mark.parametrize(
    "raw", ["The Washington Ledger", "Washington Ledger", "By Washington Ledger"]
)
def test_publisher_is_never_an_author(raw: str) -> None:
    assert names(raw, publisher=("The Washington Ledger",)) == []


def test_publisher_after_a_name_is_dropped() -> None:
    assert names("Jane Doe | Washington Ledger", publisher=("Washington Ledger",)) == ["Jane Doe"]


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "   ",
        "The leader of the party said on Monday that taxes would rise",
        "https://example.com/authors/jane-doe",
        "January 5, 2024",
        "28/01/2024 10:00",
        "Jane Doe 2nd",
        "Agent 007",
        "Jane Mary Ann Lee Doe Smith",
        "Share this article",
        "@@@ ||| ---",
        "(((",
        "By",
        "and",
    ],
)
def test_garbage_gives_no_authors(raw: str) -> None:
    assert names(raw) == []


def test_one_word_is_not_a_name() -> None:
    assert names("By Madonna") == []


# --- cleaning ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        "By Jane Doe jane.doe@example.com",
        "By Jane Doe (jane.doe@example.com)",
        "By Jane Doe @janedoe",
        "Jane Doe Twitter: @jdoe",
        "By Jane Doe Follow on X",
        "By Jane Doe Email the author",
        "Jane Doe https://example.com/jane",
    ],
)
def test_contact_details_are_removed(raw: str) -> None:
    assert names(raw) == ["Jane Doe"]


@pytest.mark.parametrize(
    "raw",
    [
        "Jane Doe, Senior Correspondent",
        "Jane Doe is a reporter for the Ledger, covering Ohio and New Jersey",
        "Jane Doe – Political Editor",
        "Jane Doe | Chief Economics Writer",
        "By Jane Doe\nSenior Writer",
        "By Jane Doe, New York",
    ],
)
def test_job_title_or_place_after_a_name_is_removed(raw: str) -> None:
    assert names(raw) == ["Jane Doe"]


def test_comma_without_a_conjunction_reads_the_rest_as_an_affiliation() -> None:
    # "Jane Doe, Metro Desk" and "Jane Doe, New York" are far more common than two names.
    assert names("Jane Doe, John Roe") == ["Jane Doe"]


def test_affiliation_after_a_list_is_not_a_name() -> None:
    raw = "Jane Doe and John Roe, Senior Correspondents, New York"
    assert names(raw) == ["Jane Doe", "John Roe"]


@pytest.mark.parametrize(
    "name",
    [
        "Karim Abdel-Nour",
        "Zoë Ångström",
        "J.R.R. Tolkien-Smith",
        "Mary O'Neil",
        "Seán Ó Briain",
        "Anke de Vries",
        "Hamid al-Amin",
        "Jane Doe Jr.",
        "J. Smith",
    ],
)
def test_names_keep_hyphens_apostrophes_diacritics_and_initials(name: str) -> None:
    assert names(f"By {name}") == [name]


# --- ALL CAPS ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("BY JANE DOE AND JOHN ROE", ["Jane Doe", "John Roe"]),
        ("MARY O'NEIL", ["Mary O'Neil"]),
        ("JEAN DE LA CROIX", ["Jean de la Croix"]),
        ("LUDWIG VAN DER BERG", ["Ludwig van der Berg"]),
        ("KARIM ABDEL-NOUR", ["Karim Abdel-Nour"]),
        ("HAMID AL-AMIN", ["Hamid al-Amin"]),
        ("ZOË ÅNGSTRÖM", ["Zoë Ångström"]),
        ("SEAN MCDONALD", ["Sean McDonald"]),
        ("LUIS MACHADO", ["Luis Machado"]),
        ("JOHN ROE III", ["John Roe III"]),
        ("J.R.R. TOLKIEN", ["J.R.R. Tolkien"]),
    ],
)
def test_all_caps_names_are_title_cased(raw: str, expected: list[str]) -> None:
    assert names(raw) == expected


def test_all_caps_author_keeps_raw_as_printed() -> None:
    assert parse_byline("BY JANE DOE").authors == (Author(name="Jane Doe", raw="JANE DOE"),)


def test_mixed_case_name_is_not_recased() -> None:
    assert names("By Jean DUPONT") == ["Jean DUPONT"]


# --- merge_bylines ---------------------------------------------------------------------------


def test_merge_keeps_order_and_drops_duplicates_ignoring_case_dots_and_accents() -> None:
    merged = merge_bylines(
        [
            parse_byline("By J. Smith and Zoë Ångström"),
            parse_byline("J Smith, Zoe Angstrom and Ann Lee"),
        ]
    )
    assert [a.name for a in merged.authors] == ["J. Smith", "Zoë Ångström", "Ann Lee"]


def test_merge_unites_agencies_in_order() -> None:
    merged = merge_bylines([parse_byline("Jane Doe | AP"), parse_byline("Reuters; AP")])
    assert merged.agencies == ("Associated Press", "Reuters")


def test_merge_first_non_empty_date_text_wins() -> None:
    merged = merge_bylines(
        [parse_byline("Jane Doe"), parse_byline("Jane Doe 5 Jan 2024"), parse_byline("6 Jan 2024")]
    )
    assert merged.date_text == "5 Jan 2024"


def test_merge_of_nothing_is_empty() -> None:
    assert merge_bylines([]) == ParsedByline(authors=(), agencies=(), date_text=None)


# --- names lists (structured data) --------------------------------------------------------------


def test_names_list_reads_a_comma_as_a_second_person() -> None:
    parsed = parse_byline("Mara Lindqvist, Tobias Renner", names_list=True)
    assert [a.name for a in parsed.authors] == ["Mara Lindqvist", "Tobias Renner"]


def test_printed_byline_reads_a_comma_as_an_affiliation() -> None:
    assert names("Mara Lindqvist, Tobias Renner") == ["Mara Lindqvist"]


def test_names_list_title_cases_a_name_typed_in_lower_case() -> None:
    parsed = parse_byline("mara lindqvist", names_list=True)
    assert parsed.authors == (Author(name="Mara Lindqvist", raw="mara lindqvist"),)


def test_lower_case_name_in_a_printed_byline_is_no_name() -> None:
    assert names("mara lindqvist") == []


def test_names_list_keeps_an_agency_apart() -> None:
    parsed = parse_byline("Mara Lindqvist und Tobias Renner, dpa", names_list=True)
    assert [a.name for a in parsed.authors] == ["Mara Lindqvist", "Tobias Renner"]
    assert parsed.agencies == ("dpa",)


# --- labels, job titles and organisations ------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        "Analysis by Mara Lindqvist",
        "ein Kommentar von Mara Lindqvist",
        "Wirtschaft von Mara Lindqvist 05. März 2024 15:36 Uhr 3 Min",
        "Artikel von Mara Lindqvist",
        "Veröffentlicht von Mara Lindqvist",
        "Publié par Mara Lindqvist le 3 mai",
    ],
)
def test_label_before_by_is_cut(raw: str) -> None:
    assert names(raw) == ["Mara Lindqvist"]


@pytest.mark.parametrize(
    "raw", ["Otto von Bismarck", "Ursula von der Leyen", "Hans Peter von Lindqvist"]
)
def test_von_inside_a_name_is_kept(raw: str) -> None:
    assert names(raw) == [raw]


def test_label_before_von_cuts_before_a_name_with_von() -> None:
    assert names("Artikel von Alexa von Lindqvist") == ["Alexa von Lindqvist"]


@pytest.mark.parametrize(
    "raw",
    ["Mara Lindqvist Chefredakteurin", "Von Mara Lindqvist Korrespondentin",
     "Mara Lindqvist Senior Staff Writer"],
)
def test_job_title_glued_after_the_name_is_dropped(raw: str) -> None:
    assert names(raw) == ["Mara Lindqvist"]


def test_company_is_no_person() -> None:
    assert names("Nordlicht Medien GmbH") == []


# --- choose_bylines ----------------------------------------------------------------------------


def _layers(*pairs: tuple[str, str]) -> list[tuple[str, ParsedByline]]:
    return [(layer, parse_byline(raw)) for layer, raw in pairs]


def test_people_come_from_the_best_layer_only() -> None:
    layer, chosen = choose_bylines(
        _layers(("jsonld", "Mara Lindqvist"), ("meta", "Tobias Renner"),
                ("text", "von Ines Okafor"))
    )
    assert layer == "jsonld"
    assert [a.name for a in chosen.authors] == ["Mara Lindqvist"]


def test_layer_without_a_person_is_passed_over() -> None:
    layer, chosen = choose_bylines(_layers(("jsonld", "Editorial Team"), ("text", "By Ines Okafor")))
    assert layer == "text"
    assert [a.name for a in chosen.authors] == ["Ines Okafor"]


def test_agencies_come_from_every_layer() -> None:
    _, chosen = choose_bylines(_layers(("jsonld", "Mara Lindqvist"), ("text", "Quelle: dpa")))
    assert chosen.agencies == ("dpa",)


def test_scattered_bylines_naming_different_people_are_a_list_of_stories() -> None:
    _, chosen = choose_bylines(
        _layers(("text", "Mara Lindqvist"), ("text", "Tobias Renner"), ("text", "Ines Okafor"))
    )
    assert [a.name for a in chosen.authors] == ["Mara Lindqvist"]


def test_two_scattered_bylines_are_co_authors() -> None:
    _, chosen = choose_bylines(_layers(("text", "Mara Lindqvist"), ("text", "Tobias Renner")))
    assert [a.name for a in chosen.authors] == ["Mara Lindqvist", "Tobias Renner"]


def test_no_person_anywhere_gives_the_agency_layer() -> None:
    layer, chosen = choose_bylines(_layers(("meta", "Newsroom"), ("text", "(AFP)")))
    assert (layer, chosen.authors, chosen.agencies) == ("text", (), ("AFP",))


@pytest.mark.parametrize(
    "raw", ["بقلم محمد الكردي", "بقلم: محمد الكردي", "بقلم/ محمد الكردي", "بواسطة محمد الكردي"]
)
def test_arabic_by_word_is_not_part_of_the_name(raw: str) -> None:
    assert names(raw) == ["محمد الكردي"]


# --- credit: a newsroom, desk or publisher, when no person or agency is named -------------------


def credit(raw: str, publisher: tuple[str, ...] = ()) -> str | None:
    return parse_byline(raw, publisher=publisher).credit


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Redaktion", "Redaktion"),
        ("By Harbour Staff", "Harbour Staff"),
        ("Von Redaktion | 3. März 2024", "Redaktion"),
        ("Eastport Post News Desk -", "Eastport Post News Desk"),
        ("par la Rédaction", "la Rédaction"),
    ],
)
def test_newsroom_or_desk_is_the_credit_as_printed_without_by(raw: str, expected: str) -> None:
    parsed = parse_byline(raw)
    assert (parsed.authors, parsed.agencies, parsed.credit) == ((), (), expected)


def test_the_site_name_is_the_credit() -> None:
    assert credit("Eastport Post", publisher=("Eastport Post",)) == "Eastport Post"
    assert credit("eastport.news", publisher=("eastport.news",)) == "eastport.news"


def test_byline_that_is_the_site_name_with_its_address_credits_the_site() -> None:
    parsed = parse_byline("Eastport Post (www.eastport.news)",
                          publisher=("Eastport Post (www.eastport.news)",))
    assert (parsed.authors, parsed.credit) == ((), "Eastport Post")


@pytest.mark.parametrize("raw", ["Eastport Kitchens", "EASTPORT Staff"])
def test_byline_opening_with_the_site_name_credits_the_site(raw: str) -> None:
    parsed = parse_byline(raw, publisher=("eastport",))
    assert (parsed.authors, parsed.credit) == ((), raw)


def test_person_named_like_the_start_of_no_site_stays_a_person() -> None:
    assert names("Eastwood Harper", publisher=("eastport",)) == ["Eastwood Harper"]


@pytest.mark.parametrize("raw", ["By Mara Lindqvist, Staff Writer", "Redaktion (dpa)", "Share"])
def test_no_credit_beside_a_person_or_an_agency_or_for_page_furniture(raw: str) -> None:
    assert credit(raw) is None


def test_long_text_is_no_credit() -> None:
    assert credit("Read the latest news from our newsroom about the harbour bridge") is None


def test_credit_comes_from_the_first_layer_that_gives_one() -> None:
    layer, chosen = choose_bylines(_layers(("jsonld", "Share"), ("meta", "Redaktion"),
                                           ("text", "Newsdesk")))
    assert (layer, chosen.authors, chosen.credit) == ("meta", (), "Redaktion")


def test_an_agency_in_any_layer_leaves_no_credit() -> None:
    layer, chosen = choose_bylines(_layers(("jsonld", "Redaktion"), ("text", "Quelle: dpa")))
    assert (layer, chosen.agencies, chosen.credit) == ("text", ("dpa",), None)


def test_a_person_in_any_layer_leaves_no_credit() -> None:
    layer, chosen = choose_bylines(_layers(("jsonld", "Redaktion"), ("text", "By Ines Okafor")))
    assert (layer, chosen.credit) == ("text", None)


# --- lines found without a label: names only ------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Mara Lindqvist", ["Mara Lindqvist"]),
        ("Mara Lindqvist | 05.03.2024, 14:07 Uhr", ["Mara Lindqvist"]),
        ("Von Mara Lindqvist und Tobias Renner", ["Mara Lindqvist", "Tobias Renner"]),
        ("Mara Lindqvist, dpa", ["Mara Lindqvist"]),
    ],
)
def test_unlabelled_line_of_names_is_a_byline(line: str, expected: list[str]) -> None:
    assert [a.name for a in parse_byline(line, names_only=True).authors] == expected


@pytest.mark.parametrize(
    "line", ["Repairs took eighteen months.", "Aktualisiert | 05.03.2024", "Mara Lindqvist im Hafen"]
)
def test_unlabelled_line_with_other_words_is_no_byline(line: str) -> None:
    assert parse_byline(line, names_only=True) == ParsedByline((), (), None)


@pytest.mark.parametrize(
    ("raw", "agency"),
    [("Nachrichtenagentur Reuters", "Reuters"), ("the news agency AFP", "AFP"),
     ("Agentur dpa", "dpa")],
)
def test_agency_after_words_that_describe_it_is_the_agency(raw: str, agency: str) -> None:
    parsed = parse_byline(raw)
    assert (parsed.authors, parsed.agencies) == ((), (agency,))


def test_writers_label_is_no_part_of_the_credit() -> None:
    assert credit("Autor: Online-Redaktion") == "Online-Redaktion"


def test_german_weekday_abbreviation_goes_with_its_date() -> None:
    parsed = parse_byline("Von Mara Lindqvist, Do 25.04.2024")
    assert (names("Von Mara Lindqvist, Do 25.04.2024"), parsed.date_text) == (
        ["Mara Lindqvist"], "Do 25.04.2024")
