"""Geo-tagging inside the real loader: places filled in, and problems at the postcode's own file:line:col."""

from __future__ import annotations

from pathlib import Path

import pytest

from hub_build.pipeline import load_hub
from hub_build.core.problems import format_report
from hub_build.core.settings import HubSettings
from geo_fixtures import SAMPLE_LISTING, line_of, make_hub

SAMPLE = SAMPLE_LISTING.read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("HUB_BUILD_CACHE", str(tmp_path / "cache"))


def build(tmp_path: Path, **listings: str):
    root = make_hub(tmp_path / "hub", {f"{name}.yaml": text for name, text in listings.items()})
    return load_hub(root, HubSettings())


def test_sample_listing_is_placed(tmp_path):
    hub = build(tmp_path, **{"bristol-family-links": SAMPLE})
    assert hub.errors == []
    (entry,) = hub.services
    (place,) = entry.places
    assert (place.postcode, place.la_code, place.la_name, place.nation, place.region, place.precision) == (
        "BS1 4DJ", "E06000023", "Bristol, City of", "england", "South West", "postcode")
    assert entry.coverage_areas == {"E06000023": "Bristol, City of"}
    assert (tmp_path / "cache" / "geo").is_dir()


def test_unknown_postcode_fails_at_its_line(tmp_path):
    text = SAMPLE.replace("postcode: BS1 4DJ", "postcode: bs1 4eh")
    hub = build(tmp_path, **{"bristol-family-links": text, "second": SAMPLE})
    line = line_of(text, "postcode: bs1 4eh")
    (error,) = hub.errors
    assert (error.path, error.line, error.col) == ("directory/bristol-family-links.yaml", line, text.splitlines()[line - 1].index("bs1") + 1)
    assert error.field == "locations[0].postcode"
    assert "BS1 4EH is not in the ONS postcode data" in error.message
    assert "did you mean BS1 4DH" in error.hint
    assert [e.slug for e in hub.services] == ["second"]  # the loader keeps only error-free listings
    assert f"directory/bristol-family-links.yaml:{line}:" in format_report(hub.problems)


def test_crown_dependency_postcode_is_an_error(tmp_path):
    text = SAMPLE.replace("postcode: BS1 4DJ", "postcode: JE2 3AB")
    hub = build(tmp_path, jersey=text)
    (error,) = hub.errors
    assert error.line == line_of(text, "JE2 3AB") and "Jersey" in error.message


def test_second_location_is_pointed_at(tmp_path):
    text = SAMPLE.replace(
        "    accessibility: Step-free access and an accessible toilet.\n",
        "    accessibility: Step-free access and an accessible toilet.\n  - name: Outreach\n    postcode: IM1 1AA\n")
    hub = build(tmp_path, **{"two-sites": text})
    (error,) = hub.errors
    assert error.field == "locations[1].postcode" and error.line == line_of(text, "IM1 1AA")


def test_unknown_coverage_area_fails_at_its_line(tmp_path):
    text = SAMPLE.replace('    - "Bristol, City of"\n', '    - "Bristol, City of"\n    - Wrexham\n    - Bristl\n')
    hub = build(tmp_path, areas=text)
    (error,) = hub.errors
    assert error.field == "coverage.local_authorities[2]"
    assert error.line == line_of(text, "- Bristl")
    assert "did you mean 'Bristol, City of'" in error.hint


def test_coverage_areas_by_name_or_code(tmp_path):
    text = SAMPLE.replace('    - "Bristol, City of"\n', '    - bristol\n    - W06000006\n    - Glasgow City\n')
    hub = build(tmp_path, areas=text)
    assert hub.errors == []
    assert hub.services[0].coverage_areas == {
        "E06000023": "Bristol, City of", "W06000006": "Wrexham", "S12000049": "Glasgow City"}


def test_warm_rebuild_reads_no_postcode_data(tmp_path, monkeypatch):
    build(tmp_path, **{"bristol-family-links": SAMPLE})
    from hub_build.enrich.geo import onsdata

    def refuse(letter):
        raise AssertionError(f"read letter {letter} on a warm rebuild")

    monkeypatch.setattr(onsdata, "read_letter", refuse)
    hub = build(tmp_path, **{"bristol-family-links": SAMPLE})
    assert hub.services[0].places[0].la_code == "E06000023"
