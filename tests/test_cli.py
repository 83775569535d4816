"""The `jobpacket` command group itself (cli/__init__.py): every command has help, usage errors
exit 2, and `check` imports no renderer. Each command's own tests are in test_cli_<module>.py."""

from __future__ import annotations

import os
from pathlib import Path

import click
from click.testing import CliRunner

from jobpacket import __version__
from jobpacket.cli import main

from .conftest import ROOT, run_python

BAD = "basics:\n  name: Ann\n  emial: a@example.com\nwork:\n  - startDate: Fall 2023\n"


def run(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None):
    """The real entry point in a fresh interpreter, as a user would run it."""
    return run_python(
        "-m", "jobpacket.cli", *args, cwd=cwd or ROOT, env={**os.environ, **(env or {})}
    )


def test_check_does_not_import_weasyprint_or_mkdocs():
    code = (
        "import sys\nfrom jobpacket.cli import main\n"
        "main(['check'], standalone_mode=False)\n"
        "print(sorted(m for m in ('weasyprint', 'mkdocs', 'material', 'jinja2') "
        "if m in sys.modules))\n"
    )
    result = run_python("-c", code, cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"


def _all_commands(group: click.Group, prefix: tuple[str, ...] = ()):
    for name, command in group.commands.items():
        yield (*prefix, name), command
        if isinstance(command, click.Group):
            yield from _all_commands(command, (*prefix, name))


def test_every_command_has_help():
    runner = CliRunner()
    commands = list(_all_commands(main))
    assert {"check", "schema", "new", "export"} <= {path[0] for path, _ in commands}
    for path, command in commands:
        assert command.help and len(command.help.strip()) > 20, path
        result = runner.invoke(main, [*path, "--help"])
        assert result.exit_code == 0 and "Usage:" in result.output, path


def test_version_and_usage_errors():
    runner = CliRunner()
    version = runner.invoke(main, ["--version"])
    assert version.exit_code == 0 and __version__ in version.output
    assert runner.invoke(main, ["check", "--no-such-option"]).exit_code == 2
    assert runner.invoke(main, ["no-such-command"]).exit_code == 2
    assert runner.invoke(main, ["export", "--format", "docx"]).exit_code == 2
