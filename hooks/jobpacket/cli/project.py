"""The commands about the project and its profile as a file: schema, new, split-private,
export.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..errors import UserError
from .common import (
    load,
    profile_option,
    say,
    user_errors,
)
from .writing import write_atomic

if TYPE_CHECKING:
    pass


@click.command()
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to a file."
)
@user_errors
def schema(output: Path | None) -> None:
    """Print the profile's JSON Schema (editors use it to autocomplete and check)."""
    from ..profile.schema import schema_text

    text = schema_text()
    if output:
        write_atomic(output, text.encode("utf-8"))
    else:
        click.echo(text, nl=False)


@click.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--name", "name", help="Your name, written as basics.name in the starter profile.")
@click.option(
    "--title",
    "title",
    help="The site's title (default: it follows basics.name in the profile at every build).",
)
@click.option(
    "--no-git",
    "no_git",
    is_flag=True,
    help="Do not run `git init` in the new folder (by default the site is its own repository).",
)
@user_errors
def new(directory: Path, name: str | None, title: str | None, no_git: bool) -> None:
    """Create a new site folder with a starter profile, as a git repository of its own."""
    from ..scaffold import create_site, init_repository

    for path in create_site(directory, name, title):
        say(f"created {path}")
    if not no_git:
        git = init_repository(directory)
        say(git.message if git.created else f"warning: {git.message}")
        if git.created:
            say(
                "to publish: create an empty repository on your host, then "
                f"`cd {directory} && git remote add origin URL`; profiles/private.yml, "
                "build/ and site/ are git-ignored"
            )
    say(
        f"next: edit {directory / 'profiles' / 'profile.yml'} (`jobpacket check` lists the "
        f"starter text left to replace), then `cd {directory} && mkdocs serve`"
    )


@click.command("split-private")
@profile_option
@user_errors
def split_private_command(profile: Path | None) -> None:
    """Move the profile's private parts into private.yml beside it (git-ignored).

    Moves the `applications:` and `references:` blocks and the `basics.phone` and
    `basics.location.address` lines as typed, comments included; the two files merge into
    exactly the profile there was, or nothing is written.
    """
    from ..profile.overlay import PRIVATE_NAME
    from ..profile.split import split_private
    from ..settings import display_path, resolve_profile

    path = resolve_profile(profile)
    shown = display_path(path)
    overlay = path.parent / PRIVATE_NAME
    try:
        text = path.read_text(encoding="utf-8")
        existing = overlay.read_text(encoding="utf-8") if overlay.is_file() else None
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"{shown}: cannot read: {exc}") from None
    done = split_private(text, shown, existing)
    for left in done.left:
        say(f"left in {shown}: {left} (not a one-line value; move it by hand)", err=True)
    if not done.moved:
        say(f"{shown}: nothing private to move", err=True)
        return
    # The overlay first: if the second write fails, the values are in both files (a located
    # error at the next load), never in neither.
    write_atomic(overlay, done.private.encode("utf-8"))
    write_atomic(path, done.profile.encode("utf-8"))
    say(f"moved {', '.join(done.moved)} to {display_path(overlay)}", err=True)


@click.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonresume"]),
    default="jsonresume",
    show_default=True,
    help="Output format.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to a file instead of standard output.",
)
@click.option("--include-private", is_flag=True, help="Keep items marked `visibility: private`.")
@profile_option
@user_errors
def export(fmt: str, output: Path | None, include_private: bool, profile: Path | None) -> None:
    """Export the profile as plain JSON Resume (jobpacket's extensions stripped)."""
    from ..profile.export import to_jsonresume

    loaded = load(profile)
    data = to_jsonresume(loaded.profile, include_private=include_private)
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if output:
        write_atomic(output, text.encode("utf-8"), loaded, private=include_private)
        say(f"wrote {output}", err=True)
    else:
        click.echo(text, nl=False)
