"""`mkdocs serve`: pages never wait for a PDF, a ready PDF replaces the served one, the newest
edit wins, and MkDocs' rebuild loop can be woken (site/preview.py)."""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer

from jobpacket.print import outputs
from jobpacket.print.worker import RenderTimeout
from jobpacket.site import mkdocs as adapter
from jobpacket.site import preview

from .conftest import EXAMPLE
from .pdf_support import text
from .test_site_serve import _wait_for
from .test_site_support import make_site, mkdocs_serve

SUMMARY = "Machine learning engineer with eight years"


def _with_word(word: str) -> str:
    return EXAMPLE.read_text(encoding="utf-8").replace(SUMMARY, f"{word} {SUMMARY}", 1)


def _word() -> str:
    return "Zq" + uuid.uuid4().hex[:10]


class _Held:
    """outputs.render, held at a gate: a PDF that takes as long as the test wants."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.gate, self.started = threading.Event(), threading.Event()
        self.real = outputs.render
        monkeypatch.setattr(outputs, "render", self)

    def __call__(self, doc: object, **kwargs: object) -> bytes:
        self.started.set()
        assert self.gate.wait(60), "the test never released the render"
        return self.real(doc, **kwargs)  # type: ignore[arg-type]


@pytest.fixture
def served(tmp_path: Path, serving: None) -> tuple[Path, Path, Callable[[], str]]:
    """A copy of the example site rebuilt as `mkdocs serve` does; returns the profile, the
    served folder and a rebuild that returns the served résumé page."""
    folder = make_site(tmp_path / "s", EXAMPLE)
    site_dir = tmp_path / "served"

    def rebuild() -> str:
        config = load_config(str(folder / "mkdocs.yml"), site_dir=str(site_dir))
        mkdocs_build(config, serve_url="http://127.0.0.1:8000/")
        return (site_dir / "resume.html").read_text(encoding="utf-8")

    rebuild()
    return folder / "profiles" / "profile.yml", site_dir, rebuild


def test_a_rebuild_does_not_wait_for_the_pdf_and_the_new_pdf_replaces_the_old(
    served: tuple[Path, Path, Callable[[], str]],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    profile, site_dir, rebuild = served
    before = (site_dir / "resume.pdf").read_bytes()
    held = _Held(monkeypatch)
    word = _word()
    profile.write_text(_with_word(word), encoding="utf-8")
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        page = rebuild()  # returns while the PDF's render is still held
        assert held.started.wait(30), "the changed PDF was not sent to the background"
        assert word in page, "the page shows the edit at once"
        assert (site_dir / "resume.pdf").read_bytes() == before, "the previous PDF stays"
        held.gate.set()
        assert adapter._state.renderer is not None and adapter._state.renderer.idle(60)
    after = (site_dir / "resume.pdf").read_bytes()
    assert after != before and word in text(after), "the served PDF was replaced"
    messages = [r.getMessage() for r in caplog.records]
    assert any("rendered in the background" in m for m in messages), messages
    assert any("résumé PDF is up to date" in m for m in messages), messages

    page = rebuild()  # the next rebuild finds it cached and keeps it
    assert (site_dir / "resume.pdf").read_bytes() == after


def test_the_newest_edit_wins(
    served: tuple[Path, Path, Callable[[], str]],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    profile, site_dir, rebuild = served
    held = _Held(monkeypatch)
    first, second = _word(), _word()
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        profile.write_text(_with_word(first), encoding="utf-8")
        rebuild()
        assert held.started.wait(30)
        profile.write_text(_with_word(second), encoding="utf-8")
        assert second in rebuild()  # the first PDF is still held: the page did not wait
        held.gate.set()
        assert adapter._state.renderer is not None and adapter._state.renderer.idle(60)
    pdf = text((site_dir / "resume.pdf").read_bytes())
    assert second in pdf and first not in pdf
    published = [r for r in caplog.records if "résumé PDF is up to date" in r.getMessage()]
    assert len(published) == 1, "the superseded PDF was never published"


def test_a_failed_background_render_keeps_the_previous_pdf(
    served: tuple[Path, Path, Callable[[], str]],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    profile, site_dir, rebuild = served
    before = (site_dir / "resume.pdf").read_bytes()

    def too_slow(doc: object, **kwargs: object) -> bytes:
        raise RenderTimeout("public résumé: rendering took longer than 60 s and was stopped")

    monkeypatch.setattr(outputs, "render", too_slow)
    word = _word()
    profile.write_text(_with_word(word), encoding="utf-8")
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        assert word in rebuild()
        assert adapter._state.renderer is not None and adapter._state.renderer.idle(60)
    errors = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert any("took longer than 60 s" in m for m in errors), errors
    assert any("still serving the previous résumé PDF" in m for m in errors), errors
    assert (site_dir / "resume.pdf").read_bytes() == before


def test_latest_delivers_only_the_newest_item() -> None:
    gate = threading.Event()
    worked: list[str] = []
    delivered: list[bytes] = []
    failures: list[BaseException] = []

    def work(item: str) -> bytes:
        if item == "a":
            gate.wait(10)
        worked.append(item)
        return item.encode()

    latest = preview.Latest(work, delivered.append, failures.append)
    try:
        latest.submit("a")
        time.sleep(0.2)  # "a" is running
        latest.submit("b")
        latest.submit("c")  # "b" was never started: dropped
        gate.set()
        assert latest.idle(10)
    finally:
        latest.close()
    assert worked == ["a", "c"], "a running item finishes; a waiting one is dropped"
    assert delivered == [b"c"], "the superseded result is not delivered"
    assert failures == []


def test_latest_reports_a_failure_of_the_newest_item_only() -> None:
    failures: list[BaseException] = []

    def work(item: str) -> str:
        raise ValueError(item)

    latest = preview.Latest(work, lambda _: None, failures.append)
    try:
        latest.submit("only")
        assert latest.idle(10)
    finally:
        latest.close()
    assert [str(f) for f in failures] == ["only"]


def test_mkdocs_rebuild_loop_can_still_be_woken(tmp_path: Path) -> None:
    """Fails when an MkDocs upgrade renames what `preview.wake` relies on; the adapter then
    falls back to MkDocs' polling, which is slower but correct."""
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    try:
        assert preview.can_wake(server)
        assert preview.wake(server)
        assert server._want_rebuild is True

        assert preview.can_reload(server)
        before = server._visible_epoch
        seen: list[tuple[int, int]] = []

        def write() -> None:  # what a request would find meanwhile
            seen.append((server._visible_epoch, server._wanted_epoch))

        assert preview.publish_and_reload(server, write)
        ((visible, wanted),) = seen
        assert wanted > visible, "requests wait while the file is replaced"
        assert server._visible_epoch > before, "open pages see a newer epoch and reload"
        assert server._wanted_epoch == server._visible_epoch, "requests are not held after"

        server._wanted_epoch = server._visible_epoch + 5  # a rebuild is running
        visible = server._visible_epoch
        assert preview.publish_and_reload(server, write)
        assert server._visible_epoch == visible, "the rebuild's end reloads them"
        assert len(seen) == 2, "the PDF is still written"
    finally:
        server.server_close()
    assert not preview.can_wake(object()) and not preview.wake(object())
    assert not preview.can_reload(object())
    assert not preview.publish_and_reload(object(), lambda: None)


def test_fast_watch_sees_writes_but_not_reads(tmp_path: Path) -> None:
    target = tmp_path / "profile.yml"
    target.write_text("a: 1\n", encoding="utf-8")
    changes = threading.Event()
    watch = preview.FastWatch(tmp_path, changes.set)
    try:
        time.sleep(0.2)
        target.read_text(encoding="utf-8")
        assert not changes.wait(0.5), "reading the profile is not a change"
        target.write_text("a: 2\n", encoding="utf-8")
        assert changes.wait(5)
    finally:
        watch.stop()


def test_mkdocs_serve_shows_an_edit_and_then_its_pdf(tmp_path: Path) -> None:
    folder = make_site(tmp_path / "s", EXAMPLE)
    profile = folder / "profiles" / "profile.yml"
    with mkdocs_serve(folder) as served:
        get, log = served.get, served.log
        _wait_for(lambda: get("resume.pdf").startswith(b"%PDF"), "the first build")
        time.sleep(0.5)
        word = _word()
        profile.write_text(_with_word(word), encoding="utf-8")
        _wait_for(lambda: word.encode() in get("resume.html"), "the edit to show")
        _wait_for(
            lambda: (pdf := get("resume.pdf")).startswith(b"%PDF") and word in text(pdf),
            "the new PDF",
        )
        _wait_for(lambda: any("résumé PDF is up to date" in e for e in log), "the notice")
        assert any("rendered in the background" in e for e in log)
        time.sleep(1.0)
        builds = [e for e in log if "Building documentation" in e]
        assert len(builds) == 2, "the first build and the edit's; the PDF reloads without one"
        assert any("watching profiles/ for changes" in e for e in log), log
        assert not any("Traceback" in e for e in log)


def test_proofreading_runs_after_a_serve_rebuild_and_still_reports(
    served: tuple[Path, Path, Callable[[], str]], caplog: pytest.LogCaptureFixture
) -> None:
    profile, _, rebuild = served
    profile.write_text(_with_word("TODO"), encoding="utf-8")
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        assert "TODO" in rebuild()
        assert adapter._state.proofreader is not None and adapter._state.proofreader.idle(60)
    found = [r.getMessage() for r in caplog.records if "placeholders" in r.getMessage()]
    assert len(found) == 1 and "basics.summary" in found[0], found
