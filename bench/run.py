"""Build synthetic hubs and their plain-Markdown baselines; report time, memory and size.

    python bench/run.py [--sizes 1000,10000] [--newcomer] [--repeat 1] [--seed 1] [--keep]
    python bench/run.py --sizes 100000 --no-expert --reuse --hub-kinds hub-cold --results results-100000.json  # 3 GB target

For each N in --sizes this generates a hub of N listings (bench/generate.py) and
the same listings as plain Markdown pages in a plain Material site with the
listing pages left out of the navigation (baseline a, "expert"), then builds
each with `python -m mkdocs build -q` in its own child process. With --newcomer
it also builds baseline (b), every page in the navigation, at N=1000 only (it
grows quadratically). Results go to the terminal and to bench/out/results.json.
Peak memory counts the build's whole process tree: the larger of wait4's peak (one
process) and the sampled peak of the sum over its processes alive at the same time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import resource

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"

PAGE_LIMIT = 30_000  # bytes: "a listing page's own HTML stays under 30 KB"
TIME_RATIO_LIMIT = 1.25  # hub time / expert baseline time at 10,000 listings (issue 2)
WARM_TIME_RATIO_LIMIT = 0.5  # warm hub build / expert baseline at 10,000 listings (issue 11)
MEMORY_RATIO_LIMIT = 1.2  # hub peak memory / expert baseline's at 10,000 listings (issue 11)
LINEARITY_LIMIT = 1.3  # hub time per listing at 10,000 / at 1,000
LARGE_N, LARGE_PEAK_LIMIT = 100_000, 3 * 10**9  # at 100,000 listings the hub builds in at most 3 GB (issue 11)
CACHE_DIR = ".hub-cache"
HUB_KINDS = ("hub-cold", "hub-warm")  # without and with the hub's build cache
# Built sites and stale caches are moved here and deleted once every build is done. Deleting 40,000 files
# leaves the file system work to do for a minute after (here, ext4 mounted with `discard` in a VM, creating
# files straight after a large delete costs up to ten times the system time: bench/README.md), so a build
# timed straight after the previous one's site was deleted paid for that deletion too.
TRASH = OUT / "trash"


def discard(path: Path) -> None:
    """Move `path` out of the way now (a rename: no deletion debt for the next build); delete_discarded
    removes it after the last build."""
    if path.exists() or path.is_symlink():
        TRASH.mkdir(parents=True, exist_ok=True)
        path.rename(TRASH / f"{path.name}-{time.time_ns()}")


def delete_discarded() -> None:
    shutil.rmtree(TRASH, ignore_errors=True)


def _generate(call: str) -> None:
    """Run generate.py code in a child process.

    The benchmark process itself stays small on purpose: on Linux a child's ru_maxrss
    starts from the parent's resident size at fork time (exec keeps the high-water mark),
    so a parent that had loaded the postcode tables would set a floor under every build's
    measured peak memory.
    """
    code = f"import sys; sys.path.insert(0, {str(HERE)!r}); from pathlib import Path; import generate; generate.{call}"
    subprocess.run([sys.executable, "-c", code], check=True)


def generate_hub(out_dir: Path, n: int, seed: int) -> None:
    _generate(f"generate_hub(Path({str(out_dir)!r}), {int(n)}, {int(seed)})")


def write_plain_baseline(hub_dir: Path, out_dir: Path, nav_mode: str) -> None:
    _generate(f"write_plain_baseline(Path({str(hub_dir)!r}), Path({str(out_dir)!r}), {nav_mode!r})")


def _descendants(pid: int) -> list[int]:
    """pid and every live process below it (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                fields = handle.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))
    found, stack = [], [pid]
    while stack:
        current = stack.pop()
        found.append(current)
        stack.extend(children.get(current, []))
    return found


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm", "rb") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, IndexError, ValueError):
        return 0


class TreeMemory:
    """The largest SUM of the resident sizes of a build and every process it runs at the same time, sampled
    every 0.2 s. wait4's ru_maxrss is only the largest single process of the tree: a build that ran a helper
    process (Pagefind, a server) while holding its own memory would be measured at the larger of the two."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak, self.samples = pid, 0, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self.available = sys.platform.startswith("linux") and os.path.isdir("/proc")
        if self.available:
            self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            total = sum(_rss(pid) for pid in _descendants(self.pid))
            self.peak, self.samples = max(self.peak, total), self.samples + 1
            self._stop.wait(0.2)

    def stop(self) -> int:
        self._stop.set()
        if self.available:
            self._thread.join()
        return self.peak


def run_build(config: Path, site: Path, log: Path, *, cold: bool = False) -> dict[str, Any]:
    """Build one site in a child process; wall time and peak memory.

    Peak memory is the larger of the child's peak RSS from os.wait4 (the largest single process of its tree,
    exact) and the sampled peak of the sum over its tree's live processes (TreeMemory), so work moved into a
    helper process still counts.

    cold: remove the project's .hub-cache first (the geo data the hub derives once from the
    ONS postcode files and then reuses), as on a fresh checkout without a CI cache.
    """
    discard(site)
    if cold:
        discard(config.parent / CACHE_DIR)
    os.sync()  # the previous build's and the generator's writes reach the disk before the clock starts
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
    env.pop("HUB_BUILD_CACHE", None)  # the cache is the project's own .hub-cache/
    env["XDG_CACHE_HOME"] = str(config.parent / CACHE_DIR / "user")  # so is the rendered-description cache
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)]
    with open(log, "wb") as output:
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, env=env, cwd=config.parent)
        tree = TreeMemory(child.pid)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        tree_peak = tree.stop()
    child.returncode = os.waitstatus_to_exitcode(status)  # already reaped: keep Popen from waiting again
    # ru_maxrss is in kilobytes on Linux and in bytes on macOS.
    single = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)
    peak = max(single, tree_peak)
    text = log.read_text(encoding="utf-8", errors="replace")
    return {
        "command": " ".join(command),
        "exit_code": child.returncode,
        "wall_s": round(wall, 3),
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 3),
        "peak_rss_bytes": peak,
        "peak_rss_single_process_bytes": single,  # wait4: the largest one process of the tree
        "peak_rss_tree_sum_bytes": tree_peak,  # sampled: the sum over the tree's live processes
        "tree_samples": tree.samples,
        "log_lines": len(text.splitlines()),
        "log_tail": text[-2000:],
    }


def tree_size(path: Path) -> tuple[int, int]:
    """(bytes, files) under a folder."""
    total = files = 0
    stack = [path]
    while stack:
        with os.scandir(stack.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(Path(entry.path))
                elif entry.is_file(follow_symlinks=False):
                    total += entry.stat(follow_symlinks=False).st_size
                    files += 1
    return total, files


def listing_pages(site: Path, slugs: list[str]) -> dict[str, Any]:
    """Sizes of site/services/<slug>/index.html, the listing pages of hub and baselines alike."""
    sizes = []
    missing = 0
    largest = ("", 0)
    for slug in slugs:
        page = site / "services" / slug / "index.html"
        try:
            size = page.stat().st_size
        except FileNotFoundError:
            missing += 1
            continue
        sizes.append(size)
        if size > largest[1]:
            largest = (slug, size)
    return {
        "pages": len(sizes),
        "missing": missing,
        "avg_bytes": round(sum(sizes) / len(sizes)) if sizes else None,
        "max_bytes": largest[1] if sizes else None,
        "max_slug": largest[0] or None,
    }


def measure(kind: str, n: int, project: Path, slugs: list[str], repeat: int, keep: bool) -> dict[str, Any]:
    site = OUT / f"site-{kind}-{n}"
    log = OUT / f"build-{kind}-{n}.log"
    runs = [run_build(project / "mkdocs.yml", site, log, cold=kind == "hub-cold") for _ in range(repeat)]
    best = min(runs, key=lambda r: (r["exit_code"] != 0, r["wall_s"]))
    result: dict[str, Any] = {"kind": kind, "n": n, "project": str(project), **best,
                              "wall_s_all": [r["wall_s"] for r in runs]}
    if best["exit_code"] == 0 and site.exists():
        result["output_bytes"], result["output_files"] = tree_size(site)
        result["listing_pages"] = listing_pages(site, slugs)
    else:
        result["output_bytes"] = result["output_files"] = None
        result["listing_pages"] = None
    if not keep:
        discard(site)
    status = "ok" if best["exit_code"] == 0 else f"FAILED (exit {best['exit_code']}, see {log})"
    print(f"  {kind:<10} N={n:<6} {best['wall_s']:8.1f} s  {best['peak_rss_bytes'] / 2**20:7.0f} MiB  {status}", flush=True)
    return result


def mib(value: int | None) -> str:
    return "-" if value is None else f"{value / 2**20:,.1f}"


def kib(value: int | None) -> str:
    return "-" if value is None else f"{value / 1024:,.1f}"


def table(results: list[dict[str, Any]]) -> str:
    head = ("build", "N", "wall s", "s/1k listings", "peak RSS MiB", "output MiB", "files", "avg page KiB", "max page KiB")
    rows = [head]
    for r in results:
        pages = r["listing_pages"] or {}
        ok = r["exit_code"] == 0
        rows.append((
            r["kind"], f"{r['n']:,}", f"{r['wall_s']:.1f}" + ("" if ok else " FAIL"), f"{r['wall_s'] / r['n'] * 1000:.2f}",
            mib(r["peak_rss_bytes"]), mib(r["output_bytes"]), "-" if r["output_files"] is None else f"{r['output_files']:,}",
            kib(pages.get("avg_bytes")), kib(pages.get("max_bytes")),
        ))
    widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
    lines = ["  ".join(cell.rjust(w) if i else cell.ljust(w) for i, (cell, w) in enumerate(zip(row, widths, strict=True))) for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def evaluate(results: list[dict[str, Any]], sizes: list[int]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    by = {(r["kind"], r["n"]): r for r in results if r["exit_code"] == 0}
    small, large = min(sizes), max(sizes)
    time_n = 10000 if 10000 in sizes else large
    ratios: dict[str, Any] = {}
    targets: list[dict[str, Any]] = []
    if small != large:
        a, b = by.get(("expert", small)), by.get(("expert", large))
        if a and b:
            ratios[f"expert_per_listing_{large}_over_{small}"] = round((b["wall_s"] / large) / (a["wall_s"] / small), 3)
    for kind in HUB_KINDS:
        mine: dict[str, Any] = {"time_over_expert": {}, "peak_rss_over_expert": {}, "output_over_expert": {}}
        for n in sizes:
            hub, base = by.get((kind, n)), by.get(("expert", n))
            if hub and base:
                mine["time_over_expert"][str(n)] = round(hub["wall_s"] / base["wall_s"], 3)
                mine["peak_rss_over_expert"][str(n)] = round(hub["peak_rss_bytes"] / base["peak_rss_bytes"], 3)
                mine["output_over_expert"][str(n)] = round(hub["output_bytes"] / base["output_bytes"], 3)
        a, b = by.get((kind, small)), by.get((kind, large))
        mine["per_listing_large_over_small"] = (
            round((b["wall_s"] / large) / (a["wall_s"] / small), 3) if a and b and small != large else None
        )
        pages = [r["listing_pages"]["max_bytes"] for r in results
                 if r["kind"] == kind and r["exit_code"] == 0 and r["listing_pages"] and r["listing_pages"]["max_bytes"]]
        mine["max_listing_page_bytes"] = max(pages) if pages else None
        ratios[kind] = mine

        large_run = by.get((kind, LARGE_N))
        if large_run or any(r["kind"] == kind and r["n"] == LARGE_N for r in results):
            value = large_run["peak_rss_bytes"] if large_run else None
            targets.append({
                "build": kind, "target": f"{kind}: peak memory <= {LARGE_PEAK_LIMIT:,} bytes (3 GB) at N={LARGE_N:,} (issue 11)",
                "value": value, "pass": value is not None and value <= LARGE_PEAK_LIMIT,
            })
        if not any(r["kind"] == "expert" for r in results):
            continue  # --no-expert: no ratio to check

        value = mine["time_over_expert"].get(str(time_n))
        targets.append({
            "build": kind,
            "target": f"{kind}: time <= {TIME_RATIO_LIMIT}x expert baseline (a) at N={time_n:,}"
                      + ("" if time_n == 10000 else " (the target is set at N=10,000)"),
            "value": value, "pass": value is not None and value <= TIME_RATIO_LIMIT,
        })
        if kind == "hub-warm":
            value = mine["time_over_expert"].get(str(time_n))
            targets.append({
                "build": kind,
                "target": f"{kind}: time <= {WARM_TIME_RATIO_LIMIT}x expert baseline (a) at N={time_n:,} (issue 11)",
                "value": value, "pass": value is not None and value <= WARM_TIME_RATIO_LIMIT,
            })
        value = mine["peak_rss_over_expert"].get(str(time_n))
        targets.append({
            "build": kind,
            "target": f"{kind}: peak memory <= {MEMORY_RATIO_LIMIT}x expert baseline (a) at N={time_n:,} (issue 11)",
            "value": value, "pass": value is not None and value <= MEMORY_RATIO_LIMIT,
        })
        value = mine["per_listing_large_over_small"]
        targets.append({
            "build": kind,
            "target": f"{kind}: time per listing at N={large:,} within {LINEARITY_LIMIT}x of N={small:,}"
                      + ("" if (small, large) == (1000, 10000) else " (the target compares 10,000 with 1,000)"),
            "value": value, "pass": value is not None and value <= LINEARITY_LIMIT,
        })
        value = mine["max_listing_page_bytes"]
        all_built = all(r["exit_code"] == 0 and r["listing_pages"] and not r["listing_pages"]["missing"]
                        for r in results if r["kind"] == kind)
        targets.append({
            "build": kind,
            "target": f"{kind}: largest listing page < {PAGE_LIMIT:,} bytes at every N, all listing pages present",
            "value": value, "pass": value is not None and value < PAGE_LIMIT and all_built,
        })
    return ratios, targets


def _git_state() -> dict[str, Any]:
    """The commit measured, and whether hub_build had uncommitted changes."""
    def git(*args: str) -> str:
        try:
            return subprocess.run(["git", *args], cwd=HERE.parent, capture_output=True, text=True, timeout=30, check=False).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return ""
    return {"commit": git("rev-parse", "HEAD") or None,
            "hub_build_modified": bool(git("status", "--porcelain", "--", "hub_build"))}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated numbers of listings (default 1000,10000)")
    parser.add_argument("--newcomer", action="store_true", help="also build baseline (b), every page in the nav, at N=1000")
    parser.add_argument("--repeat", type=int, default=1, help="build each site this many times and keep the fastest")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the built sites in bench/out/site-*")
    parser.add_argument("--no-expert", action="store_true",
                        help="skip the baselines (the 100,000 run: the 3 GB target has no baseline); ratio targets are then n/a")
    parser.add_argument("--reuse", action="store_true",
                        help="use bench/out/hub-N when it already holds N listings instead of generating it again")
    parser.add_argument("--results", default="results.json", help="file name of the report in bench/out/")
    parser.add_argument("--hub-kinds", default=",".join(HUB_KINDS),
                        help="which hub builds: hub-cold (no build cache), hub-warm (the cache the cold build left), or both")
    args = parser.parse_args(argv)
    sizes = sorted({int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()})
    OUT.mkdir(exist_ok=True)

    results: list[dict[str, Any]] = []
    for n in sizes:
        hub = OUT / f"hub-{n}"
        print(f"N={n:,}: generating hub and baseline ...", flush=True)
        started = time.perf_counter()
        if not (args.reuse and len(list((hub / "directory").glob("*.yaml"))) == n):
            discard(hub)
            generate_hub(hub, n, args.seed)
        if not args.no_expert:
            discard(OUT / f"plain-expert-{n}")
            write_plain_baseline(hub, OUT / f"plain-expert-{n}", "expert")
        print(f"  generated in {time.perf_counter() - started:.1f} s", flush=True)
        slugs = sorted(p.stem for p in (hub / "directory").glob("*.yaml"))
        # Baseline first, then the hub: both see the same warm file cache.
        if not args.no_expert:
            results.append(measure("expert", n, OUT / f"plain-expert-{n}", slugs, args.repeat, args.keep))
        # Cold: no build cache (a fresh checkout); warm: the cache the cold build left (a rebuild).
        for kind in HUB_KINDS:
            if kind in args.hub_kinds.split(","):
                results.append(measure(kind, n, hub, slugs, args.repeat, args.keep))
        if args.newcomer and n == 1000:
            write_plain_baseline(hub, OUT / "plain-newcomer-1000", "newcomer")
            results.append(measure("newcomer", n, OUT / "plain-newcomer-1000", slugs, args.repeat, args.keep))
    if args.newcomer and 1000 not in sizes:
        hub = OUT / "hub-1000"
        generate_hub(hub, 1000, args.seed)
        slugs = sorted(p.stem for p in (hub / "directory").glob("*.yaml"))
        write_plain_baseline(hub, OUT / "plain-newcomer-1000", "newcomer")
        results.append(measure("newcomer", 1000, OUT / "plain-newcomer-1000", slugs, args.repeat, args.keep))

    delete_discarded()
    ratios, targets = evaluate(results, sizes)
    print()
    print(table(results))
    print()
    for kind in HUB_KINDS:
        mine = ratios[kind]
        for n, value in mine["time_over_expert"].items():
            print(f"{kind} / expert baseline (a) at N={int(n):,}: time {value:.2f}x, "
                  f"peak RSS {mine['peak_rss_over_expert'][n]:.2f}x, output {mine['output_over_expert'][n]:.2f}x")
        if mine["per_listing_large_over_small"] is not None:
            print(f"{kind} time per listing, N={max(sizes):,} / N={min(sizes):,}: {mine['per_listing_large_over_small']:.2f}x")
    for key, value in ratios.items():
        if key.startswith("expert_per_listing_"):
            print(f"expert baseline time per listing, N={max(sizes):,} / N={min(sizes):,}: {value:.2f}x")
    newcomer = next((r for r in results if r["kind"] == "newcomer" and r["exit_code"] == 0), None)
    expert_1000 = next((r for r in results if r["kind"] == "expert" and r["n"] == 1000 and r["exit_code"] == 0), None)
    if newcomer and expert_1000:
        print(f"newcomer baseline (b) / expert baseline (a) at N=1,000: time {newcomer['wall_s'] / expert_1000['wall_s']:.1f}x, "
              f"output {newcomer['output_bytes'] / expert_1000['output_bytes']:.1f}x")
    print()
    for t in targets:
        shown = "n/a" if t["value"] is None else (f"{t['value']:,}" if isinstance(t["value"], int) else f"{t['value']:.2f}")
        print(f"{'PASS' if t['pass'] else 'FAIL'}  {t['target']}: {shown}")
    failed = [r for r in results if r["exit_code"] != 0]
    for r in failed:
        print(f"\n{r['kind']} N={r['n']} failed (exit {r['exit_code']}); end of its log:\n{r['log_tail'][-1200:]}")

    report = {
        "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "machine": {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count()},
        # A child's peak RSS cannot be measured below the parent's resident size when it was started.
        "peak_rss_floor_bytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * (1 if sys.platform == "darwin" else 1024),
        "repository": _git_state(),
        "seed": args.seed, "sizes": sizes, "repeat": args.repeat,
        "results": results, "ratios": ratios, "targets": targets,
    }
    (OUT / args.results).write_text(json.dumps(report, indent=2), encoding="utf-8")
    print(f"\nwrote {OUT / args.results}")
    return 0 if all(t["pass"] for t in targets) and not failed else 1


if __name__ == "__main__":
    sys.exit(main())
