"""Images in editors' pages never make a reader's browser ask another site for anything.

The rule is checked the way it matters: the real build writes the page, and headless Chromium resolves
every image URL in it (a browser reads ' //x', '/\\x' and '\\\\x' as another site's address).
"""

from __future__ import annotations

import pytest

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
