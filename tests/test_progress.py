"""The progress bar: drawn on a terminal only, erased at the end (used by extract and eval)."""

from __future__ import annotations

import io

import pytest

from newscrawl.progress import Progress, track


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_bar_is_drawn_on_a_terminal() -> None:
    screen = Terminal()
    assert list(track(range(4), "pages", stream=screen)) == [0, 1, 2, 3]
    assert "pages [" in screen.getvalue() and "4/4 100%" in screen.getvalue()


def test_bar_is_erased_when_done() -> None:
    screen = Terminal()
    list(track(range(3), "pages", stream=screen))
    assert screen.getvalue().endswith("\r\x1b[K")


def test_nothing_is_written_when_not_a_terminal() -> None:
    log = io.StringIO()
    assert list(track(range(3), "pages", stream=log)) == [0, 1, 2]
    assert log.getvalue() == ""


def test_nothing_is_written_on_a_dumb_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "dumb")
    screen = Terminal()
    list(track(range(3), "pages", stream=screen))
    assert screen.getvalue() == ""


def test_bar_without_a_total_counts() -> None:
    progress = Progress("pages", None, Terminal())
    progress.advance(5)
    assert progress.line() == "pages: 5"


def test_bar_shows_the_share_done() -> None:
    progress = Progress("pages", 4, Terminal())
    progress.advance(1)
    assert progress.line() == "pages [" + "#" * 8 + "." * 22 + "] 1/4  25%"
