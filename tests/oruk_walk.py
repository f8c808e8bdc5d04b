"""Helpers for the ORUK tests: the official schemas, a feed's static files and an API walked as the
official validator walks it (/, then every path, the first, a middle and the last page, every id)."""

from __future__ import annotations

import contextlib
import http.client
import json
import threading
from pathlib import Path
from typing import Iterator

from jsonschema import Draft202012Validator

from hub_build.oruk import schemas
from hub_build.oruk.api import load_feed, make_server
from hub_build.oruk.export import FEED_DIR, LISTS

_VALIDATORS: dict[str, Draft202012Validator] = {}


def validator(path: str) -> Draft202012Validator:
    if path not in _VALIDATORS:
        _VALIDATORS[path] = schemas.validator(path)
    return _VALIDATORS[path]


def package_validator() -> Draft202012Validator:
    """The whole-dataset file: the UK profile's service package (an array of fully nested services)."""
    return Draft202012Validator({"$ref": schemas.UK_PROFILE_URL + "compiled/service_package.json"},
                                registry=schemas.registry(), format_checker=Draft202012Validator.FORMAT_CHECKER)


def schema_errors(path: str, body) -> list[str]:
    return [f"{path}: {'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator(path).iter_errors(body)]


def openapi_path(relative: str) -> str:
    """The OpenAPI path whose response a feed file holds (index.json -> /, services/ID.json -> /services/{id})."""
    if relative == "index.json":
        return "/"
    parts = relative[:-5].split("/")
    if len(parts) == 1:
        return "/" + parts[0]
    if parts[1] == "pages":
        return "/" + parts[0]
    return f"/{parts[0]}/{{id}}"


def feed_files(site: Path) -> Iterator[tuple[str, Path]]:
    root = site / FEED_DIR
    for path in sorted(root.rglob("*.json")):
        relative = path.relative_to(root).as_posix()
        if relative not in ("openapi.json", "dataset.json"):
            yield relative, path


@contextlib.contextmanager
def api_server(site: Path) -> Iterator[tuple[str, int]]:
    """The real API server on a free port of 127.0.0.1, in a thread."""
    server = make_server(load_feed(site), "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[:2]
    finally:
        server.shutdown()
        server.server_close()


def request(address, target: str, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    """One raw request: the target goes on the request line exactly as given (no client-side normalising)."""
    connection = http.client.HTTPConnection(*address, timeout=30)
    try:
        connection.putrequest(method, target, skip_accept_encoding=True)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def get_json(address, target: str):
    status, headers, body = request(address, target)
    assert status == 200, (target, status, body[:300])
    assert headers["access-control-allow-origin"] == "*"
    assert headers["content-type"].startswith("application/json")
    return json.loads(body), body


def walk(address, *, all_pages: bool = False) -> dict:
    """Walk the API as the official validator does; returns what it saw. Every body is schema-checked."""
    seen: dict = {"requests": 0, "ids": {}, "pages": {}}
    index, _ = get_json(address, "/")
    assert not schema_errors("/", index)
    assert index["version"] == "3.0" and index["openapi_url"].startswith("https://")
    for name in LISTS:
        first, _ = get_json(address, f"/{name}")
        total = first["total_pages"]
        numbers = range(1, total + 1) if all_pages else sorted({1, (total + 1) // 2, total})
        ids = []
        for number in numbers:
            page, _ = get_json(address, f"/{name}?page={number}")
            seen["requests"] += 1
            errors = schema_errors(f"/{name}", page)
            assert not errors, errors[:5]
            assert page["page_number"] == number and page["total_pages"] == total
            assert page["first_page"] == (number == 1) and page["last_page"] == (number == total)
            assert page["size"] == len(page["contents"]) and page["empty"] == (not page["contents"])
            ids += [item["id"] for item in page["contents"]]
        seen["pages"][name] = list(numbers)
        seen["ids"][name] = ids
        for ident in ids:
            body, _raw = get_json(address, f"/{name}/{ident}")
            seen["requests"] += 1
            assert body["id"] == ident
            errors = schema_errors(f"/{name}/{{id}}", body)
            assert not errors, errors[:5]
    return seen
