"""Hand-made mutants of the search engine (hub_build/assets/search-engine.js), run against its Chromium tests.

mutmut mutates Python only; the ranking itself runs in the browser. Each mutant below is one small change a
mutation tool would make to a line that decides ranking; the script writes the mutated engine to a temporary
file, runs tests/test_search_ranking.py against it (the test reads HUB_TEST_SEARCH_ENGINE) and reports
whether the tests failed (killed) or passed (survived). From the repository root:

    PYTHONPATH=$PWD python3 bench/js_mutants.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ENGINE = REPO / "hub_build" / "assets" / "search-engine.js"

# (what it breaks, text in the engine, replacement)
MUTANTS = [
    ("document boost (overdue listings) ignored", "* fieldBoost * boost[doc]", "* fieldBoost"),
    ("field boosts ignored", "* fieldBoost * boost[doc]", "* boost[doc]"),
    ("field boost applied twice", "* fieldBoost * boost[doc]", "* fieldBoost * fieldBoost * boost[doc]"),
    ("document boosts not read", "boost[b[0]] = b[1];", ""),
    ("length normalisation inverted", "(len[doc] / avg)", "(avg / len[doc])"),
    ("exact name bonus gone", "total.get(ref) + EXACT_NAME", "total.get(ref)"),
    ("prefix also when not typing", "typing !== false", "true"),
    ("prefix never", "typing !== false", "false"),
    ("one slip allowed in shorter words", "w.length >= 5", "w.length >= 3"),
    ("one slip never", "if (!found.size && w.length >= 5)", "if (false)"),
    ("any word may match (or, not and)", "if (found.has(ref)) both.set", "both.set"),
    ("ties not in table order", "s.get(b) - s.get(a) || a - b", "s.get(b) - s.get(a) || b - a"),
    ("stop words kept", "lunr.stopWordFilter(w) !== undefined", "true"),
    ("apostrophes kept at word ends", 'replace(/^\'+|\'+$/g, "")', 'replace(/^$/g, "")'),
    ("only-stop-word query filters everything", "if (!ws.length) return null;", "if (!ws.length) return new Map();"),
]


def main() -> int:
    source = ENGINE.read_text(encoding="utf-8")
    killed = 0
    with tempfile.TemporaryDirectory() as work:
        for n, (what, old, new) in enumerate(MUTANTS, 1):
            assert source.count(old) == 1, f"mutant {n} ({what}): '{old}' is not once in the engine"
            mutated = Path(work) / f"engine-{n}.js"
            mutated.write_text(source.replace(old, new), encoding="utf-8")
            done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider",
                                   "tests/test_search_ranking.py"], cwd=REPO, capture_output=True, text=True,
                                  env={**os.environ, "HUB_TEST_SEARCH_ENGINE": str(mutated)}, check=False)
            verdict = "killed" if done.returncode == 1 else "SURVIVED" if done.returncode == 0 else f"error {done.returncode}"
            killed += done.returncode == 1
            print(f"{n:2} {verdict:8} {what}", flush=True)
    print(f"{killed}/{len(MUTANTS)} killed")
    return 0 if killed == len(MUTANTS) else 1


if __name__ == "__main__":
    raise SystemExit(main())
