"""site/mkdocs.py: the MkDocs adapter's own events, called in this process: a broken profile
while serving keeps the last good site, outside serving it stops the build, and `on_serve`
watches the profile where MkDocs would not. Whole `mkdocs serve` sessions are in
test_site_serve.py, whole builds in test_site.py."""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from jobpacket.site import mkdocs as adapter

from .conftest import EXAMPLE
from .test_site_serve import BAD_DATE, LABEL, _line_of, _relabel, _wait_for
from .test_site_support import PDF_CACHE, make_site


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
