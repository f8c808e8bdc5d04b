"""Building a hub's other languages with MkDocs: after the English site, each other language's whole site is
built into <site>/<code>/ in the same process, from the same mkdocs.yml with the theme's interface in that
language, reusing the Hub the English build loaded and checked (nothing is read or validated twice).

The language logic itself (addresses, alternates, catalogues) is renderer-independent: render/languages.py.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from hub_build.render.languages import site_prefix

if TYPE_CHECKING:
    from hub_build.adapters.mkdocs.plugin import HubPlugin

log = logging.getLogger("mkdocs.plugins.hub")


@contextmanager
def _own_plugins() -> Iterator[None]:
    """MkDocs keeps one instance of each plugin that has on_startup (the hub's: fast edits under serve) for
    every configuration it loads in the process. The other language's configuration needs plugins of its own:
    with the English build's instance, that build would become the Welsh one (and stay so across serve's
    rebuilds). Its own instances are not kept either."""
    option = next(value for key, value in MkDocsConfig._schema if key == "plugins")
    cache = getattr(option, "plugin_cache", None)
    if not isinstance(cache, dict):
        yield
        return
    kept = dict(cache)
    cache.clear()
    try:
        yield
    finally:
        cache.clear()
        cache.update(kept)


def language_config(config: MkDocsConfig, language: str) -> MkDocsConfig:
    """The English build's configuration, for the site in `language` under the English one."""
    site_url = config.site_url or ""
    with _own_plugins():
        derived = load_config(
            config_file=config.config_file_path, site_dir=str(Path(config.site_dir) / site_prefix(language)),
            docs_dir=config.docs_dir, site_url=(site_url.rstrip("/") + "/" + site_prefix(language)) if site_url else site_url,
            strict=config.strict, use_directory_urls=config.use_directory_urls,
        )
    derived.theme["language"] = language  # Material's own interface words (its partials/languages/<code>.html)
    search = derived.plugins.get("material/search") or derived.plugins.get("search")
    if search is not None and not search.config.get("lang"):
        search.config["lang"] = ["en"]  # lunr has no Welsh; the hub's own search (Pagefind) indexes the Welsh pages
    return derived


def build_languages(parent: HubPlugin, config: MkDocsConfig) -> None:
    """Build every language after the first (English) into its folder of the finished English site."""
    for language in parent.settings.languages[1:]:
        derived = language_config(config, language)
        plugin = derived.plugins.get("hub")
        if plugin is None or not hasattr(plugin, "adopt"):
            raise RuntimeError("the derived configuration has no hub plugin")
        if plugin is parent:
            raise RuntimeError("the other language's build was given the English build's hub plugin")
        plugin.adopt(parent, language)
        log.info("building the %s site into %s", language, derived.site_dir)
        build(derived, dirty=False)
