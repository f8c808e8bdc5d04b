"""Write the hub's ORUK 3.0 feed as static files under `open-data/oruk/` in the built site.

Each file is the body the API gives for one request, so any static host serves the feed at fixed paths:

    index.json                       GET /
    services.json                    GET /services            (page 1, 50 per page)
    services/pages/N.json            GET /services?page=N
    services/ID.json                 GET /services/ID
    (the same for service_at_locations, taxonomies and taxonomy_terms)
    dataset.json                     every service, fully nested (the ORUK service package)
    openapi.json                     the ORUK 3.0 OpenAPI description
    services.csv, services-csv.txt   one row per service and location, and its note (licence, columns)
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any, Callable

from hub_build.core.gcpause import cyclic_gc_paused
from hub_build.core.hub import Hub
from hub_build.oruk.mapping import Dataset, Mapper, index_body, list_item
from hub_build.oruk.paging import PER_PAGE, envelope, page_count
from hub_build.oruk.schemas import SPEC_DIR
from hub_build.oruk.table import write_csv

FEED_DIR = "open-data/oruk"
LISTS = ("services", "service_at_locations", "taxonomies", "taxonomy_terms")


def dumps(data: Any) -> bytes:
    """The bytes of one response body: compact UTF-8 JSON, the same for the files and the API."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def list_shape(name: str) -> Callable[[dict], dict]:
    """How a list shows its items: services by their one-to-one fields, the rest as they are."""
    return list_item if name == "services" else (lambda item: item)


def page_body(total: int, page: int, per_page: int, encoded: list[bytes]) -> bytes:
    """The bytes of envelope(...) for items already encoded, spliced rather than encoded again."""
    head = dumps(envelope(range(total), page, per_page, lambda item: 0))
    contents = encoded[(page - 1) * per_page: page * per_page]
    return head[: head.rindex(b'"contents":')] + b'"contents":[' + b",".join(contents) + b"]}"


def write_open_data(hub: Hub, site_dir: Path) -> list[str]:
    """Publish the feed, the whole dataset and the CSV; returns the paths written, relative to the site."""
    with cyclic_gc_paused():  # some hundred small dicts per listing, all freed by reference counting
        return _write_open_data(hub, site_dir)


def _write_open_data(hub: Hub, site_dir: Path) -> list[str]:
    data, entries = Mapper(hub).dataset()
    root = site_dir / FEED_DIR
    if root.exists():
        shutil.rmtree(root)
    written: list[str] = []

    def write(relative: str, body: bytes) -> None:
        with open(root / relative, "wb") as handle:
            handle.write(body)
        written.append(f"{FEED_DIR}/{relative}")

    root.mkdir(parents=True)
    write("index.json", dumps(index_body(hub.settings)))
    write("openapi.json", (SPEC_DIR / "openapi.json").read_bytes())
    for name in LISTS:
        items = getattr(data, name)
        (root / name / "pages").mkdir(parents=True)
        details = [dumps(item) for item in items]  # each object is encoded once, then reused
        if name == "services":
            write("dataset.json", b"[" + b",".join(details) + b"]")
            listed = [dumps(list_item(item)) for item in items]
        else:
            listed = details
        for page in range(1, page_count(len(items), PER_PAGE) + 1):
            body = page_body(len(items), page, PER_PAGE, listed)
            write(f"{name}/pages/{page}.json", body)
            if page == 1:
                write(f"{name}.json", body)
        for item, body in zip(items, details, strict=True):
            write(f"{name}/{item['id']}.json", body)
    written += [f"{FEED_DIR}/{path}" for path in write_csv(hub, data, entries, root)]
    return written


def detail_bodies(data: Dataset) -> dict[str, dict[str, dict]]:
    """list name -> id -> body, for the API."""
    return {name: {item["id"]: item for item in getattr(data, name)} for name in LISTS}
