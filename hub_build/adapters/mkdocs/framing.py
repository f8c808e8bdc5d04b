"""MkDocs side of pages at template speed (render/frame.py): which pages skip MkDocs' per-page pipeline,
the stand-in page each folder's frame is captured from, and the sitemap entries MkDocs no longer sees.

A framed page stays in MkDocs' `Files` as a `FramedFile`, so editors' links to it resolve and are checked as
before, but it is not a documentation page: MkDocs neither renders nor copies it, and the plugin writes it
into the captured frame after the build (`write_framed`).
"""

from __future__ import annotations

import gzip
import os
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any, Iterator
from urllib.parse import urljoin, urlsplit

from mkdocs import utils
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation

from hub_build.core.gcpause import cyclic_gc_paused
from hub_build.render.frame import FrameMarkers, PageFrame, capture, folders_holding, frame_key, stand_in_uri
from hub_build.render.site import GeneratedPage

FRAMED_KINDS = ("listing", "browse")  # out of the navigation, out of Material's search: the same frame in a folder


class FramedFile(File):
    """A generated page the hub writes itself: known to MkDocs for links, never rendered or copied by it."""

    def __init__(self, config: MkDocsConfig, src_uri: str) -> None:
        page_file = File(src_uri, None, config.site_dir, config.use_directory_urls)
        super().__init__(src_uri, None, config.site_dir, config.use_directory_urls, dest_uri=page_file.dest_uri,
                         inclusion=InclusionLevel.NOT_IN_NAV)
        self.generated_by = "hub"

    def is_documentation_page(self) -> bool:
        return False

    def is_static_page(self) -> bool:
        return False

    def is_media_file(self) -> bool:
        return False

    def is_javascript(self) -> bool:
        return False

    def is_css(self) -> bool:
        return False

    def copy_file(self, dirty: bool = False) -> None:
        """Written by the hub after the build (HubPlugin.on_post_build), not copied."""


def nav_paths(nav: Any) -> Iterator[str]:
    """Every page path named in mkdocs.yml's `nav` (those pages carry a navigation state of their own)."""
    if isinstance(nav, str):
        yield nav.lstrip("/")
    elif isinstance(nav, dict):
        for value in nav.values():
            yield from nav_paths(value)
    elif isinstance(nav, list):
        for value in nav:
            yield from nav_paths(value)


@dataclass
class Framing:
    """One build's framed pages, stand-ins and captured frames."""

    markers: FrameMarkers = field(default_factory=FrameMarkers)
    framed: dict[str, tuple[FramedFile, GeneratedPage]] = field(default_factory=dict)  # src_uri ->
    stand_ins: dict[str, str] = field(default_factory=dict)  # stand-in src_uri -> frame key
    frames: dict[str, PageFrame] = field(default_factory=dict)  # frame key -> frame
    keys: set[str] = field(default_factory=set)
    made: dict[str, FramedFile] = field(default_factory=dict)  # src_uri -> its FramedFile, made once (choose, add)

    def file(self, config: MkDocsConfig, src_uri: str) -> FramedFile:
        """The FramedFile of a page (two MkDocs Files to make: 11,000 pages at 10,000 listings, so once each)."""
        made = self.made.get(src_uri)
        if made is None:
            made = self.made[src_uri] = FramedFile(config, src_uri)
        return made

    def choose(self, pages: list[GeneratedPage], files: Files, config: MkDocsConfig) -> set[str]:
        """The src_uris of the generated pages (all added to the site) that can be written into a frame."""
        # A page in the nav has a navigation state of its own; without a nav every page is in it.
        if config.nav is None:
            return set()
        in_nav = set(nav_paths(config.nav))
        chosen = {page.src_uri: self.file(config, page.src_uri) for page in pages
                  if page.kind in FRAMED_KINDS and page.src_uri not in in_nav
                  and page.title.strip() and page.description.strip()}  # an empty one: the theme's own fallback
        if not config.use_directory_urls:
            return set(chosen)  # a page's relative links start from the folder it shares with its stand-in
        planned = {page.src_uri for page in pages}
        others = [file.url for file in files if file.src_uri not in planned] + [self.file(config, page.src_uri).url for page in pages
                                                 if page.src_uri not in chosen]
        holding = folders_holding(others)
        return {uri for uri, file in chosen.items() if file.url not in holding}

    def add(self, page: GeneratedPage, files: Files, config: MkDocsConfig) -> None:
        """Put a chosen page in the site's files as a FramedFile, with its folder's stand-in."""
        file = self.file(config, page.src_uri)
        self.framed[page.src_uri] = (file, page)
        files.append(file)
        key = frame_key(file.url)
        if key not in self.keys:
            self.keys.add(key)
            uri = stand_in_uri(key, self.markers)
            self.stand_ins[uri] = key
            files.append(File.generated(config, uri, content="", inclusion=InclusionLevel.NOT_IN_NAV))

    def capture(self, src_uri: str, output: str, page: Any) -> None:
        """Keep the stand-in's final HTML as its folder's frame."""
        addresses = {"canonical": page.canonical_url or "", "absolute": page.abs_url or "", "url": page.url}
        self.frames[self.stand_ins[src_uri]] = capture(output, self.markers, addresses)

    def write(self, site_url: str) -> int:
        """Write every framed page into its folder's frame; returns how many."""
        with cyclic_gc_paused():  # rendering leaves no cycles, and the collector would rescan the whole hub
            for file, page in self.framed.values():
                self.write_page(file, page, site_url, atomic=False)  # a new site folder: nobody reads it yet
        return len(self.framed)

    def write_page(self, file: FramedFile, page: GeneratedPage, site_url: str, atomic: bool = True) -> None:
        """One page into its folder's frame, replacing the file at once (`serve` may be serving it)."""
        frame = self.frames[frame_key(file.url)]
        base = site_url if site_url.endswith("/") or not site_url else site_url + "/"
        canonical = urljoin(base, file.url) if base else ""
        addresses = {"canonical": canonical, "absolute": urlsplit(canonical).path if canonical else "", "url": file.url}
        output = frame.fill(title=_escape(page.title), description=_escape(page.description),
                            body=page.render(file.url), addresses=addresses)
        write_page_file(file.abs_dest_path, output, atomic)

    def rewrite_sitemap(self, env: Any, files: Files, nav: Navigation, config: MkDocsConfig) -> None:
        """MkDocs wrote sitemap.xml from its own pages (the stand-ins in, the framed pages out): write it again
        from the same template with every page in the order of the files, as MkDocs would have."""
        if "sitemap.xml" not in config.theme.static_templates or not self.framed:
            return
        date = utils.get_build_date()
        base = config.site_url or ""
        base = base if base.endswith("/") or not base else base + "/"
        entries: list[Any] = []  # MkDocs' files, and stand-ins for framed pages with what the template reads
        for file in files:
            if file.src_uri in self.stand_ins:
                continue
            if isinstance(file, FramedFile):
                canonical = urljoin(base, file.url) if base else None
                stub = SimpleNamespace(is_link=False, canonical_url=canonical,
                                       abs_url=urlsplit(canonical).path if canonical else None, update_date=date)
                entries.append(SimpleNamespace(page=stub))
            elif file.is_documentation_page() and file.page is not None and file.inclusion.is_included():
                entries.append(file)
        template = env.get_template("sitemap.xml")
        context = get_context(nav, entries, config)
        output = template.render(context)
        path = os.path.join(config.site_dir, "sitemap.xml")
        utils.write_file(output.encode("utf-8"), path)
        with open(f"{path}.gz", "wb") as handle:
            stamp = utils.get_build_timestamp(pages=[entry.page for entry in entries])
            with gzip.GzipFile(fileobj=handle, filename=f"{path}.gz", mode="wb", mtime=stamp) as zipped:
                zipped.write(output.encode("utf-8"))


def write_page_file(path: str, output: str, atomic: bool = True) -> None:
    """Write a page as MkDocs would; `atomic`: so that a reader sees the old file or the new one, never half."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    temporary = f"{path}.hub-tmp" if atomic else path
    with open(temporary, "wb") as handle:
        handle.write(output.encode("utf-8", errors="xmlcharrefreplace"))
    if atomic:
        os.replace(temporary, path)


def _escape(text: str) -> str:
    """As the plugin hands titles and descriptions to the theme (on_page_markdown)."""
    import html

    return html.escape(text)
