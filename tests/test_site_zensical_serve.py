"""`jobpacket site serve --engine zensical` (site/zensical_serve.py): Zensical's server over the
generated project, which is remade when the profile is saved, kept when a save breaks it, and
stopped with the command."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from .conftest import EXAMPLE, ROOT
from .test_site_support import Served, make_site, mkdocs_env


@pytest.mark.slow
def test_zensical_serve_remakes_the_pages_when_the_profile_is_saved(tmp_path: Path) -> None:
    """`jobpacket site serve --engine zensical`: the site is served, a saved edit of the
    profile reaches the page, and stopping the command stops Zensical's server too."""
    folder = make_site(tmp_path / "s", EXAMPLE)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {k: v for k, v in mkdocs_env().items() if k != "PYTHONPATH"}
    env["PYTHONPATH"] = str(ROOT / "hooks")
    proc = subprocess.Popen(
        [sys.executable, "-m", "jobpacket.cli", "site", "serve", "--engine", "zensical",
         "-a", f"127.0.0.1:{port}"],
        cwd=folder, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    served = Served(f"http://127.0.0.1:{port}/", proc)
    reader = threading.Thread(target=lambda: served.log.extend(proc.stdout or ()), daemon=True)
    reader.start()

    def wait_for(text: bytes, path: str = "") -> bool:
        for _ in range(240):  # up to two minutes: a bounded wait, not a timing
            if text in served.get(path) or proc.poll() is not None:
                return text in served.get(path)
            time.sleep(0.5)
        return False

    try:
        assert wait_for(b"Senior Machine Learning Engineer"), "".join(served.log)
        profile = folder / "profiles" / "profile.yml"
        text = profile.read_text(encoding="utf-8")
        profile.write_text(text.replace("Senior Machine Learning", "Principal Tide", 1), "utf-8")
        assert wait_for(b"Principal Tide Engineer"), "".join(served.log)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        reader.join(timeout=5)
    assert served.get() == b""  # Zensical's server stopped with the command
    assert "Traceback" not in "".join(served.log)


#: Stands in for `zensical serve`: serves nothing, and ends with exit 3 once the file named
#: by its first argument exists (so the test decides when the server "dies").
STAND_IN = """\
import pathlib, sys, time
while not pathlib.Path(sys.argv[1]).exists():
    time.sleep(0.02)
sys.exit(3)
"""


def test_the_loop_remakes_the_pages_keeps_the_last_good_and_ends_with_the_server(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jobpacket.site import work, zensical_serve

    monkeypatch.setattr(work, "_has_print", lambda: False)  # no PDF: the pages are what count
    monkeypatch.setenv("JOBPACKET_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("JOBPACKET_PROFILE", raising=False)
    stop = tmp_path / "stop"
    script = tmp_path / "stand_in.py"
    script.write_text(STAND_IN, encoding="utf-8")
    monkeypatch.setattr(zensical_serve, "ZENSICAL", [sys.executable, str(script), str(stop)])
    folder = make_site(tmp_path / "s", "basics:\n  name: Ada Quill\n  label: Data Engineer\n")
    profile = folder / "profiles" / "profile.yml"
    said: list[str] = []
    failed: list[BaseException] = []
    looked: list[int] = []  # how often the loop has read the inputs' sizes and times
    inputs = zensical_serve._inputs

    def counting(prepared: object) -> object:
        looked.append(1)
        return inputs(prepared)  # type: ignore[arg-type]

    monkeypatch.setattr(zensical_serve, "_inputs", counting)

    def wait_for(check: object) -> None:
        for _ in range(1200):  # a bounded wait for the loop's next poll, not a timing
            if callable(check) and check():
                return
            time.sleep(0.05)
        raise AssertionError(f"gave up waiting; said: {said}")

    def home() -> str:
        found = list((tmp_path / "cache").rglob("docs/index.md"))
        return found[0].read_text(encoding="utf-8") if found else ""

    def edit() -> None:
        try:
            wait_for(lambda: len(looked) >= 2)  # the first state is taken, and polled once
            assert "Data Engineer" in home()
            profile.write_text("basics:\n  name: Ada Quill\n  label: Ship Pilot\n", "utf-8")
            wait_for(lambda: "the profile or content/ changed: the pages were remade" in said)
            assert "Ship Pilot" in home()
            seen = len(looked)
            wait_for(lambda: len(looked) > seen + 1)  # the remade state is the one compared
            profile.write_text("basics:\n  name: Ada Quill\nwork:\n  - startDate: soon\n", "utf-8")
            wait_for(lambda: any("still serving the last good site" in s for s in said))
            assert "Ship Pilot" in home()  # the last good pages stay
        except BaseException as exc:
            failed.append(exc)
        finally:
            stop.write_text("", encoding="utf-8")

    editor = threading.Thread(target=edit)
    editor.start()
    try:
        code = zensical_serve.serve(folder, lambda p: said.append(str(p)), said.append, poll=0.02)
    finally:
        stop.write_text("", encoding="utf-8")
        editor.join(timeout=120)
    if failed:
        raise failed[0]
    assert code == 3  # the server's own exit status
    assert any("profiles/profile.yml:4:16: work[0].startDate: 'soon'" in s for s in said), said
