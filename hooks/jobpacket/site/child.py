"""A site engine run as a child process ends with jobpacket's.

`jobpacket site build|serve` runs the engine's own command (MkDocs, ProperDocs) or Zensical's
server as a child. A user stops it with Ctrl-C, a service manager or a test with SIGTERM;
either way, and on any error, the child is stopped too, so no server is left running
without its parent.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


@contextmanager
def stopping(process: subprocess.Popen[Any]) -> Iterator[None]:
    """The engine's process ends with this one: on Ctrl-C, on SIGTERM (a service manager,
    a test) and on any error, so no server is left running without its parent."""
    previous = signal.getsignal(signal.SIGTERM)
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))
    try:
        yield
    except KeyboardInterrupt:
        pass
    finally:
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGTERM, previous)
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


__all__ = ["stopping"]
