"""The site-wide search box's index: Pagefind, fed the hub's own records, written into the built site.

Why Pagefind: one box must find services, resources, practice examples, events and pages at 100,000
listings. Material's search downloads its whole index before the first result (37.9 MB at 10,000
listings); Pagefind splits its index into chunks by word and its results into one fragment per page, so
a search downloads only the chunks for the words typed and the fragments of the results shown (measured
in bench/README.md). Its binary ships in the `pagefind_bin` wheel and its Python API drives it here, so
the build needs no other tool. Records are added directly (pages as the HTML body the renderer made,
listings from their data) rather than by re-reading the site's HTML: no header, navigation or footer
noise in results, and no second parse of every page.

Renderer-independent: the MkDocs plugin collects `PageRecord`s and calls `write_sitewide_index`.
"""

from __future__ import annotations

import asyncio
import html
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from ..hub import Hub, ServiceEntry
from .index import document

OUTPUT = "pagefind"  # folder in the site; the theme's search box loads OUTPUT/pagefind.js
LANGUAGE = "en"


class SitewideSearchError(RuntimeError):
    """Pagefind could not be started or could not write its index: the message says what to do."""


@dataclass(frozen=True)
class PageRecord:
    """One page for the site-wide search: its site-relative URL, kind ("Resource", "Page", ...), title,
    and the HTML of its body (already sanitised by the renderer) or, for lists, just a line about it."""

    url: str
    kind: str
    title: str
    body_html: str


def service_record(hub: Hub, entry: ServiceEntry, url: str) -> dict:
    """A listing as a Pagefind custom record: the words /find/ searches (index.document), plus its type labels."""
    doc = document(hub, entry)
    content = ". ".join(part for part in (doc["name"], doc["org"], doc["summary"], doc["tags"], doc["where"]) if part)
    return {"url": "/" + url, "content": content, "language": LANGUAGE,
            "meta": {"title": doc["name"], "kind": "Service", "org": doc["org"]}}


def page_html(record: PageRecord) -> str:
    """A standalone HTML document for Pagefind: the body as it is shown, kind and title as metadata (Pagefind
    would take the title from the first h1, which an editor's page may not have)."""
    heading = "" if "<h1" in record.body_html else f"<h1>{html.escape(record.title)}</h1>"
    return (f'<!doctype html><html lang="{LANGUAGE}"><head><title>{html.escape(record.title)}</title></head><body>'
            f'<span data-pagefind-meta="kind[data-kind]" data-kind="{html.escape(record.kind, quote=True)}"></span>'
            f'<span data-pagefind-meta="title[data-title]" data-title="{html.escape(record.title, quote=True)}"></span>'
            f"{heading}{record.body_html}</body></html>")


async def _write(pages: Iterable[PageRecord], services: Iterable[dict], target: Path) -> int:
    from pagefind.index import IndexConfig, PagefindIndex

    count = 0
    config = IndexConfig(force_language=LANGUAGE, output_path=str(target))
    async with PagefindIndex(config=config) as index:
        for record in pages:
            await index.add_html_file(content=page_html(record), url="/" + record.url)
            count += 1
        for service in services:
            await index.add_custom_record(**service)
            count += 1
    return count


def write_sitewide_index(hub: Hub, pages: list[PageRecord], service_urls: dict[str, str], site_dir: Path) -> int:
    """Write the Pagefind bundle to site_dir/pagefind (replacing an old one); returns how many records it holds.

    `service_urls` maps each listing's slug to its site-relative URL.
    """
    try:
        import pagefind.index  # noqa: F401
    except ImportError as error:
        raise SitewideSearchError(
            "the site-wide search needs Pagefind: pip install 'pagefind[bin]' (it is a dependency of hub-build)"
        ) from error
    target = site_dir / OUTPUT
    if target.exists():
        shutil.rmtree(target)
    services = [service_record(hub, entry, service_urls[entry.slug]) for entry in hub.services]
    try:
        return asyncio.run(_write(pages, services, target))
    except FileNotFoundError as error:
        raise SitewideSearchError(
            f"the Pagefind binary was not found ({error}); reinstall it with pip install 'pagefind[bin]'"
        ) from error
