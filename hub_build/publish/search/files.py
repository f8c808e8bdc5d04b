"""Writing the search page's data and lunr.js into a built site, touching only files that changed.

Why only changed files: `serve` rebuilds on every edit, and an unchanged file keeps its timestamp,
so browsers and caches keep their copy.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

from hub_build.core.hub import Hub
from hub_build.publish.search.index import index_data
from hub_build.publish.search.table import ordered_services, result_table

DATA_DIR = "search-data"
LUNR_TARGET = "assets/hub/lunr.js"


def lunr_js_path() -> Path:
    """lunr.js as shipped inside the installed mkdocs package: no CDN, and no copy of our own to keep current."""
    spec = importlib.util.find_spec("mkdocs")  # finds the package without importing it
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("the mkdocs package is not installed, and the search page needs its lunr.js")
    path = Path(next(iter(spec.submodule_search_locations))) / "contrib" / "search" / "templates" / "search" / "lunr.js"
    if not path.is_file():
        raise FileNotFoundError(f"lunr.js is not where mkdocs keeps it: {path}")
    return path


def _json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def write_if_changed(path: Path, content: bytes) -> bool:
    if path.is_file() and path.read_bytes() == content:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return True


def search_files(hub: Hub) -> dict[str, bytes]:
    """Site-relative path -> content, for everything the search page loads."""
    table = result_table(hub)
    return {
        f"{DATA_DIR}/results.json": _json(table),
        f"{DATA_DIR}/index.json": _json(index_data(hub, ordered_services(hub))),
        LUNR_TARGET: lunr_js_path().read_bytes(),
    }


def write_search_data(hub: Hub, site_dir: Path) -> list[str]:
    """Write the search data into the site; returns every path it owns (written or already current)."""
    files = search_files(hub)
    for relative, content in files.items():
        write_if_changed(site_dir / relative, content)
    return list(files)
