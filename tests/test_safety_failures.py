"""Nothing lost when a build fails: real MkDocs builds that fail, crash or get killed.

A failed build leaves site/ and build/ byte for byte as they were; file-system problems are
user errors naming the path; `mkdocs serve` keeps the last good site through a crash inside
Markdown; a build killed at random moments never leaves a half-written or temporary file.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import time
from pathlib import Path

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from jobpacket.swap import recover

from .conftest import EXAMPLE, FIXTURES
from .pdf_support import reader, text
from .test_site_support import MKDOCS, build, make_site, mkdocs_env

pytestmark = pytest.mark.slow


def snapshot(*folders: Path) -> dict[str, bytes]:
    return {
        str(p): p.read_bytes()
        for folder in folders
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _built_example(tmp_path: Path) -> Path:
    site = make_site(tmp_path / "s", EXAMPLE)
    result = build(site)
    assert result.returncode == 0, result.stderr
    assert (site / "site" / "search" / "search_index.js").is_file() or (
        site / "site" / "search" / "search_index.json"
    ).is_file()
    return site


def test_a_letter_that_fails_leaves_site_and_build_as_they_were(tmp_path: Path) -> None:
    site = _built_example(tmp_path)
    before = snapshot(site / "site", site / "build")
    assert any(k.endswith("cover-letter.pdf") for k in before)
    profile = site / "profiles" / "profile.yml"
    text_ = profile.read_text(encoding="utf-8")
    # A new label (the pages would change) and an empty body for the second application's
    # letter (an error found only when its PDF is prepared).
    text_ = text_.replace("label: Senior Machine Learning Engineer", "label: Changed", 1)
    start = text_.index("  - id: lakefront-clinical-ai-rse")
    body = text_.index("    body: |", start)
    end = text_.index("\n    attachments:", body)
    profile.write_text(text_[:body] + '    body: ""' + text_[end:], encoding="utf-8")
    result = build(site)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "profile.yml:" in result.stderr and "the letter body is empty" in result.stderr
    assert snapshot(site / "site", site / "build") == before
    assert not list(site.glob(".site.jobpacket-*")) and not list(site.glob(".build.jobpacket-*"))


def test_a_file_where_a_folder_should_be_is_a_located_error(tmp_path: Path) -> None:
    site = _built_example(tmp_path)
    blocker = site / "build" / "keystone-genomics-staff-mle"
    for pdf in blocker.iterdir():
        pdf.unlink()
    blocker.rmdir()
    blocker.write_text("not a folder", encoding="utf-8")
    profile = site / "profiles" / "profile.yml"
    profile.write_text(
        profile.read_text(encoding="utf-8").replace("Elena M. Vasquez", "Elena Vasquez", 1),
        encoding="utf-8",
    )
    before = snapshot(site / "site", site / "build")
    result = build(site)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert (
        "error: build/keystone-genomics-staff-mle: is a file where a folder should be"
        in result.stderr
    )
    assert snapshot(site / "site", site / "build") == before


PLUGINS = FIXTURES / "plugins"  # crashing_markdown: a Markdown extension that raises on cue


def _crashing_site(target: Path) -> Path:
    """The example site with a Markdown extension that crashes on a page asking for it."""
    from .test_site_support import ROOT

    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace(
        "markdown_extensions:\n", "markdown_extensions:\n  - crashing_markdown\n", 1
    )
    assert "- crashing_markdown" in config
    return make_site(target, EXAMPLE, mkdocs_yml=config)


def test_serve_keeps_the_last_good_site_through_a_crash_inside_markdown(
    tmp_path: Path, serving: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.syspath_prepend(str(PLUGINS))
    from crashing_markdown import MARKER, InjectedCrash

    folder = _crashing_site(tmp_path / "s")
    served = tmp_path / "served"

    def rebuild() -> None:
        config = load_config(str(folder / "mkdocs.yml"), site_dir=str(served))
        mkdocs_build(config, serve_url="http://127.0.0.1:8000/")

    rebuild()
    good = snapshot(served)
    assert any(k.endswith("index.html") for k in good)
    crash = folder / "content" / "notes.md"
    crash.write_text(f"# Notes\n\n{MARKER}\n", encoding="utf-8")
    with pytest.raises(InjectedCrash):
        rebuild()  # `mkdocs serve` prints this and keeps serving
    assert snapshot(served) == good
    crash.write_text("# Notes\n\nFixed.\n", encoding="utf-8")
    rebuild()
    notes = served / "notes.html"
    assert "Fixed." in notes.read_text(encoding="utf-8")


def test_a_build_killed_at_random_moments_leaves_only_whole_files(tmp_path: Path) -> None:
    site = _built_example(tmp_path)
    old = {k: v for k, v in snapshot(site / "build", site / "site").items() if k.endswith(".pdf")}
    old_site = snapshot(site / "site")
    profile = site / "profiles" / "profile.yml"
    profile.write_text(
        profile.read_text(encoding="utf-8").replace("Elena M. Vasquez", "Elena Quintero", 1),
        encoding="utf-8",
    )
    env = {**mkdocs_env(), "JOBPACKET_CACHE_DIR": str(tmp_path / "fresh-cache")}
    rng = random.Random(20261126)
    for _ in range(5):
        proc = subprocess.Popen(
            [*MKDOCS, "build", "--strict"],
            cwd=site,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        time.sleep(rng.uniform(0.3, 5.0))
        os.killpg(proc.pid, signal.SIGKILL)  # the build and its render workers
        proc.wait()
        # What the next build sees after its recovery step (swap.recover): each folder
        # wholly old or wholly new, nothing staged left beside them.
        for folder in (site / "build", site / "site"):
            recover(folder)
            names = [p.name for p in folder.rglob("*")]
            assert not [n for n in names if n.endswith(".tmp") or n.startswith(".")], names
        assert not [p.name for p in site.iterdir() if ".jobpacket-" in p.name]
        pages = snapshot(site / "site")
        if pages != old_site:
            assert "Elena Quintero" in (site / "site" / "index.html").read_text(encoding="utf-8")
        assert (site / "site" / "index.html").is_file()
        for path in [*(site / "build").rglob("*.pdf"), site / "site" / "resume.pdf"]:
            data = path.read_bytes()
            body = text(data)  # parses whole
            assert len(reader(data).pages) >= 1
            if data != old.get(str(path)):
                assert "Elena Quintero" in body, path  # a whole new file, never a mix
    result = build(site, env=env)
    assert result.returncode == 0, result.stderr
    assert "Elena Quintero" in text((site / "build" / "resume.pdf").read_bytes())


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> tuple[int, str]:
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
        return 0, str(exc)


def _wait_for(predicate, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.5)
    return False


def _without_epochs(page: str) -> str:
    """The page without the live-reload script's build counters, which change per build."""
    import re

    return re.sub(r"livereload\(\d+, \d+\)", "livereload()", page)


def test_a_real_mkdocs_serve_answers_through_a_crash_and_recovers(tmp_path: Path) -> None:
    site = _crashing_site(tmp_path / "s")
    path = os.pathsep.join(p for p in (str(PLUGINS), os.environ.get("PYTHONPATH")) if p)
    port = _free_port()
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [*MKDOCS, "serve", "-a", f"127.0.0.1:{port}"],
            cwd=site,
            env=mkdocs_env(PYTHONPATH=path),
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}/"
    try:
        assert _wait_for(lambda: _get(url)[0] == 200), log.read_text()
        good = _without_epochs(_get(url)[1])
        crash = site / "content" / "notes.md"
        crash.write_text("# Notes\n\nCRASH INSIDE MARKDOWN\n", encoding="utf-8")
        assert _wait_for(lambda: "the rebuild failed" in log.read_text()), log.read_text()
        assert "InjectedCrash" in log.read_text()
        status, page = _get(url)
        assert status == 200 and _without_epochs(page) == good  # last good site, no hang
        crash.write_text("# Notes\n\nFixed again.\n", encoding="utf-8")
        assert _wait_for(lambda: "Fixed again." in _get(url + "notes.html")[1]), log.read_text()
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(20)
