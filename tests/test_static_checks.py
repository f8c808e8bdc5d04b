"""mypy and ruff run clean, so CI enforces them (their settings are in pyproject.toml).

Types keep the planned restructure safe: a moved or renamed name that some module still uses fails here
before it fails at run time on one kind of content.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", *args], cwd=REPO, capture_output=True, text=True, timeout=600, check=False)


def test_mypy_finds_nothing():
    done = _run("mypy", "hub_build")
    assert done.returncode == 0, done.stdout + done.stderr


def test_ruff_finds_nothing():
    done = _run("ruff", "check", "hub_build", "tests", "bench")
    assert done.returncode == 0, done.stdout + done.stderr
