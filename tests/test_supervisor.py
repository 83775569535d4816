"""The line between a watched command and its launcher (supervisor.py): what a render
reports, and that the pipe's descriptor never reaches a process the command starts.
The launcher's side, with real processes, is in test_launch.py."""

from __future__ import annotations

import os

import pytest

from jobpacket import supervisor


def test_limits_travel_as_one_line_and_come_back_the_same() -> None:
    limits = supervisor.Limits("acme/cover-letter", 7.5, None, "too long: ü\nnext", "too big")
    line = limits.encode()
    assert line.startswith(b"start ") and line.endswith(b"\n") and line.count(b"\n") == 1
    back = supervisor.Limits.decode(line.rstrip(b"\n"))
    assert (back.what, back.seconds, back.memory_mb) == ("acme/cover-letter", 7.5, None)
    assert (back.timeout_message, back.memory_message) == ("too long: ü\nnext", "too big")


def test_adopting_takes_the_descriptor_out_of_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    read, write = os.pipe()
    monkeypatch.setattr(supervisor, "_fd", None)
    monkeypatch.setenv(supervisor.ENV, str(write))
    try:
        supervisor.adopt()
        assert supervisor.supervised()
        assert supervisor.ENV not in os.environ
        assert not os.get_inheritable(write), "a child process would not get it"
        limits = supervisor.Limits("doc", 1.0, 2.0, "t", "m")
        with supervisor.rendering(limits):
            pass
        os.close(write)
        with os.fdopen(read, "rb") as pipe:
            assert pipe.read() == limits.encode() + supervisor.DONE
    finally:
        monkeypatch.setattr(supervisor, "_fd", None)


def test_no_launcher_no_reports(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(supervisor, "_fd", None)
    monkeypatch.setenv(supervisor.ENV, "not-a-descriptor")
    supervisor.adopt()
    assert not supervisor.supervised()
    with supervisor.rendering(supervisor.Limits("doc", None, None, "t", "m")):
        pass  # nothing to write to, and no error


def test_resident_memory_is_read_from_proc() -> None:
    mine = supervisor.resident_mb(os.getpid())
    assert mine is not None and mine > 1
    assert supervisor.resident_mb(2**22 + 12345) is None  # no such process
