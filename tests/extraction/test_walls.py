"""Pages that answer 200 with no article are rejected with their own reason; articles that
only mention cookies, logins or subscriptions are not."""

from __future__ import annotations

import pytest

from newscrawl.extraction import ExtractionError, extract
from newscrawl.offline import record_for_file
from tests.extraction import wall_pages as walls
from tests.extraction.pages import GENERIC, URL


def reason_of(html: str) -> str:
    with pytest.raises(ExtractionError) as err:
        extract(html, URL, GENERIC)
    return err.value.reason


@pytest.mark.parametrize("lang", sorted(walls.SOFT_404))
def test_page_not_found_with_status_200_is_a_soft_404(lang: str) -> None:
    assert reason_of(walls.soft_404(lang)) == "soft_404"


@pytest.mark.parametrize("lang", sorted(walls.SOFT_404))
def test_not_found_message_under_the_site_name_is_a_soft_404(lang: str) -> None:
    assert reason_of(walls.soft_404(lang, titled=False)) == "soft_404"


@pytest.mark.parametrize("lang", sorted(walls.LOGIN))
def test_sign_in_form_instead_of_the_text_is_a_login_wall(lang: str) -> None:
    assert reason_of(walls.login_wall(lang)) == "login_wall"


def test_password_form_alone_in_place_of_the_text_is_a_login_wall() -> None:
    assert reason_of(walls.login_wall("en", worded=False)) == "login_wall"


@pytest.mark.parametrize("offer", [True, False])
def test_teaser_of_an_article_structured_data_locks_is_a_paywall(offer: bool) -> None:
    assert reason_of(walls.paywall_teaser(offer=offer)) == "paywall"


def test_short_locked_article_that_is_whole_is_kept_and_marked_paywalled() -> None:
    draft = extract(walls.locked_brief(), URL, GENERIC)
    assert draft.body == walls.STORY[:3]
    assert draft.paywalled is True


@pytest.mark.parametrize("lang", sorted(walls.PAYWALL_OFFERS))
def test_teaser_above_a_paywall_box_is_a_paywall(lang: str) -> None:
    assert reason_of(walls.paywall_box(lang)) == "paywall"


@pytest.mark.parametrize("lang", sorted(walls.CONSENT))
def test_cookie_consent_page_is_a_consent_wall(lang: str) -> None:
    assert reason_of(walls.consent_wall(lang)) == "consent_wall"


@pytest.mark.parametrize("lang", sorted(walls.BOT))
@pytest.mark.parametrize("titled", [True, False])
def test_checking_your_browser_page_is_a_bot_check(lang: str, titled: bool) -> None:
    assert reason_of(walls.bot_check(lang, titled=titled)) == "bot_check"


def test_locked_article_with_its_full_text_is_kept_and_marked_paywalled() -> None:
    draft = extract(walls.paywalled_full_text(), URL, GENERIC)
    assert draft.body == walls.STORY
    assert draft.paywalled is True
    assert draft.to_record()["paywalled"] is True


def test_article_that_talks_about_cookies_logins_and_subscriptions_is_kept() -> None:
    draft = extract(walls.article_with_wall_words(), URL, GENERIC)
    assert draft.body == walls.WALL_WORDS_STORY
    assert draft.paywalled is False


def test_short_brief_on_a_page_with_a_cookie_banner_and_login_form_is_kept() -> None:
    draft = extract(walls.short_brief_with_banner(), URL, GENERIC)
    assert draft.body == walls.STORY[:1] + walls.STORY[3:]
    assert draft.paywalled is False


def test_article_headlined_page_not_found_is_kept() -> None:
    draft = extract(walls.article_titled_not_found(), URL, GENERIC)
    assert draft.title == "Page not found"
    assert draft.body[0] == walls.STORY[0]


def test_offline_extraction_gives_the_wall_reason(tmp_path) -> None:  # type: ignore[no-untyped-def]
    page = tmp_path / "page.html"
    page.write_text(walls.soft_404("en"), "utf-8")
    result = record_for_file(page, URL)
    assert result["error"].startswith("soft_404: ")


def test_locked_content_tier_marks_a_full_article_paywalled() -> None:
    html = walls.page(
        "Council stops tracking on its site",
        '<article><h1>Council stops tracking on its site</h1><div class="article-body">'
        f"{walls.paragraphs(walls.STORY + walls.WALL_WORDS_STORY)}</div></article>",
        head='<meta property="article:content_tier" content="locked">',
    )
    assert extract(html, URL, GENERIC).paywalled is True


def test_free_article_is_not_paywalled() -> None:
    assert extract(walls.short_brief_with_banner(), URL, GENERIC).to_record()["paywalled"] is False
