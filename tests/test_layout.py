"""The architecture as the README states it: ``bot → index``, ``bot → prompts``, never back.

Checked on the source (every import statement, including ones inside functions), so a lazy
import that breaks the direction fails here and not in a reviewer's head.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.paths import REPO

PACKAGES = ("bot", "index", "prompts")
FORBIDDEN = {"index": {"bot", "prompts"}, "prompts": {"bot", "index"}, "bot": set()}


def imported_packages(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize("package", PACKAGES)
def test_imports_point_one_way(package: str) -> None:
    offenders = {
        str(path.relative_to(REPO)): sorted(imported_packages(path) & FORBIDDEN[package])
        for path in sorted((REPO / package).rglob("*.py"))
        if imported_packages(path) & FORBIDDEN[package]
    }
    assert not offenders, f"{package} must not import {sorted(FORBIDDEN[package])}: {offenders}"


def test_the_checker_sees_lazy_imports(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from bot.cli import app\n    import prompts.mrkdwn\n")
    assert imported_packages(module) == {"bot", "prompts"}


def test_top_level_is_as_specified() -> None:
    for name in ("pyproject.toml", "bot", "index", "prompts", "tests", "deploy"):
        assert (REPO / name).exists(), name
    for package in PACKAGES:
        assert (REPO / package / "__init__.py").is_file(), package
    assert not (REPO / "minutes_bot").exists()
