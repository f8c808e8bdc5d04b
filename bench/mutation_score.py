"""Per-module mutation scores from mutmut's result files (mutants/**/*.py.meta), as a Markdown table.

mutmut 3 keeps each mutated module's verdicts in `mutants/<path>.py.meta` (exit code per mutant). The
module groups are run one at a time (bench/mutation.md), each with its own [tool.mutmut] settings, and
`mutmut results` only lists the group configured last; this reads every module's file, whatever the
configuration, so one table covers all the runs:

    python3 bench/mutation_score.py [mutants] [module-glob ...]
"""

from __future__ import annotations

import fnmatch
import json
import sys
from pathlib import Path

# mutmut 3.7's exit codes (mutmut.__main__.status_by_exit_code): test failure = killed.
KILLED = {1, 3}
SURVIVED = {0, 5}
NO_TESTS = {33}
TIMEOUT = {24, 36, -24, 152, 255, -9, -11}  # a mutant that hangs or crashes the tests is caught
NOT_RUN = {None, 2, 34}  # not checked, interrupted, skipped


def scores(root: Path, patterns: list[str]) -> list[tuple[str, int, int, int, int, int]]:
    """(module, mutants, killed, survived, no test, timeout or crash) per module."""
    rows = []
    for meta in sorted(root.rglob("*.py.meta")):
        module = meta.relative_to(root).as_posix()[: -len(".meta")]
        if patterns and not any(fnmatch.fnmatch(module, p) for p in patterns):
            continue
        codes = list(json.loads(meta.read_text())["exit_code_by_key"].values())
        ran = [c for c in codes if c not in NOT_RUN]
        rows.append((module, len(codes), sum(c in KILLED for c in ran), sum(c in SURVIVED for c in ran),
                     sum(c in NO_TESTS for c in ran), sum(c not in KILLED | SURVIVED | NO_TESTS for c in ran)))
    return rows


def table(rows: list[tuple[str, int, int, int, int, int]]) -> str:
    lines = ["| module | mutants | killed | survived | no test | timeout/crash | not run | score |",
             "|---|---|---|---|---|---|---|---|"]
    totals = [0] * 5
    for module, total, killed, survived, untested, other in rows:
        done = killed + survived + untested + other
        lines.append(f"| {module} | {total} | {killed} | {survived} | {untested} | {other} | {total - done} | "
                     f"{100 * (killed + other) / max(done, 1):.1f}% |")
        totals = [a + b for a, b in zip(totals, (total, killed, survived, untested, other), strict=True)]
    total, killed, survived, untested, other = totals
    done = killed + survived + untested + other
    lines.append(f"| **all** | {total} | {killed} | {survived} | {untested} | {other} | {total - done} | "
                 f"**{100 * (killed + other) / max(done, 1):.1f}%** |")
    return "\n".join(lines)


if __name__ == "__main__":
    args = sys.argv[1:]
    base = Path(args.pop(0)) if args and Path(args[0]).is_dir() else Path("mutants")
    print(table(scores(base, args)))
