"""`python -m hub_build.adapters.mkdocs.child ARGS`: MkDocs' own command line, with system errors as one line.

MkDocs lets an OSError (a full disk, a folder it may not write) escape as a traceback; the
hub promises a sentence instead, naming the file and the cause. ProperDocs, a fork of MkDocs 1.6
with the same command line, runs through the same function (hub_build.adapters.properdocs.child).
"""

from __future__ import annotations

import importlib
import os
import signal
import sys

from hub_build.adapters.process import guarded


def _stop(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt  # MkDocs stops on it in order: the server closes and its temporary site is removed


def main(argv: list[str], program: str = "mkdocs") -> int:
    """Run `program`'s command line (mkdocs or properdocs: both are click groups in PROGRAM.__main__)."""
    signal.signal(signal.SIGTERM, _stop)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

    def run() -> int:
        cli = importlib.import_module(f"{program}.__main__").cli
        cli.main(args=argv, prog_name=program, standalone_mode=False)
        return 0

    return guarded(run)

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
