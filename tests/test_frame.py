"""Pages at template speed (render/frame.py, adapters/mkdocs/framing.py): listing and browse pages written by
the hub into the theme's frame must be the pages MkDocs and Material would have made.

A generated hub is built twice with the real tools, once with fast_pages (the default) and once with
`fast_pages: false` (every page through MkDocs, the old way), and every listing and browse page of the two
builds is parsed and compared: head elements, Content Security Policy, title, the set of links, landmarks and
the main content. Three site set-ups: directory URLs under a site_url with tabs, .html URLs without one, and a
hub built in English and Welsh (the Welsh build captures frames of its own: Welsh interface, lang, alternates).
"""

from __future__ import annotations

import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from hubs import REPO, run

sys.path.insert(0, str(REPO / "bench"))
import generate

from hub_build.render.frame import FrameError, FrameMarkers, capture

SETUPS = {
    "directory-urls": {"site_url": "https://hub.example.org/sub/", "use_directory_urls": True},
    "html-urls": {"use_directory_urls": False},
    "bilingual": {"use_directory_urls": True, "hub": {"languages": ["en", "cy"]}},
}


class Outline(HTMLParser):
    """What a reader, a browser and a crawler take from a page."""

    LANDMARKS = frozenset({"header", "nav", "main", "footer", "article", "aside", "form", "section"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.head: list[tuple] = []
        self.links: set[str] = set()
        self.landmarks: list[tuple] = []
        self.scripts: list[tuple] = []
        self.title = ""
        self.text: list[str] = []
        self._in: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if "head" in self._in and tag in ("meta", "link"):
            self.head.append((tag, tuple(sorted(values.items()))))
        if tag == "script":
            self.scripts.append(tuple(sorted(values.items())))
        for name in ("href", "src", "action", "data-pagefind", "data-find", "data-geo", "data-geo-script"):
            if values.get(name):
                self.links.add(f"{name}={values[name]}")
        if tag in self.LANDMARKS or values.get("role") or values.get("id") in ("hub-content", "__search"):
            self.landmarks.append((tag, values.get("role"), values.get("aria-label"), values.get("id"), values.get("class")))
        if tag not in ("meta", "link", "input", "br", "img", "hr"):
            self._in.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._in:
            while self._in and self._in.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if self._in and self._in[-1] == "title":
            self.title += data
        elif self._in and self._in[-1] == "script":
            self.scripts.append(("inline", data.strip()))
        elif data.strip():
            self.text.append(" ".join(data.split()))


def outline(path: Path) -> Outline:
    parser = Outline()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _build(root: Path, setup: dict, fast: bool) -> tuple[Path, str]:
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    setup = dict(setup)
    options = setup.pop("hub", {})
    config.update(setup)
    config["theme"]["features"] = ["navigation.tabs", "navigation.top", "content.action.edit"]
    config["repo_url"] = "https://github.com/example/hub"
    config["nav"] = [{"Home": "index.md"}, {"Find services": "find/index.md"}, {"Browse": "services/index.md"},
                     {"About": "about.md"}]
    config["plugins"] = ["search", {"hub": {"fast_pages": fast, "edit_url": "https://github.com/example/hub/edit/main/{path}",
                                            **options}}]
    name = f"mkdocs-{'fast' if fast else 'old'}.yml"
    (root / name).write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    site = root / f"site-{'fast' if fast else 'old'}"
    done = run("-m", "mkdocs", "build", "--strict", "-v", "-f", str(root / name), "-d", str(site), cwd=root)
    assert done.returncode == 0, done.stderr[-3000:]
    return site, done.stderr


@pytest.fixture(scope="module", params=sorted(SETUPS))
def builds(request, tmp_path_factory):
    root = tmp_path_factory.mktemp(f"frame-{request.param}")
    generate.generate_hub(root, 70, seed=3)
    slug = sorted(path.stem for path in (root / "directory").glob("*.yaml"))[0]
    (root / "content" / "about.md").write_text(f"# About\n\nSee [one listing](services/{slug}.md).\n", encoding="utf-8")
    fast, fast_log = _build(root, SETUPS[request.param], fast=True)
    old, old_log = _build(root, SETUPS[request.param], fast=False)
    return request.param, fast, fast_log, old, old_log


def _framed_pages(site: Path) -> list[Path]:
    def framed(parts: tuple[str, ...]) -> bool:
        parts = parts[1:] if parts[0] == "cy" else parts  # the Welsh site's own
        return parts[0] in ("services", "browse") and parts[-2:] != ("services", "index.html")
    return sorted(p for p in site.rglob("*.html") if framed(p.relative_to(site).parts))


def test_the_fast_build_skipped_mkdocs_for_listing_and_browse_pages(builds):
    _, fast, fast_log, _, old_log = builds
    framed = _framed_pages(fast)
    assert len(framed) > 120  # every listing and the browse pages
    written = re.search(r"(\d+) listing and browse pages written into the theme's page frame", fast_log)
    assert written, fast_log[-2000:]
    listings = len(list((fast.parent / "directory").glob("*.yaml")))
    assert listings + 3 <= int(written.group(1)) <= len(framed)  # every listing, the A to Z pages, ...
    assert "written into the theme's page frame" not in old_log
    assert not [p for p in fast.rglob("*") if "hubframe" in str(p)], "a stand-in page was published"


def test_both_builds_publish_the_same_files(builds):
    _, fast, _, old, _ = builds
    assert {p.relative_to(fast) for p in fast.rglob("*")} == {p.relative_to(old) for p in old.rglob("*")}


def test_framed_pages_have_the_old_pages_structure_links_and_metadata(builds):
    _, fast, _, old, _ = builds
    pages = _framed_pages(old)
    assert pages
    for page in pages:
        new, was = outline(fast / page.relative_to(old)), outline(page)
        where = page.relative_to(old)
        assert new.head == was.head, where  # CSP, description, canonical, stylesheets, icons, feed
        assert new.title == was.title, where
        assert new.scripts == was.scripts, where  # inline snippets (hashed by the CSP) and script URLs
        assert new.links == was.links, where  # header, tabs, search box, footer, the page's own links
        assert new.landmarks == was.landmarks, where  # header, nav, main, skip target, article, footer
        assert new.text == was.text, where


def test_welsh_frames_are_welsh(builds):
    name, fast, _, _, _ = builds
    if name != "bilingual":
        pytest.skip("a hub built in English only")
    welsh = [p for p in _framed_pages(fast) if p.relative_to(fast).parts[0] == "cy"]
    assert len(welsh) > 60
    for page in welsh:
        text = page.read_text(encoding="utf-8")
        assert '<html lang="cy"' in text and 'hreflang="en"' in text and "assets/hub/messages.js" in text, page
        assert "Neidio i" in text, page  # Material's Welsh interface (its skip link)


def test_sitemap_lists_every_page(builds):
    name, fast, _, old, _ = builds
    assert (fast / "sitemap.xml").read_text(encoding="utf-8") == (old / "sitemap.xml").read_text(encoding="utf-8")
    if name == "directory-urls":
        sitemap = (fast / "sitemap.xml").read_text(encoding="utf-8")
        slugs = [p.parent.name for p in (fast / "services").glob("*/index.html")]
        assert slugs and all(f"<loc>https://hub.example.org/sub/services/{slug}/</loc>" in sitemap for slug in slugs)
        assert "hubframe" not in sitemap


def test_search_records_are_the_same(builds):
    _, _, fast_log, _, old_log = builds
    line = [text for text in old_log.splitlines() if "site-wide search:" in text]
    assert line and line[0].split("site-wide search:")[1] in fast_log


def test_an_editor_link_to_a_framed_page_resolves(builds):
    name, fast, _, _, _ = builds
    about = fast / ("about.html" if name == "html-urls" else "about/index.html")
    slug = sorted(p.stem for p in (fast.parent / "directory").glob("*.yaml"))[0]
    target = f"services/{slug}.html" if name == "html-urls" else f"../services/{slug}/"
    assert f'href="{target}"' in about.read_text(encoding="utf-8")


# --- the frame itself ------------------------------------------------------------------------------------

def _theme_page(markers: FrameMarkers, title_form: str) -> str:
    return (f"<html><head><title>{title_form} - Site</title><meta name=description content=\"{markers.description}\">"
            f"<link rel=canonical href=\"https://x.org/a/{markers.segment}/\"></head><body><h2>{markers.title}</h2>"
            f"<main>{markers.body}</main></body></html>")


def test_fill_reproduces_each_form_the_theme_printed():
    markers = FrameMarkers()
    striptags = markers.title.replace("&amp;", "&")
    frame = capture(_theme_page(markers, striptags), markers,
                    {"canonical": f"https://x.org/a/{markers.segment}/", "url": f"a/{markers.segment}/"})
    page = frame.fill(title="Fish &amp; &lt;Chips&gt;", description="A &amp; B", body="<h1>Hi</h1>",
                      addresses={"canonical": "https://x.org/a/b/", "url": "a/b/"})
    assert page == ('<html><head><title>Fish & <Chips> - Site</title><meta name=description content="A &amp; B">'
                    '<link rel=canonical href="https://x.org/a/b/"></head><body><h2>Fish &amp; &lt;Chips&gt;</h2>'
                    "<main><h1>Hi</h1></main></body></html>")


@pytest.mark.parametrize("change", ["upper", "no-body", "two-bodies", "unknown-address"])
def test_a_theme_the_frame_cannot_reproduce_is_an_error(change):
    markers = FrameMarkers()
    text = _theme_page(markers, markers.title)
    addresses = {"canonical": f"https://x.org/a/{markers.segment}/"}
    if change == "upper":
        text = text.replace(f"<h2>{markers.title}", f"<h2>{markers.title.upper()}")
    elif change == "no-body":
        text = text.replace(markers.body, "")
    elif change == "two-bodies":
        text = text.replace(markers.body, markers.body * 2)
    else:
        addresses = {}
    with pytest.raises(FrameError):
        capture(text, markers, addresses)


def test_a_body_without_its_heading_is_refused():
    markers = FrameMarkers()
    frame = capture(_theme_page(markers, markers.title), markers, {"canonical": f"https://x.org/a/{markers.segment}/"})
    with pytest.raises(FrameError):
        frame.fill(title="T", description="D", body="<p>no heading</p>", addresses={"canonical": ""})
