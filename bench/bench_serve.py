"""Fast edits in `hub-build serve` (issue 11): how long a change to one listing takes to reach the browser.

    python bench/bench_serve.py                 # N = 10,000, 5 edits
    python bench/bench_serve.py --n 1000 --edits 3
    python bench/bench_serve.py --copy-of bench/out/hub-10000   # a hub run.py generated, with its warm cache

Generates a hub (generate.py), starts `hub-build serve --verbose` on it, waits for the first full build, then
edits one listing at a time (its summary starts with a new word) and polls the listing's page and the A to Z
page that lists it until the new word is served: the time from the file's write to the word appearing in both. Between
edits it waits for the background step (search box index, feed, open data) to finish, so each edit is
measured alone. Writes bench/out/serve.json; exit status 1 when the median is over 3 s.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
TARGET_S = 3.0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback only
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _list_page(base: str, slug: str) -> str:
    """The A to Z page that lists the listing `slug` (its card shows the summary)."""
    for number in range(1, 10**4):
        url = base + ("browse/a-z/" if number == 1 else f"browse/a-z/page-{number}/")
        page = _get(url)
        if not page:
            break
        if f"services/{slug}/" in page:
            return url
    raise SystemExit(f"no A to Z page lists {slug}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10000)
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--copy-of", type=Path, default=None, help="serve a copy of this generated hub (e.g. bench/out/hub-10000)")
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    import generate

    hub = OUT / f"serve-hub-{args.n}"
    started = time.perf_counter()
    if args.copy_of:  # a hub run.py generated (same generator): copied, so the edits do not touch it
        shutil.rmtree(hub, ignore_errors=True)
        shutil.copytree(args.copy_of, hub, symlinks=True)
        args.n = len(list((hub / "directory").glob("*.yaml")))
        print(f"copied {args.n:,} listings from {args.copy_of} in {time.perf_counter() - started:.1f} s", flush=True)
    else:
        generate.generate_hub(hub, args.n, seed=args.seed)
        print(f"generated {args.n:,} listings in {time.perf_counter() - started:.1f} s", flush=True)
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    log_path = OUT / f"serve-{args.n}.log"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with open(log_path, "w") as log:
        server = subprocess.Popen([sys.executable, "-m", "hub_build.commands.cli", "serve", "-v", "-a", f"127.0.0.1:{port}"],
                                  cwd=hub, env=env, stdout=log, stderr=subprocess.STDOUT)
    results = []
    try:
        listings = sorted((hub / "directory").glob("*.yaml"))
        started = time.perf_counter()
        while "Serving the hub at" not in log_path.read_text():
            if server.poll() is not None:
                raise SystemExit(f"serve stopped: {log_path.read_text()[-2000:]}")
            time.sleep(1)
        first_build = time.perf_counter() - started
        print(f"first build and server up in {first_build:.1f} s", flush=True)
        for number in range(args.edits):
            path = listings[(number * 7919) % len(listings)]
            word = f"Edited{number}x{int(time.time())}"
            text = path.read_text(encoding="utf-8")
            summary = yaml.safe_load(text)["summary"]
            changed = (word + " " + summary)[: max(len(summary), len(word) + 10)]  # no longer than allowed
            line = "summary: " + json.dumps(changed)
            new = re.sub(r"^summary: .*$", lambda _, line=line: line, text, count=1, flags=re.M)
            listed_on = _list_page(base, path.stem)
            updates_before = log_path.read_text().count("search index, feed and open data updated")
            start = time.perf_counter()
            path.write_text(new, encoding="utf-8")
            page = base + f"services/{path.stem}/"
            seen_page = seen_list = None
            while time.perf_counter() - start < 120 and (seen_page is None or seen_list is None):
                if seen_page is None and word in _get(page):
                    seen_page = time.perf_counter() - start
                if seen_list is None and word in _get(listed_on):
                    seen_list = time.perf_counter() - start
                time.sleep(0.05)
            if seen_page is None:
                raise SystemExit(f"edit {number} did not appear within 120 s; see {log_path}")
            while log_path.read_text().count("search index, feed and open data updated") <= updates_before:
                if time.perf_counter() - start > 300:
                    break
                time.sleep(0.5)
            rest = time.perf_counter() - start
            fast = "without a full rebuild" in log_path.read_text().split("Detected file changes")[-1]
            results.append({"listing": path.stem, "page_s": round(seen_page, 2),
                            "a_z_s": round(seen_list, 2) if seen_list is not None else None,
                            "background_done_s": round(rest, 2), "fast_path": fast})
            print(f"edit {number + 1}: listing page {seen_page:.2f} s, A-Z page "
                  f"{'-' if seen_list is None else f'{seen_list:.2f}'} s, search index and open data {rest:.1f} s, "
                  f"{'fast path' if fast else 'FULL REBUILD'}", flush=True)
    finally:
        server.terminate()
        server.wait(timeout=60)
    median = statistics.median(r["page_s"] for r in results)
    load = os.getloadavg()
    summary = {"n": args.n, "edits": results, "median_page_s": median, "first_build_s": round(first_build, 1),
               "target_s": TARGET_S, "pass": median <= TARGET_S, "load_average": load}
    OUT.mkdir(exist_ok=True)
    (OUT / "serve.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")
    print(f"median change-to-browser time {median:.2f} s (target {TARGET_S} s): {'PASS' if summary['pass'] else 'FAIL'}; "
          f"load average {load[0]:.1f}")
    return 0 if summary["pass"] else 1


if __name__ == "__main__":
    sys.exit(main())
