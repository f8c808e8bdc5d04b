"""Files published beside the pages: the theme overrides and the data the browser needs."""

from __future__ import annotations

import shutil
from pathlib import Path

from .geo.browser import write_browser_data
from .hub import Hub

THEME_DIR = Path(__file__).parent / "theme"
ASSETS_DIR = Path(__file__).parent / "assets"
SCRIPTS = ("geo.js",)


def publish_extras(hub: Hub, site_dir: Path) -> list[str]:
    """Write the browser's geo data and scripts into the built site; returns the paths written, relative to it."""
    written = write_browser_data(hub, site_dir)
    target = site_dir / "assets" / "hub"
    target.mkdir(parents=True, exist_ok=True)
    for name in SCRIPTS:
        shutil.copyfile(ASSETS_DIR / name, target / name)
        written.append(f"assets/hub/{name}")
    return written
