"""The bilingual sample in real headless Chromium: the header's language switch keeps the reader's place (the same
page, its query and its fragment: a search on /find/ keeps its words and filters), the Welsh pages say they are
Welsh after their scripts have run (English text inside them marked lang="en"), and axe finds no WCAG A or AA
violation on any type of Welsh page.
"""

from __future__ import annotations

import re

import pytest

from sitepages import bilingual_sample_site, page_type, pages_server, url_of
from test_accessibility import axe_violations, settle


def english_representatives() -> dict[str, str]:
    """For each page type, the URL of its largest English page (its Welsh version is at cy/ + the same URL)."""
    site = bilingual_sample_site()
    found: dict[str, list[str]] = {}
    for path in site.rglob("*.html"):
        rel = path.relative_to(site).as_posix()
        if not rel.startswith("cy/"):
            found.setdefault(page_type(rel), []).append(rel)
    return {kind: url_of(max(rels, key=lambda rel: ((site / rel).stat().st_size, rel))) for kind, rels in found.items()}


@pytest.fixture(scope="module")
def base():
    with pages_server(bilingual_sample_site()) as url:
        yield url


@pytest.fixture()
def page(chromium_browser):
    opened = chromium_browser.new_page(viewport={"width": 1280, "height": 900})
    problems: list[str] = []
    opened.on("console", lambda m: problems.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None)
    opened.on("pageerror", lambda e: problems.append(f"pageerror: {e}"))
    opened.problems = problems  # type: ignore[attr-defined]
    yield opened
    opened.close()


def switch(page, to: str) -> None:
    """Use the header's language switch, as a reader does (a click), and wait for the other page."""
    link = page.locator(f"a[data-hub-language][hreflang={to}]")
    assert link.count() == 1
    with page.expect_navigation():
        link.click()
    assert page.evaluate("document.documentElement.lang") == to


def wait_for_results(page) -> str:
    page.wait_for_selector("#hub-find[data-ready]", state="attached", timeout=15000)
    page.wait_for_function("() => /^\\d+ /.test(document.getElementById('hub-status').textContent)", timeout=15000)
    return page.locator("#hub-status").text_content()


def test_switching_on_the_home_page_and_back(page, base):
    page.goto(base)
    switch(page, "cy")
    assert page.url == base + "cy/"
    switch(page, "en")
    assert page.url == base
    assert page.problems == []  # type: ignore[attr-defined]


def test_switching_on_a_listing_keeps_the_section_read(page, base):
    slug = "bristol-family-links"
    page.goto(base + f"services/{slug}/#access")
    switch(page, "cy")
    assert page.url == base + f"cy/services/{slug}/#access"
    assert page.locator("h2#access").text_content() == "Sut i gael cymorth"
    switch(page, "en")
    assert page.url == base + f"services/{slug}/#access"


def test_switching_on_find_keeps_the_search_and_its_filters(page, base):
    page.goto(base + "find/?what=family")
    english_status = wait_for_results(page)
    page.wait_for_selector("#hub-find[data-index=ready]", state="attached", timeout=15000)
    page.locator("#hub-filters input[type=checkbox][value=wales]").check()  # a filter ticked after the search
    page.wait_for_function("() => location.search.includes('wales')")
    search = page.evaluate("location.search")
    english_count = int(re.match(r"\d+", page.locator("#hub-status").text_content()).group())
    assert english_count < int(re.match(r"\d+", english_status).group())
    switch(page, "cy")
    assert page.url == base + "cy/find/" + search
    welsh_status = wait_for_results(page)
    assert int(re.match(r"\d+", welsh_status).group()) == english_count  # the same services...
    assert "gwasanaeth" in welsh_status  # ...said in Welsh
    assert page.locator("#hub-q").input_value() == "family"
    assert page.locator("#hub-filters input[type=checkbox][value=wales]").is_checked()
    switch(page, "en")
    assert page.url == base + "find/" + search
    assert page.problems == []  # type: ignore[attr-defined]


def test_welsh_find_page_looks_places_up_in_the_shared_geo_data(page, base):
    page.goto(base + "cy/find/?place=Cardiff")
    page.wait_for_selector("#hub-place-msg.hub-find__place-msg--found", state="attached", timeout=15000)
    assert page.locator("#hub-place-msg").text_content().startswith("Yn dangos gwasanaethau ar gyfer Cardiff")
    assert "ar gyfer Cardiff" in wait_for_results(page)
    assert page.problems == []  # type: ignore[attr-defined]


def test_welsh_pages_say_they_are_welsh_after_their_scripts_run(page, base):
    """Every Welsh page type: <html lang="cy">; on /find/ with results, the English listing text in the results
    is marked lang="en" by the script that draws it, and the interface the scripts write is Welsh."""
    for url in english_representatives().values():
        page.goto(base + "cy/" + url)
        assert page.evaluate("document.documentElement.lang") == "cy", url
    page.goto(base + "cy/find/?what=family")
    wait_for_results(page)
    first = page.locator("#hub-results > li").first
    assert first.locator(".hub-card__title a").get_attribute("lang") in ("en", "cy")
    assert first.locator(".hub-shortlist-toggle").text_content().startswith("Ychwanegu at y rhestr fer")
    assert page.locator("#hub-sort option[value=relevance]").text_content() == "Y cyfatebiad gorau"


@pytest.mark.parametrize("width", (320, 1280))
def test_axe_finds_no_violation_on_any_type_of_welsh_page(chromium_browser, base, width):
    failures = []
    states = list(english_representatives().items())
    if width == 320:  # the narrow width for the pages whose layout changes most with it
        states = [(kind, url) for kind, url in states if kind in ("home", "search", "listing", "suggest")]
    states.append(("search with results", "find/?what=family"))
    for kind, url in states:
        opened = chromium_browser.new_page(viewport={"width": width, "height": 900})
        opened.goto(base + "cy/" + url)
        if kind == "search with results":
            wait_for_results(opened)
        settle(opened)
        failures += [f"{kind} /cy/{url} at {width}px: {v}" for v in axe_violations(opened)]
        opened.close()
    assert not failures, "\n".join(failures)


def _sample_hub():
    from hubs import REPO

    from hub_build.core.settings import HubSettings, hub_options, read_mkdocs_config
    from hub_build.pipeline import load_hub

    settings = HubSettings.model_validate({**hub_options(read_mkdocs_config(REPO / "mkdocs.yml")), "languages": ["en", "cy"]})
    return load_hub(REPO, settings, docs_dir=REPO / "content")


def test_welsh_find_page_shows_the_listings_welsh_text_and_marks_english_text(page, base):
    """/cy/find/ reads the same search data as /find/ (shared, one copy) and shows each listing's Welsh name and
    summary where it has them (details' cy field), else its English text marked lang="en"; the filters name the
    vocabulary's terms in Welsh (the table's Welsh labels). The site-wide box on a Welsh page does the same."""
    hub = _sample_hub()
    welsh = {e.slug: (hub.text(e, "name", "cy"), hub.text(e, "summary", "cy")) for e in hub.services}
    assert any(not name.fell_back for name, _ in welsh.values()) and any(name.fell_back for name, _ in welsh.values())
    page.goto(base + "cy/find/?what=teulu")
    wait_for_results(page)
    page.wait_for_selector("#hub-find:not([data-busy])", state="attached", timeout=20000)
    cards = page.eval_on_selector_all("#hub-results > li", """els => els.map(e => {
        const a = e.querySelector('.hub-card__title a'), s = e.querySelector('.hub-card__summary');
        return [e.dataset.slug, a.textContent, a.getAttribute('lang'), s.textContent, s.getAttribute('lang')]; })""")
    assert cards
    kinds = set()
    for slug, title, title_lang, summary, summary_lang in cards:
        name, text = welsh[slug]
        assert title == name.text and summary == text.text, slug
        assert title_lang == (None if name.lang == "cy" else name.lang), slug  # Welsh needs no mark on a Welsh page
        assert summary_lang == (None if text.lang == "cy" else text.lang), slug
        kinds.add(name.fell_back)
    assert kinds == {True, False}  # both kinds of listing were shown
    labels = " | ".join(page.eval_on_selector_all("#hub-filters label", "els => els.map(e => e.textContent)"))
    vocab = hub.vocabulary
    terms = [t for t in vocab.terms("service_types") if vocab.label("service_types", t, "cy") != vocab.label("service_types", t)]
    assert terms and all(vocab.label("service_types", t, "cy") in labels for t in terms), labels[:500]
    assert not any(vocab.label("service_types", t) + " (" in labels for t in terms), labels[:500]

    found = page.evaluate("async (q) => (await HubSiteSearch.search(q)).results.filter(r => r.kind === 'Gwasanaeth')"
                          ".map(r => [new URL(r.url).pathname, r.title, r.titleLang || null])", "teulu")
    assert found
    for path, title, title_lang in found:
        name = welsh[path.rstrip("/").rsplit("/", 1)[-1]][0]
        assert path.startswith("/cy/services/") and title == name.text and title_lang == (None if name.lang == "cy" else name.lang)
