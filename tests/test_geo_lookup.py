"""Postcode look-up against the ONS data: coordinates, local authority and nation, from each nation."""

from __future__ import annotations

import pytest

from hub_build.enrich.geo.authorities import load_authorities
from hub_build.enrich.geo.lookup import Found, Missing, PostcodeLookup
from hub_build.enrich.geo.tagging import place_for
from geo_fixtures import metres

# Landmarks with well-known coordinates, and the local authority their postcode is in.
KNOWN = [
    ("SW1A 2AA", 51.50354, -0.12768, "E09000033", "Westminster", "england", "London"),      # 10 Downing Street
    ("SW1A 1AA", 51.50101, -0.14159, "E09000033", "Westminster", "england", "London"),      # Buckingham Palace
    ("CF10 5AL", 51.46480, -3.16360, "W06000015", "Cardiff", "wales", ""),                  # Wales Millennium Centre
    ("CF10 3RB", 51.48170, -3.18120, "W06000015", "Cardiff", "wales", ""),                  # Cardiff Castle
    ("EH99 1SP", 55.95210, -3.17520, "S12000036", "City of Edinburgh", "scotland", ""),     # Scottish Parliament
    ("BT1 5GS", 54.59640, -5.93010, "N09000003", "Belfast", "northern-ireland", ""),        # Belfast City Hall (Irish Grid)
]


@pytest.fixture(scope="module")
def results():
    lookup = PostcodeLookup(None)
    wanted = [k[0] for k in KNOWN] + ["LL11 1AY", "BS1 4DJ", "JE2 3AB", "GY1 1AA", "IM1 1AA", "BS1 4EH", "ZZ9 9ZZ"]
    return lookup.lookup(wanted)


@pytest.mark.parametrize("postcode, lat, lon, code, name, nation, region", KNOWN)
def test_known_places_within_100_metres(results, postcode, lat, lon, code, name, nation, region):
    found = results[postcode]
    assert isinstance(found, Found)
    assert metres(found.lat, found.lon, lat, lon) < 100
    place = place_for(found, load_authorities())
    assert (place.la_code, place.la_name, place.nation, place.region, place.precision) == (code, name, nation, region, "postcode")


def test_wales_and_england_regions(results):
    authorities = load_authorities()
    wrexham = place_for(results["LL11 1AY"], authorities)
    assert (wrexham.la_code, wrexham.la_name, wrexham.nation, wrexham.region) == ("W06000006", "Wrexham", "wales", "")
    bristol = place_for(results["BS1 4DJ"], authorities)
    assert (bristol.la_code, bristol.la_name, bristol.region) == ("E06000023", "Bristol, City of", "South West")
    assert metres(bristol.lat, bristol.lon, 51.4517, -2.5969) < 100


@pytest.mark.parametrize("postcode, place", [("JE2 3AB", "Jersey"), ("GY1 1AA", "Guernsey"), ("IM1 1AA", "the Isle of Man")])
def test_crown_dependencies_have_no_location(results, postcode, place):
    missing = results[postcode]
    assert isinstance(missing, Missing) and missing.reason == "no_coordinates"
    message, hint = missing.message("2026.1.1")
    assert place in message and "no location" in message
    assert "UK" in hint


def test_absent_postcode_suggests_near_matches(results):
    missing = results["BS1 4EH"]
    assert isinstance(missing, Missing) and missing.reason == "absent"
    assert missing.suggestions and missing.suggestions[0] == "BS1 4DH"
    message, hint = missing.message("2026.1.1")
    assert "BS1 4EH is not in the ONS postcode data" in message
    assert "did you mean" in hint and missing.suggestions[0] in hint


def test_absent_without_near_match_has_no_suggestion(results):
    missing = results["ZZ9 9ZZ"]
    assert isinstance(missing, Missing) and missing.suggestions == ()
    assert "did you mean" not in missing.message("x")[1]


def test_warm_cache_reads_no_data(tmp_path):
    cold = PostcodeLookup(tmp_path)
    first = cold.lookup(["BS1 4DJ", "EH99 1SP", "JE2 3AB", "BS1 4EH"])
    assert cold.letters_read == ["B", "E", "J"]
    warm = PostcodeLookup(tmp_path)
    assert warm.lookup(["BS1 4DJ", "EH99 1SP", "JE2 3AB", "BS1 4EH"]) == first
    assert warm.letters_read == []
    assert cold.cache_file.name.endswith(f"{cold.version}-{cold.code}.json")


def test_only_needed_letters_are_read(tmp_path):
    lookup = PostcodeLookup(tmp_path)
    lookup.lookup(["LL11 1AY", "LL11 1BG"])
    assert lookup.letters_read == ["L"]
