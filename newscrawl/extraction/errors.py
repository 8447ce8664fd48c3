"""The one error extraction raises: a page that cannot become an article, with a reason code."""

from __future__ import annotations

from typing import Literal

Reason = Literal[
    "empty", "binary", "undecodable", "too_large", "too_complex", "not_article",
    # No article in the HTML, but the page's scripts would build one (see shell.py).
    "script_shell",
    # Pages that stand where an article should be (see walls.py).
    "login_wall", "paywall", "consent_wall", "soft_404", "bot_check",
]


class ExtractionError(Exception):
    """Raised for input that is not an article; `reason` is a short code for counting drops."""

    def __init__(self, reason: Reason, message: str) -> None:
        super().__init__(f"{reason}: {message}")
        self.reason: Reason = reason
