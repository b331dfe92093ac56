"""An opt-in speed-up for bulk loads: pause Python's cyclic garbage collector around them.

hcc never touches the garbage collector on its own: which collector settings a process runs with
is the program's decision, not a library's. Loading a large catalogue, importing a portal export or
building a year's register creates hundreds of thousands of small objects that form no cycles;
CPython's collector, triggered by allocations, scans the growing heap again and again meanwhile.
A program that wants those loads faster says so explicitly:

>>> import gc
>>> from hcc.procedures import bulk_load, default_catalogue
>>> with bulk_load():
...     n = len(default_catalogue().data.procedures)
>>> n > 0, gc.isenabled()
(True, True)

Reference counting still frees everything as usual inside the block; only the cycle detector
waits. See docs/performance.md for what it buys on each benchmark.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["bulk_load"]


@contextlib.contextmanager
def bulk_load() -> Iterator[None]:
    """Pause the cyclic garbage collector for the block, then restore its previous state.

    If the collector was enabled on entry it is enabled again on exit (also when the block raises);
    if it was already disabled (by the program, or an outer ``bulk_load``), it stays disabled. No
    collection is forced on exit: the next one comes when CPython's thresholds call for it. The
    collector is process-wide, so other threads' allocations are not scanned meanwhile either.

    >>> import gc
    >>> with bulk_load():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True

    An exception from the block propagates, after the collector's state is restored.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
