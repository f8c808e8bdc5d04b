"""The site-wide search box's page index: Pagefind, fed the hub's pages (not its listings), written into the site.

Why Pagefind for pages: one box must find services, resources, practice examples, events and pages.
Material's search downloads its whole index before the first result (37.9 MB at 10,000 listings);
Pagefind splits its index into chunks by word and its results into one fragment per page, so a search
downloads only the chunks for the words typed and the fragments of the results shown. Its binary ships in
the `pagefind_bin` wheel and its Python API drives it here, so the build needs no other tool.

Why not the listings: with every listing in it, Pagefind scored every page matching a word before
returning the first ten: at 100,000 listings a query in half of them ("family support") took 160 s
(bench/README.md). The box now finds services in the directory's own sharded text index
(textindex.py, the one /find/ uses: same words, same ranking, same exact-name rule), and Pagefind holds
only the pages, resources, practice examples and events: a few hundred records at any number of listings.
Records come from the hub (pages as the HTML body the renderer made), written as small HTML files
Pagefind indexes in one call, rather than by re-reading the site's pages: no header, navigation or footer
noise in results. (Its add_custom_record is one round trip of at least 0.1 s each.)

Renderer-independent: the MkDocs plugin collects `PageRecord`s and calls `write_sitewide_index`.
"""

from __future__ import annotations

import asyncio
import html
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path


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


def _scratch_parent() -> str | None:
    """Where the scratch records go: memory (/dev/shm) when the system has it. One small file and folder per
    listing: creating and removing 10,000 folders on a busy disk took longer than Pagefind's indexing
    (bench/README.md); None: the system's temporary folder."""
    shm = Path("/dev/shm")  # noqa: S108 - a private TemporaryDirectory inside it
    return str(shm) if shm.is_dir() and os.access(shm, os.W_OK) else None


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


def write_sitewide_index(pages: list[PageRecord], site_dir: Path) -> int:
    """Write the Pagefind bundle of the pages to site_dir/pagefind (replacing an old one); returns how many it holds.

    Every record is written as a small HTML file at its URL in a scratch folder that Pagefind indexes in one
    go: its Python API answers one message per tenth of a second, too slow to add records one by one.
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
    records = [(record.url, page_html(record)) for record in pages]
    if not records:  # Pagefind writes no bundle for nothing; the box then finds services only
        return 0
    with tempfile.TemporaryDirectory(prefix="hub-pagefind-", dir=_scratch_parent()) as scratch:
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
        raise SitewideSearchError(f"Pagefind indexed {count} of {len(records)} pages")
    return count
