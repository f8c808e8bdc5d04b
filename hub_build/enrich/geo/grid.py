"""Grid references to WGS84 latitude/longitude with pyproj.

The ONS postcode data gives British National Grid (OSGB36, EPSG:27700)
references for Great Britain and Irish Grid references for Northern Ireland
(BT postcodes; EPSG:29903, TM75 Irish Grid), so each point is converted with
the transformer of its own grid. Conversion is vectorised over arrays so a
whole letter converts in one call.
"""

from __future__ import annotations

import functools
from array import array
from typing import Sequence

BRITISH_GRID = "EPSG:27700"
IRISH_GRID = "EPSG:29903"


@functools.lru_cache(maxsize=4)
def _transformer(source: str):
    from pyproj import Transformer  # imported lazily: building a hub with no locations never pays for it

    return Transformer.from_crs(source, "EPSG:4326", always_xy=True)


def grid_for(postcode: str) -> str:
    """Northern Ireland (BT) postcodes use the Irish Grid, all others the British National Grid."""
    return IRISH_GRID if postcode.startswith("BT") else BRITISH_GRID


def to_wgs84(eastings: Sequence[float], northings: Sequence[float], grid: str = BRITISH_GRID) -> tuple[array, array]:
    """(latitudes, longitudes) for grid references in one grid."""
    xs = array("d", eastings)
    ys = array("d", northings)
    if xs:
        _transformer(grid).transform(xs, ys, inplace=True)
    return ys, xs
