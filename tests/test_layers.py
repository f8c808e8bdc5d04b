"""The package's layering, read from the imports: a newcomer can trust the folder names.

Stages, lowest first: model/ (item models and field types), core/ (the Hub, settings, vocabulary,
addresses), load/, enrich/, then render/ and publish/ side by side, then adapters/ (one folder per
renderer) and commands/. A stage imports only from itself and the stages below it; publishing never
imports rendering; only adapters/ import a renderer. Imports under `if TYPE_CHECKING:` are for type
hints only and are not counted.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "hub_build"
RENDERERS = {"mkdocs", "material", "properdocs", "zensical"}
# Stage -> the stages (of hub_build) it may import. The top-level modules (pipeline.py) may import any stage.
ALLOWED: dict[str, set[str]] = {
    "model": {"model"},
    "core": {"core", "model"},
    "load": {"load", "core", "model"},
    "enrich": {"enrich", "core", "model"},
    "render": {"render", "publish", "core", "model"},  # the suggest form shows the published JSON Schema
    "publish": {"publish", "enrich", "oruk", "core", "model"},  # browser geo data comes from enrich/geo
    "oruk": {"oruk", "core", "load", "model", "commands"},  # the standard both ways: export, and import as a command
    "adapters": {"adapters", "render", "publish", "load", "enrich", "core", "model", "pipeline"},
    "commands": {"commands", "adapters", "render", "publish", "load", "enrich", "oruk", "core", "model", "pipeline"},
}


def _runtime_imports(tree: ast.AST) -> list[str]:
    """Imported module names, skipping `if TYPE_CHECKING:` blocks."""
    found: list[str] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                raise AssertionError("relative import: hub_build uses absolute imports")
            found.append(node.module or "")
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_every_module_sits_in_a_known_stage():
    stray = [p.relative_to(PACKAGE).as_posix() for p in _modules()
             if len(p.relative_to(PACKAGE).parts) > 1 and p.relative_to(PACKAGE).parts[0] not in ALLOWED]
    assert stray == []


@pytest.mark.parametrize("path", _modules(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_a_module_imports_only_its_own_and_lower_stages(path: Path):
    parts = path.relative_to(PACKAGE).parts
    stage = parts[0] if len(parts) > 1 else None
    for name in _runtime_imports(ast.parse(path.read_text(encoding="utf-8"))):
        top = name.split(".")[0]
        if top in RENDERERS:
            assert stage == "adapters", f"{name} is a renderer: only hub_build/adapters/ may import it"
        if top == "hub_build" and stage is not None and name.count("."):
            other = name.split(".")[1]
            assert other in ALLOWED[stage], f"{stage}/ may not import {name}"
