"""`hub-build serve` serves the hub and rebuilds when a listing changes."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from hubs import ENV, dump, listing, make_hub


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback only
        return response.read().decode("utf-8")


def wait_for(url: str, text: str, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    last = ""
    while time.monotonic() < deadline:
        try:
            last = fetch(url)
            if text in last:
                return last
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{text!r} did not appear at {url} within {seconds} s")


@contextmanager
def serving(root: Path, log_path: Path) -> Iterator[str]:
    """`hub-build serve -v` on a free loopback port in `root`, its output in `log_path`; yields the base URL."""
    port = free_port()
    with open(log_path, "w") as log:
        server = subprocess.Popen([sys.executable, "-m", "hub_build.commands.cli", "serve", "-v", "-a", f"127.0.0.1:{port}"],
                                  cwd=root, env=ENV, stdout=log, stderr=subprocess.STDOUT)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_serve_rebuilds_when_a_listing_changes(tmp_path):
    root = make_hub(tmp_path / "hub")
    with serving(root, tmp_path / "serve.log") as base:
        page = base + "services/bristol-family-links/"
        wait_for(page, "Bristol Family Links")
        (root / "directory" / "bristol-family-links.yaml").write_text(dump(listing(name="Renamed Family Links")))
        wait_for(page, "Renamed Family Links")
        (root / "directory" / "new-service.yaml").write_text(dump(listing(name="A Brand New Service")))
        wait_for(base + "services/new-service/", "A Brand New Service")


LIVERELOAD = re.compile(r"<script>\s*var livereload = .*?</script>", re.S)  # what MkDocs adds to served pages


def test_a_changed_listing_is_rendered_alone_and_the_pages_match_a_full_build(tmp_path):
    """Fast edits: a modified listing re-renders only what it touches, and every page served afterwards is
    the page a full build of the changed hub makes (the served site must not be half old, half new)."""
    other = listing(name="Zebra Crossing Families", service_types=["helpline"], contact={"phone": "0117 496 0999"})
    root = make_hub(tmp_path / "hub", {"bristol-family-links.yaml": listing(), "zebra.yaml": other})
    log_path = tmp_path / "serve.log"
    with serving(root, log_path) as base:
        wait_for(base + "services/bristol-family-links/", "Bristol Family Links")
        (root / "directory" / "bristol-family-links.yaml").write_text(
            dump(listing(name="Avon Family Links", service_types=["helpline", "counselling"])))
        wait_for(base + "browse/types/counselling/", "Avon Family Links")
        deadline = time.monotonic() + 60
        while "search index, feed and open data updated" not in log_path.read_text() and time.monotonic() < deadline:
            time.sleep(0.5)
        said = log_path.read_text()
        assert "without a full rebuild" in said and "search index, feed and open data updated" in said, said[-3000:]

        config = (root / "mkdocs.yml").read_text()
        (root / "fresh.yml").write_text("site_url: !ENV [HUB_TEST_SITE_URL, '']\n" + config)  # as serve sets it
        fresh = tmp_path / "fresh"
        built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(root / "fresh.yml"), "-d", str(fresh)],
                               cwd=root, env={**ENV, "HUB_TEST_SITE_URL": base}, capture_output=True, text=True,
                               timeout=600, check=False)
        assert built.returncode == 0, built.stderr[-3000:]
        pages = sorted(fresh.rglob("*.html"))
        assert len(pages) > 20
        for page in pages:
            path = page.relative_to(fresh).as_posix()
            if path == "404.html":
                continue
            url = base + (path[: -len("index.html")] if path.endswith("index.html") else path)
            assert LIVERELOAD.sub("", fetch(url)) == page.read_text(encoding="utf-8"), path
        for data in sorted((fresh / "search-data").glob("*.json")):
            assert fetch(base + f"search-data/{data.name}") == data.read_text(encoding="utf-8"), data.name
        assert "Avon Family Links" in fetch(base + "open-data/oruk/services.csv")

        (root / "directory" / "bristol-family-links.yaml").write_text("name: [unclosed\n")
        (root / "directory" / "new-service.yaml").write_text(dump(listing(name="A Brand New Service")))
        time.sleep(1)
        (root / "directory" / "bristol-family-links.yaml").write_text(dump(listing(name="Back Again Links")))
        wait_for(base + "services/new-service/", "A Brand New Service")  # added: the full rebuild
        wait_for(base + "services/bristol-family-links/", "Back Again Links")


def test_a_bilingual_hub_is_rebuilt_whole_on_a_listing_change(tmp_path):
    """A hub built in English and Welsh gets no fast edit (its Welsh site is a build of its own): a changed
    listing rebuilds everything, so its Welsh page (/cy/) follows the change as its English page does."""
    welsh = listing(cy={"name": "Cysylltiadau Teulu Bryste", "summary": "Cymorth i deuluoedd."})
    root = make_hub(tmp_path / "hub", {"bristol-family-links.yaml": welsh}, plugin_options="      languages: [en, cy]")
    log_path = tmp_path / "serve.log"
    with serving(root, log_path) as base:
        wait_for(base + "cy/services/bristol-family-links/", "Cysylltiadau Teulu Bryste")
        changed = listing(name="Avon Family Links", cy={"name": "Cysylltiadau Teulu Avon", "summary": "Cymorth i deuluoedd."})
        (root / "directory" / "bristol-family-links.yaml").write_text(dump(changed))
        wait_for(base + "cy/services/bristol-family-links/", "Cysylltiadau Teulu Avon")
        wait_for(base + "services/bristol-family-links/", "Avon Family Links")
        said = log_path.read_text()
        assert "every language's site is rebuilt" in said and "without a full rebuild" not in said, said[-3000:]
