"""Helpers that make real hub folders and build them with the real tools."""

from __future__ import annotations

import atexit
import copy
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
TODAY_EPOCH = "1795392000"  # 2026-11-23, so review dates in fixtures never go stale


def subprocess_env() -> dict[str, str]:
    """The environment of the tools tests run. Without mutmut's MUTANT_UNDER_TEST: mutmut 3 cannot follow a
    mutant into another process (its trampolines look for their config in the current folder, a test hub
    here), so a tool run by a test always runs the original code rather than failing, which would count
    every mutant as killed. Only in-process tests kill mutants (bench/mutation.md)."""
    env = {key: value for key, value in os.environ.items() if key != "MUTANT_UNDER_TEST"}
    return {**env, "SOURCE_DATE_EPOCH": TODAY_EPOCH, "NO_MKDOCS_2_WARNING": "1", "XDG_CACHE_HOME": _USER_CACHE}


# The rendered-description cache (hub_build/adapters/markdown_cache.py) of the tools tests run: fresh per
# session, so no test reads a developer's cache, and the many test hubs leave nothing in ~/.cache.
_USER_CACHE = tempfile.mkdtemp(prefix="hub-test-cache-")
atexit.register(shutil.rmtree, _USER_CACHE, True)


ENV = subprocess_env()

GOOD_LISTING: dict[str, Any] = {
    "name": "Bristol Family Links",
    "organisation": {"name": "Severn Families Trust", "website": "https://severn.example.org", "charity_number": "1190001"},
    "summary": "One-to-one support for children and carers in Bristol when a parent is in prison.",
    "description": "Family workers meet children at home or at school.\n\n- first visits\n- **talking** to children",
    "service_types": ["family-support", "visits-support"],
    "audiences": ["children-and-young-people", "parents-and-carers"],
    "age_range": {"min": 4, "max": 18},
    "sectors": ["schools"],
    "topics": ["visiting-prison"],
    "access": {"referral": "self-or-professional", "how_to_refer": "Call us or ask a professional to refer."},
    "cost": {"type": "free"},
    "formats": ["in-person", "phone"],
    "locations": [{"name": "Family Links office", "address": "12 Example Street, Bristol", "postcode": "BS1 4DJ",
                   "accessibility": "Step-free access."}],
    "coverage": {"local_authorities": ["Bristol, City of"]},
    "contact": {"phone": "0117 496 0123", "email": "links@example.org", "website": "https://severn.example.org/links"},
    "opening_hours": "Monday to Friday, 9am to 5pm",
    "languages": ["English", "Polish"],
    "last_reviewed": "2026-09-14",
    "review_owner": "Directory team",
}

GOOD_RESOURCE: dict[str, Any] = {
    "title": "Talking to children about a parent in prison",
    "summary": "A short guide for carers on honest, age-appropriate conversations.",
    "type": "guide",
    "audiences": ["parents-and-carers"],
    "sectors": ["schools"],
    "topics": ["telling-children"],
    "publisher": "Example Families Network",
    "date": "2025-03-01",
    "link": "https://families.example.org/guide",
    "last_reviewed": "2026-10-01",
}

MKDOCS_YML = """\
site_name: Test hub
docs_dir: content
theme:
  name: material
  font: false
nav:
  - Home: index.md
  - Find services: services/index.md
  - Resources: resources/index.md
not_in_nav: |
  /resources/
plugins:
  - search
  - hub:
      edit_url: https://github.com/example/hub/edit/main/{path}
{extra}
"""


def listing(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(GOOD_LISTING)
    data.update(changes)
    return data


def dump(data: Any) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10**6)


def write_files(root: Path, files: dict[str, Any]) -> Path:
    """Write `files` below `root`: text or bytes as files, ("symlink", target) as a symbolic link, ("fifo",)
    as a named pipe; folders are made as needed. Returns `root`."""
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, tuple) and content[0] == "symlink":
            os.symlink(content[1], path)
        elif isinstance(content, tuple) and content[0] == "fifo":
            os.mkfifo(path)
        else:
            path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return root


def make_hub(root: Path, listings: dict[str, Any] | None = None, resources: dict[str, Any] | None = None,
             plugin_options: str = "", home: str = "# Home\n\n<!-- hub:counts -->\n") -> Path:
    """A hub folder: listings are YAML text or dicts by file name; resources are (front matter, body) or dicts."""
    (root / "directory").mkdir(parents=True, exist_ok=True)
    (root / "content" / "resources").mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(MKDOCS_YML.replace("{extra}", plugin_options), encoding="utf-8")
    (root / "content" / "index.md").write_text(home, encoding="utf-8")
    for name, data in (listings if listings is not None else {"bristol-family-links.yaml": GOOD_LISTING}).items():
        path = root / "directory" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else (data if isinstance(data, str) else dump(data)).encode())
    for name, item in (resources or {}).items():
        front, body = item if isinstance(item, tuple) else (item, "Some text.")
        text = front if isinstance(front, str) else dump(front)
        (root / "content" / "resources" / name).write_text(f"---\n{text}---\n{body}\n", encoding="utf-8")
    return root


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], cwd=cwd, env=subprocess_env(), capture_output=True, text=True, timeout=600, check=False)


def hub_build(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return run("-m", "hub_build.commands.cli", *args, cwd=cwd)


def mkdocs_build(root: Path, *extra: str) -> subprocess.CompletedProcess:
    return run("-m", "mkdocs", "build", "--strict", "-f", str(root / "mkdocs.yml"), *extra, cwd=root)


def built_sample_hub(root: Path) -> Any:
    """The bundled sample hub copied to `root` (mkdocs.yml, content, directory), built with --strict, and loaded.

    One way for the browser test modules to get a real sample site of their own: (root, site, hub).
    """
    import shutil
    import types

    from hub_build.pipeline import load_hub
    from hub_build.core.settings import HubSettings, hub_options, read_mkdocs_config

    for part in ("mkdocs.yml", "content", "directory"):
        source = REPO / part
        (shutil.copytree if source.is_dir() else shutil.copyfile)(source, root / part)  # type: ignore[operator]
    result = mkdocs_build(root, "-d", str(root / "site"))
    assert result.returncode == 0, result.stderr[-3000:]
    settings = HubSettings.model_validate(hub_options(read_mkdocs_config(root / "mkdocs.yml")))
    return types.SimpleNamespace(root=root, site=root / "site", hub=load_hub(root, settings, docs_dir=root / "content"))
