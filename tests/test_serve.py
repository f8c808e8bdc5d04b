"""`hub-build serve` serves the hub and rebuilds when a listing changes."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request

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


def test_serve_rebuilds_when_a_listing_changes(tmp_path):
    root = make_hub(tmp_path)
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "hub_build.commands.cli", "serve", "-a", f"127.0.0.1:{port}"],
                              cwd=root, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        page = f"http://127.0.0.1:{port}/services/bristol-family-links/"
        wait_for(page, "Bristol Family Links")
        (root / "directory" / "bristol-family-links.yaml").write_text(dump(listing(name="Renamed Family Links")))
        wait_for(page, "Renamed Family Links")
        (root / "directory" / "new-service.yaml").write_text(dump(listing(name="A Brand New Service")))
        wait_for(f"http://127.0.0.1:{port}/services/new-service/", "A Brand New Service")
    finally:
        server.terminate()
        server.wait(timeout=20)
