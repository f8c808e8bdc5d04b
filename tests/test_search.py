"""The directory search page on a real built hub, driven in headless Chromium.

One small hub is built once for the module: six listings chosen so that text, every filter, place and
distance order have known answers (worked out here from the listings, not read back from the page).
"""

from __future__ import annotations

import json
import re
import types

import pytest

from browser import chromium_executable, foreign_requests, watched_site
from hubs import listing, make_hub, mkdocs_build

from hub_build.publish.search.table import AGE_BANDS


def _service(name, org, summary, types_, audiences, postcode, coverage, *, referral="self", cost="free",
             formats=("in-person",), age=None, sectors=None, reviewed="2026-09-14", phone="0117 496 0123"):
    data = listing(name=name, organisation={"name": org}, summary=summary, service_types=list(types_),
                   audiences=list(audiences), access={"referral": referral}, cost={"type": cost},
                   formats=list(formats), locations=[{"postcode": postcode, "address": f"1 Example Road {postcode}"}],
                   coverage=coverage, last_reviewed=reviewed, contact={"phone": phone, "email": "help@example.org",
                                                                       "website": "https://example.org/help"})
    for key in ("description", "topics", "opening_hours", "languages", "age_range", "sectors"):
        data.pop(key, None)
    if age:
        data["age_range"] = {"min": age[0], "max": age[1]}
    if sectors:
        data["sectors"] = sectors
    return data


LISTINGS = {
    "bristol-family-links.yaml": listing(),  # BS1 4DJ, covers Bristol; family support and visits
    "newport-counselling.yaml": _service(
        "Newport Young People's Counselling", "Gwent <Families> & Friends",
        "Counselling for teenagers with a parent in prison.", ["counselling"], ["children-and-young-people"],
        "NP20 4AX", {"local_authorities": ["Newport"]}, referral="professional", cost="free-some-costs",
        formats=("in-person", "online"), age=(11, 18)),
    "cardiff-visits.yaml": _service(
        "Cardiff Prison Visits Support", "Cardiff Visits Trust", "Help with the journey and the first visit.",
        ["visits-support"], ["whole-family"], "CF10 5DA", {"local_authorities": ["Cardiff"]}),
    "wales-family-line.yaml": _service(
        "Wales Family Line", "Teulu Trust", "Advice by phone for families across Wales.",
        ["helpline", "advice-advocacy"], ["parents-and-carers"], "LL13 8TN", {"nations": ["wales"]},
        formats=("phone", "text-message")),
    "prison-families-helpline.yaml": _service(
        "Prison Families Helpline", "National Families Network", "A free helpline for anyone affected by imprisonment.",
        ["helpline"], ["parents-and-carers", "professionals"], "E1 2EW", {"national": True},
        formats=("phone", "online"), sectors=["schools"]),
    "manchester-mentoring.yaml": _service(
        "Manchester Step Up Mentoring", "Step Up North", "Mentoring and counselling support for young people.",
        ["mentoring", "counselling"], ["children-and-young-people"], "M1 3JE", {"local_authorities": ["Manchester"]},
        referral="professional", cost="paid", age=(8, 16), reviewed="2024-06-01"),
}
SLUGS = {name[:-5] for name in LISTINGS}
# Facts that depend on the postcode data: where each listing's site is.
PLACE_LA = {"bristol-family-links": "E06000023", "newport-counselling": "W06000022", "cardiff-visits": "W06000015",
            "wales-family-line": "W06000006", "prison-families-helpline": "E09000030", "manchester-mentoring": "E08000003"}
NATIONS = {"england": {"bristol-family-links", "prison-families-helpline", "manchester-mentoring"},
           "wales": {"newport-counselling", "cardiff-visits", "wales-family-line", "prison-families-helpline"},
           "scotland": {"prison-families-helpline"}, "northern-ireland": {"prison-families-helpline"}}


def _expected(facet: str) -> dict[str, set[str]]:
    """Option value -> the slugs it should select, worked out from the listings above."""
    out: dict[str, set[str]] = {}
    for name, data in LISTINGS.items():
        slug = name[:-5]
        values = {"type": data["service_types"], "audience": data["audiences"], "referral": [data["access"]["referral"]],
                  "cost": [data["cost"]["type"]], "format": data["formats"], "la": [PLACE_LA[slug]]}.get(facet)
        if facet == "age":
            r = data.get("age_range")
            values = [f"{lo}-{hi}" for lo, hi, _ in AGE_BANDS if r and r["min"] <= hi and r["max"] >= lo]
        if facet == "nation":
            values = [n for n, slugs in NATIONS.items() if slug in slugs]
        for value in values:
            out.setdefault(value, set()).add(slug)
    return out


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    chromium_executable()
    root = make_hub(tmp_path_factory.mktemp("hub"), LISTINGS, home="# Home\n\n<!-- hub:search -->\n")
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    return types.SimpleNamespace(root=root, site=root / "site")


@pytest.fixture(scope="module")
def browser_page(built):
    with watched_site(built.site) as b:
        yield b


def open_find(b, query: str = "", *, index: bool = True):
    b.page.goto(b.base + "find/" + (f"?{query}" if query else ""))
    b.page.wait_for_selector("#hub-find[data-ready]", state="attached", timeout=10000)
    if index:
        b.page.wait_for_selector("#hub-find[data-index=ready]", state="attached", timeout=10000)
    return b.page


def settled(page):
    """Wait until the page has drawn what its controls ask for: a search that needs files marks #hub-find busy."""
    page.wait_for_selector("#hub-find:not([data-busy])", state="attached", timeout=10000)
    return page


def slugs(page) -> list[str]:
    """Results in page order: those that cover the place, then those near it that do not (#hub-results-other)."""
    settled(page)
    return page.eval_on_selector_all("#hub-results > li, #hub-results-other > li", "els => els.map(e => e.dataset.slug)")


def status(page) -> str:
    return settled(page).inner_text("#hub-status")


# --- the data and pages the build writes ------------------------------------------------------------------

def test_search_data_is_published_and_listings_leave_materials_index(built):
    data = built.site / "search-data"
    table = json.loads((data / "table.json").read_text())
    index = json.loads((data / "text" / "index.json").read_text())
    slugs_ = json.loads((data / "slugs.json").read_text())
    details = json.loads((data / "details" / "0.json").read_text())
    assert set(slugs_) == SLUGS and [row[0] for row in details] == slugs_
    assert table["count"] == index["count"] == len(SLUGS) and all(len(c) == len(SLUGS) for c in table["columns"].values())
    # The table the page loads first holds no listing text: names, summaries and contacts come per shown row.
    assert "Counselling for teenagers" not in json.dumps(table) and "help@example.org" not in json.dumps(table)
    assert (built.site / "assets" / "hub" / "lunr.js").read_text().startswith("/**")
    material = json.loads((built.site / "search" / "search_index.json").read_text())
    locations = {doc["location"] for doc in material["docs"]}
    assert not [loc for loc in locations if re.match(r"services/[^/#]+/", loc)]  # no listing page
    assert any(loc.startswith("find/") for loc in locations)
    # nor a listing's text on the sector pages, which list every service for their sector
    sector = json.dumps([doc for doc in material["docs"] if doc["location"].startswith("sectors/schools/")])
    assert "sectors/schools/" in locations and "One-to-one support for children and carers" not in sector


def test_without_javascript_the_page_links_to_every_browse_route(built):
    html = (built.site / "find" / "index.html").read_text()
    assert "<noscript>" in html and re.search(r'<form id="hub-find-form"[^>]*hidden', html)
    for href in ("../services/", "../browse/a-z/", "../browse/areas/", "../browse/nations/wales/",
                 "../browse/types/counselling/"):
        assert f'href="{href}"' in html
        assert (built.site / "find" / href / "index.html").resolve().is_file()
    home = (built.site / "index.html").read_text()
    assert re.search(r'<form class="hub-search" role="search" action="find/"', home)
    assert 'name="what"' in home and 'name="place"' in home


# --- in the browser -------------------------------------------------------------------------------------

def test_text_query_prefix_and_typo(browser_page):
    page = open_find(browser_page)
    assert status(page) == "6 services" and slugs(page)[0] == "bristol-family-links"  # by name with no query
    page.fill("#hub-q", "counselling")
    assert set(slugs(page)) == {"newport-counselling", "manchester-mentoring"}
    assert slugs(page)[0] == "newport-counselling"  # in its name, and the other is overdue
    page.fill("#hub-q", "counsel")  # as you type
    assert set(slugs(page)) == {"newport-counselling", "manchester-mentoring"}
    page.fill("#hub-q", "conselling")  # one letter missing
    assert set(slugs(page)) == {"newport-counselling", "manchester-mentoring"}
    page.fill("#hub-q", "helpine wales")  # a slip in one word, the other exact
    assert slugs(page) == ["wales-family-line"]
    page.fill("#hub-q", "helpline wales")  # every word must match
    assert slugs(page) == ["wales-family-line"]
    page.fill("#hub-q", "gwent")
    assert settled(page).inner_text("#hub-results .hub-card__org") == "Gwent <Families> & Friends"  # text, not markup
    assert "what=gwent" in page.url


FACETS = ("type", "audience", "age", "nation", "la", "referral", "cost", "format")


@pytest.mark.parametrize("facet", FACETS)
def test_each_filter_counts_and_narrows(browser_page, facet):
    page = open_find(browser_page, index=False)
    expected = _expected(facet)
    if facet == "la":
        options = page.eval_on_selector_all("#hub-f-la option", "os => os.filter(o => o.value && !o.hidden).map(o => [o.value, o.textContent])")
        shown = {value: int(re.search(r"\((\d+)\)$", text).group(1)) for value, text in options}
        assert shown == {value: len(s) for value, s in expected.items()}
        value = "E06000023"
        page.select_option("#hub-f-la", value)
    else:
        for value, chosen in expected.items():
            assert page.inner_text(f"label[for='hub-f-{facet}-{value}'] .hub-count-badge") == f"({len(chosen)})", value
        value = max(expected, key=lambda v: (len(expected[v]) < len(SLUGS), len(expected[v]), v))
        page.check(f"#hub-f-{facet}-{value}")
    assert set(slugs(page)) == expected[value]
    assert status(page).startswith(f"{len(expected[value])} service")
    assert f"{facet}={value}" in page.url


def test_counts_follow_the_other_filters(browser_page):
    page = open_find(browser_page, "nation=wales")
    assert set(slugs(page)) == NATIONS["wales"]
    assert page.inner_text("label[for='hub-f-type-helpline'] .hub-count-badge") == "(2)"
    assert page.inner_text("label[for='hub-f-type-mentoring'] .hub-count-badge") == "(0)"
    # Within one filter the options widen (either), across filters they narrow (both): a count says what
    # ticking the option would give, so England beside Wales offers all six.
    assert page.inner_text("label[for='hub-f-nation-england'] .hub-count-badge") == "(6)"
    page.check("#hub-f-nation-england")
    assert len(slugs(page)) == 6
    page.check("#hub-f-cost-paid")
    assert slugs(page) == ["manchester-mentoring"]


def test_postcode_orders_by_distance_with_reasons(browser_page):
    page = open_find(browser_page, "radius=10", index=False)
    page.fill("#hub-place", "BS1 4DJ")
    page.press("#hub-place", "Enter")
    page.wait_for_selector("#hub-place-msg:has-text('Showing services for BS1 4DJ')")
    # Within 10 miles only Bristol's own service; the UK-wide helpline covers Bristol too, from London.
    assert slugs(page) == ["bristol-family-links", "prison-families-helpline"]
    where = page.locator("#hub-results .hub-card__where").all_inner_texts()
    assert re.fullmatch(r"Covers Bristol, City of · nearest site 0\.\d miles away", where[0]), where[0]
    assert re.fullmatch(r"Covers the whole UK · nearest site 1\d\d miles away", where[1]), where[1]
    assert "place=BS1+4DJ" in page.url and "radius=10" in page.url
    assert not page.is_visible("#hub-others")
    # Within 50 miles: Newport (about 20) and Cardiff (about 25) join, nearest first, but after both services that
    # cover Bristol and under their own heading; Wales-wide does not cover Bristol and has no site that near.
    page.select_option("#hub-radius", "50")
    assert slugs(page) == ["bristol-family-links", "prison-families-helpline", "newport-counselling", "cardiff-visits"]
    assert page.inner_text("#hub-others-title") == "2 services near BS1 4DJ that do not cover Bristol, City of"
    assert re.fullmatch(r"Does not cover Bristol, City of · nearest site (19|20)(\.\d)? miles away",
                        page.locator("#hub-results-other .hub-card__where").first.inner_text())
    assert status(page) == "4 services for BS1 4DJ: 2 cover Bristol, City of"


def test_place_name_and_wales_coverage(browser_page):
    page = open_find(browser_page, "place=Cardiff", index=False)
    page.wait_for_selector("#hub-place-msg:has-text('Showing services for')")
    got = slugs(page)
    assert got[0] == "cardiff-visits" and "wales-family-line" in got and "manchester-mentoring" not in got
    card = page.locator("#hub-results > li[data-slug='wales-family-line'] .hub-card__where").inner_text()
    assert card.startswith("Covers all of Wales")
    page.fill("#hub-place", "Nowhereville Xyz")
    page.press("#hub-place", "Enter")
    page.wait_for_selector("#hub-place-msg:not(:has-text('Looking up'))")
    assert "Showing" not in page.inner_text("#hub-place-msg")


def test_url_round_trip_and_back(browser_page):
    page = open_find(browser_page)
    page.fill("#hub-q", "helpline")
    page.press("#hub-q", "Enter")
    page.check("#hub-f-nation-scotland")
    assert slugs(page) == ["prison-families-helpline"] and "nation=scotland" in page.url
    page.go_back()
    page.wait_for_selector("#hub-f-nation-scotland:not(:checked)", state="attached")
    assert page.input_value("#hub-q") == "helpline"
    assert set(slugs(page)) == {"prison-families-helpline", "wales-family-line"}
    page.go_forward()
    page.wait_for_selector("#hub-f-nation-scotland:checked", state="attached")
    assert slugs(page) == ["prison-families-helpline"]
    page.reload()
    page.wait_for_selector("#hub-find[data-ready]", state="attached")
    page.wait_for_selector("#hub-results > li", state="attached")
    assert page.is_checked("#hub-f-nation-scotland") and slugs(page) == ["prison-families-helpline"]


def test_shortlist_add_reload_share_and_print(browser_page):
    page = open_find(browser_page, index=False)
    page.evaluate("() => localStorage.clear()")
    page.reload()
    page.wait_for_selector("#hub-find[data-ready]", state="attached")
    page.click("#hub-results > li[data-slug='cardiff-visits'] .hub-shortlist-toggle")
    page.click("#hub-results > li[data-slug='wales-family-line'] .hub-shortlist-toggle")
    assert page.get_attribute("#hub-results > li[data-slug='cardiff-visits'] .hub-shortlist-toggle", "aria-pressed") == "true"
    page.reload()
    page.wait_for_selector("#hub-find[data-ready]", state="attached")
    assert page.inner_text("#hub-shortlist-title") == "Your shortlist (2)"
    assert "help@example.org" in page.inner_text("#hub-shortlist") and "1 Example Road CF10 5DA" in page.inner_text("#hub-shortlist")
    page.click("#hub-shortlist button:has-text('Share as a link')")
    link = page.input_value("#hub-share-link")
    assert link.endswith("find/?shortlist=cardiff-visits,wales-family-line")
    # The shortlist prints alone, with contact details; the search form and results do not print.
    page.evaluate("() => document.documentElement.classList.add('hub-print-shortlist')")
    page.emulate_media(media="print")
    assert page.is_visible("#hub-shortlist") and not page.is_visible("#hub-find-form")
    assert not page.is_visible("#hub-results") and page.is_visible("#hub-shortlist a[href^='tel:']")
    page.emulate_media(media="screen")
    # Someone else opens the link: they see the shared list, and can keep it.
    page.evaluate("() => localStorage.clear()")
    page.goto(link)
    page.wait_for_selector("#hub-find[data-ready]", state="attached")
    assert page.inner_text("#hub-shared-title") == "Shortlist shared with you (2)"
    assert page.inner_text("#hub-shortlist-title") == "Your shortlist (0)"
    page.emulate_media(media="print")
    assert page.is_visible("#hub-shared") and not page.is_visible("#hub-results")
    page.emulate_media(media="screen")
    page.click("#hub-shared button:has-text('Add these to my shortlist')")
    assert page.inner_text("#hub-shortlist-title") == "Your shortlist (2)"
    page.evaluate("() => localStorage.clear()")


@pytest.mark.parametrize("typed", [': + - * ~ ^ "quoted" \'single\'', "name:helpline^10 +-~2", "😀 👨‍👩‍👧 ☃",
                                   "help" * 1250, "\\ / ( ) [ ] { } < > & ; %", "helpline ~ * :"])
def test_hostile_input_never_throws(browser_page, typed):
    page = open_find(browser_page)
    page.fill("#hub-q", typed)
    page.fill("#hub-place", typed[:200])
    page.press("#hub-place", "Enter")
    page.wait_for_selector("#hub-place-msg:not(:has-text('Looking up'))", state="attached")
    assert re.match(r"\d+ services?", status(page))
    assert browser_page.problems == []
    if typed == "helpline ~ * :":
        assert set(slugs(page)) == {"prison-families-helpline", "wales-family-line"}


def test_empty_state_suggests_what_to_relax(browser_page):
    page = open_find(browser_page, "what=helpline&cost=paid")
    assert slugs(page) == [] and status(page) == "0 services found"
    assert page.is_visible("#hub-empty")
    page.focus("#hub-empty button:has-text('remove the “Cost” filter (2 services)')")
    page.keyboard.press("Enter")  # by keyboard alone
    assert len(slugs(page)) == 2 and "cost=" not in page.url


def test_keyboard_labels_narrow_screen_and_announcements(browser_page):
    page = browser_page.page
    page.set_viewport_size({"width": 320, "height": 640})
    try:
        open_find(browser_page)
        unlabelled = page.eval_on_selector_all(
            "#hub-find input, #hub-find select, #hub-find button",
            "els => els.filter(e => !(e.labels && e.labels.length) && !e.textContent.trim() && !e.getAttribute('aria-label'))"
            ".map(e => e.outerHTML)")
        assert unlabelled == []
        assert page.get_attribute("#hub-status", "role") == "status"
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 320
        page.focus("#hub-q")
        page.keyboard.type("wales")
        page.keyboard.press("Enter")
        assert slugs(page)[0] == "wales-family-line"
        page.keyboard.press("Tab")  # to the place box
        assert page.evaluate("() => document.activeElement.id") == "hub-place"
    finally:
        page.set_viewport_size({"width": 1280, "height": 720})


def test_no_console_errors_and_no_other_origin(browser_page):
    open_find(browser_page, "what=family&place=BS1%204DJ")
    browser_page.page.wait_for_selector("#hub-place-msg:has-text('Showing')")
    assert not browser_page.page.is_checked("#__search")  # Material's own search stays shut
    assert browser_page.problems == []
    assert foreign_requests(browser_page.requests, browser_page.base) == []
    assert any(url.endswith("/search-data/text/index.json") for url in browser_page.requests)
