"""`hub-build serve`: a free port checked before MkDocs starts, and one line when the hub is up."""

from __future__ import annotations

import errno
import socket
import subprocess
import threading
import time
from urllib.parse import urlsplit

import click


def check_address(dev_addr: str) -> tuple[str, int]:
    """(host, port) of `dev_addr` when it can be served on; ValueError with one line saying why not."""
    host, _, port_text = dev_addr.rpartition(":")
    host = host.strip("[]") or "127.0.0.1"
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise ValueError(f"'{dev_addr}' is not an address to serve on; write it as 127.0.0.1:8000")
    port = int(port_text)
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as MkDocs' server does
        try:
            probe.bind((host, port))
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                raise ValueError(f"port {port} on {host} is already in use (another 'hub-build serve'?); stop it, "
                                 f"or serve on another port with -a {host}:{port + 1}") from None
            raise ValueError(f"cannot serve on {dev_addr}: {error.strerror or error}") from None
    return host, port


def served_url(host: str, port: int, site_url: object) -> str:
    """The address MkDocs serves the hub at (under site_url's path, if it has one)."""
    path = urlsplit(site_url).path if isinstance(site_url, str) and site_url else "/"
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}{path if path.startswith('/') else '/' + path}"


def announce_when_up(child: subprocess.Popen, host: str, port: int, url: str) -> None:
    """Print one line once the server answers (after the first build), from a background thread."""

    def wait() -> None:
        while child.poll() is None:
            try:
                with socket.create_connection((host, port), timeout=1):
                    click.echo(f"Serving the hub at {url} (press Ctrl+C to stop)", err=True)
                    return
            except OSError:
                time.sleep(0.5)

    threading.Thread(target=wait, daemon=True).start()
