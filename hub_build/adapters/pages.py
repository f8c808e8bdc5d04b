"""What every renderer adapter does with the site's pages, whatever the renderer.

MkDocs and ProperDocs call these from the `hub` plugin's events; the Zensical adapter calls them while it
prepares the pages Zensical renders and from the Markdown extension that finishes each page. One copy, so the
three renderers publish the same pages with the same settings, the same sanitised bodies and the same
site-wide search records. Nothing here imports a renderer.
"""

from __future__ import annotations

import html
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Mapping
from typing import Any, Callable

from hub_build.core.hub import Hub
from hub_build.core.problems import format_report
from hub_build.core.settings import HubSettings, read_mkdocs_config
from hub_build.load.config_links import link_setting_problems
from hub_build.pipeline import load_hub
from hub_build.publish.sitedir import site_folder_problem
from hub_build.publish.extras import publish_extras, publish_feeds, publish_open_data
from hub_build.publish.search.sitewide import PageRecord, write_sitewide_index
from hub_build.render.sanitise import sanitise_page
from hub_build.render.site import BLOCK_NAMES, FIND_PAGE, GeneratedPage, HubSite

class BuildRefused(Exception):
    """Why nothing was built, as one message for the person building (the renderer shows it its own way)."""


def checked_hub(root: Path, settings: HubSettings, docs_dir: Path, site_dir: Path, config_file: Path | None,
                log: logging.Logger) -> Hub:
    """The hub, loaded and checked before the renderer touches anything; warnings go to `log` (overdue reviews
    are the editors' to-do list, not a broken build, so at INFO); BuildRefused on any error."""
    refused = site_folder_problem(site_dir, root, docs_dir, settings, config_file or root / "mkdocs.yml")
    if refused:  # checked before the renderer empties the site folder
        raise BuildRefused(f"{refused}; nothing was built or changed")
    hub = load_hub(root, settings, docs_dir=docs_dir)
    if config_file is not None:
        hub.problems.extend(link_setting_problems(config_file, read_mkdocs_config(config_file), config_file.name))
    for problem in hub.warnings:
        log.log(logging.INFO if problem.field == "last_reviewed" else logging.WARNING, problem.as_text())
    if hub.errors:
        raise BuildRefused(f"the hub's content has {len(hub.errors)} error(s); nothing was built.\n"
                           + format_report(hub.errors) + "\nRun 'hub-build validate' for the full report.")
    return hub


def _as_is(fragment: str) -> str:
    return fragment


MARKER = re.compile(r"<!--\s*hub:([a-z-]+)\s*-->")


def plain(text: str) -> str:
    """A printed setting as the theme shows it: no tags, escaped once (Material prints title, description and
    subtitle unescaped, and strips tags from the title)."""
    return html.escape(text.replace("<", "").replace(">", ""))


@dataclass
class SitePages:
    """The pages of one build: which the hub generates, their settings, and every page's finished body."""

    hub: Hub
    site: HubSite
    generated: dict[str, GeneratedPage] = field(default_factory=dict)
    sector_intros: dict[str, str] = field(default_factory=dict)  # an editor's content/sectors/KEY.md -> KEY
    search_pages: list[PageRecord] = field(default_factory=list)  # pages for the site-wide search box
    page_kinds: dict[str, str] = field(default_factory=dict)  # src_uri -> "Resource", "Practice example" or "Event"

    def __post_init__(self) -> None:
        self.page_kinds = dict.fromkeys(self.hub.resources_by_uri, "Resource")
        self.page_kinds.update({entry.src_uri: "Practice example" for entry in self.hub.practice})
        self.page_kinds.update({entry.src_uri: "Event" for entry in self.hub.events})

    def plan(self, editor_has: Callable[[str], bool]) -> list[GeneratedPage]:
        """The pages the renderer must create (an editor's own page of the same name wins, except over a
        listing; an editor's sector page gets the sector's lists appended instead)."""
        self.generated, self.sector_intros, self.search_pages = {}, {}, []
        created = []
        for page in self.site.plan():
            if editor_has(page.src_uri) and page.kind == "sector":
                self.sector_intros[page.src_uri] = page.src_uri.rsplit("/", 1)[-1][:-3]
                continue
            if editor_has(page.src_uri) and page.kind != "listing":
                continue
            self.generated[page.src_uri] = page
            created.append(page)
        return created

    @staticmethod
    def in_nav(page: GeneratedPage) -> bool:
        """Listings, browse and sector pages stay out of the navigation, so it does not grow with the hub."""
        return page.kind not in ("listing", "browse", "sector")

    def generated_meta(self, page: GeneratedPage) -> dict[str, Any]:
        """The settings of a generated page: title, description, and what search and layout it wants."""
        meta: dict[str, Any] = {"title": html.escape(page.title), "description": html.escape(page.description)}
        if page.src_uri == FIND_PAGE:
            meta["hide"] = ["navigation", "toc"]  # room for the filters beside the results
        if page.kind in ("browse", "listing"):
            # Lists repeat the listings' own text; listings are found by the directory search's own index, and
            # keeping them out of the renderer's search index stops it growing with every listing.
            meta["search"] = {"exclude": True}
        return meta

    def editor_meta(self, src_uri: str) -> dict[str, Any]:
        """The only page settings the theme sees for an editor's page: checked values, printed ones escaped once."""
        meta: dict[str, Any] = {}
        source = self.hub.pages.get(src_uri)
        if source is not None and source.meta is not None:
            meta = source.meta.model_dump(exclude_none=True, exclude_defaults=True)
            if source.meta.search is not None:
                meta["search"] = {"exclude": source.meta.search.exclude}
        resource = self.hub.resources_by_uri.get(src_uri)
        if resource is not None:
            meta["title"], meta["description"] = resource.resource.title, resource.resource.summary
        known = self.site.knowledge.meta_for(src_uri)
        if known is not None:
            meta["title"], meta["description"] = known
        for key in ("title", "description", "subtitle"):
            if isinstance(meta.get(key), str):
                meta[key] = plain(meta[key])
        return meta

    def generated_body(self, page: GeneratedPage, url: str, hub_links: Callable[[str], str] = _as_is) -> str:
        """A generated page's HTML at `url`; lists (sector, index and event pages) are found by what they are,
        not by the items they repeat. `hub_links` adapts the links in HTML the hub made to how the renderer
        reads links in the HTML it is given (Zensical: relative to the Markdown file, not the page)."""
        if page.kind not in ("listing", "browse"):
            self.add_search_page(url, "Page", page.title, f"<p>{html.escape(page.description)}</p>", {})
        return hub_links(page.render(url))

    def editor_body(self, src_uri: str, url: str, rendered: str, meta: Mapping[str, Any], title: str,
                    hub_links: Callable[[str], str] = _as_is) -> str:
        """An editor's page as the renderer made it from its Markdown, sanitised, with the hub's blocks put in
        place of their markers, an item's panel first and 'Report a problem' and a sector's lists after."""
        parts = MARKER.split(rendered)
        body = "".join(
            sanitise_page(part) if index % 2 == 0 else
            (hub_links(self.site.render_block(part, url)) if part in BLOCK_NAMES else "")
            for index, part in enumerate(parts)
        )
        resource = self.hub.resources_by_uri.get(src_uri)
        if resource is not None:
            body = (f"<h1>{html.escape(resource.resource.title)}</h1>"
                    + hub_links(self.site.render_resource_panel(resource, url)) + body)
        panel = self.site.knowledge.page_for(src_uri, url)
        if panel is not None:
            body = f"<h1>{html.escape(panel[0])}</h1>" + hub_links(panel[2]) + body
        body += hub_links(self.site.report_for(src_uri, url))  # 'Report a problem' on item pages
        if src_uri in self.sector_intros:
            body += hub_links(self.site.render_sector(self.sector_intros[src_uri], url, with_title=False))
        shown = html.unescape(re.sub(r"<[^>]*>", "", str(meta.get("title") or title or "")))
        self.add_search_page(url, self.page_kinds.get(src_uri, "Page"), shown, body, meta)
        return body

    def add_search_page(self, url: str, kind: str, title: str, body: str, meta: Mapping[str, Any]) -> None:
        """Record a page for the site-wide search box (`title` as plain text)."""
        search = meta.get("search")
        if isinstance(search, dict) and search.get("exclude"):
            return  # the editor's own opt-out, as the renderer's search honours it
        self.search_pages.append(PageRecord(url=url, kind=kind, title=title, body_html=body))

    def publish(self, site_dir: Path, *, site_name: str) -> int:
        """Everything the hub adds beside the renderer's pages, once they are written (geo and search data,
        scripts, schemas, feeds, calendars, open data, the site-wide search index); returns how many pages and
        listings the search index holds. SitewideSearchError when Pagefind fails."""
        publish_extras(self.hub, site_dir)
        publish_feeds(self.hub, self.site.knowledge.updates(), self.site.urls, site_dir, site_name=site_name,
                      site_url=self.site.site_url)
        publish_open_data(self.hub, site_dir)
        urls = {entry.slug: self.site.service_url(entry.slug) for entry in self.hub.services}
        return write_sitewide_index(self.hub, self.search_pages, urls, site_dir)
