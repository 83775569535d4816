"""print/renderprocess.py: one render process under its limits, driven here for real (the
pool that shares several is tested in test_print_worker.py)."""

from __future__ import annotations

import os
import signal
import threading

import pytest

from jobpacket.print.renderjob import RenderJob, RenderTimeout, WorkerCrashed
from jobpacket.print.renderprocess import RenderProcess, start_context

from .pdf_support import text


def test_a_render_process_slow_to_start_is_not_charged_to_the_document() -> None:
    """The time limit measures the render: a new process that is held up before it has
    imported WeasyPrint (a busy machine, here a stopped process) does not make a short
    document "take longer than 3 s"."""
    worker = RenderProcess(start_context("spawn"))
    assert worker.process.pid is not None
    os.kill(worker.process.pid, signal.SIGSTOP)  # long before it can have imported anything
    resume = threading.Timer(4.0, os.kill, (worker.process.pid, signal.SIGCONT))
    resume.start()
    try:
        # held for 4 s before its start; a 3 s limit is kept for the render alone
        kind, value, _ = worker.run(RenderJob("<p>short</p>", (), (), b"s"), timeout=3.0)
        assert kind == "ok" and "short" in text(value[0])
    finally:
        resume.cancel()
        worker.stop()


def _long_html() -> str:
    return "<html><body>" + ("<p>" + "word " * 4000 + "</p>") * 30 + "</body></html>"


def test_a_render_past_its_limit_is_killed_with_a_message_naming_the_document() -> None:
    worker = RenderProcess(start_context("spawn"))
    try:
        kind, _, _ = worker.run(RenderJob("<p>warm</p>", (), (), b"w"), timeout=60.0)
        assert kind == "ok"
        job = RenderJob(_long_html(), (), (), b"l", what="cover letter")
        with pytest.raises(RenderTimeout, match=r"^cover letter: rendering took longer than 0.5 s"):
            worker.run(job, timeout=0.5)
        assert not worker.alive(), "killed: it could otherwise answer the next caller"
    finally:
        worker.stop()


def test_a_process_that_dies_before_it_answers_is_a_crash_not_a_hang() -> None:
    worker = RenderProcess(start_context("spawn"))
    assert worker.process.pid is not None
    os.kill(worker.process.pid, signal.SIGKILL)
    with pytest.raises(WorkerCrashed, match=r"^resume: the PDF rendering process ended"):
        worker.run(RenderJob("<p>x</p>", (), (), b"x", what="resume"), timeout=60.0)
