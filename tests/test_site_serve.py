"""Editing and rebuilding: while `mkdocs serve` runs, a broken profile is reported with its
located lines, the last good site keeps being served, and saving a fix recovers it."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from jobpacket.site import mkdocs as adapter

from .conftest import EXAMPLE
from .test_site_support import PDF_CACHE, make_site, mkdocs_serve

LABEL = "Senior Machine Learning Engineer"
BAD_DATE = ('startDate: "2023-04"', "startDate: Fall 2023")


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def _relabel(label: str) -> str:
    return EXAMPLE.read_text(encoding="utf-8").replace(f"label: {LABEL}", f"label: {label}", 1)


def test_hooks_keep_the_last_good_profile_while_serving(
    tmp_path: Path, serving: None, caplog: pytest.LogCaptureFixture
) -> None:
    folder = make_site(tmp_path / "s", EXAMPLE)
    profile = folder / "profiles" / "profile.yml"
    site_dir = tmp_path / "served"

    def rebuild() -> str:
        config = load_config(str(folder / "mkdocs.yml"), site_dir=str(site_dir))
        mkdocs_build(config, serve_url="http://127.0.0.1:8000/")
        return (site_dir / "index.html").read_text(encoding="utf-8")

    assert LABEL in rebuild()

    broken = EXAMPLE.read_text(encoding="utf-8").replace(*BAD_DATE, 1)
    profile.write_text(broken, encoding="utf-8")
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        page = rebuild()  # no exception: the server would otherwise appear stuck
    assert LABEL in page
    line = _line_of(broken, BAD_DATE[1])
    errors = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert any(
        f"profiles/profile.yml:{line}:16: work[0].startDate: 'Fall 2023' is not a date" in m
        for m in errors
    ), errors
    assert any("still serving the last good version" in m for m in errors)

    profile.write_text(_relabel("Principal Engineer"), encoding="utf-8")
    page = rebuild()
    # The headline under the name (the latest job, shown too, has the same title).
    assert '<p class="jp-hero__label">Principal Engineer</p>' in page
    assert f'<p class="jp-hero__label">{LABEL}</p>' not in page


def test_a_broken_profile_still_fails_a_build(tmp_path: Path, monkeypatch) -> None:
    """Outside `serve` there is no last good site to keep: the build stops, located."""
    monkeypatch.setenv("JOBPACKET_CACHE_DIR", str(PDF_CACHE))
    adapter.on_startup(command="build", dirty=False)
    broken = EXAMPLE.read_text(encoding="utf-8").replace(*BAD_DATE, 1)
    folder = make_site(tmp_path / "s", broken)
    config = load_config(str(folder / "mkdocs.yml"), site_dir=str(tmp_path / "out"))
    with pytest.raises(Abort):
        mkdocs_build(config)
    assert not (tmp_path / "out").exists()


class _RecordingServer:
    def __init__(self) -> None:
        self.watched: list[tuple[str, bool]] = []

    def watch(self, path: str, *, recursive: bool = True) -> None:
        self.watched.append((path, recursive))


def test_serve_watches_a_profile_outside_the_watched_folders(
    tmp_path: Path, serving: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = make_site(tmp_path / "s", EXAMPLE)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "me.yml").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    config = load_config(str(folder / "mkdocs.yml"), site_dir=str(tmp_path / "out"))
    server = _RecordingServer()

    monkeypatch.setenv("JOBPACKET_PROFILE", str(elsewhere / "me.yml"))
    adapter.on_serve(server, config=adapter.on_config(config), builder=None)
    # Without a way to wake MkDocs' loop: its polling watches the profile, and a folder where
    # a finished background PDF leaves a note (site/preview.py).
    signal = (str(PDF_CACHE / "serve"), False)
    assert server.watched == [signal, (str(elsewhere.resolve()), False)]

    monkeypatch.delenv("JOBPACKET_PROFILE")  # mkdocs.yml has no `watch:`: profiles/ it is
    server = _RecordingServer()
    adapter.on_serve(server, config=adapter.on_config(config), builder=None)
    assert server.watched == [signal, (str((folder / "profiles").resolve()), False)]


class _WakeableServer(_RecordingServer):
    """Has what MkDocs' LiveReloadServer has for its rebuild loop (see site/preview.py)."""

    def __init__(self) -> None:
        super().__init__()
        self._rebuild_cond = threading.Condition()
        self._want_rebuild = False


def test_serve_watches_the_profile_with_file_events_when_it_can_wake_mkdocs(
    tmp_path: Path, serving: None
) -> None:
    folder = make_site(tmp_path / "s", EXAMPLE)
    config = load_config(str(folder / "mkdocs.yml"), site_dir=str(tmp_path / "out"))
    server = _WakeableServer()
    adapter.on_serve(server, config=adapter.on_config(config), builder=None)
    assert server.watched == [], "MkDocs' polling is not asked to watch the profile too"
    time.sleep(0.2)
    profile = folder / "profiles" / "profile.yml"
    profile.write_text(profile.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    _wait_for(lambda: server._want_rebuild, "the edit to wake the rebuild loop", timeout=5)


def _wait_for(condition: Callable[[], bool], what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def test_mkdocs_serve_reports_a_broken_edit_and_recovers_without_restart(tmp_path: Path) -> None:
    folder = make_site(tmp_path / "s", EXAMPLE)
    profile = folder / "profiles" / "profile.yml"
    with mkdocs_serve(folder) as served:
        log = served.log

        def home() -> str:
            return served.get().decode("utf-8")

        _wait_for(lambda: LABEL in home(), "the first build")
        time.sleep(1)  # let the watcher settle before the first edit
        profile.write_text(_relabel("Label Two"), encoding="utf-8")
        _wait_for(lambda: "Label Two" in home(), "the edit to show")

        broken = _relabel("Label Two").replace(*BAD_DATE, 1)
        profile.write_text(broken, encoding="utf-8")
        line = _line_of(broken, BAD_DATE[1])
        located = f"profiles/profile.yml:{line}:16: work[0].startDate"
        _wait_for(lambda: any(located in entry for entry in log), "the located error")
        _wait_for(lambda: any("still serving the last good" in e for e in log), "the notice")
        assert "Label Two" in home()  # the last good site is still served
        assert not any("Traceback" in entry for entry in log)

        profile.write_text(_relabel("Label Three"), encoding="utf-8")
        _wait_for(lambda: "Label Three" in home(), "the fix to show")
        assert served.proc.poll() is None, "the server kept running"


def test_a_strict_serve_keeps_the_last_site_while_proofreading_warns(tmp_path: Path) -> None:
    """`mkdocs serve --strict`: a save that proofreading warns about is not published (the
    rules run before the pages then, not after them on a thread), and the fix is."""
    folder = make_site(tmp_path / "s", EXAMPLE)
    profile = folder / "profiles" / "profile.yml"
    summary = "Machine learning engineer with eight years"
    with mkdocs_serve(folder, "--strict") as served:
        log = served.log

        def home() -> str:
            return served.get().decode("utf-8")

        _wait_for(lambda: LABEL in home(), "the first build")
        time.sleep(1)  # let the watcher settle before the first edit
        text = _relabel("Label Two")
        assert summary in text
        profile.write_text(text.replace(summary, f"{summary} recieved", 1), encoding="utf-8")
        _wait_for(lambda: any("'recieved'" in entry for entry in log), "the spelling warning")
        _wait_for(lambda: any("Aborted with" in entry for entry in log), "the strict abort")
        time.sleep(1)
        assert "Label Two" not in home() and LABEL in home()

        profile.write_text(_relabel("Label Three"), encoding="utf-8")
        _wait_for(lambda: "Label Three" in home(), "the fix to show")
