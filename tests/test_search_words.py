"""Every word of every listing finds it on /find/, and its exact name ranks it first: checked exhaustively.

On the sample hub and on a generated hub of 1,000 listings (bench/generate.py), built with the real
build (whose text index is computed by the page's own search-engine.js, run in V8) and searched in headless
Chromium, shard by shard as the page fetches them. The expected words are worked out here, in Python, from the
listings themselves (name, organisation, summary, service-type labels, and the towns: site addresses,
postcodes and local authority names), not read from the index. The queries are batched into one page
through `HubSearch.ranked`, the function the page's own search runs for a typed query; a sample of words is
also typed into the box to show the two give the same results.

Stop words ("the", "and", ...) are dropped from listings and queries alike: a query of only stop words
filters nothing out, so the listing is still among the results, and that is what is checked for them.
"""

from __future__ import annotations

import re
import shutil
import sys
import types
from pathlib import Path

import pytest

from browser import chromium_executable, chromium_page, static_server
from hubs import REPO, mkdocs_build

from hub_build.pipeline import load_hub
from hub_build.publish.search.table import ordered_services
from hub_build.core.settings import HubSettings, hub_options, read_mkdocs_config

sys.path.insert(0, str(REPO / "bench"))
WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")  # letters and digits, with inner apostrophes ("children's")


def _words(text: str) -> list[str]:
    return [w.casefold() for w in WORD.findall(text or "")]


def _expected(root: Path) -> tuple[dict[str, list[str]], dict[str, str], list[str]]:
    """(word -> slugs it must find, slug -> name, slugs in table order), from the hub as Python loads it."""
    hub = load_hub(root, HubSettings.model_validate(hub_options(read_mkdocs_config(root / "mkdocs.yml"))),
                   docs_dir=root / "content")
    assert not hub.errors
    by_word: dict[str, set[str]] = {}
    names = {}
    for entry in hub.services:
        s = entry.service
        names[entry.slug] = s.name
        text = [s.name, s.organisation.name, s.summary]
        text += [hub.vocabulary.label("service_types", t) for t in s.service_types]
        text += [" ".join(filter(None, (loc.address, loc.postcode))) for loc in s.locations]
        text += list(entry.local_authorities.values()) + list(entry.coverage_areas.values())
        for word in {w for part in text for w in _words(part)}:
            by_word.setdefault(word, set()).add(entry.slug)
    return {w: sorted(s) for w, s in by_word.items()}, names, [e.slug for e in ordered_services(hub)]


def _build(root: Path, site: Path):
    result = mkdocs_build(root, "-d", str(site))
    assert result.returncode == 0, result.stderr[-3000:]
    words, names, order = _expected(root)
    return types.SimpleNamespace(root=root, site=site, words=words, names=names, order=order)


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    chromium_executable()
    root = tmp_path_factory.mktemp("sample")
    for part in ("mkdocs.yml", "content", "directory"):
        source = REPO / part
        (shutil.copytree if source.is_dir() else shutil.copyfile)(source, root / part)
    return _build(root, root / "site")


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    chromium_executable()
    import generate  # bench/generate.py

    root = tmp_path_factory.mktemp("generated") / "hub"
    generate.generate_hub(root, 1000, seed=7)
    return _build(root, root / "site")


MISSING = """async ([words, typing]) => {
  const missing = [];
  for (const [word, slugs] of Object.entries(words)) {
    const found = await HubSearch.ranked(word, typing);
    if (found === null) continue;  // only stop words: nothing is filtered out
    const set = new Set(found);
    for (const slug of slugs) if (!set.has(slug)) missing.push([word, slug]);
  }
  return missing;
}"""

RANKS = """async ([names, typing]) => {
  const out = [];
  for (const [slug, name] of Object.entries(names)) {
    const found = (await HubSearch.ranked(name, typing)) || [];
    const at = found.indexOf(slug);
    out.push([slug, at, found.slice(0, Math.max(at, 0))]);
  }
  return out;
}"""


def _same_name(a: str, b: str) -> bool:
    return _words(a) == _words(b)


def _check(hub, page, base: str) -> None:
    page.goto(base + "find/")
    page.wait_for_selector("#hub-find[data-ready]", state="attached", timeout=20000)
    page.evaluate("document.getElementById('hub-q').value = 'x'; document.getElementById('hub-q').dispatchEvent(new Event('input'))")
    page.wait_for_selector("#hub-find[data-index=ready]", state="attached", timeout=30000)
    assert len(hub.words) > 200
    for typing in (True, False):  # as typed (last word also a prefix), and as a finished query from the address
        missing = page.evaluate(MISSING, [hub.words, typing])
        assert not missing, f"{len(missing)} word/listing pairs not found, e.g. {missing[:10]}"
        wrong = []
        for slug, at, above in page.evaluate(RANKS, [hub.names, typing]):
            # Genuinely identical names (same words, ignoring case and punctuation) tie: any of them may come first.
            if at < 0 or any(not _same_name(hub.names[other], hub.names[slug]) for other in above):
                wrong.append((hub.names[slug], at, above[:3]))
        assert not wrong, f"{len(wrong)} listings not first for their own name, e.g. {wrong[:5]}"
    # The batch above runs the function a typed query runs: typing into the box gives the same listings.
    step = max(1, len(hub.words) // 12)
    for word in sorted(hub.words)[::step]:
        page.fill("#hub-q", word)
        page.wait_for_selector("#hub-find:not([data-busy])", state="attached")
        expected = page.evaluate("w => HubSearch.ranked(w, true)", word)
        shown = page.eval_on_selector_all("#hub-results > li", "els => els.map(e => e.dataset.slug)")
        if expected is None:
            continue
        assert shown == expected[:len(shown)] and shown, word
        assert set(hub.words[word]) <= set(expected), word


def test_every_word_of_every_sample_listing_finds_it(sample):
    assert "play" in sample.words  # the word lunr.py and lunr.js stemmed differently
    with static_server(sample.site) as base, chromium_page() as (page, _):
        _check(sample, page, base)


def test_every_word_of_a_generated_hub_of_1000_finds_its_listing(generated):
    assert len(generated.names) == 1000
    with static_server(generated.site) as base, chromium_page() as (page, _):
        _check(generated, page, base)
