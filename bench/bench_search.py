"""Search benchmark: the hub's directory search page against a plain Material site's search, same listings.

Builds (or reuses, with --reuse) a synthetic hub of N listings and the plain Material "expert" baseline of
the same listings (bench/generate.py), serves each site from 127.0.0.1 and drives headless Debian Chromium:

- bytes: the search data a browser must fetch before the first result, gzipped (level 6, as a web server
  would send it): hub = results.json + index.json + lunr.js + search.js; Material = search_index.json +
  its search worker. Also the size of Material's own search_index.json in the hub site (listings excluded).
- first results: ms from navigation start until results for a query are on screen. Hub: find/?what=QUERY
  (search.js records performance.now() when it first draws results); Material: type QUERY into the header
  search as soon as the page has loaded, until the first result item appears.
- keystroke latency: typing a phrase one key at a time; ms from each keydown until the results list has
  changed (MutationObserver), median and 90th percentile.

Targets (issue 4), at N = 10,000: at most 1.5 MB gzipped before the first result, first results within
1 s of page load, median keystroke-to-results at most 50 ms. Prints a table and PASS/FAIL lines, writes
bench/out/search-results.json, exits 1 when a target is missed.

    python bench/bench_search.py                 # N = 10,000 (builds take a few minutes)
    python bench/bench_search.py --n 1000 --reuse
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))

import run as build_bench  # noqa: E402  (bench/run.py: child-process generator and builds)

OUT = HERE / "out"
QUERY = "family support"
PHRASE = "visits for teenagers"
LIMIT_BYTES = 1.5 * 1000 * 1000
LIMIT_FIRST_MS = 1000
LIMIT_KEY_MS = 50

WATCH = """(selector) => {
  window.__lat = [];
  let t0 = 0;
  document.addEventListener('keydown', () => { t0 = performance.now(); }, true);
  const target = document.querySelector(selector);
  new MutationObserver(() => {
    if (!t0) return;
    window.__lat.push(performance.now() - t0);
    t0 = 0;
  }).observe(target, {childList: true, subtree: true, characterData: true});
}"""


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6))


def prepare(n: int, seed: int, reuse: bool) -> tuple[Path, Path, dict[str, Any]]:
    hub, plain = OUT / f"search-hub-{n}", OUT / f"search-plain-{n}"
    hub_site, plain_site = OUT / f"search-site-hub-{n}", OUT / f"search-site-plain-{n}"
    builds: dict[str, Any] = {}
    if not (reuse and (hub_site / "find" / "index.html").is_file() and (plain_site / "search").is_dir()):
        OUT.mkdir(exist_ok=True)
        build_bench.generate_hub(hub, n, seed)
        build_bench.write_plain_baseline(hub, plain, "expert")
        for name, project, site in (("hub", hub, hub_site), ("plain", plain, plain_site)):
            result = build_bench.run_build(project / "mkdocs.yml", site, OUT / f"search-build-{name}-{n}.log")
            if result["exit_code"] != 0:
                raise SystemExit(f"{name} build failed:\n{result['log_tail']}")
            builds[name] = {"wall_s": result["wall_s"]}
    return hub_site, plain_site, builds


def sizes(hub_site: Path, plain_site: Path) -> dict[str, Any]:
    worker = next((plain_site / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    hub_files = {name: gz(hub_site / name) for name in
                 ("search-data/results.json", "search-data/index.json", "assets/hub/lunr.js", "assets/hub/search.js")}
    return {
        "hub_files_gz": hub_files,
        "hub_before_first_result_gz": sum(hub_files.values()),
        "hub_before_first_result_no_query_gz": sum(v for k, v in hub_files.items() if not k.endswith("index.json")),
        "hub_raw": {name: (hub_site / name).stat().st_size for name in hub_files},
        "plain_before_first_result_gz": gz(plain_site / "search" / "search_index.json") + gz(worker),
        "plain_search_index_raw": (plain_site / "search" / "search_index.json").stat().st_size,
        "plain_search_index_gz": gz(plain_site / "search" / "search_index.json"),
        "hub_material_search_index_raw": (hub_site / "search" / "search_index.json").stat().st_size,
        "hub_material_search_index_gz": gz(hub_site / "search" / "search_index.json"),
    }


def measure_hub(page: Any, base: str) -> dict[str, Any]:
    page.goto(f"{base}find/?what={QUERY.replace(' ', '+')}")
    page.wait_for_selector("#hub-find[data-first-results]", state="attached", timeout=60000)
    first = float(page.get_attribute("#hub-find", "data-first-results"))
    count = page.inner_text("#hub-status")
    page.wait_for_selector("#hub-find[data-index=ready]", state="attached")
    page.evaluate(WATCH, "#hub-results")
    page.fill("#hub-q", "")
    page.focus("#hub-q")
    for key in PHRASE:
        page.keyboard.press(key if key != " " else "Space")
        page.wait_for_timeout(30)
    return {"first_results_ms": first, "first_status": count, "keys_ms": page.evaluate("() => window.__lat")}


def measure_plain(page: Any, base: str) -> dict[str, Any]:
    page.goto(base)
    page.wait_for_selector("input.md-search__input", state="attached")
    page.focus("input.md-search__input")
    page.keyboard.type(QUERY)
    page.wait_for_selector(".md-search-result__item", state="attached", timeout=60000)
    first = page.evaluate("() => performance.now()")
    page.evaluate(WATCH, ".md-search-result")
    page.fill("input.md-search__input", "")
    page.wait_for_timeout(200)
    for key in PHRASE:
        page.keyboard.press(key if key != " " else "Space")
        page.wait_for_timeout(30)
    page.wait_for_timeout(300)
    return {"first_results_ms": first, "keys_ms": page.evaluate("() => window.__lat")}


def browser_runs(hub_site: Path, plain_site: Path, repeat: int) -> dict[str, list[dict[str, Any]]]:
    from browser import chromium_page, foreign_requests, static_server

    runs: dict[str, list[dict[str, Any]]] = {"hub": [], "plain": []}
    for _ in range(repeat):
        for name, site, measure in (("hub", hub_site, measure_hub), ("plain", plain_site, measure_plain)):
            with static_server(site) as base, chromium_page() as (page, requests):
                page.set_viewport_size({"width": 1280, "height": 800})
                result = measure(page, base)
                result["foreign_requests"] = foreign_requests(requests, base)
                runs[name].append(result)
    return runs


def summarise(runs: list[dict[str, Any]]) -> dict[str, Any]:
    keys = [ms for run in runs for ms in run["keys_ms"]]
    ordered = sorted(keys)
    return {
        "first_results_ms_median": round(statistics.median(r["first_results_ms"] for r in runs), 1),
        "key_ms_median": round(statistics.median(keys), 1) if keys else None,
        "key_ms_p90": round(ordered[int(0.9 * (len(ordered) - 1))], 1) if keys else None,
        "keystrokes_measured": len(keys),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3, help="browser runs per site (medians are reported)")
    parser.add_argument("--reuse", action="store_true", help="reuse the sites built by an earlier run")
    args = parser.parse_args(argv)
    hub_site, plain_site, builds = prepare(args.n, args.seed, args.reuse)
    size = sizes(hub_site, plain_site)
    runs = browser_runs(hub_site, plain_site, args.repeat)
    hub, plain = summarise(runs["hub"]), summarise(runs["plain"])
    targets = [
        {"target": "search data before the first result (gzip)", "value": size["hub_before_first_result_gz"],
         "limit": LIMIT_BYTES, "pass": size["hub_before_first_result_gz"] <= LIMIT_BYTES},
        {"target": "first results after page load (ms)", "value": hub["first_results_ms_median"],
         "limit": LIMIT_FIRST_MS, "pass": hub["first_results_ms_median"] <= LIMIT_FIRST_MS},
        {"target": "keystroke to results, median (ms)", "value": hub["key_ms_median"],
         "limit": LIMIT_KEY_MS, "pass": hub["key_ms_median"] is not None and hub["key_ms_median"] <= LIMIT_KEY_MS},
        {"target": "no request to another origin", "value": sum(len(r["foreign_requests"]) for r in runs["hub"]),
         "limit": 0, "pass": all(not r["foreign_requests"] for r in runs["hub"])},
    ]
    report = {"n": args.n, "seed": args.seed, "date": time.strftime("%Y-%m-%d %H:%M:%S"), "builds": builds,
              "sizes": size, "hub": hub, "plain": plain, "runs": runs, "targets": targets,
              "ratios": {"bytes_hub_over_plain": round(size["hub_before_first_result_gz"] / size["plain_before_first_result_gz"], 3),
                         "first_results_hub_over_plain": round(hub["first_results_ms_median"] / plain["first_results_ms_median"], 3),
                         "key_median_hub_over_plain": round(hub["key_ms_median"] / plain["key_ms_median"], 3)
                         if hub["key_ms_median"] and plain["key_ms_median"] else None}}
    (OUT / "search-results.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    kb = lambda v: f"{v / 1000:,.0f} kB"  # noqa: E731
    print(f"N = {args.n:,} listings, {args.repeat} browser run(s) per site")
    print(f"{'':34} {'hub find/':>14} {'plain Material':>16} {'ratio':>7}")
    print(f"{'search data before 1st result':34} {kb(size['hub_before_first_result_gz']):>14} "
          f"{kb(size['plain_before_first_result_gz']):>16} {report['ratios']['bytes_hub_over_plain']:>7}")
    print(f"{'first results (ms)':34} {hub['first_results_ms_median']:>14} {plain['first_results_ms_median']:>16} "
          f"{report['ratios']['first_results_hub_over_plain']:>7}")
    print(f"{'keystroke to results, median (ms)':34} {hub['key_ms_median']!s:>14} {plain['key_ms_median']!s:>16} "
          f"{report['ratios']['key_median_hub_over_plain']!s:>7}")
    print(f"{'keystroke to results, p90 (ms)':34} {hub['key_ms_p90']!s:>14} {plain['key_ms_p90']!s:>16}")
    print(f"Material search_index.json: plain site {kb(size['plain_search_index_raw'])} "
          f"({kb(size['plain_search_index_gz'])} gzip); hub site {kb(size['hub_material_search_index_raw'])} "
          f"({kb(size['hub_material_search_index_gz'])} gzip), listings left out")
    print("hub files (gzip): " + ", ".join(f"{k} {kb(v)}" for k, v in size["hub_files_gz"].items()))
    for t in targets:
        print(f"{'PASS' if t['pass'] else 'FAIL'}  {t['target']}: {t['value']} (limit {t['limit']})")
    return 0 if all(t["pass"] for t in targets) else 1


if __name__ == "__main__":
    sys.exit(main())
