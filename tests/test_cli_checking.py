"""`jobpacket check` (cli/checking.py): exit codes, located lines, every file reported."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from jobpacket.cli import main

from .conftest import JSONRESUME
from .test_cli import BAD, run


def test_check_example_passes():
    result = run("check")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "profiles/example.yml: ok"
    # only infos (an overdue follow-up depends on today's date): no error, no warning
    assert all(": info" in line for line in result.stderr.splitlines()), result.stderr


def test_check_bad_profile_exits_1_with_located_lines_and_no_traceback(tmp_path: Path):
    bad = tmp_path / "bad.yml"
    bad.write_text(BAD, encoding="utf-8")
    result = run("check", str(bad), cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        "bad.yml:3:3: basics.emial: unknown key 'emial'; did you mean 'email'?",
        "bad.yml:5:16: work[0].startDate: 'Fall 2023' is not a date; "
        "use YYYY-MM-DD, YYYY-MM or YYYY",
        "2 problems found: 2 errors",
    ]


def test_check_reports_every_file(tmp_path: Path):
    good = tmp_path / "good.yml"
    good.write_text("basics:\n  name: Ann\n", encoding="utf-8")
    bad = tmp_path / "bad.yml"
    bad.write_text(BAD, encoding="utf-8")
    missing = tmp_path / "missing.yml"
    result = CliRunner().invoke(main, ["check", str(good), str(bad), str(missing)])
    assert result.exit_code == 1
    assert f"{good}: ok" in result.stdout or "good.yml: ok" in result.stdout
    assert "bad.yml:3:3:" in result.stderr and "bad.yml:5:16:" in result.stderr
    assert "missing.yml:1:1: file not found" in result.stderr
    assert "3 problems found" in result.stderr


def test_check_all_json_resume_fixtures():
    paths = [str(p) for p in sorted(JSONRESUME.glob("*.resume.json"))]
    result = CliRunner().invoke(main, ["check", *paths])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.count(": ok") == 3
