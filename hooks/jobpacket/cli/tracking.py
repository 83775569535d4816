"""The commands that follow applications over time: followups, status, applications."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..errors import UserError
from .common import (
    load,
    profile_option,
    say,
    today_of,
    today_option,
    user_errors,
)
from .writing import write_atomic

if TYPE_CHECKING:
    from datetime import datetime


@click.command()
@today_option
@click.option(
    "--ics",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the follow-ups as a calendar file (RFC 5545) to import.",
)
@profile_option
@user_errors
def followups(today: datetime | None, ics: Path | None, profile: Path | None) -> None:
    """List each application's next follow-up and what is new since the last contact.

    The schedule continues from the latest of applied, decided, the letter and the contacts
    logged under followUp.log, every `followUp.every`, up to `followUp.maxAttempts`.
    """
    from ..followups import table_lines
    from ..followups_ics import calendar_bytes
    from ..profile.schedule import schedules
    from ..settings import display_path

    loaded = load(profile)
    day = today_of(today)
    for line in table_lines(loaded.profile, schedules(loaded.profile, day), day):
        say(line)
    if ics is not None:
        write_atomic(ics, calendar_bytes(loaded.profile), loaded)
        say(f"wrote {display_path(ics)}", err=True)


@click.command()
@click.argument("app_id", metavar="[ID]", required=False)
@today_option
@profile_option
@user_errors
def status(app_id: str | None, today: datetime | None, profile: Path | None) -> None:
    """Say per application whether its packet is ready to send.

    The letter and its findings, recommendation letters (a reminder when one was requested
    over three weeks ago), enclosures, what is dated after the application and not in the
    packet, and the next follow-up. Exit status 1 when a live application has an error: one
    waiting for a decision, or decided with a letter or a follow-up in the works.
    """
    from ..profile.paths import project_root
    from ..readiness import readiness, report_lines

    loaded = load(profile)
    items = readiness(loaded, today_of(today), project_root(loaded) / "build")
    if app_id is not None:
        items = [r for r in items if r.application.id == app_id]
        if not items:
            known = ", ".join(a.id for a in loaded.profile.applications) or "none"
            raise UserError(f"no application with id {app_id!r}; known: {known}")
    if not items:
        click.echo("No applications in the profile.")
    for line in report_lines(items):
        say(line)
    if any(r.blocking for r in items):
        sys.exit(1)


@click.command()
@today_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "csv", "json"]),
    default="text",
    show_default=True,
    help="text: an aligned table; csv or json: every field, for a spreadsheet or a script.",
)
@profile_option
@user_errors
def applications(today: datetime | None, fmt: str, profile: Path | None) -> None:
    """All applications at a glance: status, dates, last contact, next step, readiness.

    Readiness is `jobpacket status`'s verdict (ready, NOT READY, remake before sending,
    decided; not blocking); `status ID` says why.
    """
    from ..applications import as_csv, as_json, overview, table_lines
    from ..profile.paths import project_root

    loaded = load(profile)
    rows = overview(loaded, today_of(today), project_root(loaded) / "build")
    if fmt == "csv":
        click.echo(as_csv(rows), nl=False)
    elif fmt == "json":
        click.echo(as_json(rows))
    elif not rows:
        click.echo("No applications in the profile.")
    else:
        for line in table_lines(rows):
            click.echo(line)
