"""The `jobpacket` command's entry point: a one-shot render runs in one full interpreter,
watched by a small one.

A layout cannot be stopped safely from inside the process that runs it (a signal raised
inside WeasyPrint may be swallowed or leave it half-changed; a thread cannot be stopped at
all), so the time and memory limits of a render are kept by another process that can kill
it. For `mkdocs serve` and builds that process is the site's process, and the renders run
in a pool of warm workers (print/worker.py). For a one-shot command (`jobpacket pdf`,
`letter`, `packet`, `brief`) a worker is a second full interpreter that imports jobpacket
again, talks through pickles and brings multiprocessing's resource tracker along. So this
launcher, which imports only the standard library, starts the real command as its child
(same arguments, same standard input, output and error), and the child renders its
document in its own process. Before each render the child says, over a pipe
(supervisor.py), which document it renders under which limits; the launcher kills it when
the time is up or its memory passes the limit, and prints the located message the child
gave it, exit status 1. Nothing is half-written: a command writes its files only after
its render, by write-then-rename. Ctrl-C stops the child (it gets the terminal's interrupt
itself; the launcher kills it if it has not ended a moment later). Any other exit status
of the child is relayed as is.

Why this design and when: measured side by side (benchmarks/bench_pdf.py,
benchmarks/README.md), it costs less CPU time and far less memory summed over all
processes, which is all that counts on a busy machine. On a machine with a core to spare,
the worker's head start (importing WeasyPrint on that core while the command loads and
proofreads the profile) makes the command end sooner, for the memory of a second
interpreter. So the launcher asks the load average: with more than a core idle, the command
runs directly and renders on a worker; otherwise as above. `JOBPACKET_ONE_PROCESS` (1 or 0)
decides instead; the launcher reads it itself, as it imports nothing of jobpacket's settings
before it knows which way to go. Every other command runs in this process directly, with no
child at all. Should the launcher itself be told to stop (SIGTERM), it stops the child first.
Where there is no fork-free way to hand the child a pipe (Windows), one-shot renders go
through the worker as before.
"""

from __future__ import annotations

import os
import sys

from . import supervisor

TYPE_CHECKING = False  # not typing's: this module imports as little as it can
if TYPE_CHECKING:
    from typing import NoReturn

#: Commands that render a document once and exit.
ONE_SHOT = frozenset({"pdf", "letter", "packet", "brief"})
#: Seconds between two looks at the child's memory during a render.
POLL = 0.1
#: Seconds the child gets to end on its own after Ctrl-C before it is killed.
GRACE = 1.0
#: "1": a one-shot render runs in the command's own process under this launcher; "0": on a
#: worker beside it; unset: by the machine's load (`one_process`).
ONE_PROCESS = "JOBPACKET_ONE_PROCESS"


def main() -> None:
    """Run the command: in this process, or as a watched child for a one-shot render."""
    args = sys.argv[1:]
    if supervisor.ENV in os.environ:  # the watched child
        supervisor.adopt()
        _run_here(args)
    if os.name == "posix" and _command(args) in ONE_SHOT:
        choice = os.environ.get(ONE_PROCESS)
        if choice not in (None, "", "0", "1"):
            print(
                f"error: {ONE_PROCESS}={choice!r}: use 1 (render in the command's own "
                "process: least memory) or 0 (on a second core: sooner on an idle machine)",
                file=sys.stderr,
            )
            sys.exit(1)
        if one_process(choice, _load(), os.cpu_count() or 1):
            sys.exit(supervise(args))
    _run_here(args)


def one_process(choice: str | None, load: float | None, cores: int) -> bool:
    """Whether a one-shot render runs in the command's own process: as `choice` says, else
    unless more than one core is idle (`load`, from `_load`: one core for the command, one
    for a worker to import WeasyPrint meanwhile)."""
    if choice in ("0", "1"):
        return choice == "1"
    return load is None or load >= cores - 1


def _load() -> float | None:
    """How many cores other work takes: the smaller of the last minute's load average and
    the processes running at this instant besides this one (/proc/loadavg). The average
    alone lags: a build that just ended keeps it near one core for a minute on a machine
    that is idle now, and the render that follows would then leave the spare core unused."""
    try:
        average = os.getloadavg()[0]
    except OSError:  # not known on this system
        return None
    running = _running_now()
    return average if running is None else min(average, float(max(running - 1, 0)))


def _running_now() -> int | None:
    """Processes running or ready to run at this instant, this one included (Linux)."""
    try:
        with open("/proc/loadavg", encoding="ascii") as fh:
            return int(fh.read().split()[3].split("/")[0])
    except (OSError, ValueError, IndexError):
        return None


def _run_here(args: list[str]) -> NoReturn:
    from .cli import main as cli

    cli(args=args, prog_name="jobpacket")
    sys.exit(0)  # click exits itself; this only satisfies NoReturn


def _command(args: list[str]) -> str | None:
    """The subcommand: the first argument that is not an option of the group."""
    for arg in args:
        if not arg.startswith("-"):
            return arg
        if arg in ("--help", "-h", "--version"):
            return None
    return None


def supervise(args: list[str]) -> int:
    """Run `jobpacket ARGS` as a child that renders in-process, keeping its limits; the
    exit status to leave with. The child is started with posix_spawn and reaped with
    waitpid: the subprocess module would cost this small process more than the rest."""
    import signal

    child: dict[str, int] = {}

    def terminated(signum: int, frame: object) -> None:
        if "pid" not in child:  # not started yet: stopped as soon as it is
            child["stop"] = signum
            return
        _kill(child["pid"])  # a render left running would write its files after all
        sys.exit(128 + signum)

    # Installed before the child exists: a SIGTERM arriving between the spawn and the
    # handler would otherwise end this process and leave the child rendering on its own.
    signal.signal(signal.SIGTERM, terminated)
    read, write = os.pipe()
    os.set_inheritable(write, True)
    env = {**os.environ, supervisor.ENV: str(write)}
    try:
        pid = os.posix_spawn(sys.executable, [sys.executable, "-m", "jobpacket.launch", *args], env)
    finally:
        os.close(write)
    child["pid"] = pid
    if "stop" in child:
        _kill(pid)
        os.close(read)
        return 128 + child["stop"]
    try:
        return _watch(pid, read)
    except KeyboardInterrupt:
        # The terminal sent the child the same interrupt: it gets a moment to end itself.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        code = _wait(pid, GRACE)
        if code is not None:
            return code
        _kill(pid)
        print("Aborted!", file=sys.stderr)
        return 130
    finally:
        os.close(read)


def _watch(pid: int, fd: int) -> int:
    """Follow the child's reports until it ends; kill it when a render crosses a limit."""
    import select
    import time

    buffer = b""
    limits: supervisor.Limits | None = None
    deadline: float | None = None
    while True:
        wait: float | None = None
        if limits is not None:
            wait = POLL if limits.memory_mb is not None else None
            if deadline is not None:
                left = max(0.0, deadline - time.monotonic())
                wait = left if wait is None else min(wait, left)
        if select.select([fd], [], [], wait)[0]:
            chunk = os.read(fd, 65536)
            if not chunk:  # the child ended (nothing else holds the pipe)
                break
            buffer += chunk
            while b"\n" in buffer:
                line, buffer = buffer.split(b"\n", 1)
                if line.startswith(b"start "):
                    limits = supervisor.Limits.decode(line)
                    seconds = limits.seconds
                    deadline = None if seconds is None else time.monotonic() + seconds
                elif line + b"\n" == supervisor.DONE:
                    limits = deadline = None
        if limits is None:
            continue
        if deadline is not None and time.monotonic() >= deadline:
            return _stop(pid, limits.timeout_message)
        if limits.memory_mb is not None:
            used = supervisor.resident_mb(pid)
            if used is not None and used > limits.memory_mb:
                return _stop(pid, limits.memory_message)
    code = _wait(pid, None)
    assert code is not None
    if code >= 0:
        return code
    during = f" while rendering {limits.what}" if limits is not None else ""
    print(
        f"error: the jobpacket process was stopped by signal {-code}{during} (out of memory, "
        "or a crash in a native library); try again, and report it if it recurs",
        file=sys.stderr,
    )
    return 1


def _wait(pid: int, timeout: float | None) -> int | None:
    """The child's exit status (minus the signal that ended it), or None if it still runs
    after `timeout` seconds."""
    import time

    end = None if timeout is None else time.monotonic() + timeout
    while True:
        done, status = os.waitpid(pid, 0 if end is None else os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        if end is not None and time.monotonic() >= end:
            return None
        time.sleep(0.02)


def _kill(pid: int) -> None:
    import signal

    try:
        os.kill(pid, signal.SIGKILL)
        _wait(pid, None)
    except (ProcessLookupError, ChildProcessError):  # already ended and reaped
        return


def _stop(pid: int, message: str) -> int:
    """Kill the child for crossing a limit, and say which."""
    _kill(pid)
    print(f"error: {message}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    main()
