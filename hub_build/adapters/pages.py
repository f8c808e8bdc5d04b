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

from hub_build.core.hub import EventEntry, Hub, PracticeEntry
from hub_build.core.problems import format_report
from hub_build.core.settings import HubSettings, read_mkdocs_config
from hub_build.load.config_links import link_setting_problems
from hub_build.pipeline import load_hub
from hub_build.publish.sitedir import site_folder_problem
from hub_build.publish.extras import publish_extras, publish_feeds, publish_language_files, publish_open_data
from hub_build.publish.search.sitewide import PageRecord, write_sitewide_index
from hub_build.render.languages import SOURCE_LANGUAGE, Alternate, alternates, browser_messages, shared_root, translations
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


def in_language(body: str, lang_attribute: str) -> str:
    """A page's own text, in a block that says its language when it differs from the page's."""
    return f"<div{lang_attribute}>{body}</div>" if lang_attribute and body.strip() else body


def lang_attribute(text_language: str, page_language: str) -> str:
    """` lang="en"` for a text in another language than the page's, else ''."""
    return f' lang="{text_language}"' if text_language and text_language != page_language else ""


@dataclass
class SitePages:
    """The pages of one build: which the hub generates, their settings, and every page's finished body.

    One build writes one language's site (`site.language`): English at the root, another language as a whole
    site under /<code>/ (render/languages.py); `root_url` is the English site's address (its site_url), from
    which every language's pages are found."""

    hub: Hub
    site: HubSite
    root_url: str = ""
    generated: dict[str, GeneratedPage] = field(default_factory=dict)
    sector_intros: dict[str, str] = field(default_factory=dict)  # an editor's content/sectors/KEY.md -> KEY
    search_pages: list[PageRecord] = field(default_factory=list)  # pages for the site-wide search box
    page_kinds: dict[str, str] = field(default_factory=dict)  # src_uri -> "Resource", "Practice example" or "Event"

    def __post_init__(self) -> None:
        _ = self.site._  # the kinds the site-wide search shows, in the site's language
        self.page_kinds = dict.fromkeys(self.hub.resources_by_uri, _("Resource"))
        self.page_kinds.update({entry.src_uri: _("Practice example") for entry in self.hub.practice})
        self.page_kinds.update({entry.src_uri: _("Event") for entry in self.hub.events})

    @property
    def language(self) -> str:
        return self.site.language

    @property
    def multilingual(self) -> bool:
        """Built in more than one language: every page links its other versions and has the language switch."""
        return len(self.hub.settings.languages) > 1

    @property
    def other_languages(self) -> list[str]:
        """The languages built after this (English) one, each into its folder of the English site."""
        return list(self.hub.settings.languages[1:]) if self.language == SOURCE_LANGUAGE else []

    def source(self, src_uri: str):
        """(the checked Markdown page this site shows for `src_uri`, whether it is the English page standing in for
        a version in the site's language that does not exist): a Welsh sibling (about.cy.md) on the Welsh site."""
        if self.language == SOURCE_LANGUAGE:
            return self.hub.pages.get(src_uri), False
        return self.hub.page_in(src_uri, self.language)

    def foreign_text(self, src_uri: str) -> str:
        """The lang attribute an editor's page text needs on this site: ' lang="en"' when the site shows the English
        page in place of a version in its own language; '' when the text is in the site's language."""
        return f' lang="{SOURCE_LANGUAGE}"' if self.source(src_uri)[1] else ""

    def nav_title(self, src_uri: str) -> str | None:
        """On a site in another language, the navigation names the hub's own pages in that language (the titles
        in mkdocs.yml are the editors' English); None: keep the title (editors' pages, and every English one)."""
        generated = self.generated.get(src_uri)
        if self.language == SOURCE_LANGUAGE or generated is None:
            return None
        return html.escape(generated.title, quote=False)  # Material prints navigation titles unescaped

    def theme_globals(self) -> dict[str, Any]:
        """What the theme's templates need beside the renderer's own context: the language's alternates, where
        the shared data is (hub_shared, hub_shared_base). The words come from `translations` (install_i18n)."""
        languages, root, language = list(self.hub.settings.languages), self.root_url, self.language
        shared = shared_root(language)

        def hub_alternates(page_url: str) -> list[Alternate]:
            return alternates(page_url, language, languages, root)

        def hub_shared_base(base: str) -> str:
            # base_url + "/" + the way up: base_url ends in "/" on the 404 page of a site with an address
            # ("/sub/cy/"), and "/sub/cy//../" would stay in /sub/cy/. English keeps base_url + "/" as it was.
            return (base.rstrip("/") + "/" + shared) if shared else base + "/"

        return {"hub_alternates": hub_alternates, "hub_shared": shared, "hub_shared_base": hub_shared_base}

    def install_i18n(self, env: Any) -> None:
        """The theme overrides' words ({% trans %}, _()) from the hub's catalogue, in the site's language; the
        alternates and shared-data helpers as globals. `env` is the renderer's Jinja environment."""
        if "jinja2.ext.InternationalizationExtension" not in env.extensions:
            env.add_extension("jinja2.ext.i18n")
        env.install_gettext_translations(translations(self.language), newstyle=True)
        env.globals.update(self.theme_globals())

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
        source, english = self.source(src_uri)[0], self.hub.pages.get(src_uri)
        if source is not None and english is not None and type(source.meta) is not type(english.meta):
            source = english  # an item's sibling holds its text only: the page's settings are the original's
        if source is not None and source.meta is not None:
            meta = source.meta.model_dump(exclude_none=True, exclude_defaults=True)
            if source.meta.search is not None:
                meta["search"] = {"exclude": source.meta.search.exclude}
        resource = self.hub.resources_by_uri.get(src_uri)
        if resource is not None:
            meta["title"] = self.hub.text(resource, "title", self.language).text
            meta["description"] = self.hub.text(resource, "summary", self.language).text
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
            self.add_search_page(url, self.site._("Page"), page.title, f"<p>{html.escape(page.description)}</p>", {})
        return hub_links(page.render(url))

    def editor_body(self, src_uri: str, url: str, rendered: str, meta: Mapping[str, Any], title: str,
                    hub_links: Callable[[str], str] = _as_is) -> str:
        """An editor's page as the renderer made it from its Markdown, sanitised, with the hub's blocks put in
        place of their markers, an item's panel first and 'Report a problem' and a sector's lists after."""
        parts = MARKER.split(rendered)
        text_lang = self.foreign_text(src_uri)  # ' lang="en"' for the editor's English on a Welsh page
        body = "".join(
            in_language(sanitise_page(part), text_lang) if index % 2 == 0 else
            (hub_links(self.site.render_block(part, url)) if part in BLOCK_NAMES else "")
            for index, part in enumerate(parts)
        )
        if text_lang:  # the Welsh site shows the English page, and says so in Welsh
            body = ('<p class="hub-fallback">'
                    + html.escape(self.site._("This page is not yet available in this language, so it is shown in English."))
                    + "</p>" + body)
        resource = self.hub.resources_by_uri.get(src_uri)
        if resource is not None:
            named = self.hub.text(resource, "title", self.language)
            body = (f"<h1{lang_attribute(named.lang, self.language)}>{html.escape(named.text)}</h1>"
                    + hub_links(self.site.render_resource_panel(resource, url)) + body)
        panel = self.site.knowledge.page_for(src_uri, url)
        if panel is not None:
            items: list[PracticeEntry | EventEntry] = [*self.hub.practice, *self.hub.events]
            item = next((e for e in items if e.src_uri == src_uri), None)
            heading = self.hub.text(item, "title", self.language) if item is not None else None
            body = ((f"<h1{lang_attribute(heading.lang, self.language)}>{html.escape(heading.text)}</h1>" if heading
                     else f"<h1{text_lang}>{html.escape(panel[0])}</h1>") + hub_links(panel[2]) + body)
        body += hub_links(self.site.report_for(src_uri, url))  # 'Report a problem' on item pages
        if src_uri in self.sector_intros:
            body += hub_links(self.site.render_sector(self.sector_intros[src_uri], url, with_title=False))
        shown = html.unescape(re.sub(r"<[^>]*>", "", str(meta.get("title") or title or "")))
        self.add_search_page(url, self.page_kinds.get(src_uri, self.site._("Page")), shown, body, meta)
        return body

    def add_search_page(self, url: str, kind: str, title: str, body: str, meta: Mapping[str, Any]) -> None:
        """Record a page for the site-wide search box (`title` as plain text)."""
        search = meta.get("search")
        if isinstance(search, dict) and search.get("exclude"):
            return  # the editor's own opt-out, as the renderer's search honours it
        self.search_pages.append(PageRecord(url=url, kind=kind, title=title, body_html=body))

    def publish(self, site_dir: Path, *, site_name: str) -> int:
        """Everything the hub adds beside the renderer's pages, once they are written (geo and search data,
        scripts, schemas, feeds, calendars, open data, the site-wide search index); returns how many pages the
        box's Pagefind index holds (listings are in the directory's own index). SitewideSearchError when Pagefind fails.

        A site in another language (in site_dir = <English site>/<code>/) reads what every language shares (geo,
        search and open data, the JSON Schema) from the English site, and writes its own feed and calendars."""
        english = self.language == SOURCE_LANGUAGE
        publish_extras(self.hub, site_dir, shared_data=english)
        publish_feeds(self.hub, self.site.knowledge.updates(), self.site.urls, site_dir, site_name=site_name,
                      site_url=self.site.site_url, _=self.site._, root_url=self.root_url,
                      language="" if english else self.language)
        if english:
            publish_open_data(self.hub, site_dir)  # one open dataset for every language
        if self.multilingual:
            publish_language_files(browser_messages(self.language), site_dir)
        return write_sitewide_index(self.search_pages, site_dir)
