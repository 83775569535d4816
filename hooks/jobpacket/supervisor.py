"""The line from a command that renders in its own process to the launcher watching it.

A one-shot render (`jobpacket pdf`, `letter`, `packet`, `brief`) lays its document out in the
command's own process (launch.py says why). The time and memory limits are still kept from
outside: the launcher that started the command holds the other end of a pipe, and before
each render the command tells it what it is rendering and under which limits, with the
messages to print should a limit be crossed; after the render, that it is done. The
launcher kills the command when a limit is crossed, which is as safe as killing a render
worker: nothing is written before a render ends (outputs are written, then renamed).

The pipe's descriptor comes in the environment variable `ENV`, which `adopt()` takes out
at once, so that no process the command starts (a render pool, git) believes it is watched.
Only the standard library: the launcher imports this module too.
"""

from __future__ import annotations

import os

TYPE_CHECKING = False
if TYPE_CHECKING:
    from types import TracebackType

#: The environment variable that carries the pipe's descriptor to the command.
ENV = "JOBPACKET_SUPERVISOR"
DONE = b"done\n"
_FIELDS = ("what", "seconds", "memory_mb", "timeout_message", "memory_message")
_fd: int | None = None


class Limits:
    """What one render may use, and what to say when it uses more. A plain class (no
    dataclass): the launcher imports this module, and it imports nothing it can avoid."""

    __slots__ = _FIELDS

    def __init__(
        self,
        what: str,
        seconds: float | None,
        memory_mb: float | None,
        timeout_message: str,
        memory_message: str,
    ) -> None:
        self.what = what  # the document, for a crash message
        self.seconds = seconds
        self.memory_mb = memory_mb
        self.timeout_message = timeout_message
        self.memory_message = memory_message

    def encode(self) -> bytes:
        """One line for the pipe (a write of under 4 KB to a pipe is never interleaved)."""
        import json

        fields = {name: getattr(self, name) for name in _FIELDS}
        return b"start " + json.dumps(fields).encode("utf-8") + b"\n"

    @classmethod
    def decode(cls, line: bytes) -> Limits:
        import json

        return cls(**json.loads(line.removeprefix(b"start ").decode("utf-8")))


def adopt() -> None:
    """Take the pipe's descriptor out of the environment (the launcher's child calls this
    first): from now on renders in this process report to the launcher."""
    global _fd
    value = os.environ.pop(ENV, None)
    if value is None or not value.isdigit():
        return
    fd = int(value)
    try:
        os.set_inheritable(fd, False)
    except OSError:
        return
    _fd = fd


def supervised() -> bool:
    """Whether a launcher watches this process (its renders may run here)."""
    return _fd is not None


def _send(data: bytes) -> None:
    if _fd is None:
        return
    try:
        os.write(_fd, data)
    except OSError:  # the launcher is gone: nothing can kill this render anyway
        return


def resident_mb(pid: int) -> float | None:
    """A process's resident memory in MB, from /proc (Linux); None where it cannot be read,
    and there the memory limit is not kept."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as fh:
            pages = int(fh.read().split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE") / (1024 * 1024)


class rendering:
    """Tell the launcher a render starts under `limits`, and that it ended."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits

    def __enter__(self) -> None:
        _send(self.limits.encode())

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        _send(DONE)
