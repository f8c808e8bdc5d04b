"""The browser's geo data: built once per data version, small shards, Northern Ireland precision honoured."""

from __future__ import annotations

import gzip
import json
import statistics
import types
from pathlib import Path

import pytest

from hub_build.enrich.geo import onsdata
from hub_build.publish.geodata import CREDITS, ensure_browser_tree, write_browser_data
from hub_build.enrich.geo.cache import geo_cache_dir
from hub_build.core.settings import HubSettings
from geo_fixtures import metres, shared_cache_root


def fake_hub(root: Path, precision: str = "outward"):
    """write_browser_data reads only hub.root and hub.settings."""
    return types.SimpleNamespace(root=root, settings=HubSettings(northern_ireland_precision=precision))


@pytest.fixture(scope="session")
def shared_cache(tmp_path_factory):
    """HUB_BUILD_CACHE for these tests: the repository's git-ignored cache, so the UK-wide tree is built once."""
    return shared_cache_root()


@pytest.fixture(scope="module")
def published(tmp_path_factory, shared_cache):
    out = tmp_path_factory.mktemp("site")
    mp = pytest.MonkeyPatch()
    mp.setenv("HUB_BUILD_CACHE", str(shared_cache))
    try:
        written = write_browser_data(fake_hub(out), out)
    finally:
        mp.undo()
    return out, written


def load(out: Path, name: str):
    return json.loads((out / "geo" / name).read_text(encoding="utf-8"))


def test_writes_the_expected_files(published):
    out, written = published
    for name in ("geo/version.json", "geo/las.json", "geo/outward.json", "geo/places.json", "geo/pc/BS1.json"):
        assert name in written
    assert all((out / name).is_file() for name in written)
    stamp = load(out, "version.json")
    assert stamp["data_version"] == onsdata.data_version()
    assert stamp["northern_ireland_precision"] == "outward"
    assert stamp["credits"][: len(CREDITS)] == CREDITS


def test_shards_are_small(published):
    out, _ = published
    sizes = sorted(len(gzip.compress(p.read_bytes())) for p in (out / "geo" / "pc").glob("*.json"))
    assert len(sizes) > 2500
    assert statistics.median(sizes) < 20_000
    assert sizes[int(len(sizes) * 0.95)] < 20_000
    assert len(gzip.compress((out / "geo" / "pc" / "BS1.json").read_bytes())) < 20_000


def test_shard_entries_resolve_to_the_right_place(published):
    out, _ = published
    las = load(out, "las.json")
    lat, lon, la = load(out, "pc/BS1.json")["BS1 4DJ"]
    assert metres(lat, lon, 51.451735, -2.596862) < 5
    assert las[la][:3] == ["E06000023", "Bristol, City of", "england"]


def test_northern_ireland_outward_only_by_default(published):
    out, written = published
    assert not any(name.startswith("geo/pc/BT") for name in written)
    lat, lon, la, count = load(out, "outward.json")["BT1"]
    assert load(out, "las.json")[la][0] == "N09000003" and count > 100
    assert metres(lat, lon, 54.5964, -5.9301) < 1500


def test_gazetteer_has_towns_and_council_areas(published):
    out, _ = published
    las = load(out, "las.json")
    places = {(row[0], row[4]): row for row in load(out, "places.json")}
    wrexham = places[("Wrexham", "town")]
    assert las[wrexham[3]][0] == "W06000006" and metres(wrexham[1], wrexham[2], 53.046, -2.993) < 5000
    assert "bristol" in places[("Bristol, City of", "local-authority")][5]
    assert places[("Highland", "local-authority")]


def test_second_write_copies_the_cached_tree(published, shared_cache, tmp_path, monkeypatch):
    monkeypatch.setenv("HUB_BUILD_CACHE", str(shared_cache))
    tree = ensure_browser_tree(geo_cache_dir(tmp_path), "outward")
    before = (tree / "version.json").stat().st_mtime_ns
    written = write_browser_data(fake_hub(tmp_path), tmp_path / "site")
    assert (tree / "version.json").stat().st_mtime_ns == before  # not rebuilt
    assert len(written) == len(published[1])


def test_full_northern_ireland_precision(tmp_path, shared_cache, monkeypatch):
    monkeypatch.setenv("HUB_BUILD_CACHE", str(shared_cache))
    written = write_browser_data(fake_hub(tmp_path, "postcode"), tmp_path / "site")
    assert "geo/pc/BT1.json" in written
    shard = json.loads((tmp_path / "site" / "geo" / "pc" / "BT1.json").read_text())
    lat, lon, _ = shard["BT1 5GS"]
    assert metres(lat, lon, 54.5964, -5.9301) < 100
