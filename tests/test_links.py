"""An offline link check of the whole built sample site: every internal link and asset reference resolves.

Every HTML file is read (every page type, generated pages included), and every reference in it: href, src,
srcset, poster, form actions, <link rel=...>, <script src>, and url(...) in style attributes, <style> blocks
and every CSS file of the site. A reference with a #fragment must also find that id in the page it names.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from sitepages import html_files, sample_site, subpath_site, SUB_PATH

URL_ATTRIBUTES = {"href", "src", "poster", "action", "formaction", "data", "xlink:href", "background"}
CSS_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)""", re.S)
ORIGIN = "http://hub.invalid"  # a stand-in origin: every page is at ORIGIN + its path


class _References(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.refs: list[tuple[str, str]] = []  # (where, reference)
        self.ids: set[str] = set()
        self.base: str | None = None
        self._style = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value is None:
                continue
            if name in ("id",) or (tag == "a" and name == "name"):
                self.ids.add(value)
            elif name in URL_ATTRIBUTES:
                if tag == "form" and name == "action" and value == "":
                    continue  # the page itself
                self.refs.append((f"<{tag} {name}>", value))
            elif name in ("srcset", "imagesrcset"):
                for candidate in value.split(","):
                    if candidate.strip():
                        self.refs.append((f"<{tag} {name}>", candidate.split()[0]))
            elif name == "style":
                self.refs += [(f"<{tag} style>", m.group(2)) for m in CSS_URL.finditer(value)]
        if tag == "base":
            self.base = dict(attrs).get("href")
        self._style = tag == "style"

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        self._style = False

    def handle_data(self, data):
        if self._style:
            self.refs += [("<style>", m.group(2)) for m in CSS_URL.finditer(data)]

    def handle_endtag(self, tag):
        self._style = False


def _is_external(reference: str) -> bool:
    parts = urlsplit(reference)
    return bool(parts.scheme and parts.scheme not in ("http", "https")) or bool(parts.netloc)


def _target(site: Path, url_path: str) -> Path | None:
    """The file a path on the site serves (folders serve their index.html), or None."""
    local = site / unquote(url_path).lstrip("/")
    if local.is_dir():
        local = local / "index.html"
    return local if local.is_file() else None


def broken_references(site: Path, mount: str = "/") -> list[str]:
    """Every internal reference in the site that leads nowhere, as 'file: reference (where)'."""
    ids: dict[Path, set[str]] = {}
    parsed: dict[Path, _References] = {}
    for page in html_files(site):
        collector = _References()
        collector.feed(page.read_text(encoding="utf-8"))
        collector.close()
        parsed[page] = collector
        ids[page] = collector.ids
    sources: list[tuple[Path, str, str]] = [(page, where, ref) for page, c in parsed.items() for where, ref in c.refs]
    for css in sorted(site.rglob("*.css")):
        sources += [(css, "url()", m.group(2)) for m in CSS_URL.finditer(css.read_text(encoding="utf-8"))]

    broken = []
    for source, where, written in sources:
        reference = written.strip()
        if not reference or reference.startswith("data:") or _is_external(reference):
            continue
        rel = source.relative_to(site).as_posix()
        base = ORIGIN + mount + rel
        collector = parsed.get(source)
        if collector is not None and collector.base:
            base = urljoin(base, collector.base)
        absolute = urlsplit(urljoin(base, reference))
        if absolute.netloc != urlsplit(ORIGIN).netloc:
            continue
        if not absolute.path.startswith(mount):
            broken.append(f"{rel}: {reference} ({where}) leaves the site's folder {mount}")
            continue
        target = _target(site, absolute.path[len(mount):])
        if target is None:
            broken.append(f"{rel}: {reference} ({where}) leads to no file")
        elif absolute.fragment and target in ids and unquote(absolute.fragment) not in ids[target]:
            broken.append(f"{rel}: {reference} ({where}) names no element with that id")
    return broken


def test_every_internal_link_and_asset_of_the_sample_site_resolves():
    site = sample_site()
    assert len(html_files(site)) > 200  # the whole site, generated pages included
    broken = broken_references(site)
    assert not broken, f"{len(broken)} broken reference(s):\n" + "\n".join(broken[:40])


def test_under_a_sub_path_every_reference_stays_inside_it():
    """A GitHub project site lives at /REPOSITORY/: the 404 page's root-relative links must include it."""
    broken = broken_references(subpath_site(), mount=SUB_PATH)
    assert not broken, f"{len(broken)} broken reference(s):\n" + "\n".join(broken[:40])


def test_the_link_check_finds_broken_links_of_every_kind(tmp_path):
    """The checker itself: each kind of reference it claims to read is caught when it leads nowhere."""
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "ok.css").write_text("a { background: url(gone.png) } b { background: url('ok.css') }")
    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "index.html").write_text('<p id="here">x</p>')
    page = """<!doctype html><html><head><link rel="stylesheet" href="assets/ok.css"><link rel="icon" href="icon.png">
<script src="missing.js"></script><style>p { background: url("bg.png") }</style></head><body>
<a href="ok/">fine</a><a href="ok/#here">fine</a><a href="ok/#nowhere">bad fragment</a><a href="nope/">gone</a>
<img src="ok/index.html" srcset="small.png 1x, ok/index.html 2x" alt=""><div style="background: url(inline.png)"></div>
<a href="https://example.org/">external</a><a href="mailto:a@example.org">mail</a><a href="/../../etc">out</a>
</body></html>"""
    (tmp_path / "index.html").write_text(page)
    found = "\n".join(broken_references(tmp_path))
    for expected in ("gone.png", "icon.png", "missing.js", "bg.png", "ok/#nowhere", "nope/", "small.png",
                     "inline.png"):
        assert expected in found, (expected, found)
    for fine in ("ok.css)", "ok/ ", "ok/#here", "example.org"):
        assert fine not in found, (fine, found)
    assert len(found.splitlines()) == 8 + 1, found  # and /../../etc, which resolves to a missing /etc
