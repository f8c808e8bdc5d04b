"""The `hub` MkDocs plugin: a thin adapter between the Hub and MkDocs.

Everything it shows comes from hub_build's renderer-independent core; this
module only maps MkDocs events onto it, so the hub can move renderer later.
"""

from __future__ import annotations

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

from hub_build.adapters.mkdocs.fastserve import FastServe
from hub_build.adapters.mkdocs.framing import Framing
from hub_build.adapters.markdown_cache import markdown_cache
from hub_build.adapters.pages import BuildRefused, SitePages, checked_hub, plain
from hub_build.core.hub import EventEntry, PracticeEntry, ResourceEntry, ServiceEntry
from hub_build.core.yamlsource import Positions
from hub_build.render.frame import FrameError
from hub_build.render.site import GeneratedPage
from hub_build.adapters.pages import MARKER as _HUB_MARKER
from hub_build.render.csp import ThemeSnippets, meta_tag
from hub_build.core.hub import Hub
from hub_build.load.inventory import visible
from hub_build.publish.extras import THEME_CSS, THEME_DIR, theme_scripts
from hub_build.render.site import HubSite
from hub_build.core.urls import SiteUrls
from hub_build.render.languages import SOURCE_LANGUAGE, shared_root
from hub_build.adapters.mkdocs.languages import build_languages
from hub_build.publish.search.sitewide import SitewideSearchError
from hub_build.core.settings import HubSettings

log = logging.getLogger("mkdocs.plugins.hub")


class HubPlugin(BasePlugin):
    """Validates the hub's content, then renders listings and browse pages into the MkDocs site."""

    def __init__(self) -> None:
        super().__init__()
        self.settings = HubSettings()
        self.hub: Hub | None = None
        self.site: HubSite | None = None
        self.pages: SitePages | None = None  # the pages' plan, settings and finished bodies (adapters/pages.py)
        self.framing = Framing()  # listing and browse pages written into the theme's frame (framing.py)
        self.plan: list[GeneratedPage] = []  # the generated pages of this build, framed or not
        self.planned: set[str] = set()  # every page the site plans (serve: a change to it means a full rebuild)
        self.env: Any = None
        self.nav: Any = None
        self.files: Files | None = None
        self.fast_serve: FastServe | None = None  # under `mkdocs serve`: fast edits (fastserve.py)
        self.language = SOURCE_LANGUAGE  # the language of the site this build writes
        self.parent: HubPlugin | None = None  # the English build, when this one builds another language
        self.root_url = ""  # the English site's address (site_url): every language's pages are found from it

    def adopt(self, parent: HubPlugin, language: str) -> None:
        """Make this the `language` build of the English one: its checked settings and Hub are reused."""
        self.parent, self.language, self.settings, self.root_url = parent, language, parent.settings, parent.root_url

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Under `serve` the plugin lives across rebuilds (MkDocs keeps plugins that have on_startup), so a
        changed listing can be re-rendered on its own instead of the whole site being rebuilt."""
        self.fast_serve = FastServe(self) if command == "serve" else None

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
        try:
            hub = checked_hub(root, self.settings, Path(config.docs_dir), Path(config.site_dir),
                              config_file if config.config_file_path else None, log)
        except BuildRefused as refused:
            raise PluginError(str(refused)) from None
        # Every problem has been reported: the position of each value (about 15 KB a listing) is not needed
        # to render or publish, and dropping it keeps the build's peak memory down at 10,000 listings.
        items: list[ServiceEntry | ResourceEntry | PracticeEntry | EventEntry] = [*hub.services, *hub.resources, *hub.practice, *hub.events]
        for item in items:
            item.positions = Positions()
        self.root_url = config.site_url or ""
        return self._configure(config, hub)

    def _configure(self, config: MkDocsConfig, hub: Hub) -> MkDocsConfig:
        self.hub = hub
        # Another language's build shares the English build's cache of rendered descriptions, which keeps (and
        # saves, once every language is built) what both used.
        markdown = self.parent.site.markdown if self.parent is not None and self.parent.site is not None else markdown_cache(hub.root)
        self.site = HubSite(hub, SiteUrls(config.use_directory_urls), site_url=config.site_url or "",
                            markdown=markdown, language=self.language, shared=shared_root(self.language))
        self.pages = SitePages(hub, self.site, root_url=self.root_url)
        if self.pages.multilingual:
            # Material includes partials/alternate.html (the hub's language switch, theme/) when this is set; not
            # a list, so its base.html prints no alternates of its own: the hub's are per page (main.html).
            config.extra["alternate"] = True
        config.theme.dirs.insert(0, str(THEME_DIR))
        config.extra_css.extend(THEME_CSS)
        config.extra_javascript.extend(theme_scripts(hub))
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.pages is not None
        self._publish_only_classified(files, config)
        self.framing = Framing()
        self.files = files
        self.plan = self.pages.plan(lambda src_uri: files.get_file_from_path(src_uri) is not None)
        if self.fast_serve is not None:
            assert self.site is not None
            self.planned = {page.src_uri for page in self.site.plan()}
        framed = self.framing.choose(self.plan, files, config) if self.settings.fast_pages else set()
        for page in self.plan:
            inclusion = InclusionLevel.UNDEFINED if self.pages.in_nav(page) else InclusionLevel.NOT_IN_NAV
            existing = files.get_file_from_path(page.src_uri)
            if existing is not None:
                files.remove(existing)
            if page.src_uri in framed:
                del self.pages.generated[page.src_uri]  # the hub writes it after the build (framing.py)
                self.framing.add(page, files, config)
                continue
            files.append(File.generated(config, page.src_uri, content="", inclusion=inclusion))
        return files

    def on_nav(self, nav, config: MkDocsConfig, files: Files):
        self.nav = nav
        assert self.pages is not None
        for page in nav.pages:  # another language's site names the hub's own pages in its language
            title = self.pages.nav_title(page.file.src_uri)
            if title is not None:
                page.title = title
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
        if self.pages is not None and page.file.src_uri in self.pages.generated:
            return None
        if page.file.src_uri in self.framing.stand_ins:
            return None
        source = self.pages.source(page.file.src_uri)[0] if self.pages else None
        if source is None:
            raise PluginError(f"{page.file.src_uri} was not checked by the hub; nothing was built")
        return "\n" + source.body  # a leading blank line: nothing in the body can be read as page settings

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        assert self.pages is not None
        if page.file.src_uri in self.framing.stand_ins:  # its title and description are the frame's markers
            markers = self.framing.markers
            page.meta = {"title": markers.title, "description": markers.description, "search": {"exclude": True}}
            return ""
        generated = self.pages.generated.get(page.file.src_uri)
        if generated is None:
            page.meta = self.pages.editor_meta(page.file.src_uri)
            return markdown
        page.meta.update(self.pages.generated_meta(generated))
        return ""

    def on_page_content(self, html_body: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        assert self.pages is not None
        if page.file.src_uri in self.framing.stand_ins:
            return self.framing.markers.body
        generated = self.pages.generated.get(page.file.src_uri)
        if generated is not None:
            return self.pages.generated_body(generated, page.url)
        if "title" not in page.meta and page.title:
            page.meta["title"] = plain(re.sub(r"<[^>]*>", "", page.title))
        if self.fast_serve is not None and (_HUB_MARKER.search(html_body) or page.file.src_uri in self.pages.sector_intros):
            # it shows listings: redone on fast edits
            self.fast_serve.editor_pages[page.file.src_uri] = (html_body, dict(page.meta), page.title or "")
        return self.pages.editor_body(page.file.src_uri, page.url, html_body, page.meta, page.title or "")

    def on_env(self, env, config: MkDocsConfig, files: Files):
        """`hub_csp()` in the theme prints the policy, allowing only the theme's own inline snippets."""
        snippets = ThemeSnippets(env, config.theme.get("features") or [])
        env.globals["hub_csp"] = pass_context(lambda context: meta_tag(snippets.hashes(context)))
        self.env = env
        assert self.pages is not None
        self.pages.install_i18n(env)
        return env

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        """A stand-in page becomes its folder's frame and is not written (MkDocs skips empty output)."""
        if page.file.src_uri not in self.framing.stand_ins:
            if self.fast_serve is not None:
                self.fast_serve.remember(page.file.src_uri, output, page.content or "")
            return output
        try:
            self.framing.capture(page.file.src_uri, output, page)
        except FrameError as error:
            raise PluginError(f"the theme's page frame could not be captured ({error}); set 'fast_pages: false' "
                              "in the hub plugin's options to render every page through MkDocs") from error
        return ""

    def on_post_build(self, config: MkDocsConfig) -> None:
        assert self.site is not None and self.pages is not None
        try:
            written = self.framing.write(config.site_url or "")
        except FrameError as error:
            raise PluginError(f"a generated page could not be written into the theme's frame: {error}") from error
        if written:
            assert self.files is not None and self.env is not None
            self.framing.rewrite_sitemap(self.env, self.files, self.nav, config)
            log.info("%d listing and browse pages written into the theme's page frame", written)
        self.publish_after_pages(config)
        if self.parent is None:
            if self.pages.other_languages:
                build_languages(self, config)  # the other languages' sites, into their folders of this one
            self.site.markdown.save()  # the descriptions every language's pages used
        if self.fast_serve is not None:
            self.fast_serve.built(config)

    def publish_after_pages(self, config: MkDocsConfig) -> None:
        """Everything that is not a page: geo and search data, feeds, open data, the search box index."""
        assert self.pages is not None
        try:
            count = self.pages.publish(Path(config.site_dir), site_name=config.site_name)
        except SitewideSearchError as error:
            raise PluginError(f"the site-wide search index could not be written: {error}") from error
        log.info("site-wide search: %d pages indexed by Pagefind (services: the directory's own text index)", count)

    def on_serve(self, server, config: MkDocsConfig, builder):
        root = Path(config.config_file_path).parent
        server.watch(str(root / self.settings.directory))
        if self.settings.vocabulary:
            server.watch(str(root / self.settings.vocabulary))
        if self.fast_serve is not None:
            server.builder = self.fast_serve.wrap(server.builder)  # a changed listing: only its pages
        return server

