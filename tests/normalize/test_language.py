from __future__ import annotations

import pytest

from newscrawl.normalize.language import detect_language, normalize_language

# Invented news sentences, one per language.
SAMPLES = {
    "en": "The city council said on Tuesday that the new bridge would open in the spring, after"
    " two years of delays and a budget that has grown by a third.",
    "de": "Der Stadtrat hat am Dienstag mitgeteilt, dass die neue Brücke im Frühjahr eröffnet"
    " wird, nachdem sich der Bau um zwei Jahre verzögert hat und die Kosten gestiegen sind.",
    "fr": "Le conseil municipal a annoncé mardi que le nouveau pont ouvrira au printemps, après"
    " deux ans de retard et un budget qui a augmenté d'un tiers pour la ville.",
    "es": "El ayuntamiento anunció el martes que el nuevo puente se abrirá en la primavera,"
    " después de dos años de retrasos y un presupuesto que ha crecido en un tercio.",
    "it": "Il consiglio comunale ha annunciato martedì che il nuovo ponte sarà aperto in"
    " primavera, dopo due anni di ritardi e un bilancio che è cresciuto di un terzo.",
    "pt": "A câmara municipal anunciou na terça-feira que a nova ponte será aberta na"
    " primavera, depois de dois anos de atrasos e de um orçamento que cresceu um terço.",
    "nl": "De gemeenteraad heeft dinsdag gezegd dat de nieuwe brug in het voorjaar open gaat,"
    " na twee jaar vertraging en een begroting die met een derde is gegroeid.",
    "sv": "Kommunfullmäktige meddelade på tisdagen att den nya bron ska öppna under våren,"
    " efter två års förseningar och en budget som har vuxit med en tredjedel.",
    "da": "Byrådet meddelte tirsdag, at den nye bro vil åbne til foråret, efter to års"
    " forsinkelser og et budget, som er vokset med en tredjedel, og det blev ikke billigere.",
    "no": "Bystyret sa tirsdag at den nye brua skal åpne til våren, etter to års forsinkelser"
    " og et budsjett som har vokst med en tredjedel, og det ble ikke billigere.",
    "pl": "Rada miasta poinformowała we wtorek, że nowy most zostanie otwarty wiosną, po dwóch"
    " latach opóźnień i przy budżecie, który jest wyższy o jedną trzecią.",
    "tr": "Belediye meclisi salı günü yaptığı açıklamada, yeni köprünün iki yıllık gecikme"
    " ve üçte bir oranında artan bir bütçe ile ilkbaharda açılacağını ve bu yıl daha çok"
    " araç için hizmet vereceğini söyledi.",
    "ru": "Городской совет сообщил во вторник, что новый мост откроется весной, после двух лет"
    " задержек и бюджета, который вырос на треть, и это было уже не в первый раз.",
    "uk": "Міська рада повідомила у вівторок, що новий міст відкриють навесні, після двох"
    " років затримок, і його бюджет вже зріс на третину, але це ще не все.",
    "ar": "أعلن مجلس المدينة يوم الثلاثاء أن الجسر الجديد سيفتتح في الربيع بعد عامين من"
    " التأخير وميزانية زادت بمقدار الثلث.",
    "fa": "شورای شهر روز سه‌شنبه اعلام کرد که پل جدید پس از دو سال تأخیر در بهار گشایش"
    " می‌یابد و بودجه آن یک سوم بیشتر شده است.",
    "ku": "ئەنجومەنی شار ڕۆژی سێشەممە ڕایگەیاند کە پردە نوێیەکە لە بەهار دەکرێتەوە، دوای"
    " دوو ساڵ دواکەوتن.",
    "zh": "市议会周二表示，新桥将在春季开放，此前工程延误了两年，预算增加了三分之一。",
    "ja": "市議会は火曜日、新しい橋が春に開通すると発表した。"
    "工事は二年遅れ、予算は三分の一増えた。",
    "ko": "시의회는 화요일 새 다리가 봄에 개통될 것이라고 밝혔다."
    " 공사는 2년 지연되었고 예산은 3분의 1 늘었다.",
    "el": "Το δημοτικό συμβούλιο ανακοίνωσε την Τρίτη ότι η νέα γέφυρα θα ανοίξει την άνοιξη.",
    "he": "מועצת העיר הודיעה ביום שלישי כי הגשר החדש ייפתח באביב, לאחר עיכוב של שנתיים.",
}


@pytest.mark.parametrize(
    ("hint", "expected"),
    [
        ("en", "en"), ("EN", "en"), (" en-US ", "en"), ("en_GB", "en"), ("de-AT", "de"),
        ("zh-Hant-TW", "zh"), ("pt-BR", "pt"), ("eng", "en"), ("ger", "de"), ("deu", "de"),
        ("fre", "fr"), ("ckb", "ku"), ("ckb-IQ", "ku"), ("English", "en"), ("deutsch", "de"),
        ("Français", "fr"), ("nb", "no"), ("nn-NO", "no"), ("nob", "no"), ("iw", "he"),
        ("en, fr", "en"), ("fi", "fi"),
    ],
)  # fmt: skip
def test_normalize_language_gives_the_two_letter_code(hint: str, expected: str) -> None:
    assert normalize_language(hint) == expected


@pytest.mark.parametrize(
    "hint",
    [None, "", "   ", "x-default", "und", "mul", "zz", "xyz", "klingonese", "e", "12", "en@#"],
)
def test_normalize_language_rejects_what_names_no_language(hint: str | None) -> None:
    assert normalize_language(hint) is None


@pytest.mark.parametrize(("lang", "text"), sorted(SAMPLES.items()))
def test_detect_language_recognizes_each_profiled_language(lang: str, text: str) -> None:
    assert detect_language(text) == lang


@pytest.mark.parametrize(("lang", "text"), sorted(SAMPLES.items()))
def test_matching_hint_is_kept(lang: str, text: str) -> None:
    assert detect_language(text, hint=lang) == lang


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("Breaking news", "de"),
        ("Weather", "fr"),
        ("", "es"),
        ("2020 - 2021", "it"),
        ("Angela Merkel, Emmanuel Macron", "pl"),
    ],
)
def test_hint_wins_when_the_text_says_too_little(text: str, hint: str) -> None:
    assert detect_language(text, hint=hint) == hint


@pytest.mark.parametrize(
    "text", ["", "Breaking news", "12:30", "Angela Merkel, Emmanuel Macron", "!!!"]
)
def test_unclear_text_without_hint_gives_none(text: str) -> None:
    assert detect_language(text) is None


@pytest.mark.parametrize(
    ("text_lang", "hint", "expected"),
    [
        ("de", "en", "de"),  # a template's lang="en" on a German article
        ("en", "fr", "en"),
        ("ar", "en", "ar"),  # another script overrules any hint
        ("ru", "en", "ru"),
        ("en", "ru", "en"),
        ("zh", "en", "zh"),
        ("ja", "zh", "ja"),  # kana rules out Chinese
        ("en", "fi", "en"),  # an unprofiled hint on clear English prose
        ("ru", "uk", "ru"),  # same script, but the function words differ clearly
    ],
)
def test_hint_loses_when_the_text_strongly_contradicts_it(
    text_lang: str, hint: str, expected: str
) -> None:
    assert detect_language(SAMPLES[text_lang], hint=hint) == expected


@pytest.mark.parametrize(
    ("text_lang", "hint"),
    [
        ("da", "no"),  # close neighbours: the page knows better than function words
        ("no", "da"),
        ("ar", "ku"),  # same script: Arabic-script languages are not told apart by force
        ("ar", "fa"),
        ("zh", "ja"),  # Japanese text can be written in Han alone
    ],
)
def test_hint_wins_over_a_close_neighbour(text_lang: str, hint: str) -> None:
    assert detect_language(SAMPLES[text_lang], hint=hint) == hint


def test_invalid_hint_falls_back_to_detection() -> None:
    assert detect_language(SAMPLES["de"], hint="x-default") == "de"


def test_hint_is_normalized_before_it_is_returned() -> None:
    assert detect_language(SAMPLES["pt"], hint="pt_BR") == "pt"


def test_long_text_is_detected() -> None:
    assert detect_language(" ".join([SAMPLES["es"]] * 500)) == "es"


def test_language_names_as_short_as_a_code_are_read_as_names() -> None:
    assert (normalize_language("中文"), normalize_language("日本語")) == ("zh", "ja")
    assert normalize_language("한국어") == "ko"
