"""The hub's Python-Markdown extension inside Zensical: it finishes every page Zensical renders.

Zensical runs no third-party plugins, but it renders Markdown with Python-Markdown and the extensions its
config names, in the process that called it. The staged config (stage.py) names this one, so each page's HTML
comes back through the same code as under MkDocs (adapters/pages.py): a generated page's body is the hub's
own HTML, an editor's page is sanitised and gets the hub's blocks, panels and 'Report a problem'.

Python-Markdown also runs postprocessors over heading texts and the table of contents while building them
(the toc extension), so the finishing postprocessor acts only once a last treeprocessor has marked the
document as complete.
"""

from __future__ import annotations

import html
import posixpath
import re
from functools import partial
from urllib.parse import urlsplit, urlunsplit

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from zensical.extensions.context import ContextPreprocessor

from hub_build.adapters.pages import SitePages

_CURRENT: list[tuple[SitePages, dict[str, str]]] = []  # the build's pages, set by the child before Zensical runs


def serve_pages(pages: SitePages, staged_names: dict[str, str]) -> None:
    """The pages the extension finishes in this process (one build at a time), and {staged name: src_uri}."""
    _CURRENT[:] = [(pages, staged_names)]


def _pages() -> tuple[SitePages, dict[str, str]]:
    if not _CURRENT:
        raise RuntimeError("the hub's Zensical extension runs only inside 'hub-build build --renderer zensical'")
    return _CURRENT[0]


class _Start(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        self.md.hub_complete = False
        return lines


class _Complete(Treeprocessor):
    def run(self, root):
        self.md.hub_complete = True


class _Finish(Postprocessor):
    def run(self, text: str) -> str:
        if not getattr(self.md, "hub_complete", False):
            return text  # a heading's text or the table of contents, not the page
        context = ContextPreprocessor.from_markdown(self.md)
        if context is None:
            raise RuntimeError("Zensical gave no page to render (its rendering context is missing)")
        page, (pages, staged_names) = context.page, _pages()
        src_uri = staged_names.get(page.path)
        if src_uri is None:
            raise RuntimeError(f"Zensical rendered {page.path}, which the hub did not stage")
        hub_links = partial(rebase_links, page_url=page.url, source_path=page.path)
        generated = pages.generated.get(src_uri)
        if generated is not None:
            return pages.generated_body(generated, page.url, hub_links)
        return pages.editor_body(src_uri, page.url, text, page.meta, page.title or "", hub_links)


_LINK = re.compile(r'(\s(?:href|src)=")([^"]*)"')


def rebase_links(fragment: str, *, page_url: str, source_path: str) -> str:
    """The hub writes links relative to the page's address (services/x/); Zensical reads every relative link
    in a page as relative to its Markdown file (services/x.md, so services/) and puts '../' before it on a page
    whose address is a folder deeper than its file. Rewritten relative to the file's folder, they come out
    right."""
    page_dir = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url) + "/"
    source_dir = posixpath.dirname(source_path)
    source_dir = source_dir + "/" if source_dir else ""
    if page_dir == source_dir:
        return fragment
    return _LINK.sub(lambda m: f'{m.group(1)}{_rebased(m.group(2), page_dir, source_dir)}"', fragment)


def _rebased(url: str, page_dir: str, source_dir: str) -> str:
    parts = urlsplit(html.unescape(url))
    if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
        return url  # absolute, another site, or only a query or #fragment: Zensical leaves those alone
    # Under a few folders of headroom: a link from a site in another language to the data it shares with
    # the English site (../search-data/ from /cy/) leads above this site's root and must stay there.
    headroom = "/_/_/_/_/"
    target = posixpath.normpath(posixpath.join(headroom + page_dir, parts.path))
    path = posixpath.relpath(target, headroom + source_dir.rstrip("/") if source_dir else headroom)
    if parts.path.endswith("/") and not path.endswith("/"):
        path += "/"
    return html.escape(urlunsplit(("", "", path, parts.query, parts.fragment)), quote=True)


class HubExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(_Start(md), "hub_start", 1000)
        md.treeprocessors.register(_Complete(md), "hub_complete", -1000)
        md.postprocessors.register(_Finish(md), "hub_finish", -1000)  # after raw HTML is put back


def makeExtension(**kwargs) -> HubExtension:
    return HubExtension(**kwargs)
