"""Which icon names the theme (Material for MkDocs) ships: an editor page's `icon` must be one of them.

The theme includes the icon's file by name while rendering, so a name that is not a shipped icon (or that
walks out of the icon folder, `../../etc/passwd`) must be refused before the build, not crash it.
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def _icon_folder() -> Path | None:
    spec = importlib.util.find_spec("material")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "templates" / ".icons"
    return folder if folder.is_dir() else None


def icon_exists(name: str) -> bool:
    """True when `name` (already matched against a strict pattern) is an icon file the theme ships."""
    folder = _icon_folder()
    return folder is not None and (folder / f"{name}.svg").is_file()
