"""Postcode -> coordinates and local authority, from the ONS data, cached on disk.

Only the data files for the first letters of uncached postcodes are read,
one letter at a time (so memory stays at one letter's worth). Every answer,
found or not, is cached under the data version and the code's hash: a warm
rebuild reads one small JSON file and nothing else.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional, Union

from hub_build.enrich.geo import onsdata
from hub_build.enrich.geo.cache import code_version, prune_other_versions, read_json, safe_name, write_json
from hub_build.enrich.geo.grid import grid_for, to_wgs84

CACHE_FORMAT = 1
# The modules whose code shapes a cached answer: their source is hashed into the cache file's name.
CODE_MODULES = (__name__, *(f"{__package__}.{name}" for name in ("onsdata", "grid", "cache")))
_NO_GRID = {
    "JE": "Jersey", "GY": "Guernsey", "IM": "the Isle of Man",
}


@dataclass(frozen=True)
class Found:
    postcode: str
    lat: float
    lon: float
    la_code: str


@dataclass(frozen=True)
class Missing:
    """A postcode that is valid in form but cannot be placed: why, and what may have been meant."""

    postcode: str
    reason: str  # "absent" | "no_coordinates"
    suggestions: tuple[str, ...] = ()

    def message(self, data_version: str) -> tuple[str, str]:
        """(message, hint) for a contributor."""
        where = _NO_GRID.get(self.postcode[:2])
        if self.reason == "no_coordinates" and where:
            return (f"{self.postcode} is a postcode in {where}, which the UK postcode data gives no location for",
                    "the hub places services in England, Wales, Scotland and Northern Ireland; "
                    "for a service reached from there, give the postcode of its UK office")
        if self.reason == "no_coordinates":
            return (f"{self.postcode} is in the ONS postcode data but has no location (often a PO box or a large-user postcode)",
                    "give the postcode of the building where families meet the service")
        hint = "check the postcode against the address (Royal Mail's postcode finder gives the right one)"
        if self.suggestions:
            hint = f"did you mean {_either(self.suggestions)}? Otherwise {hint}"
        return (f"{self.postcode} is not in the ONS postcode data (version {data_version}); it may be mistyped, "
                "or too new to be listed", hint)


Result = Union[Found, Missing]


def _either(items: Iterable[str]) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def _close(a: str, b: str) -> bool:
    """One character changed, or two neighbours swapped: the usual typing slips."""
    if len(a) != len(b):
        return False
    diffs = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    if len(diffs) == 1:
        return True
    return len(diffs) == 2 and diffs[1] == diffs[0] + 1 and a[diffs[0]] == b[diffs[1]] and a[diffs[1]] == b[diffs[0]]


def _slip_rank(typed: str, other: str) -> tuple[int, int]:
    """Same sector first, then the nearest letter in the alphabet (E for D is likelier than E for Z)."""
    gap = max(abs(ord(a) - ord(b)) for a, b in zip(typed, other, strict=False))
    return (0 if other[0] == typed[0] else 1, gap)


def suggestions_for(table: onsdata.LetterTable, postcode: str, limit: int = 3) -> tuple[str, ...]:
    """Placeable postcodes in the same district that differ by one slip, nearest sector first."""
    outward, inward = postcode.split(" ")
    rows = table.prefix_range(outward.ljust(4))
    near: list[tuple[tuple[int, int], str]] = []
    for i in rows:
        other = table.pcd[i][4:]
        if _close(inward, other) and _placeable(table, i):
            near.append((_slip_rank(inward, other), onsdata.from_key(table.pcd[i])))
    near.sort()
    return tuple(pc for _, pc in near[:limit])


def _placeable(table: onsdata.LetterTable, i: int) -> bool:
    e, n, la = table.east[i], table.north[i], table.laua[i]
    return isinstance(la, str) and isinstance(e, (int, float)) and not math.isnan(e) and not math.isnan(n)


def lookup_in_table(table: Optional[onsdata.LetterTable], postcodes: Iterable[str]) -> dict[str, Result]:
    """Look up postcodes sharing one first letter in its decoded table, converting grid references in bulk."""
    results: dict[str, Result] = {}
    hits: dict[str, list[tuple[str, int]]] = {}
    if table is None:
        return {pc: Missing(pc, "absent", ()) for pc in postcodes}
    for pc in postcodes:
        i = table.find(onsdata.to_key(pc))
        if i < 0:
            results[pc] = Missing(pc, "absent", suggestions_for(table, pc))
        elif not _placeable(table, i):
            results[pc] = Missing(pc, "no_coordinates")
        else:
            hits.setdefault(grid_for(pc), []).append((pc, i))
    codes: dict[str, str] = {}
    for grid, rows in hits.items():
        lats, lons = to_wgs84([table.east[i] for _, i in rows], [table.north[i] for _, i in rows], grid)
        for (pc, i), lat, lon in zip(rows, lats, lons, strict=True):
            results[pc] = Found(pc, round(lat, 6), round(lon, 6), _own_copy(table.laua[i], codes))
    return results


def _own_copy(code: str, codes: dict[str, str]) -> str:
    """A new string equal to `code`, one per distinct code: a result that kept the table's own string would
    keep the whole block of memory around it after the table is dropped (some 85 MB after a cold geo-tagging
    of a few thousand listings, issue 11)."""
    found = codes.get(code)
    if found is None:
        found = codes[code] = code.encode("utf-8").decode("utf-8")
    return found


def lookup_code_version() -> str:
    """The hash of the code whose answers the postcode cache keeps: this module, the data reader, the grids."""
    return code_version(*CODE_MODULES)


class PostcodeLookup:
    """Looks postcodes up, answering from the disk cache first."""

    def __init__(self, cache_dir: Optional[Path]) -> None:
        self.version = onsdata.data_version()
        self.code = lookup_code_version()
        name = f"postcodes-{CACHE_FORMAT}-{safe_name(self.version)}-{self.code}.json"
        self.cache_file = (cache_dir / name) if cache_dir else None
        self._cache: Optional[dict] = None
        self.letters_read: list[str] = []

    def _load_cache(self) -> dict:
        if self._cache is None:
            data = read_json(self.cache_file) if self.cache_file else None
            self._cache = data if isinstance(data, dict) else {}
        return self._cache

    def lookup(self, postcodes: Iterable[str]) -> dict[str, Result]:
        """Results for canonical postcodes (`BS1 4DJ`); reads data only for letters not answered by the cache."""
        cache = self._load_cache()
        wanted = set(postcodes)
        results: dict[str, Result] = {}
        todo: dict[str, list[str]] = {}
        for pc in wanted:
            cached = cache.get(pc)
            decoded = _decode(pc, cached) if cached is not None else None
            if decoded is None:
                todo.setdefault(pc[0], []).append(pc)
            else:
                results[pc] = decoded
        for letter in sorted(todo):
            table = onsdata.read_letter(letter)
            self.letters_read.append(letter)
            found = lookup_in_table(table, todo[letter])
            del table  # one letter's columns in memory at a time
            for pc, result in found.items():
                results[pc] = result
                cache[pc] = _encode(result)
        if todo and self.cache_file:
            write_json(self.cache_file, cache)
            prune_other_versions(self.cache_file.parent, "postcodes-", self.cache_file.name)
        return results


def _encode(result: Result) -> list:
    if isinstance(result, Found):
        return [result.lat, result.lon, result.la_code]
    return [result.reason, list(result.suggestions)]


def _decode(pc: str, item) -> Optional[Result]:
    if isinstance(item, list) and len(item) == 3:
        return Found(pc, float(item[0]), float(item[1]), str(item[2]))
    if isinstance(item, list) and len(item) == 2 and item[0] in ("absent", "no_coordinates"):
        return Missing(pc, item[0], tuple(item[1]))
    return None
