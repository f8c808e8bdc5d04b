"""The place-name gazetteer for the browser: local authority names and towns.

Nothing here is typed-in geography except town names and each town's central
postcode district (data/geo_towns.json, curated and documented there): every
coordinate and local authority is computed from the ONS postcode data, as the
centroid of a town's outward code or of all postcodes in a local authority.
"""

from __future__ import annotations

import functools
import json
from collections import Counter
from dataclasses import dataclass, field
from importlib import resources

from hub_build.enrich.geo.authorities import Authorities, fold, variants


@dataclass
class Centroid:
    """Running mean of points, and which local authority most of them are in."""

    lat_sum: float = 0.0
    lon_sum: float = 0.0
    count: int = 0
    las: Counter = field(default_factory=Counter)

    def add(self, lat: float, lon: float, la: str) -> None:
        self.lat_sum += lat
        self.lon_sum += lon
        self.count += 1
        self.las[la] += 1

    @property
    def lat(self) -> float:
        return self.lat_sum / self.count

    @property
    def lon(self) -> float:
        return self.lon_sum / self.count

    @property
    def la(self) -> str:
        return self.las.most_common(1)[0][0]


@functools.lru_cache(maxsize=1)
def towns() -> list[dict]:
    with resources.files("hub_build").joinpath("data/geo_towns.json").open(encoding="utf-8") as handle:
        return json.load(handle)["towns"]


def town_keys(name: str, aliases: list[str]) -> list[str]:
    """Folded names a town answers to; 'Newport, Wales' also answers to the (ambiguous) 'newport'."""
    keys = [fold(name)] + [fold(a) for a in aliases]
    if ", " in name:
        keys.append(fold(name.split(", ")[0]))
    return list(dict.fromkeys(k for k in keys if k))


def gazetteer(outwards: dict[str, Centroid], la_centroids: dict[str, Centroid], authorities: Authorities,
              la_index: dict[str, int]) -> list[list]:
    """Rows [name, lat, lon, la index, kind, [keys]]; towns first, so a town wins over a same-named council area."""
    rows: list[list] = []
    for town in towns():
        centre = outwards.get(town["outward"])
        if centre is None or centre.la not in la_index:
            continue  # a district missing from this data release: leave the town out rather than guess
        rows.append([town["name"], round(centre.lat, 5), round(centre.lon, 5), la_index[centre.la], "town",
                     town_keys(town["name"], [*town.get("aliases", []), *([town["cy"]] if town.get("cy") else [])])])
    for code, centre in sorted(la_centroids.items()):
        authority = authorities.get(code)
        if authority is None or code not in la_index:
            continue
        keys = sorted({k for name in (authority.name, *authority.aliases) for k in variants(name)})
        rows.append([authority.name, round(centre.lat, 5), round(centre.lon, 5), la_index[code], "local-authority", keys])
    return rows
