"""Editing and rebuilding: while `mkdocs serve` runs, a broken profile is reported with its
located lines, the last good site keeps being served, and saving a fix recovers it."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from .conftest import EXAMPLE
from .test_site_support import make_site, mkdocs_serve

LABEL = "Senior Machine Learning Engineer"
BAD_DATE = ('startDate: "2023-04"', "startDate: Fall 2023")


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def _relabel(label: str) -> str:
    return EXAMPLE.read_text(encoding="utf-8").replace(f"label: {LABEL}", f"label: {label}", 1)


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
