"""Images in editors' pages never make a reader's browser ask another site for anything.

The rule is checked the way it matters: the real build writes the page, and headless Chromium resolves
every image URL in it (a browser reads ' //x', '/\\x' and '\\\\x' as another site's address).
"""

from __future__ import annotations

import re
from itertools import product
from pathlib import Path

import pytest

from hub_build.render.sanitise import render_markdown, sanitise_page
from browser import chromium_page, static_server
from hubs import make_hub, mkdocs_build

OFF_SITE = [
    "https://evil.example/a.png", "HTTPS://evil.example/b.png", "//evil.example/c.png", "/\\evil.example/d.png",
    "\\\\evil.example/e.png", " //evil.example/f.png", "\\/evil.example/g.png", "&#47;&#47;evil.example/h.png",
    "https:evil.example/i.png", "ftp://evil.example/j.png", "data:image/svg+xml,%3Csvg%3E%3C/svg%3E",
]
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")
ON_SITE = ["images/ok-1.png", "/images/ok-2.png", "../images/ok-3.png", "images/ok-4.png?size=2"]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tags = "\n".join(f'<img src="{src}" alt="picture {n}">' for n, src in enumerate(OFF_SITE + ON_SITE))
    home = f"# Home\n\n{tags}\n\n![markdown off site](//evil.example/k.png) ![markdown on site](images/ok-5.png)\n"
    root = make_hub(tmp_path_factory.mktemp("images"), home=home)
    (root / "content" / "images").mkdir()
    (root / "content" / "images" / "ok-5.png").write_bytes(PNG)
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    return root / "site"


def test_images_resolve_only_to_the_site_itself(site):
    with static_server(site) as base, chromium_page() as (page, _requests):
        page.goto(base)
        resolved = page.evaluate(
            "() => [...document.querySelectorAll('article img')].map(i => [i.alt, i.hasAttribute('src') ? i.src : null])")
    assert len(resolved) == len(OFF_SITE) + len(ON_SITE) + 2  # the images stay, with their text
    fetched = {alt: src for alt, src in resolved if src is not None}
    assert all(src.startswith(base) for src in fetched.values()), fetched
    kept = {f"picture {n}" for n in range(len(OFF_SITE), len(OFF_SITE) + len(ON_SITE))} | {"markdown on site"}
    assert set(fetched) == kept  # and the site's own images keep their source


# --- the same rules in process (mutmut can only judge tests that call the code in its own process) ---------

# Every way the tests know to write an image address, before the host: spaces and control characters a
# browser strips, slashes and backslashes it reads alike, schemes in any case.
LEADS = ["", " ", "\t", "\n", "\x01", "\x1f", "\x00"]
HEADS = ["//", "/\\", "\\/", "\\\\", "https://", "HTTP://", "https:", "ftp://", "data:image/png,", "javascript:",
         "/", "./", "../", "", "?", "#"]


def test_every_image_address_is_kept_only_when_a_browser_fetches_it_from_the_site():
    """All the combinations, sanitised here, then resolved by Chromium against a page of the site:
    what survives stays on the site's origin, and every same-site address survives."""
    typed = [lead + head + "evil.example/x.png" for lead, head in product(LEADS, HEADS)]
    body = "".join(f'<img src="{html_escape(src)}" alt="{n}">' for n, src in enumerate(typed))
    html = sanitise_page(body)
    with static_server(Path(__file__).parent) as base, chromium_page() as (page, _):
        page.goto(base + "data/")
        resolved = page.evaluate("""([body, html]) => {
            const kept = document.createElement('div'); kept.innerHTML = html;
            return [[...kept.querySelectorAll('img')].map(i => [i.alt, i.hasAttribute('src') ? i.src : null]),
                    (() => { const raw = document.createElement('div'); raw.innerHTML = body;
                             return [...raw.querySelectorAll('img')].map(i => i.src); })()];
        }""", [body, html])
    kept, raw = resolved
    assert len(kept) == len(typed)
    origin = base.rstrip("/")
    for (alt, src), unsanitised in zip(kept, raw, strict=True):
        on_site = unsanitised.startswith(origin + "/")
        if src is not None:  # never another site
            assert on_site and src == unsanitised, (typed[int(alt)], src, unsanitised)
        elif not re.search(r"[\x00-\x1f]", typed[int(alt)]):  # and no address of the site itself lost (control
            assert not on_site, (typed[int(alt)], unsanitised)  # characters aside: refused in any address)


def html_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


@pytest.mark.parametrize("href", [
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
    "java\nscript:alert(1)", "\x01javascript:alert(1)", "vbscript:msgbox(1)", "data:text/html,<script>x</script>",
    "https://example.org/\x01", "https://example.org/\x7f", "jav&#x09;ascript:alert(1)",
])
def test_script_and_control_character_links_lose_their_address(href):
    assert sanitise_page(f'<a href="{href}">x</a>') == '<a rel="noopener noreferrer">x</a>'
    assert render_markdown(f'<a href="{href}">x</a>') == '<p><a rel="noopener noreferrer">x</a></p>'
    for src in (href, " " + href):
        assert sanitise_page(f'<img src="{src}" alt="x">') == '<img alt="x">'  # images too, on the site or not


@pytest.mark.parametrize("href", ["https://example.org/a?b=c", "http://example.org/", "mailto:jo@example.org",
                                  "tel:+441174960123", "/services/", "../about/", "#top"])
def test_ordinary_links_keep_their_address_and_never_pass_the_opener(href):
    for out in (render_markdown(f"[x]({href})"), sanitise_page(f'<a href="{href}">x</a>')):
        assert f'href="{href}"' in out
        assert 'rel="noopener noreferrer"' in out


def test_descriptions_keep_text_tags_and_drop_the_rest():
    out = render_markdown("# One\n\n## Two\n\n#### Four\n\n###### Six\n\n| a | b |\n|:-|-:|\n| 1 | 2 |\n\n"
                          "<abbr title=\"Prison\">HMP</abbr> <img src=\"/x.png\" alt=\"y\"> <span class=\"c\">s</span>"
                          "<!-- note --><script>alert(1)</script><iframe src=\"/x\"></iframe>")
    assert re.findall(r"<(h\d)>", out) == ["h3", "h4", "h6", "h6"]
    assert re.findall(r"</(h\d)>", out) == ["h3", "h4", "h6", "h6"]
    assert '<th align="left">a</th>' in out and '<td align="right">2</td>' in out  # column alignment kept
    assert "style" not in render_markdown('<p style="color: red">x</p>')
    assert '<abbr title="Prison">HMP</abbr>' in out
    for gone in ("<img", "<span", "class=", "note", "<script", "alert", "<iframe"):
        assert gone not in out, gone
    assert render_markdown("# One") == render_markdown("# One")  # one converter, reset between texts
    assert render_markdown("1. a\n\n* b") == "<ol>\n<li>a</li>\n</ol>\n<ul>\n<li>b</li>\n</ul>"  # sane_lists


def test_pages_keep_the_markup_editors_use():
    out = sanitise_page('<details open class="note" id="d1"><summary role="button">S</summary>'
                        '<figure><img src="/a.png" alt="A" width="10" height="5" loading="lazy" onerror="x()">'
                        '<figcaption>C</figcaption></figure><time datetime="2026-01-01">New Year</time>'
                        '<ol start="3" type="a"><li>x</li></ol><table><tr><th scope="col" colspan="2">h</th></tr>'
                        '<tr><td rowspan="2" align="left">d</td></tr></table><nav aria-label="n"><a href="/" hreflang="cy">'
                        'a</a></nav><!-- secret --><style>x{}</style><form><input></form></details>')
    for kept in ('<details open="" class="note" id="d1">', '<summary role="button">', '<figure>',
                 '<img src="/a.png" alt="A" width="10" height="5" loading="lazy">', "<figcaption>",
                 '<time datetime="2026-01-01">', '<ol start="3" type="a">', '<th scope="col" colspan="2">',
                 '<td rowspan="2" align="left">', '<nav aria-label="n">', 'hreflang="cy"'):
        assert kept in out, kept
    for gone in ("onerror", "secret", "<style", "<form", "<input"):
        assert gone not in out, gone


def test_only_the_allow_lists_own_schemes_attributes_and_tags():
    for href in ("ftp://files.example.org/a", "sms:+447700900123", "irc://irc.example.org/x", "news:comp.lang"):
        assert sanitise_page(f'<a href="{href}">x</a>') == '<a rel="noopener noreferrer">x</a>'
        assert render_markdown(f'<a href="{href}">x</a>') == '<p><a rel="noopener noreferrer">x</a></p>'
    assert render_markdown('<a href="/x" hreflang="cy" title="t">x</a> <table><tr><td colspan="2" align="left">c</td>'
                           '</tr></table>') == ('<p><a href="/x" title="t" rel="noopener noreferrer">x</a> </p><table><tbody><tr>'
                                                '<td align="left">c</td></tr></tbody></table><p></p>')
    assert sanitise_page("<section id=\"s\"><p>x</p></section>") == '<section id="s"><p>x</p></section>'
    for src in ("/images/a\x01.png", "\x01/images/a.png", "images/\x7fa.png"):  # control characters, even on the site
        assert sanitise_page(f'<img src="{src}" alt="x">') == '<img alt="x">'
