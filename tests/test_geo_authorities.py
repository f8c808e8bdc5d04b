"""Local authority reference data: complete for the postcode data, and matched the way people write names."""

from __future__ import annotations

from collections import Counter, defaultdict

import pytest

from hub_build.enrich.geo import onsdata
from hub_build.enrich.geo.authorities import NATIONS, load_authorities, reference_document
from hub_build.enrich.geo.gazetteer import towns


@pytest.fixture(scope="module")
def data_scan():
    """Every LA code in the ONS data, and the LA codes found in each outward code."""
    codes: set[str] = set()
    by_outward: dict[str, Counter] = defaultdict(Counter)
    for letter in onsdata.letters():
        table = onsdata.read_letter(letter)
        for key, la in zip(table.pcd, table.laua, strict=True):
            if isinstance(la, str):
                codes.add(la)
                by_outward[key[:4].strip()][la] += 1
    return codes, by_outward


def test_every_code_in_the_postcode_data_is_named(data_scan):
    codes, _ = data_scan
    authorities = load_authorities()
    missing = sorted(code for code in codes if authorities.get(code) is None)
    assert not missing, f"add these to hub_build/data/local_authorities.json: {missing}"
    replaced = sorted(code for code in codes if authorities[code].replaced_by)
    assert not replaced, f"codes in use that the reference marks as replaced: {replaced}"


def test_reference_is_well_formed():
    document = reference_document()
    assert document["sources"] and "Open Government Licence" in document["licence"]
    authorities = load_authorities()
    current = authorities.current()
    counts = Counter(a.nation for a in current)
    assert counts == {"england": 296, "wales": 22, "scotland": 32, "northern-ireland": 11}
    assert all(a.region for a in current if a.nation == "england")
    assert not any(a.region for a in current if a.nation != "england")
    assert len({a.region for a in current if a.region}) == 9
    for a in authorities.by_code.values():
        if a.replaced_by:
            assert authorities[a.replaced_by].is_current


@pytest.mark.parametrize("typed, code", [
    ("Bristol", "E06000023"), ("bristol, city of", "E06000023"), ("City of Bristol", "E06000023"),
    ("e06000023", "E06000023"), ("Wrexham", "W06000006"), ("WREXHAM", "W06000006"), ("Edinburgh", "S12000036"),
    ("Glasgow", "S12000049"), ("Hull", "E06000010"), ("Herefordshire", "E06000019"), ("Cumberland", "E06000063"),
    ("Westmorland and Furness", "E06000064"), ("North Yorkshire", "E06000065"), ("Somerset", "E06000066"),
    ("Barnsley", "E08000038"), ("Belfast", "N09000003"), ("Derry", "N09000005"), ("Ynys Môn", "W06000001"),
    ("Brighton & Hove", "E06000043"), ("St. Helens", "E08000013"),
])
def test_names_and_codes_resolve(typed, code):
    match = load_authorities().resolve(typed)
    assert match.authority is not None, match.message
    assert match.authority.code == code


@pytest.mark.parametrize("typed, words, suggestion", [
    ("Bristl", "not the name of a UK local authority", "Bristol, City of"),
    ("Manchestr", "not the name of a UK local authority", "Manchester"),
    ("Westmorland", "not the name of a UK local authority", "Westmorland and Furness"),
    ("Allerdale", "now part of Cumberland", "Cumberland"),
    ("E07000164", "now part of North Yorkshire", "North Yorkshire"),
    ("E99999999", "not the GSS code of a local authority", None),
    ("Narnia", "not the name of a UK local authority", None),
    ("Isle of Man", "outside the UK local authorities", None),
])
def test_unknown_areas_explain_themselves(typed, words, suggestion):
    match = load_authorities().resolve(typed)
    assert match.authority is None
    assert words in match.message
    assert match.hint
    if suggestion:
        assert suggestion in match.suggestions and suggestion in match.hint


def test_towns_point_at_real_districts_in_their_nation(data_scan):
    _, by_outward = data_scan
    authorities = load_authorities()
    for town in towns():
        las = by_outward.get(town["outward"])
        assert las, f"{town['name']}: outward code {town['outward']} is not in the postcode data"
        main = authorities[las.most_common(1)[0][0]]
        assert main.nation == town["nation"], (town, main)
        assert town["nation"] in NATIONS
