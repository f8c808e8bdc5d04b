"""Where geo results are cached, and writing cache files safely.

Results are keyed by the postcode data's version, so a new data release
invalidates them by itself. The folder is `<hub root>/.hub-cache/geo/`, or
`$HUB_BUILD_CACHE/geo/` when that variable is set (CI can keep one cache
across checkouts).
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

ENV_VAR = "HUB_BUILD_CACHE"


def geo_cache_dir(hub_root: Path) -> Path:
    base = os.environ.get(ENV_VAR)
    root = Path(base) if base else Path(hub_root) / ".hub-cache"
    return root / "geo"


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
