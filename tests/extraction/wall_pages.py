"""Invented pages that stand where an article should be: walls and interstitials in several
languages, and articles that only talk about cookies, logins and subscriptions."""

from __future__ import annotations

import json
from html import escape

SITE = "Kessel Courier"
HEADER = ('<header class="site-header"><a href="/">Kessel Courier</a> <a href="/login">Sign in</a>'
          ' <a href="/subscribe">Subscribe</a></header>')

STORY = [
    "The old harbour bridge in Eastport reopened to traffic on Tuesday morning after eighteen "
    "months of repairs that cost the city far more than its engineers had first estimated.",
    "Mayor Linda Okafor cut a ribbon at the northern end of the span while a brass band played "
    "and several hundred residents walked across the new deck before the first buses arrived.",
    "The repairs replaced corroded steel cables, rebuilt both approach ramps and added a "
    "protected cycle lane that local campaigners had demanded for more than a decade.",
    "Traffic planners expect about twenty thousand vehicles a day to return to the bridge, "
    "easing the congestion that has clogged the ring road since the closure began.",
]
TEASER = STORY[:2]


def page(title: str, body: str, *, lang: str = "en", head: str = "") -> str:
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
            f"<title>{escape(title)}</title>{head}</head><body>{body}</body></html>")


def paragraphs(texts: list[str]) -> str:
    return "".join(f"<p>{escape(t)}</p>" for t in texts)


def jsonld(obj: dict[str, object]) -> str:
    return f'<script type="application/ld+json">{json.dumps(obj)}</script>'


def links(count: int = 6) -> str:
    items = "".join(f'<li><a href="/news/{i}">Council news item {i} about the harbour</a></li>'
                    for i in range(count))
    return f"<ul>{items}</ul>"


# --- soft 404 -------------------------------------------------------------------------------

SOFT_404 = {
    "en": ("Page not found", "Oops! That page can't be found.",
           "Sorry, the page you are looking for does not exist or has been moved."),
    "de": ("Seite nicht gefunden", "Seite nicht gefunden",
           "Die von Ihnen gesuchte Seite existiert leider nicht mehr."),
    "fr": ("Page introuvable", "Erreur 404", "La page que vous recherchez n'existe pas."),
    "ja": ("ページが見つかりません", "ページが見つかりません",
           "お探しのページは削除されたか、URLが変更された可能性があります。"),
    "ar": ("الصفحة غير موجودة", "الصفحة غير موجودة", "عذرا، الصفحة التي تبحث عنها غير متوفرة."),
}


def soft_404(lang: str, *, titled: bool = True) -> str:
    """`titled=False`: the page's title and h1 are only the site's name."""
    title, h1, message = SOFT_404[lang] if titled else (SITE, SITE, SOFT_404[lang][2])
    body = (f"{HEADER}<main><h1>{escape(h1)}</h1><p>{escape(message)}</p>"
            f"<h2>Latest news</h2>{links()}</main>")
    return page(f"{title} | {SITE}", body, lang=lang)


# --- login wall -----------------------------------------------------------------------------

LOGIN = {
    "en": ("Sign in", "Sign in to continue reading", "Email", "Password"),
    "es": ("Iniciar sesión", "Inicia sesión para seguir leyendo", "Correo", "Contraseña"),
    "ru": ("Вход", "Войдите, чтобы продолжить чтение", "Почта", "Пароль"),
}


def login_wall(lang: str, *, worded: bool = True) -> str:
    """`worded=False`: only the form says it, under the site's name."""
    title, prompt, email, password = LOGIN[lang]
    form = (f'<form action="/login" method="post"><label>{email} <input type="email" name="e">'
            f'</label><label>{password} <input type="password" name="p"></label>'
            f"<button>{escape(title)}</button></form>")
    if not worded:
        return page(SITE, f"{HEADER}<main><h1>{SITE}</h1>{form}</main>", lang=lang)
    body = f"{HEADER}<main><h1>{escape(title)}</h1><p>{escape(prompt)}</p>{form}</main>"
    return page(f"{title} | {SITE}", body, lang=lang)


# --- paywall ----------------------------------------------------------------------------------

def _locked_article() -> dict[str, object]:
    return {
        "@context": "https://schema.org", "@type": "NewsArticle",
        "headline": "Harbour bridge reopens after repairs",
        "datePublished": "2024-03-05T09:30:00+01:00",
        "isAccessibleForFree": False,
        "hasPart": {"@type": "WebPageElement", "isAccessibleForFree": False,
                    "cssSelector": ".paywalled-text"},
    }


def paywall_teaser(*, offer: bool = True) -> str:
    """Structured data locks the article; the page holds the first paragraphs and an offer, or
    (`offer=False`) the first paragraphs cut short with an ellipsis."""
    teaser = TEASER if offer else [*TEASER[:1], TEASER[1][:60] + "..."]
    prompt = ('<div class="offer"><p>Subscribe to continue reading.</p>'
              '<a href="/subscribe">See plans</a></div>') if offer else ""
    body = (f"{HEADER}<article><h1>Harbour bridge reopens after repairs</h1>"
            f'<div class="article-body">{paragraphs(teaser)}</div>{prompt}</article>')
    return page(f"Harbour bridge reopens after repairs | {SITE}", body,
                head=jsonld(_locked_article()))


PAYWALL_OFFERS = {
    "de": "Dieser Artikel ist nur für Abonnenten. Jetzt abonnieren und weiterlesen.",
    "it": "Questo articolo è riservato agli abbonati. Abbonati per continuare a leggere.",
    "tr": "Bu içerik abonelere özeldir. Devamını okumak için abone olun.",
}


def paywall_box(lang: str) -> str:
    """No structured data: a teaser and the paywall's box saying what it is."""
    body = (f"<article><h1>Harbour bridge reopens after repairs</h1>"
            f'<div class="article-body">{paragraphs(TEASER)}</div>'
            f'<div class="article__paywall"><p>{escape(PAYWALL_OFFERS[lang])}</p>'
            '<button>Abo</button></div></article>')
    return page(f"Harbour bridge reopens after repairs | {SITE}", body, lang=lang)


def locked_brief() -> str:
    """Structured data locks a short article that is whole on the page (a metered paywall's
    brief), with no hasPart to say where."""
    locked = {k: v for k, v in _locked_article().items() if k != "hasPart"}
    body = (f"<article><h1>Harbour bridge reopens after repairs</h1>"
            f'<div class="article-body">{paragraphs(STORY[:3])}</div></article>')
    return page(f"Harbour bridge reopens after repairs | {SITE}", body, head=jsonld(locked))


def paywalled_full_text() -> str:
    """Structured data locks the article, and the locked part is on the page."""
    body = (f"{HEADER}<article><h1>Harbour bridge reopens after repairs</h1>"
            f'<div class="article-body paywalled-text">{paragraphs(STORY)}</div></article>')
    return page(f"Harbour bridge reopens after repairs | {SITE}", body,
                head=jsonld(_locked_article()))


# --- consent wall ---------------------------------------------------------------------------

CONSENT = {
    "en": ("Before you continue", [
        "We and our partners use cookies to store and/or access information on a device. "
        "We use them for personalised ads and content, ad and content measurement and to "
        "develop our products.",
        "Select Accept all to agree, Reject all to decline, or Manage cookies for more "
        "options. You can withdraw your consent at any time.",
    ], ("Accept all", "Reject all", "Manage cookies")),
    "de": ("Bevor Sie fortfahren", [
        "Wir und unsere Partner verwenden Cookies, um Informationen auf einem Gerät speichern "
        "und/oder abrufen zu können, für personalisierte Anzeigen und Inhalte.",
        "Mit Alle akzeptieren stimmen Sie zu, mit Alle ablehnen lehnen Sie ab. Sie können Ihre "
        "Einwilligung widerrufen.",
    ], ("Alle akzeptieren", "Alle ablehnen", "Einstellungen")),
    "fr": ("Avant de continuer", [
        "Nous et nos partenaires utilisons des cookies pour stocker et/ou accéder à des "
        "informations sur un appareil, pour des publicités et contenu personnalisés.",
        "Cliquez sur Tout accepter ou sur Tout refuser. Vous pouvez retirer votre consentement "
        "à tout moment.",
    ], ("Tout accepter", "Tout refuser", "Paramétrer les cookies")),
}


def consent_wall(lang: str) -> str:
    title, texts, buttons = CONSENT[lang]
    controls = "".join(f"<button>{escape(b)}</button>" for b in buttons)
    body = (f'<div id="consent-wall" class="cmp-container"><h1>{escape(title)}</h1>'
            f"{paragraphs(texts)}{controls}</div>")
    return page(title, body, lang=lang)


# --- bot check ------------------------------------------------------------------------------

BOT = {
    "en": ("Just a moment...", [
        "Checking your browser before accessing news.example.org.",
        "This process is automatic. Your browser will redirect to your requested content "
        "shortly.",
        "DDoS protection by Example Shield.",
    ]),
    "ru": ("Одну минуту...", [
        "Проверка вашего браузера перед переходом на news.example.org.",
        "Это автоматический процесс, он займёт несколько секунд.",
    ]),
}


def bot_check(lang: str, *, titled: bool = True) -> str:
    title, texts = BOT[lang] if titled else ("news.example.org", BOT[lang][1])
    body = (f'<div class="main-wrapper" role="main"><h1>news.example.org</h1>'
            f'<div id="challenge-running">{paragraphs(texts)}</div>'
            '<form id="challenge-form" action="/verify" method="post"></form></div>')
    return page(title, body, lang=lang)


# --- real articles that mention walls ---------------------------------------------------------

COOKIE_BANNER = (
    '<div id="onetrust-consent-sdk" class="cookie-banner"><p>We and our partners use cookies '
    "to store and/or access information on a device.</p><button>Accept all</button>"
    "<button>Reject all</button></div>"
)
LOGIN_DROPDOWN = ('<header><nav><a href="/">Home</a></nav><form class="login"><input type="email">'
                  '<input type="password"><button>Log in</button></form></header>')
COMMENTS = ('<section class="comments"><h2>Comments</h2><p>You must be logged in to post a '
            "comment.</p></section>")
IDLE_PAYWALL = ('<div class="paywall" hidden><p>Subscribe to continue reading.</p></div>')
WALL_WORDS_STORY = [
    "The city council voted on Tuesday to stop the cookies of its own website from following "
    "visitors, after residents complained that they had to accept all tracking to pay a fine.",
    "Councillors also asked the library to let readers subscribe to the local paper for free "
    "and to log in to the archive with their library card instead of a new password.",
    "A spokesman said the page not found errors that visitors met last winter had been fixed "
    "and that the new site would be checked by an outside firm before the summer.",
    "The changes will cost about forty thousand euros and should be finished by June, when the "
    "council's contract with its current web agency runs out and a new one is signed.",
]


def article_with_wall_words() -> str:
    body = (f"{LOGIN_DROPDOWN}{COOKIE_BANNER}<article><h1>Council stops tracking on its site</h1>"
            f'<div class="article-body">{paragraphs(WALL_WORDS_STORY)}</div></article>'
            f"{IDLE_PAYWALL}{COMMENTS}")
    return page(f"Council stops tracking on its site | {SITE}", body)


def short_brief_with_banner() -> str:
    """A real brief of some fifty words on a page with a cookie banner, a login form in the
    header and a comment box."""
    body = (f"{LOGIN_DROPDOWN}{COOKIE_BANNER}<article><h1>Ferry timetable changes</h1>"
            f'<div class="article-body">{paragraphs(STORY[:1] + STORY[3:])}</div></article>'
            f"{COMMENTS}")
    head = jsonld({"@type": "NewsArticle", "headline": "Ferry timetable changes",
                   "isAccessibleForFree": True})
    return page(f"Ferry timetable changes | {SITE}", body, head=head)


def article_titled_not_found() -> str:
    body = (f"<article><h1>Page not found</h1>"
            f'<div class="article-body">{paragraphs(STORY + WALL_WORDS_STORY)}</div></article>')
    return page(f"Page not found | {SITE}", body)
