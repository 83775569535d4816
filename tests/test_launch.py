"""The `jobpacket` launcher (launch.py): a one-shot render runs in a child that renders in its
own process, and the launcher keeps the time and memory limits from outside.

Real processes throughout: the launcher as the `jobpacket` script runs it, real WeasyPrint
renders, PDFs read back with pypdf. No timing assertions beyond generous hang guards.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import ROOT, checkout_env, run_cli, run_python
from .pdf_support import text
from .test_speed_limit import long_cv

pytestmark = pytest.mark.slow


def _env(**extra: str) -> dict[str, str]:
    """The launcher's environment; one process (the watched child) unless a test says
    otherwise, whatever the machine's load."""
    return checkout_env(**{"JOBPACKET_ONE_PROCESS": "1", **extra})


def _cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "jobpacket.launch", *args]


def launch(*args: str, cwd: Path = ROOT, **env: str) -> subprocess.CompletedProcess[str]:
    """`jobpacket ARGS` through the launcher, as the installed script runs it."""
    return run_python("-m", "jobpacket.launch", *args, cwd=cwd, env=_env(**env), timeout=180)


def _children(pid: int) -> list[int]:
    kids: list[int] = []
    for tid in os.listdir(f"/proc/{pid}/task"):
        with open(f"/proc/{pid}/task/{tid}/children", encoding="ascii") as fh:
            kids += [int(x) for x in fh.read().split()]
    return kids


def _gone(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] == "Z"
    except FileNotFoundError:
        return True


def _running_with(marker: str) -> list[int]:
    """Processes whose command line holds `marker` (a test's own temporary path)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit() and not _gone(int(entry)):
            try:
                with open(f"/proc/{entry}/cmdline", "rb") as fh:
                    if marker.encode() in fh.read():
                        found.append(int(entry))
            except OSError:
                continue
    return found


def _child_of(proc: subprocess.Popen[str]) -> int:
    """The launcher's child, once it is there (hang guard: 60 s)."""
    end = time.monotonic() + 60
    while time.monotonic() < end:
        kids = _children(proc.pid)
        if kids:
            return kids[0]
        time.sleep(0.02)
    raise AssertionError("the launcher started no child")


def _long_render(tmp_path: Path, name: str = "cv", **env: str) -> subprocess.Popen[str]:
    """`jobpacket pdf resume` of a long CV through the launcher, left running: its PDF is
    tmp_path/NAME.pdf, its cache tmp_path/cache-NAME."""
    cv = long_cv(tmp_path)
    return subprocess.Popen(
        _cmd("pdf", "resume", "--profile", str(cv), "-o", str(tmp_path / f"{name}.pdf")),
        cwd=tmp_path,
        env=_env(JOBPACKET_CACHE_DIR=str(tmp_path / f"cache-{name}"), **env),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_a_render_through_the_launcher_is_the_same_pdf_as_through_a_worker(
    tmp_path: Path,
) -> None:
    here = launch(
        "pdf", "resume", "-o", str(tmp_path / "a.pdf"), JOBPACKET_CACHE_DIR=str(tmp_path / "c1")
    )
    assert here.returncode == 0, here.stderr
    worker = run_cli(
        "pdf", "resume", "-o", str(tmp_path / "b.pdf"), JOBPACKET_CACHE_DIR=str(tmp_path / "c2")
    )
    assert worker.returncode == 0, worker.stderr
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()
    assert "Elena M. Vasquez" in text((tmp_path / "a.pdf").read_bytes())


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("JOBPACKET_RENDER_TIMEOUT", "0.01", "rendering took longer than 0.01 s"),
        # below what any process with WeasyPrint loaded holds
        ("JOBPACKET_RENDER_MEMORY", "16", "rendering needed more than 16 MB of memory"),
    ],
)
def test_a_limit_crossed_kills_the_child_with_a_located_message_and_writes_nothing(
    tmp_path: Path, variable: str, value: str, message: str
) -> None:
    out = tmp_path / "r.pdf"
    result = launch(
        "pdf",
        "resume",
        "-o",
        str(out),
        JOBPACKET_CACHE_DIR=str(tmp_path / "cache"),
        **{variable: value},
    )
    assert result.returncode == 1
    assert f"error: resume: {message}" in result.stderr
    assert variable in result.stderr, "the message names the setting to raise"
    assert "Traceback" not in result.stderr
    assert not out.exists() and list(tmp_path.glob("*.pdf*")) == []
    assert _running_with(str(out)) == [], "the rendering process was killed"


def test_a_document_that_lays_out_far_longer_than_its_limit_is_stopped(tmp_path: Path) -> None:
    """A long CV under a base limit scaled down to nothing: its layout far outlasts it."""
    cv = long_cv(tmp_path)
    result = launch(
        "pdf",
        "resume",
        "--profile",
        str(cv),
        "-o",
        str(tmp_path / "cv.pdf"),
        cwd=tmp_path,
        JOBPACKET_CACHE_DIR=str(tmp_path / "cache"),
        JOBPACKET_RENDER_TIMEOUT="0.2",
    )
    assert result.returncode == 1
    assert "error: resume: rendering took longer than 0.2 s" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "cv.pdf").exists()


def test_a_child_that_dies_gets_a_clear_message(tmp_path: Path) -> None:
    proc = _long_render(tmp_path)
    os.kill(_child_of(proc), signal.SIGKILL)  # as the out-of-memory killer would
    _, err = proc.communicate(timeout=180)
    assert proc.returncode == 1
    assert "error: the jobpacket process was stopped by signal 9" in err
    assert "Traceback" not in err
    assert not (tmp_path / "cv.pdf").exists()


def test_exit_statuses_are_relayed(tmp_path: Path) -> None:
    cache = str(tmp_path / "cache")
    no_app = launch("pdf", "letter", JOBPACKET_CACHE_DIR=cache)
    assert no_app.returncode == 1
    assert "error: `letter` needs --application ID" in no_app.stderr
    usage = launch("pdf", "resume", "--no-such-option", JOBPACKET_CACHE_DIR=cache)
    assert usage.returncode == 2 and "No such option" in usage.stderr
    assert usage.stderr.startswith("Usage: jobpacket pdf"), "named as the script is"
    listed = launch("pdf", "--help")
    assert listed.returncode == 0 and "Render one printable document" in listed.stdout


def test_ctrl_c_stops_the_child(tmp_path: Path) -> None:
    """An interrupt that reaches the launcher alone (the terminal sends it to both) still
    stops the render: the child is killed after a moment, nothing is written."""
    proc = _long_render(tmp_path)
    child = _child_of(proc)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert "Aborted!" in err and "Traceback" not in err
    assert _gone(child)
    assert not (tmp_path / "cv.pdf").exists()


def test_a_watched_process_renders_here_and_reports_each_render(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The child's side: with the launcher's pipe adopted, a render runs in this process (no
    worker is started) between a `start` record with its limits and messages and `done`."""
    from jobpacket import supervisor
    from jobpacket.print.worker import RenderJob, RenderPool

    read, write = os.pipe()
    monkeypatch.setenv(supervisor.ENV, str(write))
    monkeypatch.setattr(supervisor, "_fd", None)
    supervisor.adopt()
    assert supervisor.ENV not in os.environ, "no process started later believes it is watched"
    pool = RenderPool(size=1, timeout=7.0, memory_mb=900)
    try:
        pool.prestart()
        job = RenderJob(html="<p>here</p>", stylesheets=(), roots=(), identifier=b"t", what="doc")
        assert "here" in text(pool.render(job))
        assert pool.pids() == [], "no worker process"
    finally:
        pool.close()
        monkeypatch.setattr(supervisor, "_fd", None)
        os.close(write)
    with os.fdopen(read, "rb") as pipe:
        start, done = pipe.read().splitlines()
    limits = supervisor.Limits.decode(start)
    assert (limits.what, limits.seconds, limits.memory_mb) == ("doc", 7.0, 900)
    assert limits.timeout_message.startswith("doc: rendering took longer than 7 s")
    assert limits.memory_message.startswith("doc: rendering needed more than 900 MB")
    assert done + b"\n" == supervisor.DONE


@pytest.mark.parametrize("force", [False, True])
def test_what_goes_out_is_proofread_first_with_the_same_verdict_as_through_a_worker(
    tmp_path: Path, force: bool
) -> None:
    """The launcher's child proofreads before it renders (no thread to overlap with): the
    same lines, the same exit status, the previous file kept on an error, the same PDF with
    --force."""
    from .test_outgoing import _site

    target = "build/stmarys/reconsideration-letter.pdf"
    results = []
    for name, run in (("launcher", launch), ("worker", run_cli)):
        (tmp_path / name).mkdir()
        site = _site(tmp_path / name)
        (site / target).parent.mkdir(parents=True)
        (site / target).write_bytes(b"%PDF-previous")
        args = ["letter", "stmarys", "--profile", "profiles/profile.yml"]
        results.append(run(*args, *(["--force"] if force else []), cwd=site))
    here, there = results
    assert here.returncode == there.returncode == (0 if force else 1), here.stderr
    assert "placeholder '[Company]'" in here.stderr and "Traceback" not in here.stderr
    assert here.stderr.replace("launcher", "worker") == there.stderr
    written = [(tmp_path / name / target).read_bytes() for name in ("launcher", "worker")]
    assert written[0] == written[1]
    assert written[0].startswith(b"%PDF-1") if force else written[0] == b"%PDF-previous"


def test_a_launcher_told_to_stop_stops_the_child_first(tmp_path: Path) -> None:
    proc = _long_render(tmp_path)
    child = _child_of(proc)
    proc.terminate()
    proc.communicate(timeout=60)
    assert proc.returncode == 128 + signal.SIGTERM
    assert _gone(child)
    assert not (tmp_path / "cv.pdf").exists()


def test_the_machine_s_load_decides_unless_the_setting_does() -> None:
    from jobpacket.launch import one_process

    assert one_process(None, 0.2, 2) is False  # a core to spare: a worker imports meanwhile
    assert one_process(None, 1.0, 2) is True  # no core to spare: one process
    assert one_process(None, 5.5, 8) is False
    assert one_process(None, 7.2, 8) is True
    assert one_process(None, 0.0, 1) is True  # one core: never two processes
    assert one_process(None, None, 4) is True  # load unknown: the cheaper way
    assert one_process("", 0.1, 4) is False  # set but empty: as unset
    assert one_process("1", 0.1, 8) is True
    assert one_process("0", 9.0, 2) is False


def _child_command(tmp_path: Path, choice: str) -> str:
    """The command line of what `jobpacket pdf resume` starts first, with the given choice."""
    proc = _long_render(tmp_path, f"cv{choice}", JOBPACKET_ONE_PROCESS=choice)
    try:
        with open(f"/proc/{_child_of(proc)}/cmdline", "rb") as fh:
            return fh.read().replace(b"\0", b" ").decode()
    finally:
        proc.terminate()  # the launcher stops its child first; a worker ends with its parent
        proc.communicate(timeout=30)


def test_the_load_is_what_runs_now_when_the_average_lags(monkeypatch: pytest.MonkeyPatch) -> None:
    """A build that just ended keeps the minute's average near one core on an idle machine:
    what runs at this instant decides then; a machine busy now stays busy."""
    from jobpacket import launch

    monkeypatch.setattr(launch.os, "getloadavg", lambda: (1.4, 1.2, 0.9))
    monkeypatch.setattr(launch, "_running_now", lambda: 1)  # this process alone
    assert launch._load() == 0.0 and not launch.one_process(None, launch._load(), 2)
    monkeypatch.setattr(launch, "_running_now", lambda: 3)  # two others running now
    assert launch._load() == 1.4 and launch.one_process(None, launch._load(), 2)
    monkeypatch.setattr(launch.os, "getloadavg", lambda: (0.3, 0.2, 0.1))
    assert launch._load() == 0.3  # a burst now, on a machine idle over the minute
    monkeypatch.setattr(launch, "_running_now", lambda: None)  # no /proc/loadavg
    assert launch._load() == 0.3


def test_the_running_count_is_read_from_this_machine() -> None:
    from jobpacket.launch import _running_now

    running = _running_now()
    assert running is not None and running >= 1  # this test is running


def test_one_process_or_a_worker_as_the_setting_says(tmp_path: Path) -> None:
    assert "-m jobpacket.launch pdf resume" in _child_command(tmp_path, "1")
    assert "multiprocessing" in _child_command(tmp_path, "0")  # the render worker


def test_a_wrong_setting_is_named_with_what_to_write() -> None:
    result = launch("pdf", "resume", JOBPACKET_ONE_PROCESS="yes")
    assert result.returncode == 1
    assert result.stderr.startswith("error: JOBPACKET_ONE_PROCESS='yes': use 1 ")
    assert "Traceback" not in result.stderr
