"""What every command shares (cli/common.py): which profile it reads, how it prints findings."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from jobpacket.cli.common import load, plural, say, today_of, user_errors
from jobpacket.errors import Problem, ProfileError, UserError

from .test_cli import BAD, run


def test_profile_is_chosen_by_option_env_then_mkdocs_yml(tmp_path: Path):
    (tmp_path / "profiles").mkdir()
    (tmp_path / "profiles" / "mine.yml").write_text("basics:\n  name: A\n", encoding="utf-8")
    (tmp_path / "other.yml").write_text(BAD, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: x\nmarkdown_extensions:\n  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "extra:\n  jobpacket:\n    profile: profiles/mine.yml\n",
        encoding="utf-8",
    )
    assert run("check", cwd=tmp_path).stdout.strip() == "profiles/mine.yml: ok"
    via_env = run("check", cwd=tmp_path, env={"JOBPACKET_PROFILE": "other.yml"})
    assert via_env.returncode == 1 and via_env.stderr.startswith("other.yml:3:3:")
    via_option = run("check", "--profile", "profiles/mine.yml", cwd=tmp_path)
    assert via_option.returncode == 0


def _command(body) -> click.Command:
    """A command as every jobpacket command is made: its body under `user_errors`."""

    @click.command()
    @user_errors
    def command() -> None:
        body()

    return command


def test_a_profile_error_is_its_located_lines_then_a_count_and_exit_1() -> None:
    problems = [
        Problem("p.yml", 3, 3, ("basics", "emial"), "unknown key 'emial'"),
        Problem("p.yml", 5, 16, ("work", 0, "startDate"), "'Fall 2023' is not a date"),
    ]

    def fails() -> None:
        raise ProfileError(problems)

    result = CliRunner().invoke(_command(fails))
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.splitlines() == [str(p) for p in problems] + ["2 problems found"]


def test_a_user_error_is_one_printable_line_and_a_bug_keeps_its_traceback() -> None:
    def refuses() -> None:
        raise UserError("no application 'acme\x1b[2J'; ids: harbour")

    result = CliRunner().invoke(_command(refuses))
    assert result.exit_code == 1
    assert "\x1b" not in result.stderr  # a profile value cannot drive the terminal
    assert (
        result.stderr.startswith("error: no application 'acme") and result.stderr.count("\n") == 1
    )

    def bug() -> None:
        raise KeyError("oops")

    with pytest.raises(KeyError):
        CliRunner().invoke(_command(bug), catch_exceptions=False)


def test_say_escapes_control_characters() -> None:
    @click.command()
    def command() -> None:
        say("Ann\rLee\x07")

    out = CliRunner().invoke(command).stdout
    assert "\r" not in out and "\x07" not in out and out.startswith("Ann")


def test_plural_and_today() -> None:
    assert (plural(0, "file"), plural(1, "file"), plural(2, "file")) == (
        "0 files",
        "1 file",
        "2 files",
    )
    assert today_of(datetime(2026, 3, 20, 17, 45)) == date(2026, 3, 20)
    assert today_of(None) == date.today()


def test_load_shows_the_profiles_notes_as_info_lines(tmp_path: Path) -> None:
    path = tmp_path / "p.yml"
    path.write_text("basics:\n  name: Ann\n  website: https://ann.example.org\n", "utf-8")
    result = CliRunner().invoke(_command(lambda: load(path)))
    assert result.exit_code == 0, result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith(f"{path}:3:3: info: basics.website: 'website' is the older JSON")
