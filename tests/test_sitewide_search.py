"""The search box on every page (Pagefind), on the real sample hub built by the real build, in Chromium.

Checked over the whole sample: every listing is found by its name, every resource, practice example and
event by its title, each labelled with its kind; browse pages never appear; a postcode or place offers
"services near ..." on /find/; keyboard and announcements work; nothing is fetched from elsewhere and
Material's search index is never downloaded.
"""

from __future__ import annotations

import re

import pytest

from browser import chromium_executable, foreign_requests, watched_site
from hubs import hub_build, make_hub



@pytest.fixture(scope="module")
def sample(built_sample):
    chromium_executable()
    return built_sample


@pytest.fixture(scope="module")
def browser(sample):
    with watched_site(sample.site) as b:
        b.page.goto(b.base + "about/")
        b.page.wait_for_selector("#hub-sitesearch-q", state="attached")
        yield b


SEARCH_ALL = """async (queries) => {
  const out = {};
  for (const q of queries) {
    const found = await HubSiteSearch.search(q);
    out[q] = found.results.map(r => [new URL(r.url, location.href).pathname, r.kind, r.title]);
  }
  return out;
}"""


def _path(url: str) -> str:
    return "/" + url.lstrip("/")


def test_every_item_of_every_kind_is_found_by_its_own_title(sample, browser):
    hub = sample.hub
    expected = {}  # query -> (path, kind)
    for entry in hub.services:
        expected[entry.service.name] = (f"/services/{entry.slug}/", "Service")
    for entry in hub.resources:
        expected[entry.resource.title] = (_path(entry.src_uri[:-3] + "/"), "Resource")
    for entry in hub.practice:
        expected[entry.practice.title] = (_path(entry.src_uri[:-3] + "/"), "Practice example")
    for entry in hub.events:
        expected[entry.event.title] = (_path(entry.src_uri[:-3] + "/"), "Event")
    assert {kind for _, kind in expected.values()} == {"Service", "Resource", "Practice example", "Event"}
    got = browser.page.evaluate(SEARCH_ALL, list(expected))
    missing = [(q, want) for q, want in expected.items() if [want[0], want[1], q] not in [list(r) for r in got[q]]]
    assert not missing, f"{len(missing)} of {len(expected)} not in the first results for their own title: {missing[:5]}"
    # Generated lists (A to Z, by type, by area...) repeat listing text: they are never results.
    assert not [r for rs in got.values() for r in rs if r[0].startswith("/browse/")]
    pages = browser.page.evaluate(SEARCH_ALL, ["Submit information", "About this hub"])
    assert any(kind == "Page" for rs in pages.values() for _, kind, _ in rs)


def test_typing_shows_labelled_results_and_offers_services_near_a_place(browser):
    page = browser.page
    page.goto(browser.base + "resources/")
    page.keyboard.press("/")  # from anywhere on the page
    assert page.evaluate("document.activeElement.id") == "hub-sitesearch-q"
    assert page.is_visible("#hub-sitesearch-status")
    page.keyboard.type("play")
    page.wait_for_function("() => document.querySelectorAll('#hub-sitesearch-results li').length > 0")
    assert re.match(r"\d+ results? for “play”", page.inner_text("#hub-sitesearch-status"))
    kinds = page.eval_on_selector_all("#hub-sitesearch-results .hub-sitesearch__kind", "els => els.map(e => e.textContent)")
    assert "Service" in kinds
    assert not page.query_selector("#hub-sitesearch-offers [data-offer=place]")  # "play" is not a place
    # Keyboard: ArrowDown walks the links (offers, then results), ArrowUp back to the box, Escape closes.
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.closest('[data-offer=what]') !== null")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.closest('#hub-sitesearch-results') !== null")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.id") == "hub-sitesearch-q"
    page.keyboard.press("Escape")
    assert not page.is_checked("#__search")
    for typed, label in (("BS1 4DJ", "BS1 4DJ"), ("Cardiff", "Cardiff")):
        page.fill("#hub-sitesearch-q", typed)
        page.wait_for_selector("#hub-sitesearch-offers [data-offer=place] a")
        link = page.query_selector("#hub-sitesearch-offers [data-offer=place] a")
        assert link.inner_text() == f"Services near {label}"
    page.focus("#hub-sitesearch-q")
    page.keyboard.press("Enter")  # a place: Enter takes the "services near" offer
    page.wait_for_selector("#hub-find[data-ready]", state="attached")
    assert page.url.endswith("/find/?place=Cardiff")
    page.wait_for_function("() => document.getElementById('hub-place-msg').textContent.includes('Cardiff')")


def test_results_are_text_and_nothing_comes_from_elsewhere(sample, browser):
    page = browser.page
    page.goto(browser.base)
    page.fill("#hub-sitesearch-q", "<img src=x onerror=alert(1)> family")
    page.wait_for_function("() => document.getElementById('hub-sitesearch-status').textContent.includes('for “')")
    assert not page.query_selector("#hub-sitesearch-results img, #hub-sitesearch-offers img")
    assert not foreign_requests(browser.requests, browser.base)
    assert not [url for url in browser.requests if "search_index.json" in url]  # Material's index is never fetched
    assert not browser.problems


def test_without_javascript_the_box_sends_the_words_to_the_directory_search(sample):
    html = (sample.site / "about" / "index.html").read_text()
    form = re.search(r'<form class="md-search__form hub-sitesearch__form" action="([^"]+)" method="get">', html)
    assert form and form.group(1) == "../find/"
    assert re.search(r'<label class="hub-sitesearch__label" for="hub-sitesearch-q">', html)
    assert 'name="what"' in html and "'wasm-unsafe-eval'" in html


def test_the_cli_build_writes_the_index_too(tmp_path):
    root = make_hub(tmp_path / "hub")
    result = hub_build("build", cwd=root)
    assert result.returncode == 0, result.stderr
    assert (root / "site" / "pagefind" / "pagefind.js").is_file()
    assert list((root / "site" / "pagefind" / "fragment").iterdir())
