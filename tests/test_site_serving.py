"""What the MkDocs hook keeps across a process and adds while serving (site/serving.py): each
finding logged once per build at its level, the last good profile served on, a failed rebuild
reported rather than raised. Whole `mkdocs serve` sessions are in test_site_serve.py."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from jobpacket.errors import Problem
from jobpacket.profile.validate import load_profile
from jobpacket.site import serving
from jobpacket.site.publish import Publication, SiteError

from .conftest import EXAMPLE

LOGGER = "mkdocs.plugins.jobpacket"
GOOD = "basics:\n  name: Ann Lee\n  label: Data Engineer\n"
BROKEN = "basics:\n  name: Ann Lee\nwork:\n  - startDate: Fall 2023\n"


@pytest.fixture(autouse=True)
def fresh_state(monkeypatch: pytest.MonkeyPatch) -> serving.State:
    state = serving.State()
    monkeypatch.setattr(serving, "state", state)
    return state


def _build(path: Path = EXAMPLE) -> serving.Build:
    loaded = load_profile(path, "profile.yml")
    return serving.Build(loaded, path.parent, True, Publication(path.parent))


def _logged(caplog: pytest.LogCaptureFixture) -> list[tuple[str, str]]:
    return [(r.levelname, r.getMessage()) for r in caplog.records if r.name == LOGGER]


def test_warnings_are_counted_for_a_strict_build() -> None:
    counter = serving.WarningCount()
    logger = logging.getLogger("test.site.serving")
    logger.addHandler(counter)
    try:
        logger.info("a page was built")
        logger.warning("a link is broken")
        logger.error("a page failed")
    finally:
        logger.removeHandler(counter)
    assert counter.count == 2


def test_a_finding_is_logged_once_per_build_at_its_level(
    caplog: pytest.LogCaptureFixture,
) -> None:
    build = _build()
    missing = Problem("p.yml", 9, 5, ("documents", 0), "file not found", "warning", "files")
    info = Problem("p.yml", 4, 3, ("applications", 0), "follow-up due", "info", "followups")
    error = Problem("p.yml", 2, 3, ("basics",), "bad", "error", "schema")
    with caplog.at_level(logging.INFO, logger=LOGGER):
        for problem in (missing, missing, info, error):  # proofreading and print both find it
            serving.report(problem, build)
        serving.report(missing, _build())  # the next build says it again
    assert _logged(caplog) == [
        ("WARNING", f"jobpacket: {missing}"),
        ("INFO", f"jobpacket: {info}"),
        ("ERROR", f"jobpacket: {error}"),
        ("WARNING", f"jobpacket: {missing}"),
    ]


def test_the_print_steps_findings_skip_what_the_profile_turned_off(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "profile.yml"
    path.write_text(GOOD + "meta:\n  checks:\n    disable: [length]\n", encoding="utf-8")
    build = _build(path)
    with caplog.at_level(logging.INFO, logger=LOGGER):
        serving.report_printed(Problem("p.yml", 1, 1, (), "3 pages", "warning", "length"), build)
        serving.report_printed(Problem("p.yml", 1, 1, (), "no glyph", "warning", "glyphs"), build)
    assert [m for _, m in _logged(caplog)] == ["jobpacket: p.yml:1:1: warning glyphs: no glyph"]


def test_a_broken_profile_stops_a_build_with_every_located_line(tmp_path: Path) -> None:
    path = tmp_path / "profile.yml"
    path.write_text(BROKEN, encoding="utf-8")
    with pytest.raises(SiteError) as caught:
        serving.load(path)
    lines = str(caught.value).splitlines()
    assert lines[0].endswith(
        "profile.yml:4:16: work[0].startDate: 'Fall 2023' is not a date; "
        "use YYYY-MM-DD, YYYY-MM or YYYY"
    )
    assert lines[-1] == "1 problem found in the profile"


def test_while_serving_a_broken_save_keeps_the_last_good_profile(
    tmp_path: Path, fresh_state: serving.State, caplog: pytest.LogCaptureFixture
) -> None:
    fresh_state.command = "serve"
    path = tmp_path / "profile.yml"
    path.write_text(GOOD, encoding="utf-8")
    good = serving.load(path)
    assert fresh_state.last_good[path] is good
    path.write_text(BROKEN, encoding="utf-8")
    with caplog.at_level(logging.INFO, logger=LOGGER):
        assert serving.load(path) is good
    errors = [m for level, m in _logged(caplog) if level == "ERROR"]
    assert "work[0].startDate: 'Fall 2023' is not a date" in errors[0]
    assert "still serving the last good version" in errors[-1]
    # a profile never good in this process has nothing to fall back to
    other = tmp_path / "other.yml"
    other.write_text(BROKEN, encoding="utf-8")
    with pytest.raises(SiteError):
        serving.load(other)


def test_a_failed_rebuild_is_reported_not_raised(caplog: pytest.LogCaptureFixture) -> None:
    def rebuild() -> None:
        raise OSError("disk full")

    with caplog.at_level(logging.INFO, logger=LOGGER):
        serving.keep_last_good(rebuild)()
    [(level, message)] = _logged(caplog)
    assert level == "ERROR"
    assert message.startswith("jobpacket: the rebuild failed (OSError: disk full); still serving")


def test_a_rebuild_serves_the_pdf_it_served_before(fresh_state: serving.State) -> None:
    fresh_state.command = "serve"
    fresh_state.served = {"resume.pdf": b"%PDF- served"}
    loaded = load_profile(EXAMPLE)
    # no rendering, not even the print HTML: the background thread remakes it
    assert serving.site_documents(loaded) == {"resume.pdf": b"%PDF- served"}


def test_stop_lets_go_of_what_the_process_held(fresh_state: serving.State) -> None:
    fresh_state.last_good[EXAMPLE] = load_profile(EXAMPLE)
    fresh_state.served["resume.pdf"] = b"%PDF-"
    fresh_state.server = object()
    serving.stop()
    assert fresh_state.last_good == {} and fresh_state.served == {}
    assert fresh_state.server is None and fresh_state.renderer is None


class _Server:
    """A server without a way to wake its loop: it only polls the folders it watches."""

    def __init__(self) -> None:
        self.watched: list[tuple[str, bool]] = []

    def watch(self, path: str, *, recursive: bool = True) -> None:
        self.watched.append((path, recursive))


def test_a_profile_outside_the_watched_folders_is_watched(
    tmp_path: Path, fresh_state: serving.State, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JOBPACKET_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "elsewhere" / "profile.yml"
    path.parent.mkdir()
    path.write_text(GOOD, encoding="utf-8")
    server = _Server()
    serving.watch(server, _build(path), [tmp_path / "site" / "docs"])
    signal = fresh_state.ready_signal
    assert signal is not None and signal.parent.is_dir()
    assert server.watched == [(str(signal.parent), False), (str(path.parent.resolve()), False)]
    server = _Server()
    serving.watch(server, _build(path), [path.parent.resolve()])
    assert server.watched == [(str(signal.parent), False)]  # already watched
