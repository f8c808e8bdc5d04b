"""Child processes (MkDocs) that stop when hub-build stops.

The child runs in its own process group, so a signal sent to hub-build (Ctrl+C in a terminal,
SIGTERM from a service manager or a test) is forwarded to the whole group, and anything left
is terminated when hub-build returns. On Linux the child is also told to end if hub-build is
killed outright (SIGKILL), so no `mkdocs serve` is left holding the port.
"""

from __future__ import annotations

import ctypes
import os
import signal
import subprocess
import sys
from typing import Callable, Sequence

FORWARDED = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:  # pragma: no cover - runs in the child between fork and exec
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        pass


def run(args: Sequence[str], *, on_start: Callable[[subprocess.Popen], None] | None = None,
        **popen: object) -> tuple[int, int | None]:
    """Run `args` to completion; returns (exit code, the signal that stopped hub-build or None)."""
    received: list[int] = []
    # No thread of ours runs yet when the child forks (on_start comes after), so preexec_fn is safe here.
    child = subprocess.Popen(list(args), start_new_session=True,  # noqa: S603 - our own interpreter, a list
                             preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None,  # noqa: PLW1509
                             **popen)  # type: ignore[call-overload]

    def forward(signum: int, _frame: object) -> None:
        received.append(signum)
        # Always SIGTERM: a Python child still starting up would print a traceback for SIGINT; the MkDocs
        # child (hub_build.adapters.mkdocs.child) turns SIGTERM into an orderly stop once it is running.
        _signal_group(child, signal.SIGTERM)

    previous = {sig: signal.signal(sig, forward) for sig in FORWARDED}
    try:
        if on_start is not None:
            on_start(child)
        code = child.wait()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        stop(child)
    return code, (received[0] if received else None)


def stop(child: subprocess.Popen, grace: float = 10) -> None:
    """End the child's whole process group: politely, then for certain."""
    _signal_group(child, signal.SIGTERM)
    try:
        child.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        _signal_group(child, signal.SIGKILL)
        child.wait()


def _signal_group(child: subprocess.Popen, sig: int) -> None:
    try:
        os.killpg(child.pid, sig)
    except (ProcessLookupError, PermissionError):
        pass
