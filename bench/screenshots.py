"""Screenshots of the sample hub for a person to look at: home, /find/ with results and a listing page, at
320 px and 1280 px wide, in headless Debian Chromium.

    python3 bench/screenshots.py OUTDIR [--site BUILT_SITE]

Without --site it builds the sample hub first (hub-build build, into a temporary folder).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from browser import CHROMIUM_ARGS  # noqa: E402
from sitepages import pages_server  # noqa: E402

# (name, address, what to wait for and scroll to: the results, below the search form)
SHOTS = (("home", "", None), ("find-results", "find/?what=family", "#hub-status"),
         ("listing", "services/teuluoedd-cymru-cefnogaeth/", None))
WIDTHS = (320, 1280)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--site", type=Path, default=None, help="an already built site (default: build the sample)")
    args = parser.parse_args()
    args.outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        site = args.site
        if site is None:
            site = Path(scratch) / "site"
            subprocess.run([sys.executable, "-m", "hub_build.commands.cli", "build", "-d", str(site)], cwd=REPO, check=True)
        from playwright.sync_api import sync_playwright

        with pages_server(site) as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
            for width in WIDTHS:
                page = browser.new_page(viewport={"width": width, "height": 900})
                for name, url, wait_for in SHOTS:
                    page.goto(base + url)
                    if wait_for:
                        page.wait_for_selector(f"{wait_for} ~ #hub-results > li", timeout=15000)
                        page.locator(wait_for).scroll_into_view_if_needed()
                        page.evaluate("sel => document.querySelector(sel).scrollIntoView()", wait_for)
                    page.wait_for_load_state("networkidle")
                    page.wait_for_timeout(400)  # Material's header swaps in the page title when scrolled: let it finish
                    target = args.outdir / f"{name}-{width}.png"
                    page.screenshot(path=str(target))
                    print(target)
                page.close()
            browser.close()


if __name__ == "__main__":
    main()
