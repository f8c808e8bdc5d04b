"""What Welsh costs: the same synthetic hub built English-only and with `languages: [en, cy]`, in the same run.

    python bench/bench_languages.py [--sizes 1000,10000] [--repeat 1] [--seed 1]

For each N this generates a hub (bench/generate.py), builds it once to fill its .hub-cache (both variants share
it, as a real hub's builds do), then builds it English-only and bilingual, alternately, `--repeat` times each
(each in its own child process, as bench/run.py does) and keeps the fastest of each. Targets: at the largest N
the bilingual build takes at most 2.1 times the English-only build; the English-only build is the hub as it is
without the setting (the setting's absence is also checked by tests/test_languages.py: same files, no /cy/).
Results go to the terminal and bench/out/languages.json; the exit code is 1 when the target is missed.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from run import OUT, generate_hub, run_build

RATIO_LIMIT = 2.1  # bilingual build time / English-only build time at the largest N


def bilingual_config(config: Path) -> Path:
    """A copy of the hub's mkdocs.yml with Welsh on, beside it (same docs, directory and cache)."""
    import yaml

    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    data["plugins"] = [p for p in data["plugins"] if p != "hub"] + [{"hub": {"languages": ["en", "cy"]}}]
    target = config.with_name("mkdocs-cy.yml")
    target.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return target


def measure(n: int, repeat: int, seed: int) -> dict[str, Any]:
    hub = OUT / f"languages-hub-{n}"
    generate_hub(hub, n, seed)
    english, both = hub / "mkdocs.yml", bilingual_config(hub / "mkdocs.yml")
    log = OUT / f"languages-{n}.log"
    warm = run_build(english, OUT / f"languages-site-{n}", log)  # fills the geo cache both variants then use
    assert warm["exit_code"] == 0, log.read_text(encoding="utf-8")[-3000:]
    times: dict[str, list[float]] = {"en": [], "en+cy": []}
    cpu: dict[str, list[float]] = {"en": [], "en+cy": []}
    for _ in range(repeat):
        for kind, config in (("en", english), ("en+cy", both)):
            result = run_build(config, OUT / f"languages-site-{n}-{kind}", log)
            if result["exit_code"] != 0:
                raise SystemExit(f"the {kind} build failed:\n" + log.read_text(encoding="utf-8")[-3000:])
            times[kind].append(result["wall_s"])
            cpu[kind].append(result["cpu_s"])
    best = {kind: min(values) for kind, values in times.items()}
    best_cpu = {kind: min(values) for kind, values in cpu.items()}
    welsh = OUT / f"languages-site-{n}-en+cy" / "cy"
    assert (welsh / "index.html").is_file(), "the bilingual build wrote no Welsh site"
    return {"n": n, "seconds": best, "all_seconds": times, "ratio": best["en+cy"] / best["en"],
            "cpu_seconds": best_cpu, "cpu_ratio": best_cpu["en+cy"] / best_cpu["en"]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated numbers of listings")
    parser.add_argument("--repeat", type=int, default=1, help="builds of each variant; the fastest counts")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    sizes = [int(size) for size in args.sizes.split(",")]
    results = [measure(n, args.repeat, args.seed) for n in sizes]
    for r in results:
        print(f"N={r['n']:>6}  English only {r['seconds']['en']:7.1f} s   English and Welsh {r['seconds']['en+cy']:7.1f} s"
              f"   ratio {r['ratio']:.2f} (CPU time {r['cpu_seconds']['en']:.1f} s and {r['cpu_seconds']['en+cy']:.1f} s,"
              f" ratio {r['cpu_ratio']:.2f})")
    largest = results[-1]
    passed = largest["ratio"] <= RATIO_LIMIT
    print(f"{'PASS' if passed else 'FAIL'}: at N={largest['n']} the bilingual build takes {largest['ratio']:.2f}x the "
          f"English-only build (limit {RATIO_LIMIT}x)")
    (OUT / "languages.json").write_text(json.dumps({"limit": RATIO_LIMIT, "results": results}, indent=2), encoding="utf-8")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
