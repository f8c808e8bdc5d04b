"""The project the hub prepares for Zensical: a docs folder, a theme folder and a config, all generated.

Zensical reads mkdocs.yml but runs none of the hub's plugin, so Zensical never sees the hub's content folder:
- docs/ holds what the inventory classified for publishing and nothing else: every Markdown page as the hub
  read and checked it (its front matter rewritten from the checked settings, printed ones escaped once, as
  under MkDocs), every allowed static file, and one page per generated page (settings only: the hub's
  Markdown extension writes its body);
- theme/ is the hub's theme overrides over the hub's own custom_dir, if it has one (Zensical takes one);
- zensical.yml INHERITs the hub's mkdocs.yml (Zensical merges the two) and points at docs/ and site/, adds
  the hub's Markdown extension, styles and scripts.
Files are named `.md` whatever Markdown extension the contributor used; `staged_names` maps them back.
"""

from __future__ import annotations

import json
import os
import posixpath
import re
import shutil
from pathlib import Path
from typing import Any

import yaml
from yaml_env_tag import construct_env_tag

from hub_build.adapters.pages import SitePages
from hub_build.core.hub import Hub
from hub_build.core.settings import HubSettings
from hub_build.load.inventory import markdown_stem
from hub_build.adapters.zensical.theme_words import localise_theme
from hub_build.publish.extras import THEME_CSS, THEME_DIR, THEME_JS, theme_scripts
from hub_build.render.languages import SOURCE_LANGUAGE, translations

EXTENSION = "hub_build.adapters.zensical.extension"
CONFIG_NAME = "zensical.yml"
# Zensical renders a page through Markdown (so through the hub's extension) only when it has a body.
RENDER_ME = "<!-- the hub fills this page -->\n"


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml as Zensical and MkDocs read it: `!ENV` resolved; other tags (`!!python/name:`) are left to
    Zensical, which reads the file itself, and are None here."""


_ConfigLoader.add_constructor("!ENV", construct_env_tag)
_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def read_config(config_file: Path) -> dict[str, Any]:
    with open(config_file, "rb") as handle:
        data = yaml.load(handle, Loader=_ConfigLoader)  # noqa: S506 - a SafeLoader subclass
    return data if isinstance(data, dict) else {}


def _front_matter(meta: dict[str, Any]) -> str:
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n"  # {} when empty: Zensical needs a document


def _staged_name(src_uri: str) -> str:
    return markdown_stem(src_uri) + ".md"


def stage_docs(pages: SitePages, docs: Path) -> dict[str, str]:
    """Write the docs folder; returns {staged .md name: the page's src_uri} for every page."""
    hub = pages.hub
    if hub.inventory is None:
        raise ValueError("the hub was loaded without an inventory")
    published = hub.inventory.published
    staged_names: dict[str, str] = {}
    for src_uri, source in published.items():
        if source.kind == "static":
            target = docs / src_uri
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source.path, target)  # the inventory checked it is a regular file inside the hub
    for generated in pages.plan(lambda src_uri: src_uri in published):
        staged_names[_staged_name(generated.src_uri)] = generated.src_uri
        _write(docs / _staged_name(generated.src_uri), _front_matter(pages.generated_meta(generated)) + RENDER_ME)
    for src_uri in hub.pages:
        if src_uri in pages.generated or src_uri not in published:
            continue
        page = pages.source(src_uri)[0] or hub.pages[src_uri]  # another language's site: its sibling (about.cy.md)
        staged_names[_staged_name(src_uri)] = src_uri
        body = page.body if page.body.strip() else RENDER_ME  # e.g. a practice example, all in its front matter
        _write(docs / _staged_name(src_uri), _front_matter(pages.editor_meta(src_uri)) + body)
    return staged_names


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def stage_theme(config: dict[str, Any], config_file: Path, theme: Path, pages: SitePages | None = None) -> None:
    """The hub's theme overrides over the hub's own custom_dir (under MkDocs the hub's come first too), their
    words in the site's language and their language globals as plain expressions (theme_words.py)."""
    own = (config.get("theme") or {}).get("custom_dir") if isinstance(config.get("theme"), dict) else None
    if isinstance(own, str) and own:
        shutil.copytree(config_file.parent / own, theme, dirs_exist_ok=True)
    shutil.copytree(THEME_DIR, theme, dirs_exist_ok=True)
    language = pages.language if pages is not None else SOURCE_LANGUAGE
    languages = list(pages.hub.settings.languages) if pages is not None else [SOURCE_LANGUAGE]
    localise_theme(theme, [path.relative_to(THEME_DIR) for path in sorted(THEME_DIR.rglob("*.html"))],
                   language=language, languages=languages, root_url=pages.root_url if pages is not None else "",
                   gettext=translations(language).gettext)


def not_in_nav(pages: SitePages, staged_names: dict[str, str]) -> str:
    """gitignore-style patterns (Zensical's `not_in_nav`) for the generated pages kept out of the navigation
    (listings, browse and sector pages), one pattern per folder with the exceptions negated, so that the list
    does not grow with the number of listings: without a `nav`, Zensical would list every one."""
    folders: dict[str, list[tuple[str, bool]]] = {}
    for staged, src_uri in staged_names.items():
        generated = pages.generated.get(src_uri)
        hidden = generated is not None and not pages.in_nav(generated)
        folders.setdefault(posixpath.dirname(staged), []).append((staged, hidden))
    patterns = []
    for folder, entries in sorted(folders.items()):
        if not any(hidden for _, hidden in entries):
            continue
        patterns.append(f"/{folder}/*.md" if folder else "/*.md")
        patterns += [f"!/{staged}" for staged, hidden in sorted(entries) if not hidden]
    return "\n".join(patterns)


_NAV_ENTRY = re.compile(r"""^(\s*-\s+)(?:"[^"]*"|'[^']*'|[^:'"#\s][^:#]*?):(\s+)(["']?)([^"'\s#]+)\3(\s*(?:#.*)?)$""")


def _nav_in_language(config_file: Path, project: Path, pages: SitePages | None) -> Path:
    """The config the staged one inherits. For a site in another language, a copy of mkdocs.yml whose `nav` names
    the hub's generated pages in that language, as the MkDocs plugin does (on_nav): Zensical appends the lists
    of an inheriting config to the inherited ones, so the staged config cannot replace `nav`. Only the titles
    of `nav` lines of the form `- Title: page.md` that lead to a generated page change; the rest is the file
    as written (tags included, which only Zensical reads)."""
    if pages is None or pages.language == SOURCE_LANGUAGE:
        return config_file.resolve()
    lines = config_file.read_text(encoding="utf-8").splitlines(keepends=True)
    in_nav, changed = False, False
    for index, line in enumerate(lines):
        if re.match(r"^nav\s*:", line):
            in_nav = True
            continue
        if in_nav and re.match(r"^[^\s#-]", line):
            in_nav = False
        match = _NAV_ENTRY.match(line.rstrip("\r\n")) if in_nav else None
        generated = pages.generated.get(match.group(4)) if match else None
        if match and generated is not None:
            ending = line[len(line.rstrip("\r\n")):]
            lines[index] = (f"{match.group(1)}{json.dumps(generated.title, ensure_ascii=False)}:{match.group(2)}"
                            f"{match.group(3)}{match.group(4)}{match.group(3)}{match.group(5)}{ending}")
            changed = True
    if not changed:
        return config_file.resolve()
    copy = project / f"mkdocs.{pages.language}.yml"
    copy.write_text("".join(lines), encoding="utf-8")
    return copy


def stage_config(config: dict[str, Any], config_file: Path, project: Path, *, strict: bool | None,
                 settings: HubSettings | None = None, hidden: str = "", hub: Hub | None = None,
                 pages: SitePages | None = None) -> Path:
    """Write zensical.yml: the hub's mkdocs.yml (INHERIT, merged by Zensical: lists are appended, mappings
    merged, other values replaced) with the staged folders, the hub's extension, styles and scripts."""
    theme: dict[str, Any] = config["theme"] if isinstance(config.get("theme"), dict) else {}
    language = pages.language if pages is not None else SOURCE_LANGUAGE
    staged: dict[str, Any] = {
        "INHERIT": str(_nav_in_language(config_file, project, pages)),
        "docs_dir": "docs",
        "site_dir": "site",
        # Material's look, which the hub's theme overrides and styles are written for (Zensical's own default
        # is its 'modern' variant); another language's site gets Material's interface in that language.
        "theme": {"custom_dir": "theme", **({} if "variant" in theme else {"variant": "classic"}),
                  **({} if language == SOURCE_LANGUAGE else {"language": language})},
        "markdown_extensions": {EXTENSION: {}} if isinstance(config.get("markdown_extensions"), dict) else [EXTENSION],
        "extra_css": list(THEME_CSS),
        "extra_javascript": theme_scripts(hub) if hub is not None else list(THEME_JS),
    }
    if settings is not None:  # the footer's open-data licence (theme/partials/copyright.html)
        staged["extra"] = {"hub_open_data": {"open_data_licence": settings.open_data_licence,
                                             "open_data_licence_url": settings.open_data_licence_url}}
        if len(settings.languages) > 1:  # Material includes the hub's language switch (partials/alternate.html)
            staged["extra"]["alternate"] = True
    if pages is not None and pages.site.site_url:  # another language's site: its own address, under /<code>/
        staged["site_url"] = pages.site.site_url
    if strict is not None:
        staged["strict"] = strict
    if hidden:  # added to the hub's own patterns (INHERIT would replace them)
        own = config.get("not_in_nav")
        staged["not_in_nav"] = (own.rstrip("\n") + "\n" if isinstance(own, str) and own.strip() else "") + hidden + "\n"
    path = project / CONFIG_NAME
    path.write_text(yaml.safe_dump(staged, sort_keys=False), encoding="utf-8")
    return path


def move_site(project: Path, site_dir: Path) -> None:
    """Put Zensical's output where hub-build asked for it (an empty or absent folder)."""
    if site_dir.is_dir():
        os.rmdir(site_dir)  # empty: the command line made it
    (project / "site").rename(site_dir)
