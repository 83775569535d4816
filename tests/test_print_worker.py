"""print/worker.py: time limit by killing a process, warm reuse, a pool, one interface.

Real WeasyPrint renders in real worker processes; PDFs are read back with pypdf.
"""

from __future__ import annotations

import ast
import os
import threading
import time
from pathlib import Path

import pytest

from jobpacket.print import renderjob
from jobpacket.print.worker import RenderJob, RenderPool, RenderTimeout, RenderTooLarge
from jobpacket.supervisor import resident_mb

from .conftest import EXAMPLE, ROOT, checkout_env, run_cli, run_python
from .pdf_support import text

pytestmark = pytest.mark.slow

HOOKS = ROOT / "hooks" / "jobpacket"


def _job(html: str, what: str = "resume", tmp: Path | None = None) -> RenderJob:
    return RenderJob(
        html=html, stylesheets=(), roots=(tmp,) if tmp else (), identifier=b"t", what=what
    )


def _slow_html() -> str:
    return "<html><body>" + ("<p>" + "word " * 4000 + "</p>") * 30 + "</body></html>"


@pytest.fixture
def small_pool():
    pool = RenderPool(size=2, timeout=30)
    yield pool
    pool.close()


def test_a_render_past_the_limit_kills_the_worker_and_the_next_render_works(
    tmp_path: Path,
) -> None:
    pool = RenderPool(size=1, timeout=30)
    try:
        assert pool.render(_job("<p>warm</p>")).startswith(b"%PDF-")  # started and warm
        (pid,) = pool.pids()
        pool.timeout = 0.3  # after the first render, which may be slow on a busy machine
        started = time.monotonic()
        with pytest.raises(RenderTimeout, match=r"^resume: rendering took longer than 0\.3 s"):
            pool.render(_job(_slow_html()))
        assert time.monotonic() - started < 5
        assert pool.pids() == []
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)  # killed and reaped, not left running
        pool.timeout = 30
        data = pool.render(_job("<p>after the timeout</p>"))
        assert "after the timeout" in text(data)
        (second,) = pool.pids()
        assert second != pid  # a new worker replaced the killed one
    finally:
        pool.close()


def test_a_render_past_the_memory_ceiling_is_stopped_and_the_next_render_works() -> None:
    pool = RenderPool(size=1, timeout=120)
    try:
        pool.render(_job("<p>warm</p>"))
        (pid,) = pool.pids()
        baseline = resident_mb(pid)
        assert baseline is not None and baseline > 10  # /proc is readable here (Linux)
        pool.memory_mb = baseline + 25  # the long document needs about 80 MB more
        started = time.monotonic()
        with pytest.raises(RenderTooLarge, match=r"^resume: rendering needed more than \d+ MB"):
            pool.render(_job(_slow_html()))
        assert time.monotonic() - started < 30, "stopped when it crossed, not at the end"
        assert pool.pids() == []
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
        pool.memory_mb = None
        assert "after" in text(pool.render(_job("<p>after</p>")))
    finally:
        pool.close()


def test_a_worker_left_holding_much_memory_is_replaced() -> None:
    pool = RenderPool(size=1, timeout=30, recycle_mb=1)  # every worker holds more than 1 MB
    try:
        pool.render(_job("<p>one</p>"))
        assert pool.pids() == [], "stopped after its job instead of kept idle"
        assert "two" in text(pool.render(_job("<p>two</p>")))
    finally:
        pool.close()


def test_the_worker_stays_warm_between_renders() -> None:
    pool = RenderPool(size=1, timeout=30)
    try:
        pool.render(_job("<p>one</p>"))
        (pid,) = pool.pids()
        started = time.monotonic()
        for i in range(3):
            assert f"page {i}" in text(pool.render(_job(f"<p>page {i}</p>")))
        assert pool.pids() == [pid]  # one process served every render
        assert time.monotonic() - started < 3 * 2.0  # no interpreter start per render
    finally:
        pool.close()


def test_a_timeout_off_the_main_thread_works_as_in_mkdocs_serve() -> None:
    pool = RenderPool(size=1, timeout=0.3)
    results: dict[str, object] = {}

    def work() -> None:
        try:
            pool.render(_job(_slow_html(), what="letter"))
        except RenderTimeout as exc:
            results["timeout"] = exc
        pool.timeout = 30
        results["ok"] = pool.render(_job("<p>fine</p>"))

    try:
        thread = threading.Thread(target=work)
        thread.start()
        thread.join(60)
    finally:
        pool.close()
    assert isinstance(results.get("timeout"), RenderTimeout)
    assert str(results["timeout"]).startswith("letter: ")
    assert isinstance(results.get("ok"), bytes) and results["ok"].startswith(b"%PDF-")


def test_the_pool_renders_side_by_side_in_job_order(small_pool: RenderPool) -> None:
    jobs = [_job(f"<h1>Document {i}</h1>" + "<p>text</p>" * 200) for i in range(6)]
    results = small_pool.render_many(jobs)
    assert [text(d).split()[1] for d in results] == [str(i) for i in range(6)]
    assert len(small_pool.pids()) == 2  # both workers were used


def test_a_render_waits_for_the_prestarted_worker_instead_of_starting_another() -> None:
    pool = RenderPool(size=2, timeout=60, method="spawn")
    try:
        pool.prestart()
        job = RenderJob(html="<p>one</p>", stylesheets=(), roots=(), identifier=b"t")
        assert "one" in text(pool.render(job))
        assert len(pool.pids()) == 1  # the prestarted worker rendered it; no second one
    finally:
        pool.close()


def test_a_caller_waiting_for_a_worker_is_woken_when_that_worker_is_killed() -> None:
    """One worker, two threads: the first job runs past the limit and its worker is killed;
    the second caller, waiting for that worker, starts its own instead of waiting forever."""
    import threading
    import time

    from jobpacket.print.worker import RenderTimeout

    class SlowJobLimited(RenderPool):
        """A limit of 1 s for the slow job alone: the second job's first render in a new
        process may take longer than that on a busy machine, and must not time out."""

        def limit(self, job: RenderJob) -> tuple[float | None, str]:
            return (1.0, "") if job.what == "slow" else (60.0, "")

    pool = SlowJobLimited(size=1, timeout=60, method="spawn")
    slow = RenderJob(
        html="<html><body>" + ("<p>" + "word " * 4000 + "</p>") * 30 + "</body></html>",
        stylesheets=(),
        roots=(),
        identifier=b"s",
        what="slow",
    )
    fast = RenderJob(html="<p>second</p>", stylesheets=(), roots=(), identifier=b"f")
    results: dict[str, object] = {}

    def first() -> None:
        try:
            pool.render(slow)
        except RenderTimeout as exc:
            results["first"] = exc

    def second() -> None:
        results["second"] = pool.render(fast)

    try:
        assert "warm" in text(pool.render(RenderJob("<p>warm</p>", (), (), b"w")))
        a = threading.Thread(target=first, daemon=True)
        a.start()
        time.sleep(0.3)  # the slow job holds the only worker
        b = threading.Thread(target=second, daemon=True)
        b.start()
        a.join(60)
        b.join(60)
        assert isinstance(results.get("first"), RenderTimeout)
        assert not b.is_alive(), "the second caller still waits for the killed worker"
        second_pdf = results["second"]
        assert isinstance(second_pdf, bytes) and "second" in text(second_pdf)
    finally:
        pool.close()


def test_a_refused_fetch_comes_back_as_the_user_error(tmp_path: Path) -> None:
    pool = RenderPool(size=1, timeout=30)
    try:
        settled = pool.render_settled(
            [_job('<img src="file:///etc/hostname">', tmp=tmp_path), _job("<p>ok</p>")]
        )
    finally:
        pool.close()
    assert isinstance(settled[0], renderjob.RefusedFetch)
    assert isinstance(settled[1], bytes)


def test_no_process_hacks_are_left() -> None:
    """No alarm, fork, os._exit, gc switch or private Pyphen state anywhere in the package."""
    banned = {"setitimer", "fork", "_exit", "hdcache", "SIGALRM"}
    found = []
    for path in HOOKS.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in banned:
                found.append(f"{path.name}:{node.lineno}: {node.attr}")
            # the gc switch (`meta.checks.disable`, a profile field, is no process hack)
            gc = isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
            if gc and node.value.id == "gc" and node.attr in ("disable", "enable"):
                found.append(f"{path.name}:{node.lineno}: gc.{node.attr}")
    assert found == []


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("JOBPACKET_RENDER_TIMEOUT", "0.01", "rendering took longer than 0.01 s"),
        # below what a worker with WeasyPrint loaded holds
        ("JOBPACKET_RENDER_MEMORY", "16", "rendering needed more than 16 MB of memory"),
    ],
)
def test_the_cli_render_limits_are_user_errors(
    tmp_path: Path, variable: str, value: str, message: str
) -> None:
    result = run_cli(
        "pdf",
        "resume",
        "-o",
        str(tmp_path / "r.pdf"),
        cwd=ROOT,
        JOBPACKET_CACHE_DIR=str(tmp_path / "cache"),
        **{variable: value},
        process=True,
    )
    assert result.returncode == 1
    assert f"error: resume: {message}" in result.stderr
    assert variable in result.stderr, "the message names the setting to raise"
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "r.pdf").exists()


def test_a_bad_memory_ceiling_names_the_variable(tmp_path: Path) -> None:
    bad = run_cli(
        "pdf", "resume", "-o", str(tmp_path / "r.pdf"), JOBPACKET_RENDER_MEMORY="lots", process=True
    )
    assert bad.returncode == 1 and "JOBPACKET_RENDER_MEMORY='lots'" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_weasyprint_warnings_in_the_worker_reach_this_process() -> None:
    from .pdf_support import weasyprint_log

    pool = RenderPool(size=1, timeout=30)
    try:
        with weasyprint_log() as log:
            pool.render(_job('<p style="colour: blue; margin: sideways">x</p>', what="letter"))
    finally:
        pool.close()
    assert any(m.startswith("letter: Ignored `margin: sideways`") for m in log.messages), (
        log.messages
    )


def test_a_script_without_a_main_guard_gets_the_fix_in_the_error(tmp_path: Path) -> None:
    """Render processes import the caller's script again; one that renders at import time
    kills them, and the caller is told what to change instead of getting a broken pipe."""
    script = tmp_path / "mine.py"
    script.write_text(
        "import multiprocessing\n"
        "from pathlib import Path\n"
        "from jobpacket.print import documents, outputs\n"
        "from jobpacket.errors import UserError\n"
        "from jobpacket.profile.validate import load_profile\n"
        f"loaded = load_profile(Path({str(EXAMPLE)!r}))\n"
        "try:\n"
        "    outputs.render_uncached(documents.resume(loaded, public=True))\n"
        "    print('rendered')\n"
        "except UserError as exc:\n"
        "    if multiprocessing.parent_process() is None:\n"
        "        print('ERROR', exc)\n"
        "    else:\n"
        "        raise\n",
        encoding="utf-8",
    )
    result = run_python(script, timeout=120, env=checkout_env())
    assert "ERROR resume-public: the PDF rendering process ended" in result.stdout, result
    assert "if __name__ == '__main__':" in result.stdout
