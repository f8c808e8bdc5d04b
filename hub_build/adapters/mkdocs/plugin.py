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

from hub_build.adapters.pages import SitePages, plain
from hub_build.load.config_links import link_setting_problems
from hub_build.render.csp import ThemeSnippets, meta_tag
from hub_build.core.hub import Hub
from hub_build.load.inventory import visible
from hub_build.load.loader import load_hub
from hub_build.core.problems import format_report
from hub_build.publish.extras import THEME_CSS, THEME_DIR, THEME_JS
from hub_build.render.site import HubSite
from hub_build.render.urls import SiteUrls
from hub_build.publish.search.sitewide import SitewideSearchError
from hub_build.core.settings import HubSettings, read_mkdocs_config
from hub_build.publish.sitedir import site_folder_problem

log = logging.getLogger("mkdocs.plugins.hub")


class HubPlugin(BasePlugin):
    """Validates the hub's content, then renders listings and browse pages into the MkDocs site."""

    def __init__(self) -> None:
        super().__init__()
        self.settings = HubSettings()
        self.hub: Hub | None = None
        self.site: HubSite | None = None
        self.pages: SitePages | None = None  # the pages' plan, settings and finished bodies (adapters/pages.py)

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
        self.hub = hub
        self.site = HubSite(hub, SiteUrls(config.use_directory_urls), site_url=config.site_url or "")
        self.pages = SitePages(hub, self.site)
        config.theme.dirs.insert(0, str(THEME_DIR))
        config.extra_css.extend(THEME_CSS)
        config.extra_javascript.extend(THEME_JS)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.pages is not None
        self._publish_only_classified(files, config)
        for page in self.pages.plan(lambda src_uri: files.get_file_from_path(src_uri) is not None):
            inclusion = InclusionLevel.UNDEFINED if self.pages.in_nav(page) else InclusionLevel.NOT_IN_NAV
            existing = files.get_file_from_path(page.src_uri)
            if existing is not None:
                files.remove(existing)
            files.append(File.generated(config, page.src_uri, content="", inclusion=inclusion))
        return files

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
        source = self.hub.pages.get(page.file.src_uri) if self.hub else None
        if source is None:
            raise PluginError(f"{page.file.src_uri} was not checked by the hub; nothing was built")
        return "\n" + source.body  # a leading blank line: nothing in the body can be read as page settings

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        assert self.pages is not None
        generated = self.pages.generated.get(page.file.src_uri)
        if generated is None:
            page.meta = self.pages.editor_meta(page.file.src_uri)
            return markdown
        page.meta.update(self.pages.generated_meta(generated))
        return ""

    def on_page_content(self, html_body: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        assert self.pages is not None
        generated = self.pages.generated.get(page.file.src_uri)
        if generated is not None:
            return self.pages.generated_body(generated, page.url)
        if "title" not in page.meta and page.title:
            page.meta["title"] = plain(re.sub(r"<[^>]*>", "", page.title))
        return self.pages.editor_body(page.file.src_uri, page.url, html_body, page.meta, page.title or "")

    def on_env(self, env, config: MkDocsConfig, files: Files):
        """`hub_csp()` in the theme prints the policy, allowing only the theme's own inline snippets."""
        snippets = ThemeSnippets(env, config.theme.get("features") or [])
        env.globals["hub_csp"] = pass_context(lambda context: meta_tag(snippets.hashes(context)))
        return env

    def on_post_build(self, config: MkDocsConfig) -> None:
        assert self.pages is not None
        try:
            count = self.pages.publish(Path(config.site_dir), site_name=config.site_name)
        except SitewideSearchError as error:
            raise PluginError(f"the site-wide search index could not be written: {error}") from error
        log.info("site-wide search: %d pages and listings indexed", count)

    def on_serve(self, server, config: MkDocsConfig, builder):
        root = Path(config.config_file_path).parent
        server.watch(str(root / self.settings.directory))
        if self.settings.vocabulary:
            server.watch(str(root / self.settings.vocabulary))
        return server
