"""The `hub` MkDocs plugin: a thin adapter between the Hub and MkDocs.

Everything it shows comes from hub_build's renderer-independent core; this
module only maps MkDocs events onto it, so the hub can move renderer later.
"""

from __future__ import annotations

import html
import logging
import os
import re
from pathlib import Path
from typing import Any

from jinja2 import pass_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from pydantic import ValidationError

from hub_build.load.config_links import link_setting_problems
from hub_build.render.csp import ThemeSnippets, meta_tag
from hub_build.core.hub import Hub
from hub_build.load.inventory import visible
from hub_build.pipeline import load_hub
from hub_build.core.problems import format_report
from hub_build.publish.extras import THEME_DIR, publish_extras, publish_language_files, publish_feeds, publish_open_data
from hub_build.render.sanitise import sanitise_page
from hub_build.render.site import BLOCK_NAMES, FIND_PAGE, GeneratedPage, HubSite
from hub_build.core.urls import SiteUrls
from hub_build.render.languages import SOURCE_LANGUAGE, alternates, shared_root, translations
from hub_build.adapters.mkdocs.languages import build_languages
from hub_build.publish.search.sitewide import PageRecord, SitewideSearchError, write_sitewide_index
from hub_build.core.settings import HubSettings, read_mkdocs_config
from hub_build.publish.sitedir import site_folder_problem

log = logging.getLogger("mkdocs.plugins.hub")
_MARKER = re.compile(r"<!--\s*hub:([a-z-]+)\s*-->")


class HubPlugin(BasePlugin):
    """Validates the hub's content, then renders listings and browse pages into the MkDocs site."""

    def __init__(self) -> None:
        super().__init__()
        self.settings = HubSettings()
        self.hub: Hub | None = None
        self.site: HubSite | None = None
        self.generated: dict[str, GeneratedPage] = {}
        self.sector_intros: dict[str, str] = {}  # an editor's content/sectors/KEY.md -> KEY: lists follow its text
        self.search_pages: list[PageRecord] = []  # pages for the site-wide search box (listings come from the Hub)
        self.page_kinds: dict[str, str] = {}  # src_uri -> "Resource", "Practice example" or "Event"
        self.language = SOURCE_LANGUAGE  # the language of the site this build writes
        self.parent: HubPlugin | None = None  # the English build, when this one builds another language
        self.root_url = ""  # the English site's address (site_url): every language's pages are found from it

    def adopt(self, parent: HubPlugin, language: str) -> None:
        """Make this the `language` build of the English one: its checked settings and Hub are reused."""
        self.parent, self.language, self.settings, self.root_url = parent, language, parent.settings, parent.root_url

    def load_config(self, options: dict[str, Any], config_file_path: str | None = None):
        """Options are checked by the same pydantic model the CLI uses: one definition."""
        errors: list[tuple[str, str]] = []
        warnings: list[tuple[str, str]] = []
        try:
            self.settings = HubSettings.model_validate(options or {})
        except ValidationError as error:
            for item in error.errors(include_url=False):
                errors.append((".".join(map(str, item["loc"])) or "hub", item["msg"]))
        self.config = dict(options or {})
        return errors, warnings

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.parent is not None:
            assert self.parent.hub is not None
            return self._configure(config, self.parent.hub)
        root = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
        config_file = Path(config.config_file_path) if config.config_file_path else root / "mkdocs.yml"
        refused = site_folder_problem(Path(config.site_dir), root, Path(config.docs_dir), self.settings, config_file)
        if refused:  # checked before MkDocs empties the site folder
            raise PluginError(f"{refused}; nothing was built or changed")
        hub = load_hub(root, self.settings, docs_dir=Path(config.docs_dir))
        if config.config_file_path:
            path = Path(config.config_file_path)
            hub.problems.extend(link_setting_problems(path, read_mkdocs_config(path), path.name))
        for problem in hub.warnings:
            # Overdue reviews are the editors' to-do list, not a broken build.
            level = logging.INFO if problem.field == "last_reviewed" else logging.WARNING
            log.log(level, problem.as_text())
        if hub.errors:
            raise PluginError(
                f"the hub's content has {len(hub.errors)} error(s); nothing was built.\n"
                + format_report(hub.errors) + "\nRun 'hub-build validate' for the full report."
            )
        self.root_url = config.site_url or ""
        return self._configure(config, hub)

    def _configure(self, config: MkDocsConfig, hub: Hub) -> MkDocsConfig:
        self.hub = hub
        self.site = HubSite(hub, SiteUrls(config.use_directory_urls), site_url=config.site_url or "",
                            language=self.language, shared=shared_root(self.language))
        if len(self.settings.languages) > 1:
            # Material includes partials/alternate.html (the hub's language switch, theme/) when this is set; not
            # a list, so its base.html prints no alternates of its own: the hub's are per page (main.html).
            config.extra["alternate"] = True
            config.extra_javascript.append("assets/hub/language.js")  # the switch keeps the reader's place
        _ = self.site._  # the kinds the site-wide search shows, in the site's language
        self.page_kinds = dict.fromkeys(hub.resources_by_uri, _("Resource"))
        self.page_kinds.update({entry.src_uri: _("Practice example") for entry in hub.practice})
        self.page_kinds.update({entry.src_uri: _("Event") for entry in hub.events})
        config.theme.dirs.insert(0, str(THEME_DIR))
        config.extra_css.append("assets/hub/hub.css")
        config.extra_javascript.append("assets/hub/filter.js")  # on-page list filters (does nothing without one)
        config.extra_javascript.append("assets/hub/print.js")  # the print header's date and page address
        config.extra_javascript.append("assets/hub/keyboard.js")  # the header's menu and search buttons by keyboard
        config.extra_css.append("assets/hub/search.css")
        if hub.has_welsh:  # Welsh mutations for the search box (welsh.js), before the box's script
            config.extra_javascript.append("assets/hub/welsh.js")
        config.extra_javascript.append("assets/hub/sitesearch.js")  # the search box on every page (theme/partials/search.html)
        config.extra_css.append("assets/hub/sitesearch.css")
        config.extra_css.append("assets/hub/suggest.css")  # the suggest-a-listing form (suggest.js is loaded by its page)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.site is not None and self.hub is not None
        self._publish_only_classified(files, config)
        self.generated = {}
        self.sector_intros = {}
        self.search_pages = []
        for page in self.site.plan():
            if files.get_file_from_path(page.src_uri) is not None and page.kind == "sector":
                self.sector_intros[page.src_uri] = page.src_uri.rsplit("/", 1)[-1][:-3]
                continue  # the editor's introduction, with the sector's lists appended
            if files.get_file_from_path(page.src_uri) is not None and page.kind != "listing":
                continue  # an editor's own page of that name wins
            self.generated[page.src_uri] = page
            inclusion = InclusionLevel.NOT_IN_NAV if page.kind in ("listing", "browse", "sector") else InclusionLevel.UNDEFINED
            existing = files.get_file_from_path(page.src_uri)
            if existing is not None:
                files.remove(existing)
            files.append(File.generated(config, page.src_uri, content="", inclusion=inclusion))
        return files

    def on_nav(self, nav, config: MkDocsConfig, files: Files):
        """On a site in another language, the navigation names the hub's own pages in that language (the titles
        in mkdocs.yml are the editors' English); editors' pages keep their titles."""
        if self.language != SOURCE_LANGUAGE:
            for page in nav.pages:
                generated = self.generated.get(page.file.src_uri)
                if generated is not None:
                    page.title = html.escape(generated.title, quote=False)  # Material prints navigation titles unescaped
        return nav

    def _publish_only_classified(self, files: Files, config: MkDocsConfig) -> None:
        """Nothing from the content folder reaches the site unless the inventory classified it: anything else
        (a file that appeared after the check, one MkDocs sees and the hub does not) stops the build."""
        assert self.hub is not None and self.hub.inventory is not None
        docs = os.path.abspath(config.docs_dir)
        published, ignored = self.hub.inventory.published, self.hub.inventory.ignored
        unknown = []
        for file in list(files):
            if file.generated_by or file.src_dir is None or os.path.abspath(file.src_dir) != docs:
                continue  # the theme's own files, or pages generated by plugins
            if file.src_uri in published:
                continue
            files.remove(file)
            if file.src_uri not in ignored and file.inclusion is not InclusionLevel.EXCLUDED:
                unknown.append(file.src_uri)
        if unknown:
            raise PluginError("these files were not checked by the hub and would have been published: "
                              + ", ".join(visible(uri) for uri in sorted(unknown)[:20]) + "; nothing was built. Run 'hub-build validate'.")

    def on_page_read_source(self, page: Page, config: MkDocsConfig) -> str | None:
        """MkDocs is given the body the hub read and checked, never the file again: its own front-matter
        reader (which expands YAML aliases and reads 'Key: value' first lines as settings) never runs."""
        if page.file.src_uri in self.generated:
            return None
        source = self._source(page.file.src_uri)[0] if self.hub else None
        if source is None:
            raise PluginError(f"{page.file.src_uri} was not checked by the hub; nothing was built")
        return "\n" + source.body  # a leading blank line: nothing in the body can be read as page settings

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        generated = self.generated.get(page.file.src_uri)
        if generated is None:
            page.meta = self._page_meta(page.file.src_uri)
        if generated is not None:
            page.meta["title"] = html.escape(generated.title)
            page.meta["description"] = html.escape(generated.description)
            if generated.src_uri == FIND_PAGE:
                page.meta["hide"] = ["navigation", "toc"]  # room for the filters beside the results
            if generated.kind == "browse":
                page.meta["search"] = {"exclude": True}  # lists repeat the listings' own text
            if generated.kind == "listing":
                # The directory search page finds listings from its own compact index; keeping them out of
                # Material's search_index.json stops it growing with every listing (see bench/README.md).
                page.meta["search"] = {"exclude": True}
            return ""
        return markdown

    def _page_meta(self, src_uri: str) -> dict[str, Any]:
        """The only page settings the theme sees: checked values, every printed one plain text escaped once
        (Material prints title, description and subtitle unescaped, and strips tags from the title)."""
        assert self.hub is not None and self.site is not None
        meta: dict[str, Any] = {}
        source, english = self._source(src_uri)[0], self.hub.pages.get(src_uri)
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
                meta[key] = html.escape(meta[key].replace("<", "").replace(">", ""))
        return meta

    def on_page_content(self, html_body: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        assert self.site is not None and self.hub is not None
        generated = self.generated.get(page.file.src_uri)
        if generated is not None:
            if generated.kind not in ("listing", "browse"):
                # Lists (sector, index and event pages) are found by what they are, not by the items they
                # repeat: each item is a search result of its own.
                self._add_search_page(page, self.site._("Page"), f"<p>{html.escape(generated.description)}</p>")
            return generated.render(page.url)
        parts = _MARKER.split(html_body)
        text_lang = self._foreign_text(page.file.src_uri)  # ' lang="en"' for the editor's English on a Welsh page
        body = "".join(
            _in_language(sanitise_page(part), text_lang) if index % 2 == 0 else
            (self.site.render_block(part, page.url) if part in BLOCK_NAMES else "")
            for index, part in enumerate(parts)
        )
        if text_lang:  # the Welsh site shows the English page, and says so in Welsh
            body = ('<p class="hub-fallback">'
                    + html.escape(self.site._("This page is not yet available in this language, so it is shown in English."))
                    + "</p>" + body)
        resource = self.hub.resources_by_uri.get(page.file.src_uri)
        if resource is not None:
            title = self.hub.text(resource, "title", self.language)
            body = (f"<h1{_lang_attribute(title.lang, self.language)}>{html.escape(title.text)}</h1>"
                    + self.site.render_resource_panel(resource, page.url) + body)
        panel = self.site.knowledge.page_for(page.file.src_uri, page.url)
        if panel is not None:
            item = next((e for e in [*self.hub.practice, *self.hub.events] if e.src_uri == page.file.src_uri), None)
            title = self.hub.text(item, "title", self.language) if item is not None else None
            heading = (f"<h1{_lang_attribute(title.lang, self.language)}>{html.escape(title.text)}</h1>" if title
                       else f"<h1{text_lang}>{html.escape(panel[0])}</h1>")
            body = heading + panel[2] + body
        body += self.site.report_for(page.file.src_uri, page.url)  # 'Report a problem' on item pages
        if page.file.src_uri in self.sector_intros:
            body += self.site.render_sector(self.sector_intros[page.file.src_uri], page.url, with_title=False)
        if "title" not in page.meta and page.title:
            page.meta["title"] = html.escape(re.sub(r"<[^>]*>", "", page.title).replace("<", "").replace(">", ""))
        self._add_search_page(page, self._kind(page.file.src_uri), body)
        return body

    def _source(self, src_uri: str):
        """(the checked Markdown page this site shows for `src_uri`, whether it is the English page standing in for
        a version in the site's language that does not exist): a Welsh sibling (about.cy.md) on the Welsh site."""
        assert self.hub is not None
        if self.language == SOURCE_LANGUAGE:
            return self.hub.pages.get(src_uri), False
        return self.hub.page_in(src_uri, self.language)

    def _foreign_text(self, src_uri: str) -> str:
        """The lang attribute an editor's page text needs on this site: ' lang="en"' when the site shows the English
        page in place of a version in its own language; '' when the text is in the site's language."""
        return f' lang="{SOURCE_LANGUAGE}"' if self._source(src_uri)[1] else ""

    def _kind(self, src_uri: str) -> str:
        """What an editor's page is, as the site-wide search labels it."""
        return self.page_kinds.get(src_uri, self.site._("Page") if self.site else "Page")

    def _add_search_page(self, page: Page, kind: str, body: str) -> None:
        search = page.meta.get("search")
        if isinstance(search, dict) and search.get("exclude"):
            return  # the editor's own opt-out, as Material's search honours it
        title = html.unescape(re.sub(r"<[^>]*>", "", str(page.meta.get("title") or page.title or "")))
        self.search_pages.append(PageRecord(url=page.url, kind=kind, title=title, body_html=body))

    def on_env(self, env, config: MkDocsConfig, files: Files):
        """`hub_csp()` in the theme prints the policy, allowing only the theme's own inline snippets."""
        snippets = ThemeSnippets(env, config.theme.get("features") or [])
        env.globals["hub_csp"] = pass_context(lambda context: meta_tag(snippets.hashes(context)))
        env.add_extension("jinja2.ext.i18n")  # the theme overrides' words come from the hub's catalogue
        env.install_gettext_translations(translations(self.language), newstyle=True)
        languages, root = self.settings.languages, self.root_url
        env.globals["hub_alternates"] = lambda page_url: alternates(page_url, self.language, languages, root)
        env.globals["hub_shared"] = shared = shared_root(self.language)  # where the data every language shares is
        # base_url + "/" + that: base_url ends in "/" on the 404 page of a site with an address ("/sub/cy/"), and
        # "/sub/cy//../" would stay in /sub/cy/. English keeps base_url + "/" as it always wrote it.
        env.globals["hub_shared_base"] = lambda base: (base.rstrip("/") + "/" + shared) if shared else base + "/"
        return env

    def on_post_build(self, config: MkDocsConfig) -> None:
        assert self.hub is not None
        own_data = self.parent is None  # another language's site reads the shared data from the English one
        publish_extras(self.hub, Path(config.site_dir), shared_data=own_data)
        assert self.site is not None
        publish_feeds(self.hub, self.site.knowledge.updates(), self.site.urls, Path(config.site_dir),
                      site_name=config.site_name, site_url=self.site.site_url, _=self.site._, root_url=self.root_url,
                      language="" if self.language == SOURCE_LANGUAGE else self.language)
        if own_data:
            publish_open_data(self.hub, Path(config.site_dir))  # one open dataset for every language
        if len(self.settings.languages) > 1:
            publish_language_files(self.language, Path(config.site_dir))
        urls = {entry.slug: self.site.service_url(entry.slug) for entry in self.hub.services}
        try:
            count = write_sitewide_index(self.hub, self.search_pages, urls, Path(config.site_dir),
                                         service_kind=self.site._("Service"))
        except SitewideSearchError as error:
            raise PluginError(f"the site-wide search index could not be written: {error}") from error
        log.info("site-wide search: %d pages and listings indexed", count)
        if self.parent is None and len(self.settings.languages) > 1:
            build_languages(self, config)  # the other languages' sites, into their folders of this one

    def on_serve(self, server, config: MkDocsConfig, builder):
        root = Path(config.config_file_path).parent
        server.watch(str(root / self.settings.directory))
        if self.settings.vocabulary:
            server.watch(str(root / self.settings.vocabulary))
        return server


def _in_language(body: str, lang_attribute: str) -> str:
    """A page's own text, in a block that says its language when it differs from the page's."""
    return f"<div{lang_attribute}>{body}</div>" if lang_attribute and body.strip() else body


def _lang_attribute(text_language: str, page_language: str) -> str:
    """` lang="en"` for a text in another language than the page's, else ''."""
    return f' lang="{text_language}"' if text_language and text_language != page_language else ""
