"""The `jobpacket` command: a thin adapter over the library.

Only user errors are caught here, and they become one located line each and exit status 1.
Anything else is a bug and keeps its traceback. Heavy imports (WeasyPrint, MkDocs) happen
inside the commands that need them, so `jobpacket check` answers at once. Each module of
this package holds the commands of one job; this one only gathers them into the group.
"""

from __future__ import annotations

import gc

import click

from .. import __version__
from ..collecting import SHORT_PROCESS, no_collection_at_exit
from .checking import check
from .letters import letter_command, packet
from .portfolio import site_group
from .printing import brief_command, pdf
from .project import export, new, schema, split_private_command
from .tracking import applications, followups, status


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="jobpacket")
def main() -> None:
    """Build a portfolio site and application packets from one YAML profile.

    Start with `jobpacket new my-site`, edit my-site/profiles/profile.yml, then run
    `jobpacket check` and `mkdocs serve` inside the folder.
    """
    # A short-lived process that allocates most of its objects while importing: collect in
    # larger batches (memory is still reclaimed, cycles later), and not all over at exit.
    gc.set_threshold(*SHORT_PROCESS)
    no_collection_at_exit()


# In the order `jobpacket --help` has always listed them (click sorts by name anyway).
for command in (
    check,
    schema,
    new,
    split_private_command,
    export,
    pdf,
    letter_command,
    packet,
    followups,
    status,
    brief_command,
    applications,
    site_group,
):
    main.add_command(command)

__all__ = ["main"]
