"""Where geo results are cached, and writing cache files safely.

Results are keyed by the postcode data's version and by a hash of the code that
makes them (`code_version`), so a new data release or a change to the code
invalidates them by itself: a cache never answers for code that no longer
exists, on a developer's machine or in the tests. The folder is `<hub root>/.hub-cache/geo/`, or
`$HUB_BUILD_CACHE/geo/` when that variable is set (CI can keep one cache
across checkouts).
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
import tempfile
import importlib
from importlib import resources
from pathlib import Path
from typing import Any

ENV_VAR = "HUB_BUILD_CACHE"


def geo_cache_dir(hub_root: Path) -> Path:
    base = os.environ.get(ENV_VAR)
    root = Path(base) if base else Path(hub_root) / ".hub-cache"
    return root / "geo"


@functools.lru_cache(maxsize=None)
def code_version(*modules: str, data: tuple[str, ...] = ()) -> str:
    """12 hex digits of a hash over the source files of `modules` (dotted names) and the package data
    files `data` (paths inside hub_build): every module whose code shapes a cached result, and what it reads."""
    digest = hashlib.sha256()
    for name in sorted(modules):
        source = importlib.import_module(name).__file__
        if not source:
            raise ValueError(f"{name} has no source file to hash")
        digest.update(name.encode() + b"\0" + Path(source).read_bytes() + b"\0")
    for name in sorted(data):
        digest.update(name.encode() + b"\0" + resources.files("hub_build").joinpath(name).read_bytes() + b"\0")
    return digest.hexdigest()[:12]


def prune_other_versions(folder: Path, family: str, current: str) -> list[str]:
    """Remove the entries of `folder` named `family`... that are not `current`...: the caches of older data or
    code. Keyed by a hash of the code, a cache would otherwise gain one entry per code change and never lose
    one. Another build's half-written entry (`.building`, `.tmp`) is left alone. Returns the names removed."""
    removed: list[str] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return removed
    for entry in entries:
        name = entry.name
        if not name.startswith(family) or name.startswith(current) or name.endswith((".building", ".tmp")):
            continue
        try:
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
            removed.append(name)
        except OSError:
            continue  # in use or gone already: pruning is housekeeping, never a reason to fail a build
    return removed


def safe_name(text: str) -> str:
    return "".join(ch if ch.isalnum() or ch in ".-_" else "_" for ch in text)


def read_json(path: Path) -> Any:
    """The cached document, or None when it is missing or unreadable (a cache is never trusted to exist)."""
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, ValueError):
        return None


def write_json(path: Path, data: Any) -> None:
    """Write atomically, so a build stopped half-way or a parallel build never leaves a torn file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, separators=(",", ":"), ensure_ascii=False)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
