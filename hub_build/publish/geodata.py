"""Static geo data for the browser, so a postcode a family types never leaves their machine.

Written under `<site>/geo/`:
- `version.json`   data version, format, Northern Ireland precision and the credit lines the licence asks for;
- `las.json`       local authorities: [code, name, nation, region]; shards refer to them by index;
- `outward.json`   outward code -> [lat, lon, la index, postcodes]: centroids, so `BS1` resolves;
- `places.json`    gazetteer rows [name, lat, lon, la index, kind, keys] (see gazetteer.py);
- `pc/<OUTWARD>.json`  one shard per outward code: postcode -> [lat, lon, la index], 5 decimal places (~1 m).

All of it depends only on the data version, the Northern Ireland precision and the code that makes it
(hashed into the cache key and the stamp), so it is built once into the cache and copied into each site.
With precision "outward" (the default) no full BT postcode is published: Northern Ireland's postcode
data is licensed on terms of its own, and outward centroids are enough to sort services by distance.
"""

from __future__ import annotations

import functools
import itertools
import json
import shutil
import time
from pathlib import Path
from typing import Optional

from hub_build.core.hub import Hub
from hub_build.enrich.geo import onsdata
from hub_build.enrich.geo.authorities import Authorities, load_authorities
from hub_build.enrich.geo.cache import code_version, geo_cache_dir, prune_other_versions, safe_name
from hub_build.enrich.geo.gazetteer import Centroid, gazetteer
from hub_build.enrich.geo.grid import BRITISH_GRID, IRISH_GRID, to_wgs84
from hub_build.enrich.geo.lookup import _placeable

FORMAT = 1
# The modules and package data that shape the tree: hashed into its cache key and its stamp.
CODE_MODULES = (__name__, *(f"hub_build.enrich.geo.{name}" for name in ("onsdata", "grid", "lookup", "authorities", "gazetteer", "cache")))
CODE_DATA = ("data/local_authorities.json", "data/geo_towns.json")
GEO_DIR = "geo"
STAMP = "version.json"
# The attribution the ONS asks for with its postcode products (year = the data release's).
CREDITS = [
    "Contains OS data © Crown copyright and database right 2025",
    "Contains Royal Mail data © Royal Mail copyright and database right 2025",
    "Contains GeoPlace data © Local Government Information House Limited copyright and database right 2025",
    "Source: Office for National Statistics licensed under the Open Government Licence v.3.0",
]
# Northern Ireland postcode locations come from Land & Property Services; they are in the outward centroids
# even when full BT postcodes are not published, so the line is always given.
CREDIT_NI = "Contains LPS Intellectual Property © Crown copyright and database right 2025"


def browser_code_version() -> str:
    """The hash of the code and package data that make the tree: a change to any of them rebuilds it."""
    return code_version(*CODE_MODULES, data=CODE_DATA)


def write_browser_data(hub: Hub, out_dir: Path) -> list[str]:
    """Publish the geo data into out_dir/geo/ (from the cache when it is already built); returns relative paths."""
    precision = hub.settings.northern_ireland_precision
    source = ensure_browser_tree(geo_cache_dir(hub.root), precision)
    target = Path(out_dir) / GEO_DIR
    if _stamp(target) != _stamp(source):
        if target.exists():
            shutil.rmtree(target)
        # the bytes only: copy2's copying of times, modes and extended attributes took three quarters of the
        # time (1.1 s against 0.25 s for the 3,000 shards)
        shutil.copytree(source, target, copy_function=shutil.copyfile)
    return sorted(path.relative_to(out_dir).as_posix() for path in target.rglob("*") if path.is_file())


def ensure_browser_tree(cache_dir: Path, precision: str = "outward") -> Path:
    """The cached geo/ tree for this data version, code and precision, built now if missing or stale."""
    version = onsdata.data_version()
    tree = cache_dir / f"browser-{FORMAT}-{safe_name(version)}-{browser_code_version()}-{precision}" / GEO_DIR
    if _stamp(tree) is None:
        staging = tree.parent.with_name(tree.parent.name + ".building")
        shutil.rmtree(staging, ignore_errors=True)
        if precision == "outward":
            _without_bt_shards(ensure_browser_tree(cache_dir, "postcode"), staging / GEO_DIR)
        else:
            build_browser_tree(staging / GEO_DIR, precision)
        shutil.rmtree(tree.parent, ignore_errors=True)
        staging.rename(tree.parent)  # the tree appears whole or not at all
        prune_other_versions(cache_dir, "browser-", f"browser-{FORMAT}-{safe_name(version)}-{browser_code_version()}-")
    return tree


def _without_bt_shards(full: Path, target: Path) -> None:
    """The outward-precision tree is the full one less the BT shards: one UK-wide pass serves both settings."""
    shutil.copytree(full, target, ignore=lambda folder, names: [n for n in names if n.startswith("BT") and n.endswith(".json")])
    stamp = json.loads((full / STAMP).read_text(encoding="utf-8"))
    shards = list((target / "pc").glob("*.json"))
    stamp.update(northern_ireland_precision="outward", shards=len(shards), shard_bytes=sum(p.stat().st_size for p in shards))
    _write(target / STAMP, stamp)


def _stamp(tree: Path) -> Optional[dict]:
    try:
        data = json.loads((tree / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if data.get("format") == FORMAT and data.get("code") == browser_code_version() else None


def build_browser_tree(target: Path, precision: str = "outward", authorities: Optional[Authorities] = None) -> dict:
    """Write every shard, centroid table and the gazetteer from the ONS data; returns figures for reporting."""
    started = time.perf_counter()
    authorities = authorities or load_authorities()
    la_rows = sorted(authorities.current(), key=lambda a: a.code)
    la_index = {a.code: i for i, a in enumerate(la_rows)}
    (target / "pc").mkdir(parents=True, exist_ok=True)
    outwards: dict[str, Centroid] = {}
    la_centroids: dict[str, Centroid] = {}
    shards = 0
    shard_bytes = 0
    for letter in onsdata.letters():
        table = onsdata.read_letter(letter)
        if table is None:
            continue
        rows = [i for i in range(len(table.pcd)) if _placeable(table, i)]
        unknown = {table.laua[i] for i in rows} - la_index.keys()
        if unknown:
            raise ValueError(f"local authority codes missing from data/local_authorities.json: {sorted(unknown)}")
        # One outward code at a time (the table is sorted, so its postcodes are together): converting and
        # formatting a whole letter at once held some 100 MB more at the peak of a cold build (issue 11).
        for padded, chunk in itertools.groupby(rows, key=functools.partial(_padded_outward, table.pcd)):
            outward = padded.strip()
            chosen = list(chunk)
            coords = _convert(table, chosen)
            items: list[str] = []
            for i in chosen:
                key = table.pcd[i]
                lat, lon = coords[i]
                la = table.laua[i]
                # get-then-create: setdefault(key, Centroid()) would build a throwaway Centroid for every postcode
                centroid = outwards.get(outward)
                if centroid is None:
                    centroid = outwards[outward] = Centroid()
                centroid.add(lat, lon, la)
                centroid = la_centroids.get(la)
                if centroid is None:
                    centroid = la_centroids[la] = Centroid()
                centroid.add(lat, lon, la)
                if precision == "outward" and key.startswith("BT"):
                    continue
                items.append(f'"{outward} {key[4:]}":[{round(lat, 5)!r},{round(lon, 5)!r},{la_index[la]}]')
            if items:
                text = "{" + ",".join(items) + "}"
                (target / "pc" / f"{outward}.json").write_text(text, encoding="ascii")
                shards += 1
                shard_bytes += len(text)
        del table
    _write(target / "las.json", [[a.code, a.name, a.nation, a.region] for a in la_rows])
    _write(target / "outward.json", {
        code: [round(c.lat, 5), round(c.lon, 5), la_index[c.la], c.count] for code, c in sorted(outwards.items())})
    _write(target / "places.json", gazetteer(outwards, la_centroids, authorities, la_index))
    figures = {"shards": shards, "shard_bytes": shard_bytes, "outward_codes": len(outwards),
               "seconds": round(time.perf_counter() - started, 2)}
    credits = CREDITS + [CREDIT_NI]
    _write(target / STAMP, {"format": FORMAT, "code": browser_code_version(), "data_version": onsdata.data_version(),
                            "source": onsdata.SOURCE_NAME,
                            "northern_ireland_precision": precision, "credits": credits, **figures})
    return figures


def _padded_outward(pcd: list[str], row: int) -> str:
    """The outward code of a row's postcode key, padded to 4 characters as the key has it."""
    return pcd[row][:4]


def _convert(table: onsdata.LetterTable, rows: list[int]) -> dict[int, tuple[float, float]]:
    """WGS84 for the given rows, each converted from its own grid (Irish for BT)."""
    result: dict[int, tuple[float, float]] = {}
    for grid, chosen in ((IRISH_GRID, [i for i in rows if table.pcd[i].startswith("BT")]),
                         (BRITISH_GRID, [i for i in rows if not table.pcd[i].startswith("BT")])):
        lats, lons = to_wgs84([table.east[i] for i in chosen], [table.north[i] for i in chosen], grid)
        result.update(zip(chosen, zip(lats, lons, strict=True), strict=True))
    return result


def _write(path: Path, data) -> None:
    path.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")
