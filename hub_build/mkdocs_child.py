"""`python -m hub_build.mkdocs_child ARGS`: MkDocs' own command line, with system errors as one line.

MkDocs lets an OSError (a full disk, a folder it may not write) escape as a traceback; the
hub promises a sentence instead, naming the file and the cause.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str]) -> int:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.__main__ import cli

    try:
        cli.main(args=argv, prog_name="mkdocs", standalone_mode=True)
    except OSError as error:
        where = f" {error.filename}" if error.filename else ""
        print(f"hub-build: cannot write{where}: {error.strerror or error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
