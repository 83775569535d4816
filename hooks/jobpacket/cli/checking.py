"""`jobpacket check`: validate and proofread profiles, every finding located."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..errors import Problem, ProfileError, plural
from .common import (
    print_problems,
    profile_option,
    say,
    user_errors,
)

if TYPE_CHECKING:
    pass


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: one linter-style line per finding; json: an object with a `findings` list "
    "(file, line, column, level, rule, field, message, hint) on standard output.",
)
@click.option("--strict", is_flag=True, help="Warnings count as errors (exit status 1).")
@click.option(
    "--render",
    is_flag=True,
    help="Also render the documents (WeasyPrint, seconds) to check page counts: a letter "
    "over one page, a résumé over meta.pages.",
)
@click.option(
    "--disable",
    "disabled",
    multiple=True,
    metavar="RULE",
    help="Skip a rule for this run (repeatable), e.g. --disable spelling.",
)
@profile_option
@user_errors
def check(
    paths: tuple[Path, ...],
    fmt: str,
    strict: bool,
    render: bool,
    disabled: tuple[str, ...],
    profile: Path | None,
) -> None:
    """Validate and proofread profiles; report every finding as file:line:col.

    Rules: files, spelling, placeholders, contact, dates, length, tone, language,
    consistency, letters, tailoring, follow-up, private (turn one off with
    meta.checks.disable). With no PATH, checks the default profile. Exit status 1 when any
    error is found (with --strict, any warning too).
    """
    from ..checks import RULES, run_checks, sort_key
    from ..profile.validate import load_profile
    from ..settings import display_path, resolve_profile

    unknown = sorted(set(disabled) - set(RULES))
    if unknown:
        raise click.BadParameter(
            f"unknown rule {', '.join(unknown)}; rules: {', '.join(RULES)}", param_hint="--disable"
        )
    targets = [resolve_profile(p) for p in paths] or [resolve_profile(profile)]
    failing = ("error", "warning") if strict else ("error",)
    findings: list[Problem] = []
    failed = False
    for path in targets:
        shown = display_path(path)
        try:
            loaded = load_profile(path, shown)
        except ProfileError as exc:
            found = sorted([*exc.problems, *_proofread_rest(exc, disabled)], key=sort_key)
            findings.extend(found)
            failed = True
            if fmt == "text":
                print_problems(found)
            continue
        found = sorted(
            [*loaded.notes, *run_checks(loaded, disable=disabled, cache=True)], key=sort_key
        )
        if render and not any(p.severity == "error" for p in found):
            from ..checks.render import check_rendered

            found.extend(check_rendered(loaded, disable=disabled))
        findings.extend(found)
        bad = [p for p in found if p.severity in failing]
        failed = failed or bool(bad)
        if fmt == "text":
            print_problems(found)
            if not bad:
                warnings = sum(p.severity == "warning" for p in found)
                extra = f" ({warnings} warning{'s' if warnings != 1 else ''})" if warnings else ""
                say(f"{shown}: ok{extra}")
    if fmt == "json":
        counts = {
            f"{k}s": sum(p.severity == k for p in findings) for k in ("error", "warning", "info")
        }
        report = {"findings": [p.as_json() for p in findings], **counts, "ok": not failed}
        click.echo(json.dumps(report, indent=2, ensure_ascii=False))
    elif failed:
        click.echo(_found_line(findings), err=True)
    if failed:
        sys.exit(1)


def _found_line(findings: list[Problem]) -> str:
    """The last line of a failed `check`: every error and warning shown above is counted,
    so "1 problem found" never closes a screen of seven."""
    errors = sum(p.severity == "error" for p in findings)
    warnings = sum(p.severity == "warning" for p in findings)
    parts = [plural(errors, "error")] + ([plural(warnings, "warning")] if warnings else [])
    return f"{plural(errors + warnings, 'problem')} found: {', '.join(parts)}"


def _proofread_rest(exc: ProfileError, disabled: tuple[str, ...]) -> list[Problem]:
    """The proofreading findings on the valid rest of a profile with errors (checks)."""
    from ..checks import findings_on_rest

    return findings_on_rest(exc, disable=disabled)
