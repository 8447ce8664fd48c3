"""Every third-party package newscrawl imports is declared in pyproject.toml, so a plain
`pip install newscrawl` gives a working program (CI also installs it that way: .ci/run)."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# Needed at run time without an import of ours: jusText (through trafilatura) imports
# lxml.html.clean, which lives in lxml_html_clean since lxml 5.2.
RUNTIME_ONLY = {"lxml-html-clean"}


def normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def declared() -> set[str]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]
    return {normalized(re.split(r"[\s<>=!~;\[]", spec, maxsplit=1)[0])
            for spec in project["dependencies"]}  # fmt: skip


def imported_modules() -> set[str]:
    """Top-level modules imported anywhere in the package, besides the standard library."""
    modules = set()
    for path in (REPO / "newscrawl").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                modules.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules.add(node.module.split(".")[0])
    return modules - set(sys.stdlib_module_names) - {"newscrawl"}


def test_every_imported_package_is_declared() -> None:
    distributions = packages_distributions()
    needed = {normalized(dist) for module in imported_modules()
              for dist in distributions.get(module, [module])}  # fmt: skip
    assert needed - declared() == set()


def test_packages_needed_without_an_import_are_declared() -> None:
    assert RUNTIME_ONLY - declared() == set()
