"""Listing descriptions rendered once and kept between builds, keyed by their text and the code that renders them.

Python-Markdown plus the nh3 sanitiser take 3 to 7 ms per description: the largest single cost of rendering
10,000 listings (bench/README.md). A rebuild changes few descriptions, so the HTML of each is kept in one
JSON file beside the geo cache, named by a version the adapter gives: a hash of the rendering code and the
versions of Markdown and nh3. Any change to them starts a new file; a missing or unreadable file is an
empty cache. Only the descriptions used by this build are written back, so the file never grows stale.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from hub_build.render.sanitise import render_markdown


class MarkdownCache:
    """render_markdown with memory: `render(text)` is render_markdown(text); `save()` keeps what was used."""

    def __init__(self, folder: Path | None = None, version: str = "") -> None:
        self.path = folder / f"markdown-{version}.json" if folder is not None and version else None
        self.known: dict[str, str] = _read(self.path) if self.path else {}
        self.used: dict[str, str] = {}

    def render(self, text: str) -> str:
        if self.path is None:
            return render_markdown(text)
        key = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]
        html = self.used.get(key)
        if html is None:
            html = self.known.get(key)
            if html is None:
                html = render_markdown(text)
            self.used[key] = html
        return html

    def save(self) -> None:
        """Write the descriptions this build used (atomically); the older versions of the file are removed."""
        if self.path is None or self.used == self.known:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=self.path.name, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(self.used, handle, ensure_ascii=False, separators=(",", ":"))
            os.replace(temporary, self.path)
            for old in self.path.parent.glob("markdown-*.json"):
                if old != self.path:
                    old.unlink(missing_ok=True)
        except OSError:
            return  # a cache that cannot be written only costs the next build time
        self.known = self.used
        self.used = {}


def _read(path: Path) -> dict[str, str]:
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in data.items()):
        return {}
    return data
