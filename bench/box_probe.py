"""Probe the search box on every page (Pagefind) of a site built by bench_search.py: per query, on a fresh
page, the time of one search through HubSiteSearch.search and the gzipped bytes of that search and a
second one (the query plus one more word). Used for the figures at 100,000 listings in bench/README.md,
where the key-by-key run of bench_search.py does not finish.

    python bench/box_probe.py bench/out/search-site-hub-100000
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))

import bench_search  # noqa: E402

QUERIES = ("counselling", "visits for teenagers", "Dunmore Counselling Service", "family support")
SEARCH = """async (q) => {
  const t0 = performance.now();
  const found = await HubSiteSearch.search(q);
  const t1 = performance.now();
  await HubSiteSearch.search(q + ' x');
  return [Math.round(t1 - t0), found.total];
}"""


def main(argv: list[str]) -> int:
    from browser import chromium_page, foreign_requests, static_server

    site = Path(argv[0])
    for query in argv[1:] or QUERIES:
        with static_server(site) as base, chromium_page() as (page, requests):
            page.goto(base)
            page.wait_for_load_state("networkidle")
            mark = len(requests)
            ms, total = page.evaluate(SEARCH, query)
            fetched = bench_search._fetched_gz(site, base, requests[mark:])
            print(f"{query!r}: {ms} ms, {total} results, {fetched / 1000:,.0f} kB gzip for both searches, "
                  f"{len(foreign_requests(requests, base))} requests elsewhere", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
