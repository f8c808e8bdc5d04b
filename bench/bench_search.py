"""Search benchmark: the directory search page (/find/) and the search box on every page, against plain
Material search and the previous /find/ (the code at --previous, by default the commit before issue 10),
all measured in the same run on the same listings.

Builds (or reuses, with --reuse) a synthetic hub of N listings and the plain Material "expert" baseline of
the same listings (bench/generate.py), serves each site from 127.0.0.1 and drives headless Debian Chromium:

- /find/ bytes: the search data and scripts a browser fetched before the first result for a text query
  (every file under search-data/ and lunr.js, search-engine.js, search.js whose download started before the
  results were drawn, from the page's resource timing), gzipped (level 6, as a web server would send it).
  For the previous /find/ that is results.json + index.json + lunr.js + search.js, as before.
- /find/ first results: ms from navigation start until results for find/?what=QUERY are on screen
  (search.js records performance.now() when it first draws results).
- site-wide box bytes per search: everything the box downloads for one search on a fresh page (Pagefind's
  script, WebAssembly, index chunks and result fragments, and geo data when the words could be a place),
  gzipped; and for a further search on the same page. Material: its search_index.json + worker.
- first results in the box: ms from typing QUERY into the box to its results on screen.
- keystroke latency: typing a phrase one key at a time; ms from each keydown until the results list has
  changed (MutationObserver), median and 90th percentile.

Targets (issue 10), at N = 10,000: /find/ at most 400 kB gzipped before the first result and first results
within 1 s; the site-wide box at most 300 kB per search; median keystroke to results at most 50 ms (both).
At N = 100,000 (--search-only: only the search data is built, into copies of the pages of an N = 10,000
site built earlier, and no plain Material site): both still work, at most 2 MB per search.
Prints a table and PASS/FAIL lines, writes bench/out/search-results-N.json, exits 1 when a target is missed.

    python bench/bench_search.py                          # N = 10,000 (builds take several minutes)
    python bench/bench_search.py --n 1000 --reuse
    python bench/bench_search.py --n 100000 --search-only  # after an N = 10,000 run (its pages are reused)
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import time
from urllib.parse import urlsplit
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))

import run as build_bench  # noqa: E402  (bench/run.py: child-process generator and builds)

OUT = HERE / "out"
QUERY = "family support"
PHRASE = "visits for teenagers"
PREVIOUS = "78c7b644c57062ee9e553e134843abbfa77e37f8"  # main before issue 10: lunr.py index, lunr.js queries
LIMIT_FIND_BYTES = 400 * 1000
LIMIT_BOX_BYTES = 300 * 1000
LIMIT_BYTES_LARGE = 2 * 1000 * 1000  # per search, at 100,000 listings
LARGE = 50_000
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


REPO = HERE.parent
PREVIOUS_FILES = ("search-data/results.json", "search-data/index.json", "assets/hub/lunr.js", "assets/hub/search.js")
SHELL = ("index.html", "find/index.html", "assets", "geo/las.json", "geo/outward.json", "geo/places.json",
         "geo/version.json", "pagefind")  # pagefind: the box's index of pages (listings are in search-data/)
DATA_ONLY = """
import sys, shutil
from pathlib import Path
try:
    from hub_build.pipeline import load_hub
    from hub_build.core.settings import HubSettings, hub_options, read_mkdocs_config
    from hub_build.publish.search.files import write_search_data
except ImportError:  # the previous /find/ (--previous) predates the package's stage folders
    from hub_build.loader import load_hub
    from hub_build.settings import HubSettings, hub_options, read_mkdocs_config
    from hub_build.search.files import write_search_data
root, site, what = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
hub = load_hub(root, HubSettings.model_validate(hub_options(read_mkdocs_config(root / "mkdocs.yml"))),
               docs_dir=root / "content")
write_search_data(hub, site)
(site / "assets" / "hub").mkdir(parents=True, exist_ok=True)
shutil.copyfile(Path(sys.modules["hub_build"].__file__).parent / "assets" / "search.js", site / "assets/hub/search.js")
"""


def _copy_missing(source: str, target: str) -> None:
    if not Path(target).exists():
        shutil.copy2(source, target)


def _copy_shell(shell: Path, site: Path) -> None:
    """The pages and assets of a built site around search data written before: the frame it is measured in
    (files the data step wrote, such as the previous search.js, are kept)."""
    for part in SHELL:
        source, target = shell / part, site / part
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target, dirs_exist_ok=True, copy_function=_copy_missing)
        else:
            _copy_missing(str(source), str(target))


def write_data(code: Path, project: Path, site: Path, what: str, log: Path) -> float:
    """Only the search data of `project` into `site`, with the hub_build package found under `code`."""
    env = dict(os.environ, PYTHONPATH=str(code), NO_MKDOCS_2_WARNING="1")
    start = time.perf_counter()
    with open(log, "wb") as output:
        result = subprocess.run([sys.executable, "-c", DATA_ONLY, str(project), str(site), what],
                                check=False, stdout=output, stderr=subprocess.STDOUT, env=env, cwd=project)
    if result.returncode:
        raise SystemExit(f"writing the search data failed, see {log}")
    return round(time.perf_counter() - start, 1)


def previous_code(ref: str) -> Path:
    """The hub_build package as it was at `ref` (git archive: no worktree, nothing checked out)."""
    target = OUT / f"previous-{ref[:12]}"
    if not (target / "hub_build").is_dir():
        target.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "-C", str(REPO), "archive", ref, "hub_build"], check=True, capture_output=True).stdout
        tar = target / "code.tar"
        tar.write_bytes(archive)
        with tarfile.open(tar) as handle:
            handle.extractall(target, filter="data")
    return target


def prepare(n: int, seed: int, reuse: bool, search_only: bool, previous: str | None) -> tuple[dict[str, Path], dict[str, Any]]:
    """Sites by name: hub (the whole hub, or its search data in a shell), previous (/find/ as at `previous`),
    plain (Material, same listings; not with --search-only). With `reuse`, each step whose output exists is skipped."""
    project, plain = OUT / f"search-hub-{n}", OUT / f"search-plain-{n}"
    sites = {"hub": OUT / f"search-site-hub-{n}", "previous": OUT / f"search-site-previous-{n}"}
    if not search_only:
        sites["plain"] = OUT / f"search-site-plain-{n}"
    builds: dict[str, Any] = {}
    OUT.mkdir(exist_ok=True)
    if not (reuse and (project / "directory").is_dir()):
        build_bench.generate_hub(project, n, seed)
    if search_only:
        if not (reuse and (sites["hub"] / "search-data" / "table.json").is_file()):
            builds["hub"] = {"search_data_wall_s": write_data(REPO, project, sites["hub"], "all",
                                                              OUT / f"search-data-hub-{n}.log")}
        shell = OUT / "search-site-hub-10000"
        if not (shell / "find" / "index.html").is_file():
            raise SystemExit("--search-only reuses the pages of an N = 10,000 run: run bench/bench_search.py first")
        _copy_shell(shell, sites["hub"])
    else:
        if not (reuse and (sites["hub"] / "pagefind" / "pagefind.js").is_file()):
            result = build_bench.run_build(project / "mkdocs.yml", sites["hub"], OUT / f"search-build-hub-{n}.log")
            if result["exit_code"] != 0:
                raise SystemExit(f"hub build failed:\n{result['log_tail']}")
            builds["hub"] = {"wall_s": result["wall_s"]}
        if not (reuse and (sites["plain"] / "search").is_dir()):
            build_bench.write_plain_baseline(project, plain, "expert")
            result = build_bench.run_build(plain / "mkdocs.yml", sites["plain"], OUT / f"search-build-plain-{n}.log")
            if result["exit_code"] != 0:
                raise SystemExit(f"plain build failed:\n{result['log_tail']}")
            builds["plain"] = {"wall_s": result["wall_s"]}
    if previous is None:
        del sites["previous"]
        return sites, builds
    if not (reuse and (sites["previous"] / "search-data" / "index.json").is_file()):
        if sites["previous"].exists():
            shutil.rmtree(sites["previous"])
        builds["previous"] = {"search_data_wall_s": write_data(previous_code(previous), project, sites["previous"],
                                                               "find", OUT / f"search-data-previous-{n}.log")}
    _copy_shell(sites["hub"], sites["previous"])
    return sites, builds


def sizes(sites: dict[str, Path]) -> dict[str, Any]:
    data = sites["hub"] / "search-data"
    hub_files = {name: gz(data / name) for name in ("table.json", "slugs.json", "text/index.json", "text/terms.json")}
    for kind, pattern in (("text shards", "text/[0-9]*.json"), ("details chunks", "details/*.json")):
        each = [gz(path) for path in data.glob(pattern)]
        hub_files[f"{kind}: {len(each)}, largest"] = max(each)
        hub_files[f"{kind}: median"] = int(statistics.median(each))
    previous_files = {name: gz(sites["previous"] / name) for name in PREVIOUS_FILES} if "previous" in sites else {}
    out = {
        "find_files_gz": hub_files,
        "previous_files_gz": previous_files, "previous_before_first_result_gz": sum(previous_files.values()) or None,
    }
    if "plain" in sites:
        worker = next((sites["plain"] / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
        out.update({
            "plain_before_first_result_gz": gz(sites["plain"] / "search" / "search_index.json") + gz(worker),
            "plain_search_index_raw": (sites["plain"] / "search" / "search_index.json").stat().st_size,
            "plain_search_index_gz": gz(sites["plain"] / "search" / "search_index.json"),
        })
    return out


FETCHED_BEFORE = """(t) => performance.getEntriesByType('resource').filter(e => e.startTime <= t).map(e => e.name)"""


def _search_files(urls: list[str]) -> list[str]:
    return [u for u in urls if "/search-data/" in u or u.rsplit("/", 1)[-1] in ("lunr.js", "search-engine.js", "search.js")]


def measure_find(page: Any, base: str, site: Path) -> dict[str, Any]:
    page.goto(f"{base}find/?what={QUERY.replace(' ', '+')}")
    page.wait_for_selector("#hub-find[data-first-results]", state="attached", timeout=600000)
    first = float(page.get_attribute("#hub-find", "data-first-results"))
    count = page.inner_text("#hub-status")
    before = _search_files(page.evaluate(FETCHED_BEFORE, first))
    page.wait_for_selector("#hub-find[data-index=ready]", state="attached")
    page.evaluate(WATCH, "#hub-results")
    page.fill("#hub-q", "")
    page.focus("#hub-q")
    for key in PHRASE:
        page.keyboard.press(key if key != " " else "Space")
        page.wait_for_timeout(30)
    page.wait_for_timeout(300)
    later = [u for u in _search_files(page.evaluate(FETCHED_BEFORE, 1e12)) if u not in set(before)]
    return {"first_results_ms": first, "first_status": count, "keys_ms": page.evaluate("() => window.__lat"),
            "first_result_gz": _fetched_gz(site, base, before), "first_result_files": len(before),
            "typing_gz": _fetched_gz(site, base, later)}


def _fetched_gz(site: Path, base: str, urls: list[str]) -> int:
    """Gzipped bytes of the site's files behind these URLs (each file once, as the browser caches it)."""
    total, seen = 0, set()
    for url in urls:
        if not url.startswith(base):
            continue
        path = urlsplit(url).path.lstrip("/")
        file = site / path
        if file.is_dir():
            file = file / "index.html"
        if path in seen or not file.is_file():
            continue
        seen.add(path)
        total += gz(file)
    return total


BOX_DONE = "(q) => (document.getElementById('hub-sitesearch-status').textContent || '').includes('for \u201c' + q + '\u201d')"


def measure_box(page: Any, base: str, site: Path, requests: list[str]) -> dict[str, Any]:
    """The search box on every page: a fresh home page, one search typed, then a second search, then keys."""
    page.goto(base)
    page.wait_for_selector("#hub-sitesearch-q", state="attached")
    page.wait_for_load_state("networkidle")
    page.focus("#hub-sitesearch-q")
    page.wait_for_timeout(300)
    mark = len(requests)
    start = page.evaluate("() => performance.now()")
    page.keyboard.type(QUERY)
    page.wait_for_function(BOX_DONE, arg=QUERY, timeout=600000)
    first = page.evaluate("() => performance.now()") - start
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(400)  # the place check runs after a pause in typing
    first_bytes = _fetched_gz(site, base, requests[mark:])
    total = page.inner_text("#hub-sitesearch-status")
    mark2 = len(requests)
    page.fill("#hub-sitesearch-q", SECOND)
    page.wait_for_function(BOX_DONE, arg=SECOND, timeout=600000)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(400)
    second_bytes = _fetched_gz(site, base, requests[mark2:])
    # Keystrokes: each key, then its results (the status names the text searched), so every key is measured.
    page.fill("#hub-sitesearch-q", "")
    page.wait_for_timeout(200)
    page.evaluate(WATCH, "#hub-sitesearch-status")
    typed = ""
    for key in PHRASE:
        typed += key
        page.keyboard.press(key if key != " " else "Space")
        page.wait_for_function(BOX_DONE, arg=typed.strip(), timeout=600000)
    page.wait_for_timeout(300)
    return {"first_results_ms": round(first, 1), "first_status": total, "first_search_gz": first_bytes,
            "second_search_gz": second_bytes, "keys_ms": page.evaluate("() => window.__lat")}


def measure_plain(page: Any, base: str, site: Path) -> dict[str, Any]:
    page.goto(base)
    page.wait_for_selector("input.md-search__input", state="attached")
    page.focus("input.md-search__input")
    page.keyboard.type(QUERY)
    page.wait_for_selector(".md-search-result__item", state="attached", timeout=600000)
    first = page.evaluate("() => performance.now()")
    page.evaluate(WATCH, ".md-search-result")
    page.fill("input.md-search__input", "")
    page.wait_for_timeout(200)
    for key in PHRASE:
        page.keyboard.press(key if key != " " else "Space")
        page.wait_for_timeout(30)
    page.wait_for_timeout(300)
    return {"first_results_ms": first, "keys_ms": page.evaluate("() => window.__lat")}


SECOND = "counselling"


def browser_runs(sites: dict[str, Path], repeat: int, only: set[str]) -> dict[str, list[dict[str, Any]]]:
    from browser import chromium_page, foreign_requests, static_server

    plan = [("find", "hub", measure_find), ("box", "hub", None)]
    if "previous" in sites:
        plan.append(("previous", "previous", measure_find))
    if "plain" in sites:
        plan.append(("plain", "plain", measure_plain))
    plan = [step for step in plan if not only or step[0] in only]
    runs: dict[str, list[dict[str, Any]]] = {name: [] for name, _, _ in plan}
    for _ in range(repeat):
        for name, site_name, measure in plan:
            site = sites[site_name]
            with static_server(site) as base, chromium_page() as (page, requests):
                page.set_viewport_size({"width": 1280, "height": 800})
                result = measure(page, base, site) if measure else measure_box(page, base, site, requests)
                result["foreign_requests"] = foreign_requests(requests, base)
                runs[name].append(result)
    return runs


def summarise(runs: list[dict[str, Any]]) -> dict[str, Any]:
    keys = [ms for run in runs for ms in run["keys_ms"]]
    ordered = sorted(keys)
    out = {
        "first_results_ms_median": round(statistics.median(r["first_results_ms"] for r in runs), 1),
        "key_ms_median": round(statistics.median(keys), 1) if keys else None,
        "key_ms_p90": round(ordered[int(0.9 * (len(ordered) - 1))], 1) if keys else None,
        "keystrokes_measured": len(keys),
    }
    for key in ("first_search_gz", "second_search_gz", "first_result_gz", "first_result_files", "typing_gz"):
        if key in runs[0]:
            out[key] = max(r[key] for r in runs)
    return out


def _target(name: str, value: Any, limit: float) -> dict[str, Any]:
    return {"target": name, "value": value, "limit": limit, "pass": value is not None and value <= limit}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3, help="browser runs per site (medians are reported)")
    parser.add_argument("--reuse", action="store_true", help="reuse the sites built by an earlier run")
    parser.add_argument("--search-only", action="store_true",
                        help="build only the search data (for N = 100,000), into the pages of an N = 10,000 run")
    parser.add_argument("--previous", default=PREVIOUS, help="git ref of the previous /find/ to compare with")
    parser.add_argument("--skip-previous", action="store_true",
                        help="do not build or measure the previous /find/ (at 100,000 listings it means loading the hub twice)")
    parser.add_argument("--only", default="", help="measure only these, comma-separated: find,box,previous,plain "
                        "(a re-measurement; the report then holds only them)")
    args = parser.parse_args(argv)
    sites, builds = prepare(args.n, args.seed, args.reuse, args.search_only, None if args.skip_previous else args.previous)
    size = sizes(sites)
    runs = browser_runs(sites, args.repeat, set(filter(None, args.only.split(","))))
    s = {name: summarise(r) for name, r in runs.items()}
    box, find = s.get("box", {}), s.get("find", {})
    large = args.n >= LARGE
    targets = []
    if runs.get("find"):
        targets.append(_target("/find/: bytes before the first result (gzip)", find["first_result_gz"],
                               LIMIT_BYTES_LARGE if large else LIMIT_FIND_BYTES))
        if not large:
            targets.append(_target("/find/: first results after page load (ms)", find["first_results_ms_median"], LIMIT_FIRST_MS))
        targets.append(_target("/find/: keystroke to results, median (ms)", find["key_ms_median"], LIMIT_KEY_MS))
    if runs.get("box"):
        targets.append(_target("site-wide box: bytes for one search, fresh page (gzip)", box["first_search_gz"],
                               LIMIT_BYTES_LARGE if large else LIMIT_BOX_BYTES))
        targets.append(_target("site-wide box: keystroke to results, median (ms)", box["key_ms_median"], LIMIT_KEY_MS))
    targets.append(_target("no request to another origin",
                           sum(len(r["foreign_requests"]) for rs in runs.values() for r in rs), 0))
    report = {"n": args.n, "seed": args.seed, "date": time.strftime("%Y-%m-%d %H:%M:%S"), "builds": builds,
              "sizes": size, "summary": s, "runs": runs, "targets": targets}
    suffix = f"-{'-'.join(sorted(set(args.only.split(',')) - {''}))}" if args.only else ""
    (OUT / f"search-results-{args.n}{suffix}.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    kb = lambda v: "-" if v is None else f"{v / 1000:,.0f} kB"  # noqa: E731
    plain, previous = s.get("plain", {}), s.get("previous", {})
    print(f"N = {args.n:,} listings, {args.repeat} browser run(s) per site")
    print(f"{'':36} {'find/ now':>11} {'find/ before':>13} {'box (Pagefind)':>15} {'plain Material':>15}")
    print(f"{'bytes before 1st result / search':36} {kb(find.get('first_result_gz')):>11} "
          f"{kb(previous.get('first_result_gz') or size['previous_before_first_result_gz']):>13} {kb(box.get('first_search_gz')):>15} "
          f"{kb(size.get('plain_before_first_result_gz')):>15}")
    print(f"{'  a further search (find/: typed':36} {kb(find.get('typing_gz')):>11} {kb(previous.get('typing_gz')):>13} "
          f"{kb(box.get('second_search_gz')):>15} {'0 kB':>15}")
    print(f"{'  key by key; box: a second word)':36}")
    for label, key in (("first results (ms)", "first_results_ms_median"), ("keystroke to results, median (ms)", "key_ms_median"),
                       ("keystroke to results, p90 (ms)", "key_ms_p90")):
        print(f"{label:36} {find.get(key, '-')!s:>11} {previous.get(key, '-')!s:>13} {box.get(key, '-')!s:>15} "
              f"{plain.get(key, '-')!s:>15}")
    print("find/ files (gzip): " + ", ".join(f"{k} {kb(v)}" for k, v in size["find_files_gz"].items()))
    print("previous find/ files (gzip): " + ", ".join(f"{k} {kb(v)}" for k, v in size["previous_files_gz"].items()))
    if "plain_search_index_raw" in size:
        print(f"Material search_index.json (plain site): {kb(size['plain_search_index_raw'])} ({kb(size['plain_search_index_gz'])} gzip)")
    print("results: " + "; ".join(f"{name} {rs[0].get('first_status', '')!r}" for name, rs in runs.items() if rs))
    for t in targets:
        print(f"{'PASS' if t['pass'] else 'FAIL'}  {t['target']}: {t['value']} (limit {t['limit']})")
    return 0 if all(t["pass"] for t in targets) else 1


if __name__ == "__main__":
    sys.exit(main())
