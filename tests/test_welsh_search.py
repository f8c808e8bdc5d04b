"""Searching in Welsh, on the real sample site (built once per session) in headless Chromium.

Welsh changes the first sound of a word after certain words (soft, nasal and aspirate mutations: "teulu",
family, is "deulu", "nheulu" and "theulu" in "a'i deulu", "yn nheulu'r", "i'w theulu"). The sample's Welsh
listings (their `cy:` text) use those forms; a search for the radical must find every one, on /find/
(search-engine.js with welsh.js) and in the box on every page (Pagefind, with welsh.js's variants), and a
search for a mutated form must find the radical. Which listing holds which form is worked out here from
the listings' own Welsh text, not assumed. English words are never mutated: "theatre" does not find "teatr".
"""

from __future__ import annotations

import re

import pytest

from browser import chromium_executable, watched_site
from hubs import REPO
from sitepages import sample_site

from hub_build.core.settings import HubSettings, hub_options, read_mkdocs_config
from hub_build.pipeline import load_hub

# radical -> the mutated forms the issue names; each must occur in the sample's Welsh text
FORMS = {"teulu": ("deulu", "nheulu", "theulu"), "plant": ("phlant",), "cymorth": ("gymorth", "nghymorth", "chymorth")}
WORD = re.compile(r"[^\W_]+")


@pytest.fixture(scope="module")
def hub():
    settings = HubSettings.model_validate(hub_options(read_mkdocs_config(REPO / "mkdocs.yml")))
    return load_hub(REPO, settings, docs_dir=REPO / "content")


def _welsh_words(hub) -> dict[str, set[str]]:
    """word -> slugs of the listings whose indexed Welsh text (name, summary, place names) holds it."""
    found: dict[str, set[str]] = {}
    for entry in hub.services:
        texts = [hub.text(entry, "name", "cy"), hub.text(entry, "summary", "cy")]
        texts += [hub.text(entry, "name", "cy", location=i) for i in range(len(entry.service.locations))]
        for text in texts:
            if text.lang == "cy":
                for word in WORD.findall(text.text.casefold()):
                    found.setdefault(word, set()).add(entry.slug)
    return found


@pytest.fixture(scope="module")
def site():
    chromium_executable()
    with watched_site(sample_site()) as b:
        yield b


def _find_ready(b):
    b.page.goto(b.base + "find/")
    b.page.wait_for_selector("#hub-find[data-ready]", state="attached", timeout=20000)
    b.page.fill("#hub-q", "x")
    b.page.wait_for_selector("#hub-find[data-index=ready]", state="attached", timeout=30000)


def test_the_sample_has_every_mutated_form(hub):
    words = _welsh_words(hub)
    missing = [form for forms in FORMS.values() for form in forms if form not in words]
    assert not missing, f"the sample's Welsh text lacks {missing}"


def test_find_page_finds_every_mutation_of_a_radical_and_the_radical_from_a_mutation(hub, site):
    words = _welsh_words(hub)
    _find_ready(site)
    for radical, forms in FORMS.items():
        holders = set().union(*(words[f] for f in forms), words.get(radical, set()))
        for typing in (True, False):
            got = set(site.page.evaluate("([w, t]) => HubSearch.ranked(w, t)", [radical, typing]) or [])
            assert holders <= got, (radical, typing, sorted(holders - got))
        for form in forms:  # typed mutated, found in its radical form (and in its own)
            got = set(site.page.evaluate("w => HubSearch.ranked(w, false)", form) or [])
            assert words.get(radical, set()) | words[form] <= got, (form, sorted((words.get(radical, set()) | words[form]) - got))


def test_find_page_english_words_are_not_mutated(site):
    _find_ready(site)
    # "theatre" must not be read as an aspirate mutation of "teatre" in English text, nor "phone" as "pone":
    # English fields are indexed as they are. The Welsh label "Ffôn" is indexed as written.
    english = site.page.evaluate("w => HubSearch.ranked(w, false)", "phone")
    assert english, "'phone' finds the listings offering phone support"
    assert site.page.evaluate("w => HubSearch.ranked(w, false)", "pone") in ([], None)


def _open_find(b, query: str, *, wait_place: bool = False):
    b.page.goto(b.base + "find/?" + query)
    b.page.wait_for_selector("#hub-find[data-ready]", state="attached", timeout=20000)
    if "what=" in query:
        b.page.wait_for_selector("#hub-find[data-index=ready]", state="attached", timeout=30000)
    if wait_place:
        b.page.wait_for_selector("#hub-place-msg:not(:empty):not(:has-text('Looking up'))", state="attached", timeout=20000)
    b.page.wait_for_function("() => /^\\d+ service/.test(document.getElementById('hub-status').textContent)", timeout=20000)
    b.page.wait_for_selector("#hub-find:not([data-busy])", state="attached", timeout=20000)  # cards wait for their details
    return b.page.eval_on_selector_all("#hub-results > li", "els => els.map(e => e.dataset.slug)")


def test_find_page_typed_words_show_the_welsh_listings(hub, site):
    """The page shows what the engine ranks (its first page, from the address), and the engine finds every form.
    (Every listing "for the whole family" is found by "teulu" too, through its Welsh label "Y teulu cyfan".)"""
    words = _welsh_words(hub)
    for typed, wanted in (("nheulu", words["nheulu"]), ("teulu", words["nheulu"] | words["theulu"] | words["deulu"]),
                          ("phlant", words["phlant"]), ("chymorth", words["chymorth"])):
        shown = _open_find(site, "what=" + typed)
        ranked = site.page.evaluate("w => HubSearch.ranked(w, false)", typed)
        assert shown and shown == ranked[:len(shown)], typed
        assert wanted <= set(ranked), (typed, sorted(wanted - set(ranked)))


SITE_SEARCH = """async (q) => (await HubSiteSearch.search(q)).results.map(r => new URL(r.url, location.href).pathname)"""


def _welsh_name_word(hub, slug: str, words: dict[str, set[str]]) -> str:
    """The rarest (then longest) word of a listing's Welsh name that is none of the words searched for: with it,
    a search finds that listing among the first results."""
    entry = next(e for e in hub.services if e.slug == slug)
    family = {w for radical, forms in FORMS.items() for w in (radical, *forms)}
    own = [w for w in WORD.findall(hub.text(entry, "name", "cy").text.casefold()) if w not in family]
    return min(own, key=lambda w: (len(words.get(w, ())), -len(w)))


def test_site_wide_box_finds_every_mutation(hub, site):
    """Pagefind matches words as written: welsh.js's variants find the mutated forms from the radical and back."""
    words = _welsh_words(hub)
    site.page.goto(site.base + "about/")
    site.page.wait_for_selector("#hub-sitesearch-q", state="attached")
    for radical, forms in FORMS.items():
        for form in forms:
            for slug in words[form]:
                for typed in (radical, form):
                    query = f"{typed} {_welsh_name_word(hub, slug, words)}"
                    got = site.page.evaluate(SITE_SEARCH, query)
                    assert f"/services/{slug}/" in got, (query, got)
    assert not site.problems, site.problems


@pytest.mark.parametrize("typed, code", [
    ("Caerdydd", "W06000015"), ("Abertawe", "W06000011"), ("Casnewydd", "W06000022"), ("Wrecsam", "W06000006"),
    ("Pen-y-bont ar Ogwr", "W06000013"), ("Bro Morgannwg", "W06000014"), ("Sir Gaerfyrddin", "W06000010"),
    ("Y Fenni", "W06000021"), ("Merthyr Tudful", "W06000024"), ("Ynys Môn", "W06000001"),
    # as a Welsh sentence has them: "in Cardiff", "to Newport", "in Bridgend"
    ("yng Nghaerdydd", "W06000015"), ("i Gasnewydd", "W06000022"), ("ym Mhen-y-bont ar Ogwr", "W06000013"),
])
def test_welsh_place_names_resolve(site, typed, code):
    site.page.goto(site.base + "find/")
    site.page.wait_for_function("window.HubGeo !== undefined")
    found = site.page.evaluate("t => HubGeo.resolve(t)", typed)
    assert found.get("la_code") == code, (typed, found)


def test_find_place_caerdydd_lists_the_services_covering_cardiff(hub, site):
    cardiff = {e.slug for e in hub.services if "W06000015" in e.coverage_areas or "wales" in e.service.coverage.nations
               or e.service.coverage.national}
    shown = _open_find(site, "place=Caerdydd", wait_place=True)
    message = site.page.inner_text("#hub-place-msg")
    assert "Cardiff" in message, message
    assert "teuluoedd-cymru-cefnogaeth" in shown and "cardiff-family-support" in shown
    first = shown[:len(cardiff)]
    assert set(first) <= cardiff, sorted(set(first) - cardiff)
