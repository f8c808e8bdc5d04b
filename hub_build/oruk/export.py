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
from hub_build.oruk.mapping import Dataset, Mapper, assemble, index_body, list_item, sal_body
from hub_build.oruk.paging import PER_PAGE, envelope, page_count
from hub_build.oruk.schemas import SPEC_DIR
from hub_build.oruk.table import CsvRows

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
    return page_of(total, page, per_page, encoded[(page - 1) * per_page: page * per_page])


def page_of(total: int, page: int, per_page: int, contents: list[bytes]) -> bytes:
    """page_body given only the page's own encoded items."""
    head = dumps(envelope(range(total), page, per_page, lambda item: 0))
    return head[: head.rindex(b'"contents":')] + b'"contents":[' + b",".join(contents) + b"]}"


class _Pages:
    """A list's pages written while its items are made, PER_PAGE at a time, so no list is held whole (at
    10,000 listings the services' bodies alone are 86 MB). The total must be known before the first item."""

    def __init__(self, write: Callable[[str, bytes], None], name: str, total: int) -> None:
        self.write, self.name, self.total = write, name, total
        self.page, self.count, self.buffer = 0, 0, []  # type: tuple[int, int, list[bytes]]

    def add(self, body: bytes) -> None:
        self.buffer.append(body)
        self.count += 1
        if len(self.buffer) == PER_PAGE:
            self._flush()

    def _flush(self) -> None:
        self.page += 1
        body = page_of(self.total, self.page, PER_PAGE, self.buffer)
        self.write(f"{self.name}/pages/{self.page}.json", body)
        if self.page == 1:
            self.write(f"{self.name}.json", body)
        self.buffer = []

    def close(self) -> None:
        if self.count != self.total:  # a bug of ours: the pages would say the wrong total
            raise RuntimeError(f"open data: {self.count} {self.name} made, {self.total} expected")
        while self.page < page_count(self.total, PER_PAGE):
            self._flush()


def write_open_data(hub: Hub, site_dir: Path) -> list[str]:
    """Publish the feed, the whole dataset and the CSV; returns the paths written, relative to the site."""
    with cyclic_gc_paused():  # some hundred small dicts per listing, all freed by reference counting
        return _write_open_data(hub, site_dir)


def _write_open_data(hub: Hub, site_dir: Path) -> list[str]:
    """One listing at a time: its ORUK service is made, written (its own file, its place in dataset.json, in
    the list pages, its rows of the CSV) and dropped before the next; only the small taxonomies are kept."""
    mapper = Mapper(hub)
    entries = sorted(hub.services, key=lambda e: e.slug)  # the order Mapper.dataset() gives
    root = site_dir / FEED_DIR
    if root.exists():
        shutil.rmtree(root)
    written: list[str] = []

    def write(relative: str, body: bytes) -> None:
        with open(root / relative, "wb") as handle:
            handle.write(body)
        written.append(f"{FEED_DIR}/{relative}")

    root.mkdir(parents=True)
    for name in LISTS:
        (root / name / "pages").mkdir(parents=True)
    write("index.json", dumps(index_body(hub.settings)))
    write("openapi.json", (SPEC_DIR / "openapi.json").read_bytes())
    services = _Pages(write, "services", len(entries))
    places = _Pages(write, "service_at_locations", sum(len(entry.service.locations) for entry in entries))
    with open(root / "dataset.json", "wb") as dataset, CsvRows(hub, root) as table:
        dataset.write(b"[")
        for n, entry in enumerate(entries):
            service = mapper.service(entry)
            body = dumps(service)
            dataset.write(b"," + body if n else body)
            write(f"services/{service['id']}.json", body)
            services.add(dumps(list_item(service)))
            for sal in service.get("service_at_locations", []):
                place = dumps(sal_body(sal, service))
                write(f"service_at_locations/{sal['id']}.json", place)
                places.add(place)
            table.add(entry, service)
        dataset.write(b"]")
    written.append(f"{FEED_DIR}/dataset.json")
    services.close()
    places.close()
    data = assemble([], mapper.taxonomies)
    for name in ("taxonomies", "taxonomy_terms"):
        items = getattr(data, name)
        pages = _Pages(write, name, len(items))
        for item in items:
            body = dumps(item)
            write(f"{name}/{item['id']}.json", body)
            pages.add(body)
        pages.close()
    written += [f"{FEED_DIR}/{path}" for path in table.written]
    return written


def detail_bodies(data: Dataset) -> dict[str, dict[str, dict]]:
    """list name -> id -> body, for the API."""
    return {name: {item["id"]: item for item in getattr(data, name)} for name in LISTS}
