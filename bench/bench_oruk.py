"""Build-time cost of the Open Referral UK export (issue 12): at most 5% of the build.

    python bench/bench_oruk.py [--n 10000] [--seed 1] [--keep]

Generates a hub of N listings (bench/generate.py), builds it once with MkDocs in this process with the
`hub` plugin's open-data step timed (hub_build.publish.extras.publish_open_data, called from on_post_build),
and reports the export's wall time, the whole build's wall time and their ratio. A warm-up build of
the same hub first fills the geo cache, so the figure is for a rebuild (the smaller denominator, so
the stricter ratio). Both wall-clock and CPU time are reported: on a shared machine other work inflates
wall times unevenly, so the target is checked on CPU time (the build runs in this one process).
Results go to bench/out/oruk.json; exit 1 when the ratio is over the target.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
TARGET = 0.05


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the generated hub and site in bench/out/")
    parser.add_argument("--no-warm-up", action="store_true",
                        help="skip the warm-up build (when $HUB_BUILD_CACHE already holds this data version's geo cache)")
    args = parser.parse_args(argv)
    hub = OUT / f"hub-oruk-{args.n}"
    site = OUT / f"site-oruk-{args.n}"
    code = (f"import sys; sys.path.insert(0, {str(HERE)!r}); from pathlib import Path; import generate; "
            f"generate.generate_hub(Path({str(hub)!r}), {args.n}, {args.seed})")
    subprocess.run([sys.executable, "-c", code], check=True)

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    import hub_build.adapters.mkdocs.plugin as plugin

    timings: list[float] = []
    original = plugin.publish_open_data

    cpu: list[float] = []

    def timed(hub_obj, site_dir):
        start, start_cpu = time.perf_counter(), time.process_time()
        written = original(hub_obj, site_dir)
        timings.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
        timed.files = len(written)
        return written

    plugin.publish_open_data = timed
    results = []
    for run in ("measured",) if args.no_warm_up else ("warm-up", "measured"):
        shutil.rmtree(site, ignore_errors=True)
        config = load_config(str(hub / "mkdocs.yml"), site_dir=str(site))
        start, start_cpu = time.perf_counter(), time.process_time()
        build(config)
        total, total_cpu = time.perf_counter() - start, time.process_time() - start_cpu
        results.append({"run": run, "build_s": round(total, 2), "export_s": round(timings[-1], 2),
                        "build_cpu_s": round(total_cpu, 2), "export_cpu_s": round(cpu[-1], 2),
                        "ratio": round(timings[-1] / total, 4), "cpu_ratio": round(cpu[-1] / total_cpu, 4),
                        "files": timed.files})
        print(f"{run}: build {total:.1f} s wall / {total_cpu:.1f} s CPU; ORUK export {timings[-1]:.2f} s wall "
              f"({timings[-1] / total:.1%}) / {cpu[-1]:.2f} s CPU ({cpu[-1] / total_cpu:.1%}); {timed.files} files",
              flush=True)
    feed = site / "open-data" / "oruk"
    size = sum(p.stat().st_size for p in feed.rglob("*") if p.is_file())
    measured = results[-1]
    report = {"n": args.n, "seed": args.seed, "runs": results, "feed_bytes": size, "target_ratio": TARGET,
              "pass": measured["cpu_ratio"] <= TARGET}
    OUT.mkdir(exist_ok=True)
    (OUT / "oruk.json").write_text(json.dumps(report, indent=2))
    print(f"feed: {size / 1e6:.1f} MB; export / build = {measured['cpu_ratio']:.1%} CPU, {measured['ratio']:.1%} wall "
          f"(target <= {TARGET:.0%} CPU): "
          f"{'PASS' if report['pass'] else 'FAIL'}")
    if not args.keep:
        shutil.rmtree(site, ignore_errors=True)
        shutil.rmtree(hub, ignore_errors=True)
    return 0 if report["pass"] else 1


if __name__ == "__main__":
    sys.exit(main())
