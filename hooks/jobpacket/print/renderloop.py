"""The loop a render process runs: import WeasyPrint once, then lay out each job it is sent
and answer with the PDF, the user error, or the traceback of a bug, together with
WeasyPrint's warnings during that job.

It runs in the render process only (print/worker.py starts it and talks to it over a pipe),
so nothing here may print or touch the parent's state.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

from ..collecting import IMPORTING, fewer_collections
from ..errors import UserError
from .renderjob import RenderJob

#: The two messages the parent sends: a job to render, or the request to end.
JOB = "job"
STOP = "stop"
#: What the worker sends once, when WeasyPrint is imported: the parent starts a job's clock
#: then, so a time limit measures the render and not the start of a new process.
READY = "ready"


class Collect(logging.Handler):
    """WeasyPrint's warnings during one job, sent back so the parent logs them as its own."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


def serve(conn: Connection, tmp: str) -> None:  # pragma: no cover - runs in the worker
    """The worker's loop: answer each job with ("ok", pdf, logs) / ("error", exc, logs) /
    ("bug", traceback, logs), where logs are WeasyPrint's warnings during the job.

    WeasyPrint copies the fonts of each stylesheet set into a temporary folder (about 2 MB)
    that it removes only when its FontConfiguration is collected, which a process that is
    stopped or killed never does: every render left one in /tmp. Here every temporary file of
    the worker goes into `tmp`, a folder of its own that the parent removes when the worker
    ends, however it ends (`tempfile.tempdir` is the standard library's setting for this).
    """
    import tempfile

    tempfile.tempdir = tmp
    collect = Collect()
    logging.getLogger("weasyprint").addHandler(collect)
    # WeasyPrint's import allocates hundreds of thousands of objects that live as long as the
    # worker: collect in larger batches meanwhile (pdf.py freezes them before the first
    # render and sets its own thresholds while rendering).
    render: Callable[[RenderJob], tuple[bytes, int]] | None
    try:
        with fewer_collections(IMPORTING):
            from .pdf import render_counted as render
    except OSError as exc:  # WeasyPrint could not load Pango and friends: say so per job
        missing = missing_libraries(exc)
        render = None
    try:
        conn.send((READY, None, []))
    except (OSError, ValueError):
        return
    while True:
        try:
            kind, payload = conn.recv()
        except (EOFError, OSError):
            return
        if kind == STOP:
            return
        if render is None:
            conn.send(("error", missing, []))
            continue
        collect.records = []
        try:
            answer: tuple[str, Any, list[tuple[str, int, str]]] = (
                "ok",
                render(payload),
                collect.records,
            )
        except UserError as exc:
            answer = ("error", exc, collect.records)
        except Exception:
            answer = ("bug", traceback.format_exc(), collect.records)
        try:
            conn.send(answer)
        except (OSError, ValueError):
            return


def missing_libraries(exc: OSError) -> UserError:
    return UserError(
        f"WeasyPrint cannot load its system libraries ({exc}); on Debian or Ubuntu run "
        "`apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0`"
    )
