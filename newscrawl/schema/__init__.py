"""The record's JSON Schema (v1) and the check run before a record is written."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator

SCHEMA_FILE = "article-v1.schema.json"


@cache
def schema() -> dict[str, Any]:
    text = resources.files("newscrawl.schema").joinpath(SCHEMA_FILE).read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(schema())


def schema_errors(record: dict[str, Any]) -> list[str]:
    """Every way `record` breaks the schema, as "field: message"; empty when it is valid."""
    errors = sorted(_validator().iter_errors(record), key=lambda e: list(e.absolute_path))
    return [f"{'.'.join(map(str, e.absolute_path)) or '<record>'}: {e.message}" for e in errors]
