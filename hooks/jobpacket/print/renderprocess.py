"""One render process and the parent's end of its pipe: started, sent jobs, waited on under
the time and memory limits, and killed when a limit is crossed (print/worker.py's pool keeps
several and decides which one takes a job).

The process runs print/renderloop.py. Its clock starts when the process says it has imported
WeasyPrint, so that a limit measures the render and not a busy machine's process start.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import time
from typing import TYPE_CHECKING, Any

from ..supervisor import resident_mb
from .renderjob import RenderJob, RenderTimeout, RenderTooLarge, WorkerCrashed
from .renderloop import JOB, READY, STOP, serve

if TYPE_CHECKING:
    # ForkServerContext does not exist on Windows.
    from multiprocessing.context import ForkServerContext, SpawnContext
    from multiprocessing.process import BaseProcess

    Context = ForkServerContext | SpawnContext

_MEMORY_POLL = 0.1
#: How long a new render process may take to import WeasyPrint before it counts as hung. Not
#: the user's time limit: that one measures the render alone.
_START_LIMIT = 120.0
CRASH_HINT = (
    "when jobpacket runs inside your own Python script, put the calls under "
    "`if __name__ == '__main__':` (render processes import the script again); otherwise "
    "try again, and report it if it recurs"
)


def too_large(what: str, memory_mb: float | None) -> str:
    return (
        f"{what}: rendering needed more than {memory_mb or 0:.0f} MB of memory and was "
        "stopped; shorten the profile's text, or raise JOBPACKET_RENDER_MEMORY (in MB) "
        "if it really is that long"
    )


def too_long(what: str, timeout: float | None, why: str) -> str:
    return (
        f"{what}: rendering took longer than {timeout or 0:g} s{why} and was stopped; "
        "shorten the profile's text, or raise JOBPACKET_RENDER_TIMEOUT if it really "
        "is that long"
    )


def start_context(method: str | None = None) -> Context:
    """The fork server where it exists, else spawn; `method="spawn"` asks for spawn."""
    methods = multiprocessing.get_all_start_methods()
    if method != "spawn" and "forkserver" in methods:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["jobpacket.print.pdf"])
        return ctx
    return multiprocessing.get_context("spawn")


class RenderProcess:
    """One render process and the parent's end of its pipe."""

    def __init__(self, ctx: Context) -> None:
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
                f"code {self.process.exitcode}); {CRASH_HINT}"
            ) from None
        except BaseException:
            self.kill()
            raise
        if waited == "memory":
            self.kill()
            raise RenderTooLarge(too_large(job.what, memory_mb))
        if waited == "time":
            self.kill()
            raise RenderTimeout(too_long(job.what, timeout, why))
        try:
            answer: tuple[str, Any, list[Any]] = self.conn.recv()
        except BaseException as exc:
            self.kill()
            if isinstance(exc, (EOFError, OSError)):
                raise WorkerCrashed(
                    f"{job.what}: the PDF rendering process ended without an answer (exit "
                    f"code {self.process.exitcode}); {CRASH_HINT}"
                ) from None
            raise
        return answer

    def _wait_ready(self, what: str, memory_mb: float | None) -> None:
        """Wait until the process has imported WeasyPrint, so that the time limit counts the
        render alone: on a busy machine a process's start can take longer than a short
        limit, and the message would blame the document. EOFError when it dies first."""
        waited = self._wait(_START_LIMIT, memory_mb)
        if waited == "memory":
            raise RenderTooLarge(too_large(what, memory_mb))
        if waited == "time":
            raise WorkerCrashed(
                f"{what}: the PDF rendering process did not start within {_START_LIMIT:g} s; "
                f"{CRASH_HINT}"
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
