"""The render worker: WeasyPrint runs in separate processes that are started once and reused.

Why a process and not a thread or an alarm: a layout cannot be interrupted from inside Python
safely (an exception raised by a signal handler in the middle of WeasyPrint may be swallowed,
and `mkdocs serve` renders on a thread, where no signal arrives at all). A process can always
be stopped. So the parent builds the print HTML, hands a `RenderJob` to a worker, and waits on
the answer with a timeout; when the time is up it kills that worker, starts no replacement
until one is needed, and raises `RenderTimeout` naming the document.

Workers are started with the "forkserver" method where it exists (never plain fork: the
parent may be the threaded `mkdocs serve`), else "spawn". The fork server imports WeasyPrint
once, so every later worker, including one that replaces a killed worker, starts with it
loaded. Workers live as long as the parent (kept warm across `mkdocs serve` rebuilds) and are
daemons: multiprocessing stops them when the parent exits. A command that renders one
document asks for "spawn" (`pool("spawn")`): one interpreter that imports WeasyPrint itself
instead of a fork server and a fork of it, and nothing left to tear down after the command.

`render(job)` and `render_many(jobs)` are the whole interface; the CLI and the MkDocs adapter
reach it through `outputs.render` / `outputs.render_all`.

A one-shot command started by the `jobpacket` script (`pdf`, `letter`, `packet`, `brief`)
uses no worker for a single document: launch.py runs the command as a child that renders in
its own process, and keeps these same limits from outside (`RenderPool.render` sees that
through supervisor.py). A batch of several documents still goes to the workers, side by side.
When its PDF is likely cached already (print/cachehint.py), the command starts no worker at
all.
"""

from __future__ import annotations

import logging
import os
import queue
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .. import supervisor
from ..errors import UserError
from . import pages
from .renderjob import RenderJob, RenderTimeout, RenderTooLarge, WorkerCrashed, time_limit
from .renderloop import Collect, missing_libraries
from .renderprocess import RenderProcess, start_context, too_large, too_long

if TYPE_CHECKING:
    from .renderprocess import Context

__all__ = [
    "RenderJob",
    "RenderPool",
    "RenderTimeout",
    "RenderTooLarge",
    "WorkerCrashed",
    "pool",
    "render",
    "render_many",
    "render_settled",
    "shutdown",
    "time_limit",
]

#: How WeasyPrint starts its notice of a character no font has. Should its wording change, the
#: notice is merely shown twice (unlocated, and located by print/glyphs.py), never lost.
_NOTDEF = ".notdef glyph rendered"


def _relog(job: RenderJob, logs: Sequence[tuple[str, int, str]]) -> None:
    """WeasyPrint's warnings during a job, logged as if it had run here, naming the document."""
    for name, level, message in logs:
        if job.glyphs_checked and message.startswith(_NOTDEF):
            continue  # reported located, with its field, before the render
        logging.getLogger(name).log(level, "%s: %s", job.what, message)


class RenderPool:
    """Up to `size` warm workers; each job borrows one, and a job that times out kills its own.

    Thread-safe: `mkdocs serve` rebuilds on a thread while the CLI renders on the main one.
    `timeout` is the base limit; with `per_bytes`, a longer document gets it once per that
    many bytes of print HTML (`time_limit`).
    """

    def __init__(
        self,
        size: int | None = None,
        timeout: float | None = 60.0,
        per_bytes: int | None = None,
        memory_mb: float | None = None,
        recycle_mb: float | None = None,
        method: str | None = None,
    ) -> None:
        self.size = max(1, size or os.cpu_count() or 1)
        self.timeout = timeout
        self.per_bytes = per_bytes
        self.memory_mb = memory_mb
        self.recycle_mb = recycle_mb
        self.method = method
        self._ctx: Context | None = None
        # None in the queue: a worker fewer (a failed prestart, one killed or recycled); a
        # waiting caller then starts its own
        self._idle: queue.SimpleQueue[RenderProcess | None] = queue.SimpleQueue()
        self._count = 0
        self._starting = 0  # prestarts under way
        self._lock = threading.Lock()

    def _new_worker(self) -> RenderProcess:
        """Start a worker; the caller has counted it."""
        if self._ctx is None:
            self._ctx = start_context(self.method)
        return RenderProcess(self._ctx)

    def _take(self) -> RenderProcess:
        while True:
            try:
                worker = self._idle.get_nowait()
            except queue.Empty:
                with self._lock:
                    # A prestart under way is waited for rather than doubled: with the fork
                    # server a second worker would only queue behind it, and a one-shot
                    # command would pay for a process it never uses.
                    if self._count < self.size and not self._starting:
                        self._count += 1
                        try:
                            return self._new_worker()
                        except BaseException:
                            self._count -= 1
                            raise
                worker = self._idle.get()
            if worker is None:
                continue
            if worker.alive():
                return worker
            self._discard(worker)

    def _give_back(self, worker: RenderProcess) -> None:
        self._idle.put(worker)

    def _give_back_or_recycle(self, worker: RenderProcess) -> None:
        """A worker still holding the memory of a long document is stopped (the next job
        starts a fresh one), so a long-running `mkdocs serve` does not keep that peak."""
        limit = self.recycle_mb
        used = worker.resident_mb() if limit is not None else None
        if limit is not None and used is not None and used > limit:
            worker.stop()
            self._uncount()
            return
        self._give_back(worker)

    def _discard(self, worker: RenderProcess) -> None:
        worker.kill()
        self._uncount()

    def _uncount(self) -> None:
        """One worker fewer; a caller waiting for an idle worker is woken (None) to start
        its own, or it would wait for a worker that no longer exists."""
        with self._lock:
            self._count -= 1
        self._idle.put(None)

    def prestart(self) -> None:
        """Start one worker in the background, so it loads WeasyPrint while the caller loads
        the profile and builds the HTML (starting one waits for the fork server to be up).
        A render that comes before it is up waits for it instead of starting another. Not
        when a launcher watches this process: one render then runs here."""
        if supervisor.supervised():
            return
        with self._lock:
            if self._count >= self.size or self._starting:
                return
            self._count += 1
            self._starting += 1

        def start() -> None:
            worker: RenderProcess | None = None
            try:
                worker = self._new_worker()
            except Exception:  # the render that needs a worker starts one and reports it
                with self._lock:
                    self._count -= 1
            finally:
                with self._lock:
                    self._starting -= 1
                self._idle.put(worker)

        threading.Thread(target=start, name="jobpacket-render-start", daemon=True).start()

    def limit(self, job: RenderJob) -> tuple[float | None, str]:
        """The job's time limit and, when it grew with the document, a note saying how."""
        size = len(job.html.encode("utf-8"))
        seconds = time_limit(self.timeout, size, self.per_bytes)
        if seconds is None or seconds == self.timeout or self.per_bytes is None:
            return seconds, ""
        return seconds, f" ({self.timeout:g} s per {self.per_bytes // 1000} KB of print HTML)"

    def render(self, job: RenderJob) -> bytes:
        """One job's PDF: in this process when a launcher keeps the limits (launch.py),
        else on a worker."""
        if supervisor.supervised():
            return self._render_here(job)
        return self._render_on_worker(job)

    def _render_here(self, job: RenderJob) -> bytes:
        """Render in this process; the launcher watching it keeps the time and memory
        limits, with the messages a worker's parent would give."""
        try:
            from .pdf import render_counted  # WeasyPrint's import: not part of the render
        except OSError as exc:
            raise missing_libraries(exc) from None
        seconds, why = self.limit(job)
        limits = supervisor.Limits(
            what=job.what,
            seconds=seconds,
            memory_mb=self.memory_mb,
            timeout_message=too_long(job.what, seconds, why),
            memory_message=too_large(job.what, self.memory_mb),
        )
        collect = Collect()
        logger = logging.getLogger("weasyprint")
        logger.addHandler(collect)
        propagate, logger.propagate = logger.propagate, False
        try:
            with supervisor.rendering(limits):
                data, count = render_counted(job)
        except MemoryError:
            raise RenderTooLarge(limits.memory_message) from None
        finally:
            logger.removeHandler(collect)
            logger.propagate = propagate
            _relog(job, collect.records)
        pages.remember(data, count)
        return data

    def _render_on_worker(self, job: RenderJob) -> bytes:
        worker = self._take()
        try:
            kind, value, logs = worker.run(job, *self.limit(job), memory_mb=self.memory_mb)
        except BaseException:
            self._uncount()  # run() killed it
            raise
        self._give_back_or_recycle(worker)  # it answered: in step for the next job
        _relog(job, logs)
        if kind == "ok":
            data, count = value
            assert isinstance(data, bytes)
            pages.remember(data, count)
            return data
        if kind == "error":
            raise value
        raise RuntimeError(f"{job.what}: PDF rendering failed in the worker process:\n{value}")

    def render_settled(
        self, jobs: Sequence[RenderJob], *, alongside: bool = False
    ) -> list[bytes | UserError]:
        """Render on up to `size` workers at once; each job's PDF or user error, in order.
        `alongside`: the caller runs other renders at the same time, so even one job goes
        to a worker (a launcher's limits are for one render in its own process)."""
        on_worker = alongside or len(jobs) > 1

        def one(job: RenderJob) -> bytes | UserError:
            try:
                return self._render_on_worker(job) if on_worker else self.render(job)
            except UserError as exc:
                return exc

        if len(jobs) <= 1:
            return [one(job) for job in jobs]
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=min(self.size, len(jobs))) as threads:
            return list(threads.map(one, jobs))

    def render_many(self, jobs: Sequence[RenderJob]) -> list[bytes]:
        """Like `render_settled`, but raises the first user error (in job order)."""
        results = self.render_settled(jobs)
        for result in results:
            if isinstance(result, UserError):
                raise result
        return [r for r in results if isinstance(r, bytes)]

    def pids(self) -> list[int]:
        """Process ids of the idle workers (for diagnostics and tests)."""
        workers = []
        while True:
            try:
                workers.append(self._idle.get_nowait())
            except queue.Empty:
                break
        for w in workers:
            self._idle.put(w)
        return [w.process.pid for w in workers if w is not None and w.process.pid is not None]

    def close(self) -> None:
        """Stop every idle worker (the next render starts new ones)."""
        while True:
            try:
                worker = self._idle.get_nowait()
            except queue.Empty:
                return
            if worker is None:
                continue
            worker.stop()
            with self._lock:
                self._count -= 1


_pool: RenderPool | None = None
_pool_lock = threading.Lock()


def pool(method: str | None = None) -> RenderPool:
    """The process's render pool, created on first use with the run's settings; `method`
    counts only in the call that creates it ("spawn": see the module's docstring)."""
    global _pool
    with _pool_lock:
        if _pool is None:
            from ..settings import RECYCLE_WORKER_MB, RENDER_TIMEOUT_BYTES, current

            settings = current()
            _pool = RenderPool(
                size=settings.workers,
                timeout=settings.render_timeout,
                per_bytes=RENDER_TIMEOUT_BYTES,
                memory_mb=settings.render_memory_mb,
                recycle_mb=RECYCLE_WORKER_MB,
                method=method,
            )
        return _pool


def render(job: RenderJob) -> bytes:
    """PDF bytes for one job, under the time limit."""
    return pool().render(job)


def render_many(jobs: Sequence[RenderJob]) -> list[bytes]:
    """PDF bytes for several jobs, on up to one worker per core."""
    return pool().render_many(jobs)


def render_settled(
    jobs: Sequence[RenderJob], *, alongside: bool = False
) -> list[bytes | UserError]:
    """PDF bytes or the user error for each job, on up to one worker per core."""
    return pool().render_settled(jobs, alongside=alongside)


def shutdown() -> None:
    """Stop the idle workers (MkDocs' on_shutdown; the CLI lets exit do it)."""
    with _pool_lock:
        if _pool is not None:
            _pool.close()
