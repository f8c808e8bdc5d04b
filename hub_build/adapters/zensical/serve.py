"""`hub-build serve --renderer zensical`: build with Zensical, serve the site, rebuild when a source changes.

Zensical's own server rebuilds only what it renders; the hub's pages and outputs come from the hub, so this
loop watches the hub's sources instead (the content folder, the listings, the vocabulary, mkdocs.yml), builds
a new site beside the served one and swaps it in when the build has succeeded: a failed build leaves the last
good site served and says why. Pages do not reload themselves: reload the page in the browser.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit

from hub_build.adapters.zensical import stage
from hub_build.core.settings import HubSettings, hub_options

log = logging.getLogger("hub_build.zensical")
POLL_SECONDS = 1.0


def watched(config_file: Path) -> list[Path]:
    """The hub's sources: mkdocs.yml, the content folder, the listings folder and the vocabulary file."""
    config = stage.read_config(config_file)
    root = config_file.resolve().parent
    try:
        settings = HubSettings.model_validate(hub_options(config))
    except ValueError:
        settings = HubSettings()  # the build says what is wrong with the options
    paths = [config_file.resolve(), root / str(config.get("docs_dir") or "docs"), root / settings.directory]
    if settings.vocabulary:
        paths.append(root / settings.vocabulary)
    return paths


def snapshot(paths: list[Path]) -> frozenset[tuple[str, int, int]]:
    """(path, modification time, size) of every file below `paths`: any edit, addition or removal changes it."""
    seen = set()
    for path in paths:
        if path.is_file():
            status = path.stat()
            seen.add((str(path), status.st_mtime_ns, status.st_size))
            continue
        for folder, _dirs, files in os.walk(path):
            for name in files:
                try:
                    status = os.stat(os.path.join(folder, name))
                except OSError:
                    continue  # removed while we looked: the next look sees it gone
                seen.add((os.path.join(folder, name), status.st_mtime_ns, status.st_size))
    return frozenset(seen)


class _Site:
    """The folder being served; swapped whole after each good build."""

    def __init__(self) -> None:
        self.folder: Path | None = None


def _handler(site: _Site, prefix: str) -> type[SimpleHTTPRequestHandler]:
    class Handler(SimpleHTTPRequestHandler):
        def send_head(self):
            if site.folder is None:
                self.send_error(503, "The hub has not been built: see the errors where hub-build serve runs")
                return None
            return super().send_head()

        def translate_path(self, path: str) -> str:
            folder = site.folder or Path(os.devnull)
            path = urlsplit(path).path
            if prefix != "/" and path.startswith(prefix):
                path = "/" + path[len(prefix):]
            self.directory = str(folder)
            return super().translate_path(path)

        def log_message(self, format: str, *args: object) -> None:
            log.debug(format, *args)

    return Handler


def serve(config_file: Path, dev_addr: str, build: Callable[[Path], int], *, site_url: str = "") -> None:
    """Serve until interrupted; `build(folder)` builds the site into an empty folder or raises."""
    host, _, port = dev_addr.rpartition(":")
    work = Path(tempfile.mkdtemp(prefix="hub-build-serve-"))
    site = _Site()
    sources = watched(config_file)
    prefix = urlsplit(site_url or str(stage.read_config(config_file).get("site_url") or "")).path or "/"
    server = None
    try:
        state, generation = snapshot(sources), 0
        while True:
            generation += 1
            folder = work / f"site-{generation}"
            started = time.monotonic()
            try:
                build(folder)
            except Exception as error:  # any failure: keep serving the last good site, and say why
                log.error("%s", error)
                shutil.rmtree(folder, ignore_errors=True)
            else:
                old, site.folder = site.folder, folder
                if old is not None:
                    shutil.rmtree(old, ignore_errors=True)
                log.info("built the site in %.1f s", time.monotonic() - started)
            if server is None:
                server = ThreadingHTTPServer((host.strip("[]") or "127.0.0.1", int(port)), _handler(site, prefix))
                threading.Thread(target=server.serve_forever, daemon=True).start()
            while True:
                time.sleep(POLL_SECONDS)
                now = snapshot(sources)
                if now != state:
                    state = now
                    break
    finally:
        if server is not None:
            server.shutdown()
            server.server_close()
        shutil.rmtree(work, ignore_errors=True)
