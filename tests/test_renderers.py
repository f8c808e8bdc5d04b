"""Three renderers, one core: the sample hub built with MkDocs, ProperDocs and Zensical publishes the same pages.

MkDocs' build is the session's shared sample site (tests/sitepages.py); ProperDocs and Zensical build the same
sample once each here with `hub-build build --renderer`. Compared: the set of page addresses, the set of every
other file (less the differences listed and justified below), and where every link and asset in each page's
content leads. Then what the Zensical adapter does that no renderer does for it (sanitising, the hub's blocks,
refusing what the inventory refuses), and that nothing below the adapters imports a renderer.
"""

from __future__ import annotations

import ast
import functools
import posixpath
import re
import shutil
import sys
import tempfile
import atexit
from pathlib import Path

import pytest

from hubs import REPO, hub_build, make_hub
from sitepages import sample_site

NEEDS_311 = pytest.mark.skipif(sys.version_info < (3, 11), reason="Zensical needs Python 3.11 or newer")

# Files that differ between renderers, and why that is right (in the English site and in each other language's
# site under /<code>/, which is built the same way):
RENDERER_OWN = (
    # The theme's own scripts and styles: each renderer ships its own bundle, named by a hash of its content
    # (Zensical's templates are its own port of Material's).
    re.compile(r"^(cy/)?assets/(javascripts|stylesheets)/"),
    # The renderer's own search index (MkDocs and ProperDocs: search/search_index.json; Zensical: search.json).
    # The hub's search box (Pagefind) replaces the theme's, so no page ever downloads it.
    re.compile(r"^(cy/)?(search/search_index\.json|search\.json)$"),
    # MkDocs and ProperDocs also write a gzip copy of the sitemap; Zensical writes sitemap.xml alone.
    re.compile(r"^(cy/)?sitemap\.xml\.gz$"),
    # Pagefind's index and fragments are named by hashes of what they hold; the renderers print the same text
    # with small differences of markup (heading ids, whitespace), so the names differ. Its entry files, and
    # that it indexed the same pages, are compared.
    re.compile(r"^(cy/)?pagefind/(fragment|index)/|^(cy/)?pagefind/pagefind\.[a-z-]+_[0-9a-f]+\.pf_meta$"),
)
# Page addresses that may differ between renderers: none.
PAGE_DIFFERENCES: dict[str, set[str]] = {"properdocs": set(), "zensical": set()}


@functools.lru_cache(maxsize=None)
def built(renderer: str) -> Path:
    """The sample hub built with `renderer`, once per session (MkDocs: the shared sample site)."""
    if renderer == "mkdocs":
        return sample_site()
    target = Path(tempfile.mkdtemp(prefix=f"hub-{renderer}-")) / "site"
    atexit.register(shutil.rmtree, target.parent, True)
    done = hub_build("build", "--renderer", renderer, "-d", str(target), cwd=REPO)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return target


def files(site: Path) -> set[str]:
    return {path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()}


def hub_files(site: Path) -> set[str]:
    return {rel for rel in files(site) if not any(rule.search(rel) for rule in RENDERER_OWN)}


def page_urls(site: Path) -> set[str]:
    return {rel for rel in files(site) if rel.endswith(".html")}


_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
_TARGET = re.compile(r'\s(?:href|src|action)="([^"]*)"')


def content_targets(site: Path, rel: str) -> list[str]:
    """Where each link, image, script and form of a page's content leads, as a path from the site's root."""
    text = (site / rel).read_text(encoding="utf-8")
    match = _ARTICLE.search(text)
    base = "/" + posixpath.dirname(rel) + "/"
    targets = []
    for url in _TARGET.findall(match.group(1) if match else ""):
        if re.match(r"^[a-z][a-z0-9+.-]*:|^#|^\?|^/", url):
            targets.append(url)
            continue
        path, _, rest = url.partition("#")
        resolved = posixpath.normpath(posixpath.join(base, path)) + ("/" if path.endswith("/") else "")
        targets.append(resolved.replace("//", "/") + ("#" + rest if rest else ""))
    return targets


RENDERERS = [pytest.param("properdocs"), pytest.param("zensical", marks=NEEDS_311)]


@pytest.mark.parametrize("renderer", RENDERERS)
def test_same_page_addresses(renderer: str) -> None:
    mkdocs, other = page_urls(built("mkdocs")), page_urls(built(renderer))
    assert mkdocs ^ other == PAGE_DIFFERENCES[renderer], (
        f"only with MkDocs: {sorted(mkdocs - other)[:10]}; only with {renderer}: {sorted(other - mkdocs)[:10]}")
    assert len(mkdocs) > 100  # the sample's listings, browse pages, resources, events, ... (not an empty site)


@pytest.mark.parametrize("renderer", RENDERERS)
def test_same_files_beside_the_pages(renderer: str) -> None:
    """Search data, Pagefind, geo data, feeds, calendars, open data, schemas, scripts, static files: the hub
    adds the same files whichever renderer made the pages."""
    mkdocs, other = hub_files(built("mkdocs")), hub_files(built(renderer))
    assert mkdocs == other, f"only with MkDocs: {sorted(mkdocs - other)[:10]}; only with {renderer}: {sorted(other - mkdocs)[:10]}"
    for needed in ("feed.xml", "pagefind/pagefind.js", "search-data/table.json", "open-data/oruk/services.json",
                   "assets/hub/sitesearch.js", "schema/service.schema.json", "events/upcoming.ics"):
        assert needed in other
    fragments = [len(list((site / "pagefind" / "fragment").iterdir())) for site in (built("mkdocs"), built(renderer))]
    assert fragments[0] == fragments[1] > 50  # one fragment per page Pagefind indexed (listings: the directory index)


@pytest.mark.parametrize("renderer", RENDERERS)
def test_content_links_lead_to_the_same_places(renderer: str) -> None:
    """Every link, image and form in every page's content leads where MkDocs' leads (Zensical reads links in
    the HTML it is given as relative to the Markdown file; the adapter re-bases the hub's)."""
    mkdocs, other = built("mkdocs"), built(renderer)
    differing = {}
    for rel in sorted(page_urls(mkdocs)):
        expected, got = content_targets(mkdocs, rel), content_targets(other, rel)
        if expected != got:
            differing[rel] = sorted(set(expected) ^ set(got))[:6]
    assert not differing, f"{len(differing)} page(s) differ, e.g. {dict(list(differing.items())[:3])}"
    assert sum(len(content_targets(other, rel)) for rel in page_urls(other)) > 1000


def test_properdocs_renders_with_the_hub_plugin() -> None:
    home = (built("properdocs") / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<meta name="generator" content="[^"]*ProperDocs', home)
    assert "Content-Security-Policy" in home  # the plugin's template global: the same plugin ran


@NEEDS_311
def test_zensical_site_is_made_by_zensical() -> None:
    site = built("zensical")
    assert (site / "search.json").is_file()
    listing = (site / "services" / "bristol-family-links" / "index.html").read_text(encoding="utf-8")
    assert "Severn Families Trust" in listing and 'class="hub-' in listing
    assert "open-data/oruk/index.json" in listing  # the footer's open-data licence, without the plugin object


_ALTERNATE = re.compile(r'<link rel="alternate " hreflang="([^"]+)" href="([^"]*)"')
_SWITCH = re.compile(r'<a class="md-header__button hub-language__link" href="([^"]*)" hreflang="([^"]+)"')
_CREDITS = re.compile(r'<div class="hub-credits">(.*?)</div>', re.S)


def _resolved(rel: str, href: str) -> str:
    """A link on the page `rel` as a path from the site's root."""
    if re.match(r"^[a-z][a-z0-9+.-]*:|^/", href):
        return href
    path = posixpath.normpath(posixpath.join("/" + posixpath.dirname(rel) + "/", href))
    return path + "/" if href.endswith("/") and not path.endswith("/") else path


def language_parts(site: Path, rel: str) -> dict[str, object]:
    """What a page says about its language: <html lang>, its alternates and its language switch (where each
    leads), the hub's footer words (its catalogue's, in the page's language) and the search box's label."""
    text = (site / rel).read_text(encoding="utf-8")
    credits = _CREDITS.search(text)
    return {
        "lang": re.search(r"<html lang=\"([^\"]*)\"", text).group(1),  # type: ignore[union-attr]
        "alternates": sorted((code, _resolved(rel, href)) for code, href in _ALTERNATE.findall(text)),
        "switch": sorted((code, _resolved(rel, href)) for href, code in _SWITCH.findall(text)),
        "credits": " ".join(re.sub(r"<[^>]+>", " ", credits.group(1)).split()) if credits else "",
        "tabs": re.findall(r'class="md-tabs__link">\s*([^<]*?)\s*<', text),  # the hub's pages named in the language
        "box": re.search(r'<label class="hub-sitesearch__label"[^>]*>([^<]*)<', text).group(1),  # type: ignore[union-attr]
    }


@NEEDS_311
def test_zensical_pages_say_their_language_as_mkdocs_ones_do() -> None:
    """The sample is built in English and Welsh: every Zensical page has MkDocs' <html lang>, alternates, language
    switch and hub words in the page's language (the theme overrides' words written in before Zensical renders
    them, adapters/zensical/theme_words.py); the Welsh pages have Material's Welsh interface."""
    mkdocs, zensical = built("mkdocs"), built("zensical")
    welsh = sorted(rel for rel in page_urls(mkdocs) if rel.startswith("cy/") and rel != "cy/404.html")
    assert len(welsh) > 100
    differing = {}
    for rel in [*welsh, *(rel[len("cy/"):] for rel in welsh)]:
        expected, got = language_parts(mkdocs, rel), language_parts(zensical, rel)
        if expected != got:
            differing[rel] = {key: (expected[key], got[key]) for key in expected if expected[key] != got[key]}
    assert not differing, f"{len(differing)} page(s) differ, e.g. {dict(list(differing.items())[:2])}"
    home = language_parts(zensical, "cy/index.html")
    assert "Dod o hyd i wasanaethau" in home["tabs"]  # type: ignore[operator]
    assert home["lang"] == "cy" and ("en", "/") in home["switch"] and home["box"] != language_parts(zensical, "index.html")["box"]
    assert "Neidio i'r cynnwys" in (zensical / "cy" / "index.html").read_text(encoding="utf-8")  # Material's Welsh


EVIL_HOME = ("# Home\n\n<script>alert('home')</script>\n\n<img src=\"https://tracker.example.net/p.gif\" alt=\"t\">\n\n"
             "<a href=\"javascript:alert(1)\">x</a>\n\n<!-- hub:counts -->\n\n[Services](services/index.md)\n")


@pytest.fixture(scope="module")
def small_zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small hub without `nav` (Zensical makes its own) whose home page tries what an editor must not do."""
    if sys.version_info < (3, 11):
        pytest.skip("Zensical needs Python 3.11 or newer")
    work = tmp_path_factory.mktemp("small-zensical")
    root = make_hub(work / "hub", home=EVIL_HOME)
    config = root / "mkdocs.yml"
    config.write_text(re.sub(r"nav:\n(  - .*\n)+", "", config.read_text(encoding="utf-8")), encoding="utf-8")
    assert "nav:" not in config.read_text(encoding="utf-8").replace("not_in_nav", "")
    done = hub_build("build", "--renderer", "zensical", "-d", str(work / "site"), cwd=root)
    assert done.returncode == 0, done.stderr[-3000:]
    return work / "site"


def test_zensical_pages_are_sanitised_and_get_the_hub_blocks(small_zensical_site: Path) -> None:
    page = (small_zensical_site / "index.html").read_text(encoding="utf-8")
    body = _ARTICLE.search(page).group(1)  # type: ignore[union-attr]
    assert "alert(" not in body and "tracker.example.net" not in body
    assert '<p class="hub-counts">1 service in 1 local authority' in body  # the counts block replaced its marker
    assert "<!-- hub:counts -->" not in page
    assert 'href="services/"' in body  # Zensical turned the .md link into the page's address
    assert (small_zensical_site / "services" / "bristol-family-links" / "index.html").is_file()


def test_zensical_keeps_generated_pages_out_of_a_navigation_it_makes(small_zensical_site: Path) -> None:
    """Without `nav` in mkdocs.yml the renderer lists every page; listings, browse and sector pages stay out, as
    under MkDocs, or the navigation would grow with every listing."""
    home = (small_zensical_site / "index.html").read_text(encoding="utf-8")
    assert 'href="./find/"' in home  # generated pages meant for the navigation are in it
    for hidden in ("services/bristol-family-links/", "browse/a-z/", "sectors/schools/", "browse/types/"):
        assert hidden not in home


@NEEDS_311
def test_zensical_build_refuses_what_the_inventory_refuses(tmp_path: Path) -> None:
    root = make_hub(tmp_path / "hub")
    (root / "content" / "evil.html").write_text("<script>alert(1)</script>", encoding="utf-8")
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("old site", encoding="utf-8")
    done = hub_build("build", "--renderer", "zensical", "-d", str(tmp_path / "site"), cwd=root)
    assert done.returncode == 1
    assert "evil.html" in done.stderr and "Traceback" not in done.stderr
    assert (tmp_path / "site" / "index.html").read_text(encoding="utf-8") == "old site"  # left as it was


def test_a_renderer_that_is_missing_is_one_line(tmp_path: Path) -> None:
    done = hub_build("build", "--renderer", "hugo", cwd=REPO)
    assert done.returncode == 2 and "hugo" in done.stderr and "Traceback" not in done.stderr


RENDERER_PACKAGES = {"mkdocs", "material", "properdocs", "zensical"}


def test_nothing_below_the_adapters_imports_a_renderer() -> None:
    """Only adapters/<renderer>/ may import its renderer: the core outlives any one of them."""
    package = REPO / "hub_build"
    offenders = []
    for path in package.rglob("*.py"):
        rel = path.relative_to(package).as_posix()
        if re.match(r"adapters/(mkdocs|properdocs|zensical)/", rel):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([alias.name for alias in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level else [])
            offenders += [f"{rel}: {name}" for name in names if name.split(".")[0] in RENDERER_PACKAGES]
    assert not offenders
