"""`hub-build api`: a small read-only ORUK 3.0 API on the standard library, serving a built site's feed.

It reads the feed the build wrote (open-data/oruk/) once at start-up and answers exactly the ORUK 3.0
endpoints from it: URL paths are looked up in memory, never turned into file paths, so no request can
reach another file. Lists take `page` and `per_page` (capped at MAX_PER_PAGE); anything else is refused
with a JSON error rather than silently ignored. Every answer carries `Access-Control-Allow-Origin: *`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Optional
from urllib.parse import parse_qsl, unquote, urlsplit

from hub_build.oruk.export import FEED_DIR, LISTS, detail_bodies, dumps, list_shape
from hub_build.oruk.mapping import Dataset, assemble
from hub_build.oruk.paging import MAX_PER_PAGE, PER_PAGE, envelope

PAGED_PARAMETERS = ("page", "per_page")
_INTEGER = re.compile(r"^[0-9]{1,9}$")
MAX_QUERY = 2000


class FeedError(Exception):
    """The site holds no readable feed: say what to do, in one line."""


@dataclass
class Feed:
    index: dict
    data: Dataset
    bodies: dict[str, dict[str, dict]]


def load_feed(site_dir: Path) -> Feed:
    """Read the feed the build wrote into `site_dir`."""
    root = site_dir / FEED_DIR
    if not (root / "index.json").is_file():
        raise FeedError(f"no Open Referral UK feed in {root}; run 'hub-build build' first (or pass -d SITE_DIR)")
    try:
        index = json.loads((root / "index.json").read_text(encoding="utf-8"))
        services = json.loads((root / "dataset.json").read_text(encoding="utf-8"))
        taxonomies: list[dict] = []
        page = 1
        while True:
            body = json.loads((root / "taxonomies" / "pages" / f"{page}.json").read_text(encoding="utf-8"))
            taxonomies += body["contents"]
            if body["last_page"]:
                break
            page += 1
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise FeedError(f"the feed in {root} cannot be read ({error}); rebuild the site with 'hub-build build'") from None
    data = assemble(services, taxonomies)
    return Feed(index=index, data=data, bodies=detail_bodies(data))


class Answer(Exception):
    """An HTTP answer other than 200: status and message, sent as a JSON body."""

    def __init__(self, status: HTTPStatus, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


def paging(query: str) -> tuple[int, int]:
    """(page, per_page) from a query string; a bad or unknown parameter is a 400."""
    if len(query) > MAX_QUERY:
        raise Answer(HTTPStatus.BAD_REQUEST, "the query string is too long")
    values: dict[str, str] = {}
    for key, value in parse_qsl(query, keep_blank_values=True):
        if key not in PAGED_PARAMETERS:
            raise Answer(HTTPStatus.BAD_REQUEST, f"parameter '{key[:40]}' is not supported by this feed; "
                         "lists take page and per_page")
        if key in values:
            raise Answer(HTTPStatus.BAD_REQUEST, f"parameter '{key}' is given twice")
        values[key] = value
    numbers = {}
    for key, default in (("page", 1), ("per_page", PER_PAGE)):
        text = values.get(key)
        if text is None:
            numbers[key] = default
            continue
        if not _INTEGER.match(text) or int(text) < 1:
            raise Answer(HTTPStatus.BAD_REQUEST, f"parameter '{key}' must be a whole number from 1, not '{text[:40]}'")
        numbers[key] = int(text)
    return numbers["page"], min(numbers["per_page"], MAX_PER_PAGE)


def respond(feed: Feed, target: str) -> dict:
    """The body for a request target (path and query), or an Answer exception."""
    parts = urlsplit(target)
    path = parts.path
    if len(path) > 1 and path.endswith("/"):
        path = path[:-1]
    if path == "/":
        if parts.query:
            raise Answer(HTTPStatus.BAD_REQUEST, "/ takes no parameters")
        return feed.index
    segments = path.split("/")[1:]
    if segments and segments[0] in LISTS:
        name = segments[0]
        if len(segments) == 1:
            page, per_page = paging(parts.query)
            return envelope(getattr(feed.data, name), page, per_page, list_shape(name))
        if len(segments) == 2:
            if parts.query:
                raise Answer(HTTPStatus.BAD_REQUEST, f"/{name}/{{id}} takes no parameters")
            body = feed.bodies[name].get(unquote(segments[1]))
            if body is None:
                raise Answer(HTTPStatus.NOT_FOUND, f"no {name[:-1].replace('_', ' ')} has this id")
            return body
    raise Answer(HTTPStatus.NOT_FOUND, "no such endpoint; this feed serves /, " + ", ".join(
        f"/{name}, /{name}/{{id}}" for name in LISTS))


def make_handler(feed: Feed) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "hub-build-oruk"
        sys_version = ""
        timeout = 30  # a client that stops sending does not hold a thread for ever

        def _send(self, status: HTTPStatus, body: Optional[bytes], *, head: bool = False,
                  extra: Optional[dict[str, str]] = None) -> None:
            self.send_response(status)
            self.send_header("Access-Control-Allow-Origin", "*")
            self.send_header("X-Content-Type-Options", "nosniff")
            for key, value in (extra or {}).items():
                self.send_header(key, value)
            if body is not None:
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if body is not None and not head:
                self.wfile.write(body)

        def _answer(self, head: bool) -> None:
            try:
                status, body = HTTPStatus.OK, dumps(respond(feed, self.path))
            except Answer as answer:
                status, body = answer.status, dumps({"code": int(answer.status), "message": answer.message})
            self._send(status, body, head=head)

        def do_GET(self) -> None:
            self._answer(head=False)

        def do_HEAD(self) -> None:
            self._answer(head=True)

        def do_OPTIONS(self) -> None:
            self._send(HTTPStatus.NO_CONTENT, None, extra={
                "Allow": "GET, HEAD, OPTIONS", "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
                "Access-Control-Allow-Headers": "Accept, Content-Type", "Access-Control-Max-Age": "86400",
                "Content-Length": "0"})

        def _refuse(self) -> None:
            body = dumps({"code": 405, "message": "this feed is read-only: use GET"})
            self._send(HTTPStatus.METHOD_NOT_ALLOWED, body, extra={"Allow": "GET, HEAD, OPTIONS"})

        do_POST = do_PUT = do_PATCH = do_DELETE = _refuse

        def log_message(self, format: str, *args) -> None:
            super().log_message(format, *(str(a).encode("unicode_escape").decode("ascii") for a in args))

    return Handler


def parse_address(text: str) -> tuple[str, int]:
    """'127.0.0.1:8001', 'localhost:8001' or '[::1]:8001' -> (host, port); ValueError with a reason."""
    match = re.fullmatch(r"\[([0-9A-Fa-f:.]+)\]:(\d{1,5})|([A-Za-z0-9.-]+):(\d{1,5})", text.strip())
    if not match:
        raise ValueError(f"'{text}' is not HOST:PORT, e.g. 127.0.0.1:8001")
    host = match.group(1) or match.group(3)
    port = int(match.group(2) or match.group(4))
    if not 0 < port < 65536:
        raise ValueError(f"port {port} is not between 1 and 65535")
    return host, port


def make_server(feed: Feed, host: str, port: int) -> ThreadingHTTPServer:
    """The server, bound; OSError (e.g. the port is in use) is the caller's to report."""
    import socket

    class Server(ThreadingHTTPServer):
        daemon_threads = True
        address_family = socket.AF_INET6 if ":" in host else socket.AF_INET

    return Server((host, port), make_handler(feed))
