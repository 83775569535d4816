"""Fewer garbage collections while a burst of long-lived objects is made.

Python collects its youngest generation every 700 allocations. Importing WeasyPrint, or
laying out a document, allocates hundreds of thousands of objects that live on, so each
collection walks a growing heap again for nothing (8 % of a warm résumé render). Raising the
threshold for the burst, and only for it, keeps that time without holding back more than a
few megabytes of garbage; the usual thresholds come back after, so the rest of the process
collects as it always did. Cycles made meanwhile are collected later, never lost.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

#: Allocations between two young-generation collections while modules are imported and a
#: profile is loaded (Python's default is 700).
IMPORTING = 50_000
#: The thresholds of jobpacket's own short commands, for their whole life: they allocate most
#: of their objects while importing, and end soon after.
SHORT_PROCESS = (IMPORTING, 20, 10)
#: The same while a document renders: its box tree lives until the render ends.
RENDERING = 10_000


@contextmanager
def fewer_collections(young: int) -> Iterator[None]:
    """Collect the young generation every `young` allocations (never more often than now)
    inside the block, and with the thresholds as they were after it, however it ends."""
    old = gc.get_threshold()
    gc.set_threshold(max(old[0], young), *old[1:])
    try:
        yield
    finally:
        gc.set_threshold(*old)
