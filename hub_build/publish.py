"""Files published beside the pages: the theme overrides and the data the browser needs."""

from __future__ import annotations

from pathlib import Path

from .hub import Hub

THEME_DIR = Path(__file__).parent / "theme"


def publish_extras(hub: Hub, site_dir: Path) -> list[str]:
    """Write the browser data for the built site; returns the paths written, relative to it."""
    return []
