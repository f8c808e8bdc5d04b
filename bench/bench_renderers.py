"""Build time of one hub with each renderer: MkDocs, ProperDocs, Zensical (`hub-build build --renderer`).

    python bench/bench_renderers.py                    # the bundled sample hub, best of 3 each
    python bench/bench_renderers.py --sizes 1000       # a generated hub of 1,000 listings (bench/generate.py)
    python bench/bench_renderers.py --repeat 5 --renderers mkdocs,zensical

Builds run one after another, renderers interleaved within each round so that a change in the machine's load
falls on all of them alike; the best wall time of each is reported (the least disturbed run), with the median.
Peak memory is the largest resident set of the build's process tree (hub-build and its renderer child).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RENDERERS = ("mkdocs", "properdocs", "zensical")


def build(hub: Path, renderer: str, site: Path) -> tuple[float, int]:
    """(wall seconds, peak KB) of one `hub-build build --renderer` of `hub` into `site`."""
    shutil.rmtree(site, ignore_errors=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    started = time.perf_counter()
    done = subprocess.run(["/usr/bin/time", "-f", "%M", sys.executable, "-m", "hub_build.commands.cli", "build",
                           "--renderer", renderer, "-d", str(site)], cwd=hub, env=env, capture_output=True, text=True,
                          check=False)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{renderer} failed on {hub}:\n{done.stderr[-3000:]}")
    peak = int(done.stderr.strip().splitlines()[-1])
    return elapsed, peak


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="", help="comma-separated listing counts (default: the sample hub)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--renderers", default=",".join(RENDERERS))
    args = parser.parse_args(argv)
    renderers = [name for name in args.renderers.split(",") if name]
    work = Path(tempfile.mkdtemp(prefix="bench-renderers-"))
    try:
        hubs = {"sample": REPO} if not args.sizes else {}
        for size in filter(None, args.sizes.split(",")):
            sys.path.insert(0, str(REPO / "bench"))
            from generate import generate_hub

            generate_hub(work / f"hub-{size}", int(size), 1)
            hubs[f"N={size}"] = work / f"hub-{size}"
        print(f"{'hub':<10} {'renderer':<11} {'best s':>7} {'median s':>9} {'peak MB':>8}")
        for label, hub in hubs.items():
            times: dict[str, list[float]] = {name: [] for name in renderers}
            peaks: dict[str, int] = dict.fromkeys(renderers, 0)
            build(hub, renderers[0], work / "warm")  # geo cache and imports warm for everyone
            for _ in range(args.repeat):
                for name in renderers:
                    elapsed, peak = build(hub, name, work / f"site-{name}")
                    times[name].append(elapsed)
                    peaks[name] = max(peaks[name], peak)
            for name in renderers:
                print(f"{label:<10} {name:<11} {min(times[name]):>7.1f} {statistics.median(times[name]):>9.1f} "
                      f"{peaks[name] / 1024:>8.0f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
