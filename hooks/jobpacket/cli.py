"""The `jobpacket` command: a thin adapter over the library.

Only user errors are caught here, and they become one located line each and exit status 1.
Anything else is a bug and keeps its traceback. Heavy imports (WeasyPrint, MkDocs) happen
inside the commands that need them, so `jobpacket check` answers at once.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from . import __version__
from .errors import Problem, ProfileError, UserError

F = TypeVar("F", bound=Callable[..., Any])

profile_option = click.option(
    "--profile",
    "profile",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="JOBPACKET_PROFILE",
    help="Profile to use (env JOBPACKET_PROFILE; default: extra.jobpacket.profile in "
    "mkdocs.yml, else profiles/example.yml).",
)


def _print_problems(problems: list[Problem]) -> None:
    for p in problems:
        click.echo(str(p), err=True)


def user_errors(func: F) -> F:
    """Turn user errors into located messages and exit 1; let bugs raise."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ProfileError as exc:
            _print_problems(exc.problems)
            n = len(exc.problems)
            click.echo(f"{n} problem{'s' if n != 1 else ''} found", err=True)
            sys.exit(1)
        except UserError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


def load(profile: Path | None):
    """Resolve and load the profile the user means, with notes shown as info lines."""
    from .settings import display_path, resolve_profile
    from .validate import load_profile

    path = resolve_profile(profile)
    loaded = load_profile(path, display_path(path))
    _print_problems(loaded.notes)
    return loaded


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="jobpacket")
def main() -> None:
    """Build a portfolio site and application packets from one YAML profile.

    Start with `jobpacket new my-site`, edit my-site/profiles/profile.yml, then run
    `jobpacket check` and `mkdocs serve` inside the folder.
    """


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@profile_option
@user_errors
def check(paths: tuple[Path, ...], profile: Path | None) -> None:
    """Validate profiles and report every problem as file:line:col.

    With no PATH, checks the default profile. Exit status 1 when any problem is found.
    """
    from .settings import display_path, resolve_profile
    from .validate import load_profile

    targets = [resolve_profile(p) for p in paths] or [resolve_profile(profile)]
    problems: list[Problem] = []
    for path in targets:
        shown = display_path(path)
        try:
            loaded = load_profile(path, shown)
        except ProfileError as exc:
            problems.extend(exc.problems)
            continue
        _print_problems(loaded.notes)
        click.echo(f"{shown}: ok")
    if problems:
        raise ProfileError(problems)


@main.command()
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to a file."
)
@user_errors
def schema(output: Path | None) -> None:
    """Print the profile's JSON Schema (editors use it to autocomplete and check)."""
    from .schema import schema_text

    text = schema_text()
    if output:
        _write_atomic(output, text.encode("utf-8"))
    else:
        click.echo(text, nl=False)


@main.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--name", "site_name", help="Site title (default: My portfolio).")
@user_errors
def new(directory: Path, site_name: str | None) -> None:
    """Create a new site folder with a starter profile."""
    from .scaffold import create_site

    for path in create_site(directory, site_name):
        click.echo(f"created {path}")
    click.echo(f"next: cd {directory} && jobpacket check && mkdocs serve")


@main.command()
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
    from .export import to_jsonresume

    loaded = load(profile)
    data = to_jsonresume(loaded.profile, include_private=include_private)
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if output:
        _write_atomic(output, text.encode("utf-8"))
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(text, nl=False)


def _write_atomic(path: Path, data: bytes) -> None:
    """Write then rename, so a failure never leaves a half-written file behind."""
    from .fsutil import write_atomic

    try:
        write_atomic(path, data)
    except OSError as exc:
        raise UserError(f"{path}: cannot write: {exc.strerror}") from None


if __name__ == "__main__":  # pragma: no cover
    main()
