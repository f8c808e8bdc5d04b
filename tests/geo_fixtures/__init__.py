"""Shared helpers for the geo tests: known places, a shared data cache, tiny hubs on disk."""

from __future__ import annotations

import math
import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SAMPLE_LISTING = REPO / "directory" / "bristol-family-links.yaml"


def shared_cache_root() -> Path:
    """A cache kept between test runs (git-ignored), so the all-UK browser tree is built once per data version
    and version of the code that makes it."""
    return Path(os.environ.get("HUB_BUILD_CACHE") or REPO / ".hub-cache")


def metres(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    r = 6371008.8
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(h))


def make_hub(root: Path, listings: dict[str, str]) -> Path:
    """A hub folder with mkdocs.yml, content/ and the given listings (file name -> YAML text)."""
    (root / "directory").mkdir(parents=True, exist_ok=True)
    (root / "content").mkdir(exist_ok=True)
    (root / "content" / "index.md").write_text("# Test hub\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text("site_name: Test hub\ndocs_dir: content\nplugins: [hub]\n", encoding="utf-8")
    for name, text in listings.items():
        (root / "directory" / name).write_text(text, encoding="utf-8")
    return root


def line_of(text: str, needle: str) -> int:
    """1-based line of the first line containing needle."""
    for number, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in the listing")
