"""Where the site may be written, and the staging folders a build leaves beside it.

A build replaces its site folder entirely, so a site folder that is, contains or sits inside
the hub's own sources (the docs folder, the listings, the vocabulary, mkdocs.yml, .git) would
destroy them: `-d content` or `site_dir: ..` must be refused before anything is touched.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from hub_build.core.settings import HubSettings

BUILDING = "-building-"


def hub_sources(root: Path, docs_dir: Path, settings: HubSettings, config_file: Path) -> list[tuple[str, Path]]:
    """(what it is, resolved path) for every source a site folder must keep clear of."""
    sources = [("settings file", config_file), ("docs folder (docs_dir)", docs_dir),
               ("listings folder (directory)", root / settings.directory), ("git repository", root / ".git")]
    if settings.vocabulary:
        sources.append(("vocabulary file", root / settings.vocabulary))
    return [(label, path.resolve()) for label, path in sources]


def site_folder_problem(site: Path, root: Path, docs_dir: Path, settings: HubSettings, config_file: Path) -> str | None:
    """Why the build must not write `site`, or None when it may."""
    site = site.resolve()
    hint = "choose a folder of its own, like site/ beside mkdocs.yml (site_dir in mkdocs.yml, or -d)"
    for label, source in hub_sources(root, docs_dir, settings, config_file):
        if site == source:
            return f"the site folder {site} is the hub's {label}; building there would replace it. {hint.capitalize()}"
        if source.is_relative_to(site):
            return (f"the site folder {site} contains the hub's {label} ({source}); building there would delete it. "
                    f"{hint.capitalize()}")
        if site.is_relative_to(source):
            return (f"the site folder {site} is inside the hub's {label} ({source}); the build would write into the "
                    f"hub's sources. {hint.capitalize()}")
    if site.exists() and not site.is_dir():
        return f"the site folder {site} is a file, not a folder; building there would replace it. {hint.capitalize()}"
    if site.is_dir() and not looks_built(site):
        return (f"the folder {site} holds files and is not a site built before (it has no index.html or 404.html); "
                f"building there would delete them. {hint.capitalize()}, or empty it first")
    return None


def looks_built(folder: Path) -> bool:
    """An empty folder, or one a previous build wrote (every built site has a home page and a 404 page)."""
    try:
        return not any(folder.iterdir()) or (folder / "index.html").is_file() or (folder / "404.html").is_file()
    except OSError:
        return False


def staging_prefix(target: Path) -> str:
    """Names of this site's staging folders start with this; the building process's id follows."""
    return f".{target.name}{BUILDING}"


def old_site(target: Path) -> Path:
    return target.with_name(f".{target.name}-old")


def clean_leftovers(target: Path) -> list[Path]:
    """Remove staging folders of builds that were killed (their process is gone) and a stale old site."""
    removed = []
    prefix = staging_prefix(target)
    candidates = [p for p in target.parent.glob(prefix + "*") if p.is_dir() and not p.is_symlink()]
    for path in candidates:
        pid = path.name[len(prefix):].split("-", 1)[0]
        if pid.isdigit() and _alive(int(pid)):
            continue  # another build is still writing there
        shutil.rmtree(path, ignore_errors=True)
        removed.append(path)
    old = old_site(target)
    if old.is_dir() and not old.is_symlink() and not any(_alive_build(p, prefix) for p in candidates if p.exists()):
        shutil.rmtree(old, ignore_errors=True)
        removed.append(old)
    return removed


def _alive_build(path: Path, prefix: str) -> bool:
    pid = path.name[len(prefix):].split("-", 1)[0]
    return pid.isdigit() and _alive(int(pid))


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True
