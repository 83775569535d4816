"""print/renderloop.py: the loop a render process runs, driven here over a real pipe on a
thread of this process (the worker tests drive it in real processes)."""

from __future__ import annotations

import threading
from multiprocessing import Pipe
from pathlib import Path

from pypdf import PdfReader

from jobpacket.print.renderjob import RefusedFetch, RenderJob
from jobpacket.print.renderloop import JOB, READY, STOP, serve


def _job(html: str, roots: tuple[Path, ...] = ()) -> RenderJob:
    return RenderJob(html=html, stylesheets=(), roots=roots, identifier=b"0" * 16, what="cv")


def test_each_job_is_answered_in_turn_and_stop_ends_the_loop(tmp_path: Path) -> None:
    parent, child = Pipe()
    loop = threading.Thread(target=serve, args=(child, str(tmp_path)), daemon=True)
    loop.start()
    # Once WeasyPrint is imported the loop says so: the parent starts a job's clock then.
    assert parent.recv() == (READY, None, [])
    parent.send((JOB, _job('<html lang="en"><p>Ann Lee, data engineer</p></html>')))
    kind, (pdf, pages), logs = parent.recv()
    assert kind == "ok" and pages == 1 and pdf.startswith(b"%PDF-")
    (tmp_path / "out.pdf").write_bytes(pdf)
    assert "Ann Lee" in PdfReader(tmp_path / "out.pdf").pages[0].extract_text()
    assert logs == []

    # WeasyPrint's warnings during a job come back with its answer, for the parent to log.
    parent.send((JOB, _job("<p>no language</p>")))
    kind, _, logs = parent.recv()
    assert kind == "ok" and [(name, level) for name, level, _ in logs] == [("weasyprint", 40)]
    assert "lang" in logs[0][2]

    # A user error comes back as the error, and the loop goes on.
    outside = tmp_path.parent / "elsewhere.png"
    parent.send((JOB, _job(f'<img src="{outside.as_uri()}">', roots=(tmp_path,))))
    kind, error, _ = parent.recv()
    assert kind == "error" and isinstance(error, RefusedFetch)

    parent.send((STOP, None))
    loop.join(timeout=30)
    assert not loop.is_alive()


def test_a_closed_pipe_ends_the_loop(tmp_path: Path) -> None:
    parent, child = Pipe()
    loop = threading.Thread(target=serve, args=(child, str(tmp_path)), daemon=True)
    loop.start()
    parent.close()
    loop.join(timeout=30)
    assert not loop.is_alive()
