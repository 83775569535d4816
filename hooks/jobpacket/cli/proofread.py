"""Proofreading what a command is about to write or print: the verdict comes first, and
an error stops the command before anything is written, unless --force.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

import click

from ..errors import FieldPath, Problem, plural
from .common import (
    print_problems,
)

if TYPE_CHECKING:
    from ..print.printkit import PrintDocument
    from ..profile.validate import LoadedProfile


def proofread_output(
    loaded: LoadedProfile,
    texts: Sequence[str],
    own: Sequence[FieldPath],
    notes: Sequence[Problem],
    *,
    force: bool,
    what: str,
) -> None:
    """Proofread what a command is about to write or print (checks/outgoing.py): its errors
    and warnings are printed with the print step's own notes; an error stops the command
    before anything is written, unless --force."""
    judge_output(outgoing(loaded, texts, own), notes, force=force, what=what)


def outgoing(
    loaded: LoadedProfile, texts: Sequence[str], own: Sequence[FieldPath]
) -> list[Problem]:
    """The proofreading findings that bear on what a command prints; nothing is printed."""
    from ..checks.outgoing import bearing_on, proofread

    return bearing_on(loaded, proofread(loaded), texts=texts, own=own)


def render_proofread(
    loaded: LoadedProfile, doc: PrintDocument, own: Sequence[FieldPath], *, force: bool
) -> bytes:
    """Render a document while its text is proofread: the render runs in the worker process
    and this process only waits for it, so the rules (a first run's spelling list, phone
    metadata) run on another core meanwhile. The verdict comes before anything is written;
    an error discards the render.

    When the render runs in this process (a launcher watches it: supervisor.py), a thread
    would overlap nothing (one interpreter runs Python on one core at a time), so the text
    is proofread first and the rules' dictionaries are let go before the render: the two
    peaks of memory no longer add up, and an error stops the command before it renders."""
    from ..print import outputs
    from ..supervisor import supervised

    if supervised():
        from ..checks import release

        found = outgoing(loaded, [doc.html], own)
        release()
        judge_output(found, list(doc.notes), force=force, what=f"{doc.name}.pdf")
        return outputs.render(doc, cache_dir=outputs.default_cache_dir(loaded))
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1, thread_name_prefix="jobpacket-proofread") as pool:
        findings = pool.submit(outgoing, loaded, [doc.html], own)
        try:
            data = outputs.render(doc, cache_dir=outputs.default_cache_dir(loaded))
        except BaseException:
            findings.cancel()
            raise
        found = findings.result()
    judge_output(found, list(doc.notes), force=force, what=f"{doc.name}.pdf")
    return data


def judge_output(
    found: Sequence[Problem], notes: Sequence[Problem], *, force: bool, what: str
) -> None:
    """Print the findings with the print step's notes; stop before anything is written when
    one is an error, unless --force."""
    from ..checks import sort_key

    seen: set[tuple[int, int, str]] = set()
    shown: list[Problem] = []
    for p in sorted([*notes, *found], key=sort_key):
        if (p.line, p.col, p.message) not in seen:
            seen.add((p.line, p.col, p.message))
            shown.append(p)
    print_problems(shown)
    errors = sum(p.severity == "error" for p in shown)
    if not errors:
        return
    if force:
        click.echo(f"{plural(errors, 'error')} in {what}; writing anyway (--force)", err=True)
        return
    click.echo(
        f"{plural(errors, 'error')} in {what}; nothing written (the previous file is kept). "
        "Fix them, or use --force to write it anyway",
        err=True,
    )
    sys.exit(1)
