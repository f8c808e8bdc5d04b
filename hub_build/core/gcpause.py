"""The cyclic garbage collector paused while a build makes many objects that reference counting frees.

Why: a build at 10,000 listings holds about a million tracked objects (the loaded hub), and Python's cyclic
collector rescans all of them at every full collection, which it starts each time the surviving objects grew
by a quarter: nine times while the hub loads, once more while the pages are planned, once writing the search
data (measured: about a tenth of the warm build's time). Loading, rendering and publishing leave almost no
cycles behind (some 700 objects per 1,000 listings while loading, none while rendering: bench/README.md), so
pausing the collector for those steps costs no memory worth the name; what they leave is collected after.
"""

from __future__ import annotations

import contextlib
import gc
from typing import Iterator


@contextlib.contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """No cyclic collection inside the block (reference counting still frees everything else); nested blocks
    and a collector already off are left as they were."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
