"""Geo caches are keyed by the code that makes them, so no test (and no build) reads answers from old code.

Before, the postcode cache and the browser's geo tree were keyed by the data version only: the geo tests
read the shared cache and passed on a developer's machine whatever the code did.
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
from pathlib import Path

import pytest

from hub_build.publish import geodata as browser
from hub_build.enrich.geo import lookup
from hub_build.enrich.geo.cache import code_version


def _is_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False


def _geo_imports(module: str, seen: set[str] | None = None) -> set[str]:
    """The hub_build.enrich.geo modules `module` imports, directly or through each other (read from the source)."""
    seen = set() if seen is None else seen
    source = importlib.import_module(module).__file__
    assert source
    package = module.rpartition(".")[0]
    for node in ast.walk(ast.parse(Path(source).read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            names = [f"{package}.{node.module}"] if node.module else [f"{package}.{a.name}" for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("hub_build.enrich.geo"):
            # `from hub_build.enrich.geo import onsdata` imports the module onsdata, not the package
            names = [f"{node.module}.{a.name}" if _is_module(f"{node.module}.{a.name}") else node.module for a in node.names]
        for name in names:
            if name not in seen:
                seen.add(name)
                _geo_imports(name, seen)
    return seen


@pytest.mark.parametrize("module, covered", [
    ("hub_build.enrich.geo.lookup", lookup.CODE_MODULES),
    ("hub_build.publish.geodata", browser.CODE_MODULES),
])
def test_every_geo_module_a_cache_maker_uses_is_hashed(module, covered):
    assert _geo_imports(module) | {module} <= set(covered)


def test_code_version_follows_every_source_file(tmp_path, monkeypatch):
    package = tmp_path / "fakegeo"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "a.py").write_text("ROUND = 6\n", encoding="utf-8")
    (package / "b.py").write_text("GRID = 'british'\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    first = code_version("fakegeo.a", "fakegeo.b")
    assert first == code_version("fakegeo.b", "fakegeo.a")  # the order the modules are named in does not matter
    (package / "b.py").write_text("GRID = 'irish'\n", encoding="utf-8")
    code_version.cache_clear()  # a build process hashes once; this test changes the code under it
    assert code_version("fakegeo.a", "fakegeo.b") != first
    assert code_version("fakegeo.a", "fakegeo.b", data=browser.CODE_DATA) != code_version("fakegeo.a", "fakegeo.b")


def test_postcode_cache_is_not_read_by_other_code(tmp_path, monkeypatch):
    wanted = ["BS1 4DJ", "EH99 1SP"]
    cold = lookup.PostcodeLookup(tmp_path)
    first = cold.lookup(wanted)
    assert cold.cache_file is not None and cold.cache_file.name.endswith(f"-{lookup.lookup_code_version()}.json")
    same = lookup.PostcodeLookup(tmp_path)
    assert same.lookup(wanted) == first and same.letters_read == []
    monkeypatch.setattr(lookup, "lookup_code_version", lambda: "changedcode0")
    changed = lookup.PostcodeLookup(tmp_path)
    assert changed.lookup(wanted) == first
    assert changed.letters_read == ["B", "E"]  # looked up afresh, not answered by the old code's cache


def test_browser_tree_is_keyed_and_stamped_by_code(tmp_path, monkeypatch):
    calls = []

    def fake_build(target: Path, precision: str = "outward", authorities=None) -> dict:
        calls.append(precision)
        (target / "pc").mkdir(parents=True)
        browser._write(target / browser.STAMP, {"format": browser.FORMAT, "code": browser.browser_code_version()})
        return {}

    monkeypatch.setattr(browser, "build_browser_tree", fake_build)
    first = browser.ensure_browser_tree(tmp_path, "postcode")
    assert browser.browser_code_version() in first.parent.name
    assert browser.ensure_browser_tree(tmp_path, "postcode") == first and calls == ["postcode"]
    monkeypatch.setattr(browser, "browser_code_version", lambda: "changedcode0")
    second = browser.ensure_browser_tree(tmp_path, "postcode")
    assert second != first and calls == ["postcode", "postcode"]
    # a tree whose stamp names other code is stale even at the expected path
    (second / browser.STAMP).write_text('{"format": %d, "code": "older"}' % browser.FORMAT, encoding="utf-8")
    assert browser._stamp(second) is None


def test_a_new_postcode_cache_removes_the_older_versions_and_nothing_else(tmp_path):
    from hub_build.enrich.geo.lookup import PostcodeLookup

    old = tmp_path / "postcodes-0-2020-01-000000000000.json"
    old.write_text("{}", encoding="utf-8")
    other_build = tmp_path / "postcodes-0-2020-01-000000000000.jsonabc.tmp"  # another build writing: left alone
    other_build.write_text("{}", encoding="utf-8")
    unrelated = tmp_path / "browser-1-x-y-outward"
    unrelated.mkdir()
    lookup = PostcodeLookup(tmp_path)
    lookup.lookup(["BS1 4DJ"])
    assert lookup.cache_file is not None and lookup.cache_file.is_file()
    assert not old.exists()
    assert other_build.exists() and unrelated.exists()


def test_pruning_never_fails_a_build(tmp_path):
    from hub_build.enrich.geo.cache import prune_other_versions

    assert prune_other_versions(tmp_path / "missing", "postcodes-", "postcodes-1") == []
    (tmp_path / "postcodes-old").mkdir()
    (tmp_path / "postcodes-old" / "x").write_text("", encoding="utf-8")
    assert prune_other_versions(tmp_path, "postcodes-", "postcodes-1") == ["postcodes-old"]
