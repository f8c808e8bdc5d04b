"""Reusable real-browser helpers: a local static server and headless Debian Chromium via Playwright.

Import from tests (`from browser import chromium_page, static_server`). Chromium is the system
package at /usr/bin/chromium; Playwright's own browser downloads are never used. When Chromium
is missing the calling test fails under CI (env CI set) and is skipped elsewhere.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
import types
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def chromium_executable() -> str:
    """Path of the system Chromium; fails under CI and skips elsewhere when there is none."""
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path:
        return path
    if os.environ.get("CI"):
        pytest.fail("chromium is not installed (apt-get install chromium); browser tests must run in CI")
    pytest.skip("chromium is not installed")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:
        pass


@contextmanager
def static_server(root: Path) -> Iterator[str]:
    """Serve a folder on 127.0.0.1 at a random port, in a thread; yields the base URL ending in '/'."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@contextmanager
def chromium() -> Iterator[object]:
    """A launched headless system Chromium (playwright's Browser), closed on leaving."""
    executable = chromium_executable()
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def chromium_page() -> Iterator[tuple[object, list[str]]]:
    """(page, requested URLs): a fresh headless page that records every request it makes."""
    with chromium() as browser:
        page = browser.new_page()  # type: ignore[attr-defined]
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        yield page, requests


def foreign_requests(requests: list[str], base_url: str) -> list[str]:
    """Requests that went anywhere but the served site (data: and about: URLs are local)."""
    origin = base_url.rstrip("/")
    return [url for url in requests if not (url.startswith((origin + "/", "data:", "about:", "blob:")))]


@contextmanager
def watched_site(site: Path) -> Iterator[types.SimpleNamespace]:
    """A built site served on 127.0.0.1 and one Chromium page on it that records its requests and every console
    error, warning and uncaught exception (page, requests, base, problems): the browser tests' shared set-up."""
    with static_server(site) as base, chromium_page() as (page, requests):
        problems: list[str] = []
        page.on("console", lambda m: problems.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None)
        page.on("pageerror", lambda e: problems.append(f"pageerror: {e}"))
        yield types.SimpleNamespace(page=page, requests=requests, base=base, problems=problems)
