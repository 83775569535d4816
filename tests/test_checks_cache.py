"""The findings cache (checks/cache.py): the same findings as a fresh run, whatever changed.

Each test stores findings, changes one input of the rules, and checks that the next cached
run sees the change exactly as an uncached run does; and that an unchanged project is read
back without running a rule.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from jobpacket import checks
from jobpacket.checks import cache as findings_cache
from jobpacket.checks import run_checks
from jobpacket.errors import Problem
from jobpacket.profile.validate import load_profile

from .checks_support import BASE, LETTER_BODY, TODAY
from .conftest import checkout_env, run_python
from .test_checks_files import FILES, PDF, project

TEXT = (
    BASE.replace("retail forecasting", "retail forcasting")
    + FILES
    + "    position: Senior Data Analyst\n"
    + "    status: draft\n"
    + '    applied: "2026-11-02"\n'
    + f"    letter:\n      body: {LETTER_BODY}\n"
    + 'certificates:\n  - name: Tableau Desktop Specialist\n    date: "2027-01-15"\n'
)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project with every kind of file the profile names, its own cache, run from inside."""
    monkeypatch.setenv("JOBPACKET_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    profiles = project(tmp_path)
    (profiles / "profile.yml").write_text(TEXT, encoding="utf-8")
    return profiles


def _run(folder: Path, *, today: date = TODAY, cache: bool = True, **kw: object) -> list[Problem]:
    loaded = load_profile(folder / "profile.yml", "profiles/profile.yml")
    return run_checks(loaded, today=today, cache=cache, **kw)  # type: ignore[arg-type]


def _fresh(folder: Path, **kw: object) -> list[Problem]:
    return _run(folder, cache=False, **kw)  # type: ignore[arg-type]


def _no_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> list[Problem]:
        raise AssertionError("a rule ran although nothing changed")

    monkeypatch.setattr(checks, "_run_rules", refuse)


def _entries(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "cache" / "checks").glob("*.json"))


def test_an_unchanged_project_is_read_back_without_running_a_rule(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _run(folder)
    rules = {p.rule for p in first}
    assert {"spelling", "dates"} <= rules  # the profile has findings to keep
    assert first == _fresh(folder)
    assert len(_entries(tmp_path)) == 1
    _no_rules(monkeypatch)
    assert _run(folder) == first


def test_editing_the_profile_gives_fresh_findings(folder: Path) -> None:
    before = _run(folder)
    assert any(p.message == "'forcasting'" for p in before)
    (folder / "profile.yml").write_text(TEXT.replace("forcasting", "forecasting"), encoding="utf-8")
    after = _run(folder)
    assert after == _fresh(folder)
    assert not any(p.rule == "spelling" for p in after)


def test_an_enclosure_changed_in_place_gives_fresh_findings(folder: Path) -> None:
    assert not any(p.rule == "files" for p in _run(folder))
    enclosure = folder / "documents" / "sample.pdf"
    stamp = enclosure.stat()
    # Same size, same modification time, different bytes: only the content digest differs.
    enclosure.write_bytes(PDF[:8] + b"#" * (len(PDF) - 8))
    os.utime(enclosure, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert enclosure.stat().st_size == stamp.st_size
    after = _run(folder)
    assert after == _fresh(folder)
    (problem,) = [p for p in after if p.rule == "files"]
    assert "documents/sample.pdf" in problem.message and "not a readable PDF" in problem.message


def test_a_named_file_removed_or_turned_into_another_kind_gives_fresh_findings(
    folder: Path, tmp_path: Path
) -> None:
    _run(folder)
    (tmp_path / "content" / "images" / "chart.png").unlink()
    after = _run(folder)
    assert after == _fresh(folder)
    assert any(p.rule == "files" and "images/chart.png" in p.message for p in after)
    (folder / "documents" / "tableau.png").write_bytes(b"not an image at all")
    later = _run(folder)
    assert later == _fresh(folder)
    assert any("'documents/tableau.png' is not" in p.message for p in later)


def test_a_symbolic_link_pointed_elsewhere_gives_fresh_findings(
    folder: Path, tmp_path: Path
) -> None:
    (tmp_path / "outside.pdf").write_bytes(PDF)
    target = folder / "documents" / "sample.pdf"
    target.unlink()
    (folder / "documents" / "real.pdf").write_bytes(PDF)
    target.symlink_to(folder / "documents" / "real.pdf")
    assert not any(p.rule == "files" for p in _run(folder))
    target.unlink()
    target.symlink_to(tmp_path / "outside.pdf")
    after = _run(folder)
    assert after == _fresh(folder)
    assert any(p.rule == "files" and "outside the project" in p.message for p in after)


def test_a_new_day_gives_fresh_findings(folder: Path) -> None:
    today = _run(folder)
    assert any(p.rule == "dates" and "in the future" in p.message for p in today)
    later = _run(folder, today=date(2027, 6, 1))
    assert later == _fresh(folder, today=date(2027, 6, 1))
    assert not any(p.rule == "dates" and "in the future" in p.message for p in later)


def test_the_word_list_and_disabled_rules_are_inputs(folder: Path) -> None:
    assert any(p.message == "'forcasting'" for p in _run(folder))
    (folder / "dictionary.txt").write_text("forcasting\n", encoding="utf-8")
    after = _run(folder)
    assert after == _fresh(folder)
    assert not any(p.message == "'forcasting'" for p in after)
    off = _run(folder, disable=["dates"])
    assert off == _fresh(folder, disable=["dates"])
    assert not any(p.rule == "dates" for p in off)
    assert any(p.rule == "dates" for p in _run(folder))


def test_messages_follow_the_working_folder(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "content" / "images" / "chart.png").unlink()
    here = [p.message for p in _run(folder) if p.rule == "files"]
    monkeypatch.chdir(folder)
    there = [p.message for p in _run(folder) if p.rule == "files"]
    assert there == [p.message for p in _fresh(folder) if p.rule == "files"]
    assert here != there  # "looked for content/images/..." from each place


def test_a_damaged_entry_is_a_miss_and_old_entries_are_dropped(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = _run(folder)
    (entry,) = _entries(tmp_path)
    entry.write_text('[{"file": "x"', encoding="utf-8")
    assert _run(folder) == expected
    monkeypatch.setattr(findings_cache, "KEEP", 3)
    for day in range(1, 8):
        _run(folder, today=date(2026, 12, day))
    assert len(_entries(tmp_path)) == 3


def test_the_registry_names_the_rules_own_ids_and_functions() -> None:
    from importlib import import_module

    from jobpacket.checks import files, letters, required

    assert {"schema", required.RULE} == checks.ALWAYS_ON
    assert {files.RULE, letters.RULE} == checks.BUILD_ERRORS
    for rule in checks.RULES.values():
        module, _, name = rule.target.partition(":")
        owner = import_module(f"jobpacket.checks.{module}") if module else checks
        assert callable(getattr(owner, name)), rule.id


PROBE = """
import sys
from pathlib import Path
from jobpacket.checks import run_checks
from jobpacket.profile.validate import load_profile

loaded = load_profile(Path("profiles/profile.yml"), "profiles/profile.yml")
print(len(run_checks(loaded, cache=True)))
print(" ".join(m for m in ("pypdf", "phonenumbers", "spellchecker", "jobpacket.checks.spelling")
               if m in sys.modules))
"""


def test_a_second_process_reads_the_findings_without_the_rules_libraries(
    folder: Path, tmp_path: Path
) -> None:
    env = checkout_env(JOBPACKET_CACHE_DIR=str(tmp_path / "cache"))

    def probe() -> list[str]:
        done = run_python("-c", PROBE, cwd=tmp_path, env=env, check=True)
        return done.stdout.split("\n")

    count, imported, _ = probe()
    assert int(count) > 0 and "spellchecker" in imported and "pypdf" in imported
    again, imported, _ = probe()
    assert again == count
    assert imported == ""  # neither the rules nor their libraries were needed


def test_source_date_epoch_is_an_input_and_the_render_time_limit_is_not(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loaded = load_profile(folder / "profile.yml", "profiles/profile.yml")

    def key() -> str:
        return findings_cache.findings_key(loaded, today=TODAY, disable=())

    first = key()
    monkeypatch.setenv("JOBPACKET_RENDER_TIMEOUT", "3600")
    assert key() == first  # the limit changes how long a render may take, not a finding
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    assert key() != first  # letters without a date of their own are dated by it


def test_unwanted_rules_come_out_of_a_stored_complete_run_or_are_not_run(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What goes out is proofread without the `files` rule (the print step checks the
    files): from `check`'s stored findings when there are some, else without running it."""
    enclosure = folder / "documents" / "sample.pdf"
    enclosure.write_bytes(b"not a pdf")
    complete = _fresh(folder)
    assert any(p.rule == "files" for p in complete)
    wanted = [p for p in complete if p.rule != "files"]
    # nothing stored yet: the rule is not run, and the result is stored apart
    from jobpacket.checks import files

    ran: list[object] = []
    real = files.check
    monkeypatch.setattr(files, "check", lambda loaded: ran.append(loaded) or real(loaded))
    assert _run(folder, unwanted=("files",)) == wanted
    assert ran == [] and len(_entries(tmp_path)) == 1
    # `check` stores the complete run; the next proofreading reads it, running no rule
    assert _run(folder) == complete
    assert len(_entries(tmp_path)) == 2
    _no_rules(monkeypatch)
    for entry in _entries(tmp_path):
        entry.touch()
    assert _run(folder, unwanted=("files",)) == wanted
