"""Fast edits in `hub-build serve`: what changed on disk, and which generated pages that touches.

Renderer-independent: the adapter takes a `Snapshot` after each full build, compares it with a new one when
the watcher fires, reloads only the changed listings, and re-renders only the pages `pages_to_render`
returns. Anything this cannot answer (a page added or removed, a file other than a listing) is a full
rebuild, as before.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from hub_build.render.site import GeneratedPage


@dataclass(frozen=True)
class Changes:
    added: frozenset[str]
    removed: frozenset[str]
    modified: frozenset[str]

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.modified)


@dataclass(frozen=True)
class Snapshot:
    """Size and modification time of every file under the watched paths (symlinks as links, not followed)."""

    stats: dict[str, tuple[int, int]] = field(default_factory=dict)

    @classmethod
    def take(cls, paths: Iterable[Path]) -> "Snapshot":
        stats: dict[str, tuple[int, int]] = {}
        for path in paths:
            if path.is_file():
                info = path.stat()
                stats[str(path)] = (info.st_mtime_ns, info.st_size)
            elif path.is_dir():
                _walk(str(path), stats)
        return cls(stats)

    def changes(self, newer: "Snapshot") -> Changes:
        old, new = self.stats, newer.stats
        return Changes(added=frozenset(new.keys() - old.keys()), removed=frozenset(old.keys() - new.keys()),
                       modified=frozenset(path for path in old.keys() & new.keys() if old[path] != new[path]))


def _walk(folder: str, stats: dict[str, tuple[int, int]]) -> None:
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            _walk(entry.path, stats)
        else:
            info = entry.stat(follow_symlinks=False)
            stats[entry.path] = (info.st_mtime_ns, info.st_size)


def pages_to_render(before: list[GeneratedPage], after: list[GeneratedPage], changed: set[str]) -> list[GeneratedPage] | None:
    """The pages of the new plan to render again after the listings `changed` (slugs) changed, or None when
    the plan's set of pages changed (new or removed pages: a full rebuild). A listing's page when it changed;
    a list page when its list changed (order, members) or it shows a changed listing; every page that is
    not a list (counts, sector entry points, indexes: a few dozen)."""
    old = {page.src_uri: page for page in before}
    if old.keys() != {page.src_uri for page in after}:
        return None
    chosen = []
    same: dict[tuple[int, int], bool] = {}  # the pages of one list share its tuple: compare each list once
    for page in after:
        was = old[page.src_uri]
        if page.shows is None or (page.title, page.description) != (was.title, was.description):
            chosen.append(page)
        elif page.listed is not None and not _same(page.listed, was.listed, same):
            chosen.append(page)
        elif changed.intersection(page.shows):
            chosen.append(page)
    return chosen


def _same(new: tuple[str, ...], old: tuple[str, ...] | None, known: dict[tuple[int, int], bool]) -> bool:
    key = (id(new), id(old))
    if key not in known:
        known[key] = new == old
    return known[key]
