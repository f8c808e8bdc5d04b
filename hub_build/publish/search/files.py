"""Writing the search data and lunr.js into a built site, touching only files that changed.

Why only changed files: `serve` rebuilds on every edit, and an unchanged file keeps its timestamp,
so browsers and caches keep their copy. Files left in search-data/ by an earlier build that this one did not
write (a shard or chunk that no longer exists) are removed: the folder is the search's own.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
from pathlib import Path
from typing import Any

from hub_build.core.hub import Hub
from hub_build.publish.search.table import coordinates, details_chunks, facet_table, ordered_services
from hub_build.publish.search.textindex import TEXT_DIR, text_index_files

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
    services = ordered_services(hub)
    lunr = lunr_js_path().read_bytes()
    files = {f"{DATA_DIR}/table.json": _json(facet_table(hub, services)),
             f"{DATA_DIR}/slugs.json": _json([entry.slug for entry in services]),
             f"{DATA_DIR}/coords.json": _json(coordinates(services)), LUNR_TARGET: lunr}
    files.update({f"{DATA_DIR}/details/{n}.json": _json(chunk) for n, chunk in enumerate(details_chunks(hub, services))})
    files.update({f"{DATA_DIR}/{TEXT_DIR}/{name}": _json(data) for name, data in text_index_files(hub, services, lunr).items()})
    return files


def write_search_data(hub: Hub, site_dir: Path) -> list[str]:
    """Write the search data into the site; returns every path it owns (written or already current)."""
    files = search_files(hub)
    for relative, content in files.items():
        write_if_changed(site_dir / relative, content)
    data = site_dir / DATA_DIR
    for old in [p for p in data.rglob("*") if p.is_file() and p.relative_to(site_dir).as_posix() not in files]:
        old.unlink()
    return list(files)


def gzipped_size(content: bytes) -> int:
    return len(gzip.compress(content, compresslevel=6))
