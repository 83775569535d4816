"""What every command shares: its options, how it prints, and how a user error
becomes one located line and exit status 1 (a bug keeps its traceback).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, ParamSpec, TypeVar

import click

from ..errors import Problem, ProfileError, UserError, plural, printable
from ..print.designs import DESIGNS, design_help

if TYPE_CHECKING:
    from datetime import date, datetime

    from ..profile.validate import LoadedProfile


P = ParamSpec("P")
R = TypeVar("R")

profile_option = click.option(
    "--profile",
    "profile",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Profile to use (env JOBPACKET_PROFILE; default: extra.jobpacket.profile in "
    "mkdocs.yml, else profiles/example.yml).",
)
design_option = click.option(
    "--design",
    type=click.Choice(DESIGNS),
    help="Print design (default: meta.design in the profile, else classic). " + design_help(),
)

#: `jobpacket pdf --format`: the PDF, or the same document for forms that want another file.
FORMATS = ("pdf", "txt", "md", "docx")


def say(text: str, *, err: bool = False) -> None:
    """One line of output that may quote a profile or a path: control characters escaped
    (errors.py.printable), so no value can forge a line or drive the terminal."""
    click.echo(printable(text), err=err)


def print_problems(problems: list[Problem]) -> None:
    for p in problems:
        click.echo(str(p), err=True)  # Problem lines are printable already


#: The letter kinds (profile.model.LetterKind), spelled out so that `--help` needs no pydantic.
LETTER_KINDS = ["cover", "reconsideration", "follow-up", "thank-you", "role-proposal"]

kind_option = click.option(
    "--kind",
    type=click.Choice(LETTER_KINDS),
    help="The application's latest letter of this kind (a new one, assembled from the "
    "profile, when it has none). Default: its latest letter not yet sent.",
)
number_option = click.option(
    "--letter",
    "number",
    type=click.IntRange(min=1),
    help="Letter N of the application's timeline (`letter:` first, then `letters:`).",
)


force_option = click.option(
    "--force",
    is_flag=True,
    help="Write it even when proofreading finds errors in it (they are still printed).",
)


def user_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn user errors into located messages and exit 1; let bugs raise."""

    @wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except ProfileError as exc:
            print_problems(exc.problems)
            n = len(exc.problems)
            say(f"{plural(n, 'problem')} found", err=True)
            sys.exit(1)
        except UserError as exc:
            say(f"error: {exc}", err=True)
            sys.exit(1)

    return wrapper


def load(profile: Path | None) -> LoadedProfile:
    """Resolve and load the profile the user means, with notes shown as info lines."""
    from ..profile.validate import load_profile
    from ..settings import display_path, resolve_profile

    path = resolve_profile(profile)
    loaded = load_profile(path, display_path(path))
    print_problems(loaded.notes)
    return loaded


today_option = click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    metavar="YYYY-MM-DD",
    help="The date to count from (default: the system date).",
)


def today_of(value: datetime | None) -> date:
    """--today, else the clock: the core never reads it, so the answer can be reproduced."""
    from datetime import date

    return value.date() if value is not None else date.today()
