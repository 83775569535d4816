"""Fewer garbage collections while a burst of long-lived objects is made.

Python collects its youngest generation every 700 allocations. Importing WeasyPrint, or
laying out a document, allocates hundreds of thousands of objects that live on, so each
collection walks a growing heap again for nothing (8 % of a warm résumé render). Raising the
threshold for the burst, and only for it, keeps that time without holding back more than a
few megabytes of garbage; the usual thresholds come back after, so the rest of the process
collects as it always did. Cycles made meanwhile are collected later, never lost.
"""

from __future__ import annotations

import atexit
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


def no_collection_at_exit() -> None:
    """Leave what is alive as the command exits out of the full collection Python runs then.

    A command ends holding pydantic's and WeasyPrint's tables, a word list of 160,000 words
    and the profile model: the interpreter's last collection walks all of them only to
    find what the operating system is about to take back, about 60 ms of a `jobpacket pdf`
    (benchmarks/README.md). `gc.freeze` as the command exits leaves them out; every exit
    handler still runs (the render workers are stopped, their folders removed), and what
    they allocate is collected as usual. Objects still go when nothing refers to them; only
    garbage in reference cycles is not finalized, which Python never promises at exit, and
    jobpacket closes every file it writes and renames it into place before it returns.
    For jobpacket's own short commands only: never in a process it does not own (MkDocs).
    Called again (a test runs many commands in one process), it is still done once.
    """
    atexit.unregister(gc.freeze)
    atexit.register(gc.freeze)
