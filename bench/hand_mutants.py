"""Hand-made mutants where mutmut cannot reach: the search engine and the Hub's review rule.

mutmut mutates Python only, and it leaves dataclasses alone (core/hub.py's Hub, with is_overdue and
review_due, gets no mutant). The ranking itself runs in the browser (hub_build/assets/search-engine.js).
Each mutant below is one small change a mutation tool would make; the script applies it (the engine as a
temporary copy the Chromium tests load through HUB_TEST_SEARCH_ENGINE; a Python module in a temporary copy
of the package put first on PYTHONPATH), runs the tests that guard it and reports whether they failed (killed) or passed (survived).
From the repository root:

    PYTHONPATH=$PWD python3 bench/hand_mutants.py [hub] [engine]
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ENGINE = REPO / "hub_build" / "assets" / "search-engine.js"
HUB = REPO / "hub_build" / "core" / "hub.py"
ENGINE_TESTS = ["tests/test_search_ranking.py"]
HUB_TESTS = ["tests/test_overdue.py", "tests/test_review_items.py",
             "tests/test_search_ranking.py::test_the_nations_and_areas_a_listing_is_found_under",
             "-k", "not ranks_below"]  # (the Chromium twin test guards the engine's boost, not the rule)

# (what it breaks, text in core/hub.py, replacement)
HUB_MUTANTS = [
    ("overdue on the due day itself", "(today or self.today) > self.review_due(reviewed)",
     "(today or self.today) >= self.review_due(reviewed)"),
    ("overdue rule inverted", "(today or self.today) > self.review_due(reviewed)",
     "(today or self.today) < self.review_due(reviewed)"),
    ("the given day ignored", "(today or self.today) > self.review_due(reviewed)", "self.today > self.review_due(reviewed)"),
    ("due a day late", "reviewed + dt.timedelta(days=self.settings.review_interval_days)",
     "reviewed + dt.timedelta(days=self.settings.review_interval_days + 1)"),
    ("due before the check", "reviewed + dt.timedelta(days=self.settings.review_interval_days)",
     "reviewed - dt.timedelta(days=self.settings.review_interval_days)"),
    ("a national service misses a nation", '{"england", "wales", "scotland", "northern-ireland"}', '{"england", "wales", "scotland"}'),
    ("sites' nations ignored", "found.update(place.nation for place in self.places if place)", "pass"),
    ("warnings counted as errors", "return [p for p in self.problems if p.is_error]", "return list(self.problems)"),
]

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


def _verdict(tests: list[str], env: dict[str, str]) -> int:
    done = subprocess.run([sys.executable, "-P", "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *tests], cwd=REPO,
                          capture_output=True, text=True, env={**os.environ, **env}, check=False)  # -P: cwd not first on sys.path
    return done.returncode


def _report(n: int, what: str, code: int) -> bool:
    verdict = "killed" if code == 1 else "SURVIVED" if code == 0 else f"error {code}"
    print(f"{n:2} {verdict:8} {what}", flush=True)
    return code == 1


def main() -> int:
    killed = total = 0
    source = HUB.read_text(encoding="utf-8")
    print("core/hub.py (the review rule, nations, errors):")
    only = sys.argv[1:] or ["hub", "engine"]
    with tempfile.TemporaryDirectory() as work:  # a mutated copy of the package, first on PYTHONPATH
        shutil.copytree(REPO / "hub_build", Path(work) / "hub_build", ignore=shutil.ignore_patterns("__pycache__"))
        copy = Path(work) / "hub_build" / "core" / "hub.py"
        for n, (what, old, new) in enumerate(HUB_MUTANTS if "hub" in only else [], 1):
            assert source.count(old) == 1, f"mutant {n} ({what}): '{old}' is not once in core/hub.py"
            copy.write_text(source.replace(old, new), encoding="utf-8")
            killed += _report(n, what, _verdict(HUB_TESTS, {"PYTHONPATH": work}))
            total += 1
    source = ENGINE.read_text(encoding="utf-8")
    print("assets/search-engine.js (the ranking):")
    with tempfile.TemporaryDirectory() as work:
        for n, (what, old, new) in enumerate(MUTANTS if "engine" in only else [], 1):
            assert source.count(old) == 1, f"mutant {n} ({what}): '{old}' is not once in the engine"
            mutated = Path(work) / f"engine-{n}.js"
            mutated.write_text(source.replace(old, new), encoding="utf-8")
            killed += _report(n, what, _verdict(ENGINE_TESTS, {"HUB_TEST_SEARCH_ENGINE": str(mutated)}))
            total += 1
    print(f"{killed}/{total} killed")
    return 0 if killed == total else 1


if __name__ == "__main__":
    raise SystemExit(main())
