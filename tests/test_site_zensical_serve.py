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
