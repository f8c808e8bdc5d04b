"""Benchmark: geo-tag 10,000 synthetic listings (real postcodes sampled from the ONS data), cold and warm.

Targets (issue 3): at most 5 s cold, 0.5 s warm, 500 MB peak memory; a typical outward code's
postcode shard under 20 KB gzipped. Cold and warm each run in a fresh process; the targets apply to
geotag() itself (data reading, pyproj set-up, conversion, cache read and write), while
seconds_total also counts importing hub_build and building the in-memory listings.

    python bench/bench_geo.py [--listings 10000] [--seed 1]
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

TARGETS = {"cold_s": 5.0, "warm_s": 0.5, "peak_mb": 500.0, "typical_shard_gz_kb": 20.0}


def sample_postcodes(count: int, seed: int) -> list[str]:
    """Real placeable postcodes, spread over every letter in proportion to the data."""
    from hub_build.enrich.geo import onsdata
    from hub_build.enrich.geo.lookup import _placeable

    rng = random.Random(seed)
    pool: list[str] = []
    for letter in onsdata.letters():
        table = onsdata.read_letter(letter)
        rows = [i for i in range(0, len(table.pcd), 97) if _placeable(table, i)]
        pool.extend(onsdata.from_key(table.pcd[i]) for i in rows)
    pool = [pc for pc in pool if _valid(pc)]  # the data keeps some old forms (NPT 7AJ) no listing could use
    return rng.sample(pool, min(count, len(pool)))


def _valid(postcode: str) -> bool:
    from hub_build.model.postcodes import normalise_postcode

    try:
        return normalise_postcode(postcode) == postcode
    except Exception:
        return False


def run_geotag(listings_file: Path, cache: Path) -> dict:
    """In this process: build a Hub of synthetic listings and geo-tag it; report time and peak memory."""
    started = time.perf_counter()
    import os

    os.environ["HUB_BUILD_CACHE"] = str(cache)
    from hub_build.enrich.geo.tagging import geotag
    from hub_build.core.hub import Hub, ServiceEntry
    from hub_build.model.items import Coverage, Location
    from hub_build.core.settings import HubSettings
    from hub_build.core.yamlsource import Positions

    postcodes = json.loads(listings_file.read_text())
    entries = []
    for n, pc in enumerate(postcodes):
        service = _FakeService([Location(postcode=pc)], Coverage(national=True))
        entries.append(ServiceEntry(f"s{n}", f"directory/s{n}.yaml", service, Positions()))
    hub = Hub(root=cache, settings=HubSettings(), vocabulary=None, today=None, services=entries)
    built = time.perf_counter()
    geotag(hub)
    done = time.perf_counter()
    placed = sum(1 for e in hub.services for p in e.places if p)
    return {"seconds_total": round(done - started, 3), "seconds_geotag": round(done - built, 3),
            "placed": placed, "errors": len(hub.errors),
            "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}


class _FakeService:
    """Only what geotag reads: locations and coverage (model validation is not what is measured)."""

    def __init__(self, locations, coverage) -> None:
        self.locations, self.coverage = locations, coverage


def shard_figures(cache: Path) -> dict:
    from hub_build.publish.geodata import ensure_browser_tree

    started = time.perf_counter()
    tree = ensure_browser_tree(cache / "geo", "outward")
    prepared = time.perf_counter() - started
    sizes = sorted(len(gzip.compress(p.read_bytes())) for p in (tree / "pc").glob("*.json"))
    total = sum(p.stat().st_size for p in tree.rglob("*") if p.is_file())
    with tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        import shutil

        shutil.copytree(tree, Path(out) / "geo")
        copy_s = time.perf_counter() - started
    return {"tree_ready_s": round(prepared, 2), "copy_s": round(copy_s, 2), "shards": len(sizes),
            "tree_mb": round(total / 1e6, 1), "typical_shard_gz_kb": round(statistics.median(sizes) / 1000, 1),
            "p95_shard_gz_kb": round(sizes[int(len(sizes) * 0.95)] / 1000, 1), "max_shard_gz_kb": round(sizes[-1] / 1000, 1),
            "bs1_shard_gz_kb": round(len(gzip.compress((tree / "pc" / "BS1.json").read_bytes())) / 1000, 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listings", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--shards-cache", default=str(REPO / ".hub-cache"),
                        help="cache holding (or to hold) the all-UK browser tree")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_geotag(Path(args.child[0]), Path(args.child[1]))))
        return 0
    with tempfile.TemporaryDirectory() as work:
        listings = Path(work) / "postcodes.json"
        listings.write_text(json.dumps(sample_postcodes(args.listings, args.seed)))
        cache = Path(work) / "cache"
        runs = {}
        for label in ("cold", "warm"):
            out = subprocess.run([sys.executable, __file__, "--child", str(listings), str(cache)],
                                 check=True, stdout=subprocess.PIPE, text=True).stdout
            runs[label] = json.loads(out)
    shards = shard_figures(Path(args.shards_cache))
    report = {"listings": args.listings, "cold": runs["cold"], "warm": runs["warm"], "shards": shards}
    checks = {
        "cold_s": runs["cold"]["seconds_geotag"] <= TARGETS["cold_s"],
        "warm_s": runs["warm"]["seconds_geotag"] <= TARGETS["warm_s"],
        "peak_mb": max(runs["cold"]["peak_mb"], runs["warm"]["peak_mb"]) <= TARGETS["peak_mb"],
        "typical_shard_gz_kb": shards["typical_shard_gz_kb"] <= TARGETS["typical_shard_gz_kb"],
    }
    report["targets"] = TARGETS
    report["met"] = checks
    print(json.dumps(report, indent=2))
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
