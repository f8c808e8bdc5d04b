"""How a renderer's build, run in a child process, ends: an exit code and at most one line, never a traceback.

Renderers let an OSError (a full disk, a folder they may not write) escape as a traceback; the hub promises
a sentence instead, naming the file and the cause. Every adapter's child runs its work through `guarded`.
"""

from __future__ import annotations

import sys
from typing import Callable

import click


def guarded(work: Callable[[], int]) -> int:
    """Run `work` and turn the ways a command-line build stops into exit codes (130 when interrupted)."""
    try:
        return work()
    except KeyboardInterrupt:
        return 130
    except OSError as error:
        where = f" {error.filename}" if error.filename else ""
        print(f"hub-build: cannot write{where}: {error.strerror or error}", file=sys.stderr)
        return 1
    except click.exceptions.Exit as done:
        return done.exit_code
    except click.ClickException as error:
        error.show()
        return error.exit_code
    except click.Abort:
        return 1
