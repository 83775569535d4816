"""Proofreading what a command writes (cli/proofread.py): the findings that bear on the
document, shown once each with the print step's notes, and an error that stops the command
before anything is written unless --force. Every command that makes a document, through the
real CLI: test_outgoing.py."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from jobpacket.cli.proofread import judge_output, outgoing, proofread_output
from jobpacket.errors import Problem
from jobpacket.profile.validate import LoadedProfile, load_profile

from .checks_support import BASE, LETTER_BODY

PLACEHOLDER = LETTER_BODY.replace("Harbour Retail Group", "[Company Name]")


def _loaded(tmp_path: Path, body: str) -> LoadedProfile:
    path = tmp_path / "profile.yml"
    path.write_text(
        BASE + f"applications:\n  - id: harbour\n    organization: Harbour Retail Group\n"
        f"    letter:\n      body: {body}\n",
        encoding="utf-8",
    )
    return load_profile(path, "profile.yml")


def _judged(found: list[Problem], notes: list[Problem], *, force: bool):
    @click.command()
    def command() -> None:
        judge_output(found, notes, force=force, what="harbour/cover-letter.pdf")
        click.echo("written")

    return CliRunner().invoke(command)


ERROR = Problem("p.yml", 9, 13, ("applications", 0, "letter", "body"), "a placeholder",
                "error", "placeholders")  # fmt: skip
WARNING = Problem("p.yml", 4, 3, ("basics", "label"), "vague", "warning", "tone")


def test_an_error_stops_before_anything_is_written() -> None:
    result = _judged([ERROR], [], force=False)
    assert result.exit_code == 1 and "written" not in result.stdout
    assert result.stderr.splitlines() == [
        str(ERROR),
        "1 error in harbour/cover-letter.pdf; nothing written (the previous file is kept). "
        "Fix them, or use --force to write it anyway",
    ]


def test_force_writes_and_still_says_what_is_wrong() -> None:
    result = _judged([ERROR], [], force=True)
    assert result.exit_code == 0 and result.stdout == "written\n"
    assert "1 error in harbour/cover-letter.pdf; writing anyway (--force)" in result.stderr


def test_findings_are_shown_once_in_file_order_with_the_notes() -> None:
    result = _judged([ERROR, WARNING], [ERROR], force=True)  # the print step found it too
    assert result.stderr.splitlines() == [
        str(WARNING),
        str(ERROR),
        "1 error in harbour/cover-letter.pdf; writing anyway (--force)",
    ]
    warnings_only = _judged([WARNING], [], force=False)
    assert warnings_only.exit_code == 0 and warnings_only.stdout == "written\n"


def test_only_findings_about_the_document_bear_on_it(tmp_path: Path) -> None:
    loaded = _loaded(tmp_path, PLACEHOLDER)
    about_letter = outgoing(loaded, [f"<p>{PLACEHOLDER}</p>"], [("applications", 0)])
    # the placeholder, and the letter that so never names the organization
    assert [p.rule for p in about_letter] == ["consistency", "placeholders"]
    assert all(p.path[:3] == ("applications", 0, "letter") for p in about_letter)
    # the résumé does not print the letter: its placeholder does not stop the résumé
    assert outgoing(loaded, ["<p>Priya Raman, Data Analyst</p>"], []) == []
    clean = _loaded(tmp_path, LETTER_BODY)
    assert outgoing(clean, [f"<p>{LETTER_BODY}</p>"], [("applications", 0)]) == []


def test_proofread_output_exits_1_on_the_documents_error(tmp_path: Path) -> None:
    loaded = _loaded(tmp_path, PLACEHOLDER)

    @click.command()
    def command() -> None:
        proofread_output(
            loaded, [PLACEHOLDER], [("applications", 0)], [], force=False, what="letter.md"
        )

    result = CliRunner().invoke(command)
    assert result.exit_code == 1
    assert "profile.yml:" in result.stderr and "error placeholders" in result.stderr
    assert result.stderr.splitlines()[-1].startswith("1 error in letter.md; nothing written")


@pytest.fixture(autouse=True)
def _no_profile_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JOBPACKET_PROFILE", raising=False)
