"""HubGeo in real headless Chromium: postcodes, districts and place names resolve from the site's own files."""

from __future__ import annotations

import json
import shutil
import types

import pytest

from hub_build.publish.geodata import write_browser_data
from hub_build.core.settings import HubSettings
from browser import chromium_executable, chromium_page, foreign_requests, static_server
from geo_fixtures import REPO, metres, shared_cache_root

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>geo</title>
<script src="assets/geo.js" data-geo-base="geo/"></script></head><body><p>geo test</p></body></html>"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    chromium_executable()  # fail (CI) or skip before building anything
    root = tmp_path_factory.mktemp("site")
    mp = pytest.MonkeyPatch()
    mp.setenv("HUB_BUILD_CACHE", str(shared_cache_root()))
    try:
        write_browser_data(types.SimpleNamespace(root=root, settings=HubSettings()), root)
    finally:
        mp.undo()
    (root / "assets").mkdir()
    shutil.copy(REPO / "hub_build" / "assets" / "geo.js", root / "assets" / "geo.js")
    (root / "index.html").write_text(PAGE, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def page(site):
    with static_server(site) as base_url, chromium_page() as (page, requests):
        page.goto(base_url + "index.html")
        page.wait_for_function("window.HubGeo !== undefined")
        yield types.SimpleNamespace(page=page, requests=requests, base_url=base_url)


def resolve(page, text: str) -> dict:
    return page.page.evaluate("text => HubGeo.resolve(text)", text)


@pytest.mark.parametrize("typed", ["BS1 4DJ", "bs14dj", "  bs1  4dj "])
def test_full_postcode(page, typed):
    found = resolve(page, typed)
    assert found["precision"] == "postcode" and found["label"] == "BS1 4DJ"
    assert (found["la_code"], found["la_name"], found["nation"], found["region"]) == (
        "E06000023", "Bristol, City of", "england", "South West")
    assert metres(found["lat"], found["lon"], 51.451735, -2.596862) < 5


def test_outward_code(page):
    found = resolve(page, "bs1")
    assert found["precision"] == "outward" and found["label"] == "BS1" and found["la_code"] == "E06000023"
    assert metres(found["lat"], found["lon"], 51.4517, -2.5969) < 2000


@pytest.mark.parametrize("typed, code, kind", [
    ("Bristol", "E06000023", "town"), ("Wrexham", "W06000006", "town"), ("wrexham", "W06000006", "town"),
    ("Highland", "S12000017", "local-authority"), ("City of Edinburgh", "S12000036", "local-authority"),
    ("Londonderry", "N09000005", "town"),
])
def test_place_names(page, typed, code, kind):
    found = resolve(page, typed)
    assert (found.get("la_code"), found.get("precision")) == (code, kind), found


def test_northern_ireland_postcode_resolves_to_its_district(page):
    found = resolve(page, "BT1 5GS")
    assert found["precision"] == "outward" and found["la_code"] == "N09000003" and found["nation"] == "northern-ireland"


def test_not_found_with_suggestions(page):
    missing = resolve(page, "BS1 4EH")
    assert missing["notFound"] and "BS1 4DH" in missing["suggestions"]
    assert resolve(page, "Wrexam")["suggestions"][0] == "Wrexham"
    assert resolve(page, "Bangor")["reason"] == "ambiguous"
    assert resolve(page, "ZZ99")["notFound"]
    assert resolve(page, "")["reason"] == "empty"


def test_distance_in_miles(page):
    miles = page.page.evaluate(
        "() => Promise.all([HubGeo.resolve('Bristol'), HubGeo.resolve('Cardiff')]).then(([a, b]) => HubGeo.distanceMiles(a, b))")
    assert 25 < miles < 32  # Bristol to Cardiff is about 27 miles as the crow flies


def test_refuses_other_origins(page):
    error = page.page.evaluate(
        "() => HubGeo.resolve('BS1 4DJ', {base: 'https://example.org/geo/'}).then(() => 'resolved', e => String(e))")
    assert "only reads data from this site" in error


def test_no_request_leaves_the_site(page):
    resolve(page, "SW1A 2AA")
    assert page.requests, "the page made no requests at all"
    assert foreign_requests(page.requests, page.base_url) == []
    assert any("/geo/pc/BS1.json" in url for url in page.requests)
    assert json.dumps(page.requests).count("/geo/pc/") >= 2
