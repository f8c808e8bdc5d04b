"""`python -m hub_build.adapters.zensical.child build|serve ...`: the hub built with Zensical.

Zensical has no plugin API, so this process does what the `hub` plugin does under MkDocs, around Zensical's
own command line (`zensical build -f`), run in this process so that the hub's Markdown extension finishes
every page with the hub it loaded here:
1. load and check the hub (the same checks as the plugin: adapters/pages.py);
2. prepare Zensical's project beside the site folder (stage.py): checked pages, allowed static files,
   generated pages, the theme overrides, a config that inherits mkdocs.yml;
3. run Zensical; 4. add the hub's own outputs with the same function as the plugin (SitePages.publish);
5. in a hub with more languages, steps 2 to 4 again for each, into <site>/<code>/ (Material's interface in
   that language; the theme overrides' words written in it beforehand, theme_words.py).
`serve` rebuilds that way whenever the hub's sources change and serves the site on 127.0.0.1 (serve.py).
"""

from __future__ import annotations

import argparse
import logging
import shutil
import signal
import sys
import tempfile
from pathlib import Path

from pydantic import ValidationError

from hub_build.adapters.pages import BuildRefused, SitePages, checked_hub
from hub_build.adapters.process import guarded
from hub_build.adapters.zensical import extension, stage
from hub_build.adapters.zensical.theme_words import ThemeWordsError
from hub_build.core.settings import HubSettings, hub_options
from hub_build.publish.search.sitewide import SitewideSearchError
from hub_build.render.site import HubSite
from hub_build.core.urls import SiteUrls
from hub_build.render.languages import shared_root, site_prefix

log = logging.getLogger("hub_build.zensical")


class BuildFailed(Exception):
    """The build stopped; the message says why (already one line or a report)."""


def build(config_file: Path, site_dir: Path, *, strict: bool | None) -> int:
    """Build the hub into `site_dir` (empty or absent) with Zensical; returns how many pages and listings the
    site-wide search holds. BuildFailed with the reason otherwise."""
    config = stage.read_config(config_file)
    try:
        settings = HubSettings.model_validate(hub_options(config))
    except ValidationError as error:
        details = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors(include_url=False))
        raise BuildFailed(f"the hub plugin's options in {config_file} are not valid: {details}") from None
    root = config_file.resolve().parent
    docs_dir = root / str(config.get("docs_dir") or "docs")
    try:
        hub = checked_hub(root, settings, docs_dir, site_dir, config_file, log)
    except BuildRefused as refused:
        raise BuildFailed(str(refused)) from None
    urls, site_url = SiteUrls(config.get("use_directory_urls", True) is not False), str(config.get("site_url") or "")
    pages = SitePages(hub, HubSite(hub, urls, site_url=site_url), root_url=site_url)
    count = _build_language(pages, config, config_file, site_dir, strict=strict, settings=settings)
    for language in pages.other_languages:
        # Every other language's whole site into its folder of the English one, as under MkDocs
        # (adapters/mkdocs/languages.py): its own staged project, Material's interface in that language.
        prefix = site_prefix(language)
        site = HubSite(hub, urls, site_url=site_url.rstrip("/") + "/" + prefix if site_url else "", language=language,
                       shared=shared_root(language))
        log.info("building the %s site into %s", language, site_dir / prefix)
        _build_language(SitePages(hub, site, root_url=site_url), config, config_file, site_dir / prefix, strict=strict,
                        settings=settings)
    return count


def _build_language(pages: SitePages, config: dict, config_file: Path, site_dir: Path, *, strict: bool | None,
                    settings: HubSettings) -> int:
    """One language's site: stage it, run Zensical, add the hub's outputs (SitePages.publish)."""
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    project = Path(tempfile.mkdtemp(prefix=f"{site_dir.name}-zensical-", dir=site_dir.parent))
    try:
        staged_names = stage.stage_docs(pages, project / "docs")
        try:
            stage.stage_theme(config, config_file, project / "theme", pages)
        except ThemeWordsError as error:
            raise BuildFailed(f"the hub's theme could not be staged for Zensical: {error}") from None
        staged_config = stage.stage_config(config, config_file, project, strict=strict, settings=settings,
                                           hidden=stage.not_in_nav(pages, staged_names), hub=pages.hub, pages=pages)
        extension.serve_pages(pages, staged_names)
        _run_zensical(staged_config, strict=bool(strict if strict is not None else config.get("strict")))
        stage.move_site(project, site_dir)
    finally:
        shutil.rmtree(project, ignore_errors=True)
    try:
        return pages.publish(site_dir, site_name=str(config.get("site_name") or ""))
    except SitewideSearchError as error:
        raise BuildFailed(f"the site-wide search index could not be written: {error}") from None


def _run_zensical(config_path: Path, *, strict: bool) -> None:
    from zensical.main import cli

    try:
        cli.main(args=["build", "-f", str(config_path), *(["--strict"] if strict else [])],
                 prog_name="zensical", standalone_mode=False)
    except RuntimeError as error:  # Zensical reports its problems itself, then raises this
        raise BuildFailed(f"Zensical stopped: {error}") from None


def _stop(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="hub-build (zensical)")
    parser.add_argument("command", choices=["build", "serve"])
    parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("-d", "--site-dir", type=Path, default=None)
    parser.add_argument("-a", "--dev-addr", default="127.0.0.1:8000")
    parser.add_argument("-q", "--quiet", action="store_true")
    parser.add_argument("--strict", action="store_true", default=None)
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, _stop)
    logging.basicConfig(format="%(levelname)-8s-  %(message)s", level=logging.WARNING if args.quiet else logging.INFO)
    def run() -> int:
        try:
            if args.command == "serve":
                from hub_build.adapters.zensical.serve import serve

                serve(args.config_file, args.dev_addr, lambda target: build(args.config_file, target, strict=False))
                return 0  # pragma: no cover - serve() returns only by KeyboardInterrupt
            site_dir = args.site_dir or args.config_file.resolve().parent / str(stage.read_config(args.config_file).get("site_dir") or "site")
            count = build(args.config_file, site_dir, strict=args.strict)
        except BuildFailed as error:
            print(f"hub-build: {error}", file=sys.stderr)
            return 1
        log.info("site-wide search: %d pages and listings indexed", count)
        return 0

    return guarded(run)

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
