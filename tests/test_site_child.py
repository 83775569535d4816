"""A site engine run as a child process ends with jobpacket's (site/child.py): on an error, on
Ctrl-C, on SIGTERM, and by force when it ignores being asked. Through `jobpacket site serve`
it is tested in test_site_engines.py."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from typing import Any

import pytest

from jobpacket.site.child import stopping

#: A stand-in for an engine's server: says it is up, then serves until stopped.
SERVER = "import time; print('serving', flush=True); time.sleep(60)"
#: One that ignores SIGTERM, as a server stuck in a handler would.
STUBBORN = (
    "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); "
    "print('serving', flush=True); time.sleep(60)"
)


def _start(code: str) -> subprocess.Popen[Any]:
    process = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None and process.stdout.readline() == "serving\n"
    return process


def test_an_error_stops_the_child_and_goes_on_up() -> None:
    process = _start(SERVER)
    with pytest.raises(RuntimeError, match="config broke"), stopping(process):
        raise RuntimeError("config broke")
    assert process.returncode == -signal.SIGTERM


def test_ctrl_c_stops_the_child_quietly() -> None:
    process = _start(SERVER)
    with stopping(process):
        raise KeyboardInterrupt
    assert process.returncode == -signal.SIGTERM


def test_sigterm_to_jobpacket_stops_the_child_and_exits_143() -> None:
    before = signal.getsignal(signal.SIGTERM)
    process = _start(SERVER)
    with pytest.raises(SystemExit) as caught, stopping(process):
        os.kill(os.getpid(), signal.SIGTERM)
    assert caught.value.code == 128 + signal.SIGTERM
    assert process.returncode == -signal.SIGTERM
    assert signal.getsignal(signal.SIGTERM) is before  # the handler is put back


def test_a_child_that_ignores_sigterm_is_killed(monkeypatch: pytest.MonkeyPatch) -> None:
    process = _start(STUBBORN)
    wait = process.wait
    # the grace period is 10 s; a tenth of a second shows the same path
    monkeypatch.setattr(process, "wait", lambda timeout=None: wait(timeout and 0.1))
    with stopping(process):
        pass
    assert process.returncode == -signal.SIGKILL


def test_a_child_that_already_ended_is_left_alone() -> None:
    process = subprocess.Popen([sys.executable, "-c", "raise SystemExit(3)"])
    process.wait()
    with stopping(process):
        pass
    assert process.returncode == 3
