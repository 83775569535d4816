"""Run a command and count everything it costs: its whole process tree, not just its root.

Every benchmark script times commands through `measure(cmd, env, cwd)`, which returns:

- wall: seconds from the start until the command itself exits (when a shell would give the
  prompt back), and `gone`: until every process it started has exited too;
- cpu: user + system seconds of every process of the tree. The command's own rusage from
  `os.wait4` already includes every descendant it waited for; a helper that outlived its
  parent (a fork server, multiprocessing's resource tracker, an orphaned worker) is
  reparented to this process, made a child subreaper on Linux (PR_SET_CHILD_SUBREAPER), and
  reaped here with its CPU time added;
- pss_mb: the peak of the summed proportional set size (Pss from /proc/PID/smaps_rollup) of
  every live process of the tree, sampled every few milliseconds. PSS is the measure that
  can be summed: a page shared by N processes (the interpreter, shared libraries, pages a
  forked worker still shares with its parent) counts 1/N in each, so it is counted once in
  the sum, as the machine pays for it. Sampling can miss a peak shorter than the interval,
  which grows with the tree's size (see `pause`);
- hwm_mb: the sum over the tree's processes of each one's own peak resident size (VmHWM of
  /proc/PID/status, the last value seen). Exact per process, but an upper bound for the
  tree: it counts shared pages once per process and adds peaks that may not coincide. Kept
  because it cannot miss a short peak, and it is what `ru_maxrss` reports for one process.

The descendants are found by walking /proc/PID/task/TID/children from this process, so a
process that left the tree by a double fork is still found (as an orphan it is reparented
here). Without /proc (not Linux) the memory figures are NaN and CPU counts only what the
command waited for. Only the standard library: a benchmark adds no dependency.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

#: Seconds between two memory samples of the tree, at the least.
INTERVAL = 0.004
#: The sampler rests this many times as long as its last look at the tree took. Reading
#: smaps_rollup walks a process's page tables, so a look costs more the more memory the
#: measured command holds; at a fixed short interval the sampler of a large render kept a
#: core busy and slowed the very command it measured, more at a larger scale (which bent the
#: growth exponents of bench_scale.py). Resting 19 times as long keeps it under 5 % of a core.
REST_RATIO = 19
_subreaper: bool | None = None
#: This process's own children that are not part of any measured tree (`Busy`'s loops).
_outside: set[int] = set()


@dataclass(frozen=True)
class Cost:
    wall: float
    gone: float
    cpu: float
    pss_mb: float
    hwm_mb: float
    stdout: bytes = b""  # with `measure(..., capture=True)`


def become_subreaper() -> bool:
    """Linux: orphans of the measured commands are reparented to this process (and their CPU
    time can be collected by reaping them)."""
    global _subreaper
    if _subreaper is None:
        _subreaper = False
        if sys.platform == "linux":
            import ctypes

            _subreaper = ctypes.CDLL(None).prctl(36, 1, 0, 0, 0) == 0
    return _subreaper


def _children(pid: int) -> list[int]:
    kids: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return kids
    for tid in tasks:
        try:
            with open(f"/proc/{pid}/task/{tid}/children", "rb") as fh:
                kids.extend(int(x) for x in fh.read().split())
        except OSError:
            continue
    return kids


def descendants(root: int, outside: frozenset[int] = frozenset()) -> list[tuple[int, int]]:
    """(process, its parent) for every process below `root` (this process: the command and
    the orphans it left), except `outside` and the Busy loops."""
    found: list[tuple[int, int]] = []
    todo = [(pid, root) for pid in _children(root) if pid not in _outside | outside]
    while todo:
        pid, parent = todo.pop()
        found.append((pid, parent))
        todo.extend((kid, pid) for kid in _children(pid))
    return found


def _field_kb(path: str, name: bytes) -> int | None:
    try:
        with open(path, "rb") as fh:
            for line in fh:
                if line.startswith(name):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return None


class _Sampler(threading.Thread):
    """Samples the summed PSS and each process's VmHWM of this process's descendants."""

    def __init__(self, outside: frozenset[int] = frozenset()) -> None:
        super().__init__(daemon=True, name="proctree-sampler")
        self.outside = outside
        self.stop = threading.Event()
        self.peak_pss_kb = 0
        self.hwm_kb: dict[int, int] = {}
        self.ok = Path("/proc/self/smaps_rollup").exists()

    def sample(self) -> None:
        """One look at the tree. A child between vfork and exec (how subprocess starts a
        program) shares its parent's memory map, so /proc shows the parent's figures twice:
        a child whose Rss and Pss equal its parent's exactly is skipped (a forked child's
        would be halved, each side then owning half of the shared pages)."""
        tree = descendants(os.getpid(), self.outside)
        seen: dict[int, tuple[int | None, int | None]] = {}
        for pid, _ in tree:
            rollup = f"/proc/{pid}/smaps_rollup"
            seen[pid] = (_field_kb(rollup, b"Rss:"), _field_kb(rollup, b"Pss:"))
        total = 0
        for pid, parent in tree:
            rss, pss = seen[pid]
            if pss is None or (rss, pss) == seen.get(parent):
                continue
            total += pss
            hwm = _field_kb(f"/proc/{pid}/status", b"VmHWM:")
            if hwm is not None:
                self.hwm_kb[pid] = max(hwm, self.hwm_kb.get(pid, 0))
        self.peak_pss_kb = max(self.peak_pss_kb, total)

    def run(self) -> None:
        while not self.stop.is_set():
            start = time.perf_counter()
            self.sample()
            self.stop.wait(pause(time.perf_counter() - start))


def pause(look: float) -> float:
    """Seconds to wait after a look at the tree that took `look` seconds: INTERVAL, or
    REST_RATIO times the look when that is longer, so that sampling a command that holds a
    lot of memory does not take the cores it runs on."""
    return max(INTERVAL, REST_RATIO * look)


def measure(
    cmd: list[str],
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    stdin: bytes = b"",
    capture: bool = False,
) -> Cost:
    """Run `cmd` to the end of its whole process tree; raise SystemExit with its error output
    when it fails. Its output goes to files, never to pipes that a helper could hold open;
    with `capture`, its standard output comes back in `Cost.stdout`."""
    reaper = become_subreaper()
    # this process's own children (a render pool a benchmark started in-process, say) are not
    # the command's: waiting for them as orphans would wait forever
    before = frozenset(_children(os.getpid()))
    sampler = _Sampler(before)
    with (
        tempfile.TemporaryFile() as err,
        tempfile.TemporaryFile() as inp,
        tempfile.TemporaryFile() as out,
    ):
        inp.write(stdin)
        inp.seek(0)
        start = time.perf_counter()
        proc = subprocess.Popen(
            cmd,
            cwd=cwd,
            env=env,
            stdin=inp,
            stdout=out if capture else subprocess.DEVNULL,
            stderr=err,
            start_new_session=True,
        )
        if sampler.ok:
            sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = code = os.waitstatus_to_exitcode(status)
        cpu = usage.ru_utime + usage.ru_stime
        if reaper:
            while orphans := [
                p for p in _children(os.getpid()) if p not in _outside and p not in before
            ]:
                for pid in orphans:  # reparented here: reaped, and their CPU time counted
                    try:
                        _, _, more = os.wait4(pid, 0)
                    except ChildProcessError:
                        continue
                    cpu += more.ru_utime + more.ru_stime
        else:
            cpu = float("nan")
        gone = time.perf_counter() - start
        if sampler.ok:
            sampler.stop.set()
            sampler.join()
        if code != 0:
            err.seek(0)
            raise SystemExit(f"{' '.join(cmd)} failed ({code}):\n{err.read().decode()[-2000:]}")
        out.seek(0)
        output = out.read()
    nan = float("nan")
    return Cost(
        wall=wall,
        gone=gone,
        cpu=cpu,
        pss_mb=sampler.peak_pss_kb / 1024 if sampler.ok else nan,
        hwm_mb=sum(sampler.hwm_kb.values()) / 1024 if sampler.ok else nan,
        stdout=output,
    )


def load_average() -> str:
    """The 1, 5 and 15 minute load averages, for the report (a busy machine reads slower)."""
    try:
        one, five, fifteen = os.getloadavg()
    except OSError:
        return "load average unknown"
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} ({os.cpu_count()} cores)"


class Busy:
    """`with Busy(n):` keeps n pure-Python loops spinning (each its own process): a machine
    whose cores other work wants, as a laptop with a browser and a build is."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.procs: list[subprocess.Popen[bytes]] = []

    def __enter__(self) -> Busy:
        for _ in range(self.n):
            proc = subprocess.Popen([sys.executable, "-c", "while 1: pass"])
            self.procs.append(proc)
            _outside.add(proc.pid)
        return self

    def __exit__(self, *exc: object) -> None:
        for p in self.procs:
            p.kill()
            p.wait()
            _outside.discard(p.pid)


def median(values: list[float]) -> float:
    import statistics

    return statistics.median(values)
