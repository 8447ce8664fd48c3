"""Reasons a page gave no record that a run remembers, as data the store and the verdict share.

`NOT_ARTICLE` holds the reasons that say the page itself is no article; the run remembers those
pages in its store and does not fetch them again every run. Every other reason is transient (a
timeout, a 5xx, a page too complex to read) and is tried again next run.
"""

from __future__ import annotations

# Pages that are no article: remembered in the store (with when) and not fetched again until
# their listing date moves or NEWSCRAWL_REVISIT_AFTER passes. The wall and soft-404 reasons
# come from the page checks of extraction; `binary` is a document that is no text (a PDF).
NOT_ARTICLE: frozenset[str] = frozenset(
    {"not_article", "login_wall", "paywall", "consent_wall", "soft_404", "bot_check", "binary"}
)
# Of those, the walls hide an article rather than being none: a bot check lifts, a consent or
# login wall may not be shown next time, a paywall may open. They are fetched again after
# NEWSCRAWL_WALL_RECHECK_AFTER, and a run that met nothing but walls fails (it was blocked).
WALLS: frozenset[str] = frozenset({"login_wall", "paywall", "consent_wall", "bot_check"})
