"""Where the rendered-description cache (render/markdown_cache.py) lives, and its version: for every adapter.

Never inside the hub's repository: the cache holds HTML that is published as it is, and a contributor can
commit any file to a pull request, so a cache there could publish text no reviewer saw. It goes to
`$HUB_BUILD_CACHE/markdown/` when set (CI keeps it), else to the user's cache folder
(`$XDG_CACHE_HOME/hub-build/markdown/`, by default `~/.cache/hub-build/markdown/`), one file per hub folder.
The version is a hash of the rendering code and the Markdown and nh3 versions, so changed code never reads
an old answer.
"""

from __future__ import annotations

import hashlib
import os
from importlib import metadata
from pathlib import Path

from hub_build.enrich.geo.cache import ENV_VAR, code_version
from hub_build.render.markdown_cache import MarkdownCache


def markdown_cache(hub_root: Path) -> MarkdownCache:
    base = os.environ.get(ENV_VAR)
    if base:
        folder = Path(base) / "markdown"
    else:
        folder = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "hub-build" / "markdown"
    hub = hashlib.sha256(str(Path(hub_root).resolve()).encode("utf-8", "surrogatepass")).hexdigest()[:12]
    code = code_version("hub_build.render.sanitise", "hub_build.render.markdown_cache")
    versions = "-".join(metadata.version(name) for name in ("markdown", "nh3"))
    return MarkdownCache(folder / hub, f"{code}-{hashlib.sha256(versions.encode()).hexdigest()[:8]}")
