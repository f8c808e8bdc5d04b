"""The directory's text index as the build writes it: one text pipeline, and shards a word can find.

The build runs hub_build/assets/search-engine.js in V8 (mini-racer) to compute the postings; the page runs the
same file in Chromium. Here both runtimes compute the postings of the same listings (the whole sample hub plus
hostile text: other scripts, apostrophes, emoji, very long words, mixed case) and must agree exactly, so no
word can be indexed under one term and looked up under another. The shard layout is checked as a property.
"""

from __future__ import annotations

import gzip
import json
import re

import pytest

from browser import chromium_executable, chromium_page
from hubs import REPO

from hub_build.core.settings import HubSettings, hub_options, read_mkdocs_config
from hub_build.pipeline import load_hub
from hub_build.publish.search.files import lunr_js_path
from hub_build.publish.search.index import index_input
from hub_build.publish.search.table import ordered_services
from hub_build.publish.search.textindex import ASSETS, run_engine, shard_keys, text_index_files

HOSTILE = [
    "Children's CHILDREN’S childrens' 'quoted' ''' O'Brien",  # noqa: RUF001 (typographic apostrophes on purpose)
    "İstanbul straße STRASSE Ærøskøbing ﬁnance café cafe\u0301",
    "Cymorth i deuluoedd yng Nghaerdydd; Gàidhlig: taic do theaghlaichean",
    "😀 👨‍👩‍👧 ☃ — – … ١٢٣ ½ ² x² Ⅻ",  # noqa: RUF001 (dashes and digits of other scripts on purpose)
    "a" * 300 + " " + "supercalifragilisticexpialidocious" * 3,
    "playing played plays play player PLAY-GROUP play_group play.group",
    "constructor __proto__ toString hasOwnProperty prototype",
    "BS1 4DJ bs14dj NP20-4AX 0117 496 0123 help@example.org https://example.org/a?b=c",
]


def _hub():
    root = REPO
    hub = load_hub(root, HubSettings.model_validate(hub_options(read_mkdocs_config(root / "mkdocs.yml"))),
                   docs_dir=root / "content")
    return hub, ordered_services(hub)


def test_the_build_and_the_browser_compute_the_same_postings():
    chromium_executable()
    hub, services = _hub()
    data = index_input(hub, services)  # the sample has Welsh: its Welsh fields are indexed under radicals too
    assert any(len(f) == 3 for f in data["fields"])
    data["docs"] += [[text] * len(data["fields"]) for text in HOSTILE]
    data["names"] += HOSTILE
    data["boosts"] += [[len(services), 0.5]]
    built = run_engine(data, lunr_js_path().read_bytes())
    payload = json.dumps(data, ensure_ascii=False)
    with chromium_page() as (page, _):
        page.set_content("<!doctype html><title>engine</title>")
        page.add_script_tag(path=str(lunr_js_path()))
        page.add_script_tag(path=str(ASSETS / "welsh.js"))
        page.add_script_tag(path=str(ASSETS / "search-engine.js"))
        in_browser = json.loads(page.evaluate("data => HubSearchEngine.postingsJSON(data)", payload))
    assert built == in_browser
    # And it is the listings' own words that are indexed, stemmed as lunr.js stems them (not lunr.py: "play").
    assert "play" in built["terms"] and "children" in built["terms"] and "constructor" in built["terms"]


def test_every_term_lives_in_the_shard_its_longest_key_names():
    sizes = {}
    words = ["family", "famili", "families", "famous", "fa", "f", "support", "supper", "s", "1a", "1ab", "ærø", "z" * 40]
    for n, word in enumerate(words):
        sizes[word] = 10 + 40 * n
    for limit in (1, 50, 200, 10_000):
        keys = shard_keys(sizes, limit)
        assert set(keys) == set(sizes)
        shards: dict[str, list[str]] = {}
        for term, key in keys.items():
            assert term.startswith(key)
            shards.setdefault(key, []).append(term)
        for term, key in keys.items():  # no longer key also begins the term: the browser looks up the longest
            assert not [k for k in shards if len(k) > len(key) and term.startswith(k)], (limit, term, key)
        for key, terms in shards.items():  # a shard over the limit holds a term too big to share with any other
            assert sum(sizes[t] for t in terms) <= limit or len(terms) == 1, (limit, key, terms)
    assert set(shard_keys(sizes, 10_000).values()) == {""}  # a small hub: one shard


def test_written_shards_hold_every_term_once_and_the_box_index_holds_no_listing(tmp_path):
    hub, services = _hub()
    files = text_index_files(hub, services, lunr_js_path().read_bytes())
    manifest = files["index.json"]
    assert manifest["count"] == len(services) and len(manifest["shards"]) == len(files) - 2
    seen: dict[str, int] = {}
    for n, key in enumerate(manifest["shards"]):
        for term in files[f"{n}.json"]["terms"]:
            assert term.startswith(key) and term not in seen
            seen[term] = n
    assert sorted(seen) == files["terms.json"]


@pytest.fixture(scope="module")
def site(built_sample):
    return built_sample


def test_pagefind_holds_pages_and_no_listing(site):
    """Listings are searched in the directory's own index by the box; Pagefind keeps only the pages."""
    urls = []
    for fragment in (site.site / "pagefind" / "fragment").iterdir():
        text = gzip.decompress(fragment.read_bytes()).decode("utf-8")
        urls.append(json.loads(text[text.index("{"):])["url"])
    assert any(u.startswith("/resources/") for u in urls) and any(u.startswith("/events/") for u in urls)
    assert not [u for u in urls if re.match(r"/services/[^/]+/", u)]
    written = {p.relative_to(site.site / "search-data").as_posix() for p in (site.site / "search-data").rglob("*.json")}
    assert {"table.json", "slugs.json", "text/index.json", "text/terms.json", "details/0.json"} <= written
