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

import contextlib
import logging
import multiprocessing
import os
import queue
import threading
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .. import supervisor
from ..errors import UserError
from ..supervisor import resident_mb
from . import pages
from .renderjob import (
    RenderJob,
    RenderTimeout,
    RenderTooLarge,
    WorkerCrashed,
    time_limit,
)
from .renderloop import JOB, READY, STOP, Collect, missing_libraries, serve

if TYPE_CHECKING:
    # ForkServerContext does not exist on Windows.
    from multiprocessing.context import ForkServerContext, SpawnContext
    from multiprocessing.process import BaseProcess

    _Context = ForkServerContext | SpawnContext


#: How WeasyPrint starts its notice of a character no font has. Should its wording change, the
#: notice is merely shown twice (unlocated, and located by print/glyphs.py), never lost.
_NOTDEF = ".notdef glyph rendered"
_MEMORY_POLL = 0.1
#: How long a new render process may take to import WeasyPrint before it counts as hung. Not
#: the user's time limit: that one measures the render alone.
_START_LIMIT = 120.0
_CRASH_HINT = (
    "when jobpacket runs inside your own Python script, put the calls under "
    "`if __name__ == '__main__':` (render processes import the script again); otherwise "
    "try again, and report it if it recurs"
)


def _too_large(what: str, memory_mb: float | None) -> str:
    return (
        f"{what}: rendering needed more than {memory_mb or 0:.0f} MB of memory and was "
        "stopped; shorten the profile's text, or raise JOBPACKET_RENDER_MEMORY (in MB) "
        "if it really is that long"
    )


def _too_long(what: str, timeout: float | None, why: str) -> str:
    return (
        f"{what}: rendering took longer than {timeout or 0:g} s{why} and was stopped; "
        "shorten the profile's text, or raise JOBPACKET_RENDER_TIMEOUT if it really "
        "is that long"
    )


def _relog(job: RenderJob, logs: Sequence[tuple[str, int, str]]) -> None:
    """WeasyPrint's warnings during a job, logged as if it had run here, naming the document."""
    for name, level, message in logs:
        if job.glyphs_checked and message.startswith(_NOTDEF):
            continue  # reported located, with its field, before the render
        logging.getLogger(name).log(level, "%s: %s", job.what, message)


def _context(method: str | None = None) -> _Context:
    """The fork server where it exists, else spawn; `method="spawn"` asks for spawn."""
    methods = multiprocessing.get_all_start_methods()
    if method != "spawn" and "forkserver" in methods:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["jobpacket.print.pdf"])
        return ctx
    return multiprocessing.get_context("spawn")


class _Worker:
    """One render process and the parent's end of its pipe."""

    def __init__(self, ctx: _Context) -> None:
        import shutil
        import tempfile
        import weakref

        self.tmp = tempfile.mkdtemp(prefix="jobpacket-render-")
        # removed when the worker is stopped or killed, and at the latest when this process
        # exits (multiprocessing terminates daemon workers then; they cannot clean up)
        self._cleanup = weakref.finalize(self, shutil.rmtree, self.tmp, ignore_errors=True)
        self.conn, child = ctx.Pipe()
        self.process: BaseProcess = ctx.Process(
            target=serve, args=(child, self.tmp), daemon=True, name="jobpacket-render"
        )
        self.process.start()
        child.close()
        self.ready = False  # until its READY message is read: the job's clock waits for it

    def run(
        self, job: RenderJob, timeout: float | None, why: str = "", memory_mb: float | None = None
    ) -> tuple[str, Any, list[Any]]:
        """Send one job and wait for its answer. On a timeout, memory over `memory_mb`, a
        crash or an interruption the process is killed (it could otherwise answer this job
        to the next caller)."""
        try:
            self.conn.send((JOB, job))  # a new process reads it once WeasyPrint is in
            if not self.ready:
                self._wait_ready(job.what, memory_mb)
            waited = self._wait(timeout, memory_mb)
        except (BrokenPipeError, ConnectionResetError, EOFError):
            self.kill()
            raise WorkerCrashed(
                f"{job.what}: the PDF rendering process ended before it took the job (exit "
                f"code {self.process.exitcode}); {_CRASH_HINT}"
            ) from None
        except BaseException:
            self.kill()
            raise
        if waited == "memory":
            self.kill()
            raise RenderTooLarge(_too_large(job.what, memory_mb))
        if waited == "time":
            self.kill()
            raise RenderTimeout(_too_long(job.what, timeout, why))
        try:
            answer: tuple[str, Any, list[Any]] = self.conn.recv()
        except BaseException as exc:
            self.kill()
            if isinstance(exc, (EOFError, OSError)):
                raise WorkerCrashed(
                    f"{job.what}: the PDF rendering process ended without an answer (exit "
                    f"code {self.process.exitcode}); {_CRASH_HINT}"
                ) from None
            raise
        return answer

    def _wait_ready(self, what: str, memory_mb: float | None) -> None:
        """Wait until the process has imported WeasyPrint, so that the time limit counts the
        render alone: on a busy machine a process's start can take longer than a short
        limit, and the message would blame the document. EOFError when it dies first."""
        waited = self._wait(_START_LIMIT, memory_mb)
        if waited == "memory":
            raise RenderTooLarge(_too_large(what, memory_mb))
        if waited == "time":
            raise WorkerCrashed(
                f"{what}: the PDF rendering process did not start within {_START_LIMIT:g} s; "
                f"{_CRASH_HINT}"
            )
        kind, _, _ = self.conn.recv()
        if kind != READY:
            raise WorkerCrashed(f"{what}: the PDF rendering process answered out of turn")
        self.ready = True

    def _wait(self, timeout: float | None, memory_mb: float | None) -> str:
        """ "answer", "time" or "memory": what came first. Memory is looked at ten times a
        second, the way the time limit is kept: from outside, by the parent."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            step = _MEMORY_POLL if memory_mb is not None else None
            if deadline is not None:
                left = deadline - time.monotonic()
                if left <= 0:
                    return "time"
                step = left if step is None else min(step, left)
            if self.conn.poll(step):
                return "answer"
            if memory_mb is not None and self.process.pid is not None:
                used = resident_mb(self.process.pid)
                if used is not None and used > memory_mb:
                    return "memory"

    def resident_mb(self) -> float | None:
        return resident_mb(self.process.pid) if self.process.pid is not None else None

    def alive(self) -> bool:
        return self.process.is_alive()

    def kill(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()
        self._cleanup()

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            self.conn.send((STOP, None))
        self.process.join(2)
        if self.process.is_alive():
            self.kill()
        else:
            self.conn.close()
            self._cleanup()


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
        self._ctx: _Context | None = None
        # None in the queue: a worker fewer (a failed prestart, one killed or recycled); a
        # waiting caller then starts its own
        self._idle: queue.SimpleQueue[_Worker | None] = queue.SimpleQueue()
        self._count = 0
        self._starting = 0  # prestarts under way
        self._lock = threading.Lock()

    def _new_worker(self) -> _Worker:
        """Start a worker; the caller has counted it."""
        if self._ctx is None:
            self._ctx = _context(self.method)
        return _Worker(self._ctx)

    def _take(self) -> _Worker:
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

    def _give_back(self, worker: _Worker) -> None:
        self._idle.put(worker)

    def _give_back_or_recycle(self, worker: _Worker) -> None:
        """A worker still holding the memory of a long document is stopped (the next job
        starts a fresh one), so a long-running `mkdocs serve` does not keep that peak."""
        limit = self.recycle_mb
        used = worker.resident_mb() if limit is not None else None
        if limit is not None and used is not None and used > limit:
            worker.stop()
            self._uncount()
            return
        self._give_back(worker)

    def _discard(self, worker: _Worker) -> None:
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
            worker: _Worker | None = None
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
            timeout_message=_too_long(job.what, seconds, why),
            memory_message=_too_large(job.what, self.memory_mb),
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

    def render_settled(self, jobs: Sequence[RenderJob]) -> list[bytes | UserError]:
        """Render on up to `size` workers at once; each job's PDF or user error, in order."""

        def one(job: RenderJob) -> bytes | UserError:
            try:
                return self._render_on_worker(job) if len(jobs) > 1 else self.render(job)
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


def render_settled(jobs: Sequence[RenderJob]) -> list[bytes | UserError]:
    """PDF bytes or the user error for each job, on up to one worker per core."""
    return pool().render_settled(jobs)


def shutdown() -> None:
    """Stop the idle workers (MkDocs' on_shutdown; the CLI lets exit do it)."""
    with _pool_lock:
        if _pool is not None:
            _pool.close()
