"""Words as data: one TOML file per kind of vocabulary, grouped by language and commented.

Code reads the words from here and never repeats them. `load(kind)` returns the parsed file
`<kind>.toml` of this folder, read once per process.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any


@cache
def load(kind: str) -> dict[str, Any]:
    """The vocabulary file `newscrawl/vocab/<kind>.toml`, parsed (cached: treat as read-only)."""
    text = resources.files(__name__).joinpath(f"{kind}.toml").read_text("utf-8")
    return tomllib.loads(text)
