"""The site-wide search box's index: Pagefind, fed the hub's own records, written into the built site.

Why Pagefind: one box must find services, resources, practice examples, events and pages at 100,000
listings. Material's search downloads its whole index before the first result (37.9 MB at 10,000
listings); Pagefind splits its index into chunks by word and its results into one fragment per page, so
a search downloads only the chunks for the words typed and the fragments of the results shown (measured
in bench/README.md). Its binary ships in the `pagefind_bin` wheel and its Python API drives it here, so
the build needs no other tool. Records come from the hub (pages as the HTML body the renderer made,
listings from their data), written as small HTML files Pagefind indexes in one call, rather than by
re-reading the site's pages: no header, navigation or footer noise in results, no second parse of every
full page. (Its add_custom_record is one round trip of at least 0.1 s each: 10,000 listings took over
15 minutes that way.)

Renderer-independent: the MkDocs plugin collects `PageRecord`s and calls `write_sitewide_index`.
"""

from __future__ import annotations

import asyncio
import html
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from hub_build.core.hub import Hub, ServiceEntry
from hub_build.publish.search.index import document, welsh_document

# A record with Welsh text: sitesearch.js searches the Welsh mutations of typed words (welsh.js) in these only,
# so English results never gain a word read as a mutation ("bay" as "pay").
WELSH_FILTER = '<span data-pagefind-filter="lang:cy"></span>'
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


def service_html(hub: Hub, entry: ServiceEntry, kind: str = "Service") -> str:
    """A listing as Pagefind reads it: the words /find/ searches (index.document), with its kind and organisation."""
    doc = document(hub, entry)
    parts = "".join(f"<p>{html.escape(doc[key])}</p>" for key in ("org", "summary", "tags", "where") if doc[key])
    if hub.has_welsh:  # its Welsh text too, marked so the box searches Welsh mutations of the words typed in it
        welsh = welsh_document(hub, entry)
        parts += WELSH_FILTER + "".join(f'<p lang="cy">{html.escape(welsh[key])}</p>'
                                        for key in ("cy_name", "cy_summary", "cy_tags", "cy_where")
                                        if welsh[key] and welsh[key] not in (doc["name"], doc["summary"]))
    return _html(doc["name"], kind, f"<h1>{html.escape(doc['name'])}</h1>{parts}",
                 extra=f'<span data-pagefind-meta="org[data-org]" data-org="{html.escape(doc["org"], quote=True)}"></span>')


def page_html(record: PageRecord) -> str:
    """A page as Pagefind reads it: the body as it is shown, its kind and title as metadata (Pagefind would
    take the title from the first h1, which an editor's page may not have)."""
    heading = "" if "<h1" in record.body_html else f"<h1>{html.escape(record.title)}</h1>"
    return _html(record.title, record.kind, heading + record.body_html)


def _html(title: str, kind: str, body: str, extra: str = "") -> str:
    return (f'<!doctype html><html lang="{LANGUAGE}"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f'</head><body><span data-pagefind-meta="kind[data-kind]" data-kind="{html.escape(kind, quote=True)}"></span>'
            f'<span data-pagefind-meta="title[data-title]" data-title="{html.escape(title, quote=True)}"></span>'
            f"{extra}{body}</body></html>")


def _file_for(url: str) -> str:
    """Where a page with this site-relative URL lives, so Pagefind gives it back that URL."""
    path = url.split("#", 1)[0].split("?", 1)[0].lstrip("/")
    if not path or path.endswith("/"):
        return path + "index.html"
    return path


async def _index(source: Path, target: Path) -> int:
    from pagefind.index import IndexConfig, PagefindIndex

    config = IndexConfig(force_language=LANGUAGE, output_path=str(target))
    async with PagefindIndex(config=config) as index:
        result = await index.add_directory(str(source))
    return int(result.get("page_count", 0))


def write_sitewide_index(hub: Hub, pages: list[PageRecord], service_urls: dict[str, str], site_dir: Path,
                         service_kind: str = "Service") -> int:
    """Write the Pagefind bundle to site_dir/pagefind (replacing an old one); returns how many records it holds.

    `service_urls` maps each listing's slug to its site-relative URL. Every record is written as a small HTML
    file at its URL in a scratch folder that Pagefind indexes in one go: its Python API answers one message
    per tenth of a second, far too slow to add 100,000 records one by one (measured: 10,000 took > 15 min).
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
    records = [(url, page_html(record)) for record in pages for url in [record.url]]
    records += [(service_urls[entry.slug], service_html(hub, entry, service_kind)) for entry in hub.services]
    with tempfile.TemporaryDirectory(prefix="hub-pagefind-") as scratch:
        source = Path(scratch)
        for url, text in records:
            file = source / _file_for(url)
            if ".." in Path(_file_for(url)).parts:  # URLs come from the renderer; never write outside the scratch folder
                raise SitewideSearchError(f"a page has a URL outside the site: {url!r}")
            file.parent.mkdir(parents=True, exist_ok=True)
            file.write_text(text, encoding="utf-8")
        try:
            count = asyncio.run(_index(source, target))
        except FileNotFoundError as error:
            raise SitewideSearchError(
                f"the Pagefind binary was not found ({error}); reinstall it with pip install 'pagefind[bin]'"
            ) from error
    if count != len(records):
        raise SitewideSearchError(f"Pagefind indexed {count} of {len(records)} pages and listings")
    return count
