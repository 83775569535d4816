"""`jobpacket letter` and `jobpacket packet`: what goes to an employer for one application."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..errors import Problem, UserError
from .common import (
    design_option,
    force_option,
    kind_option,
    load,
    number_option,
    print_problems,
    profile_option,
    say,
    user_errors,
)
from .printing import write_format
from .proofread import proofread_output, render_proofread
from .writing import refuse_linked_outputs, refuse_output, write_atomic, write_output

if TYPE_CHECKING:
    from ..print.printkit import PrintDocument
    from ..profile.model import LetterKind


@click.command("letter")
@click.argument("app_id", metavar="ID")
@kind_option
@number_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["pdf", "markdown", "text", "txt", "docx"]),
    default="pdf",
    show_default=True,
    help="pdf: the printed letter; markdown: the body, to paste under `body: |` and edit; "
    "text: salutation to signature as plain text, printed for an email body or a web form; "
    "txt: the whole letter as a text file; docx: the letter as a Word file.",
)
@click.option(
    "--markdown",
    is_flag=True,
    help="Same as --format markdown.",
)
@design_option
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write ('-' for standard output). Default: build/ID/KIND-letter.pdf (or "
    ".txt, .docx) in the site folder.",
)
@click.option(
    "--eml",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write a draft email instead (.eml, opened by any mail client): to the contact, "
    "the letter as its text, the packet attached. jobpacket never sends anything.",
)
@force_option
@profile_option
@user_errors
def letter_command(
    app_id: str,
    kind: LetterKind | None,
    number: int | None,
    fmt: str,
    markdown: bool,
    design: str | None,
    output: Path | None,
    eml: Path | None,
    force: bool,
    profile: Path | None,
) -> None:
    """Print a letter of application ID: as a PDF, its body as Markdown, or plain text.

    An application keeps its letters over time (`letters:`, and `letter:` as the first); the
    one printed is the latest not yet sent, or the one `--kind` or `--letter N` names.
    Without a `body`, jobpacket assembles the body from the profile for the letter's kind;
    `--format markdown` prints it so you can paste it under `body: |` and edit it. With a
    body, `[[updates]]` and `[[enclosures]]` lines are expanded.

    The letter is proofread first (the rules of `jobpacket check`, on what it prints): an
    error prints nothing and writes nothing unless --force.
    """
    from ..print import documents, worker
    from ..settings import display_path

    if kind is not None and number is not None:
        raise UserError("--kind and --letter both choose the letter; give one of them")
    if markdown and fmt not in ("pdf", "markdown"):
        raise UserError(f"--markdown prints the body; drop it with --format {fmt}")
    fmt = "markdown" if markdown else fmt
    if eml is not None and (fmt != "pdf" or output):
        raise UserError("--eml writes the draft email; drop --format, --markdown and --output")
    if fmt in ("txt", "docx"):
        write_format(
            "letter", fmt, app_id, False, design, output, profile, kind, number, force=force
        )
        return
    if fmt == "pdf":
        worker.pool().prestart()  # loads WeasyPrint while this process loads the profile
    loaded = load(profile)
    own = documents.letter_fields(loaded, app_id, kind=kind, number=number)
    if eml is not None:
        from ..print.draft import draft_email

        text = documents.letter_text(loaded, app_id, kind=kind, number=number)
        proofread_output(loaded, [text], own, [], force=force, what="the letter")
        data, draft_notes = draft_email(loaded, app_id, design=design, kind=kind, number=number)
        for note in draft_notes:
            click.echo(f"note: {note}", err=True)
        write_atomic(eml, data)
        click.echo(f"wrote {display_path(eml)}", err=True)
        return
    if fmt != "pdf":
        if design or output:
            raise UserError(f"--format {fmt} prints to standard output; drop --design and --output")
        notes: list[Problem] = []
        if fmt == "markdown":
            text, found = documents.letter_markdown(loaded, app_id, kind=kind, number=number)
            notes = list(found)
        else:
            text = documents.letter_text(loaded, app_id, full=False, kind=kind, number=number)
        proofread_output(loaded, [text], own, notes, force=force, what="the letter")
        click.echo(text, nl=not text.endswith("\n"))
        return
    doc = documents.letter(loaded, app_id, design=design, kind=kind, number=number)
    data = render_proofread(loaded, doc, own, force=force)
    out_root = documents.project_root(loaded) / "build"
    if output is None:
        refuse_linked_outputs(out_root)
    target = output or out_root / f"{doc.name}.pdf"
    write_output(loaded, target, data, doc, out_root, design)
    say(f"wrote {display_path(target)}", err=True)


@click.command()
@click.argument("app_ids", nargs=-1, metavar="[ID]...")
@click.option(
    "--all",
    "every",
    is_flag=True,
    help="Every application except the withdrawn and accepted ones (name those to include).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write ID.pdf into. Default: build/packets/ in the site folder.",
)
@kind_option
@number_option
@force_option
@profile_option
@user_errors
def packet(
    app_ids: tuple[str, ...],
    every: bool,
    output: Path | None,
    kind: LetterKind | None,
    number: int | None,
    force: bool,
    profile: Path | None,
) -> None:
    """Bind each application's packet into one PDF: letter, résumé, reference index and
    enclosures, with one outline and page numbers over the whole packet.

    Every application named is tried; problems of all of them are reported together, and a
    packet that fails leaves its previous file in place. Files go to build/packets/, which is
    never deployed. Each packet is proofread first (the rules of `jobpacket check`, on what
    it prints): one with an error is not written unless --force.
    """
    from ..print import documents, packets, worker
    from ..settings import display_path

    worker.pool().prestart()  # the worker loads WeasyPrint while this process loads the rest
    loaded = load(profile)
    if not app_ids and not every:
        ids = ", ".join(a.id for a in loaded.profile.applications) or "none in the profile"
        raise UserError(f"name the applications to bind, or use --all; ids: {ids}")
    chosen = packets.packet_ids(loaded, app_ids, every=every)
    if not chosen:
        raise UserError("no application to bind: all are withdrawn or accepted; name one")
    if output is None:
        refuse_linked_outputs(documents.project_root(loaded) / "build")
    out_dir = output or documents.project_root(loaded) / packets.PACKETS_DIR
    refuse_output(out_dir, loaded, private=True)
    from ..checks.outgoing import bearing_on, proofread

    findings = proofread(loaded)

    def gate(index: int, docs: list[PrintDocument]) -> list[Problem]:
        texts = [d.html for d in docs]
        app_id = loaded.profile.applications[index].id
        own = documents.letter_fields(loaded, app_id, kind=kind, number=number)
        found = bearing_on(loaded, findings, texts=texts, own=own)
        print_problems([p for p in found if p.severity == "warning"])
        return [] if force else [p for p in found if p.severity == "error"]

    try:
        run = packets.write_packets(
            loaded,
            chosen,
            out_dir,
            report=lambda p: print_problems([p]),
            proofread=gate,
            kind=kind,
            number=number,
        )
    except OSError as exc:
        raise UserError(f"{exc.filename or out_dir}: cannot write: {exc.strerror}") from None
    for path in run.written:
        say(f"wrote {display_path(path)}", err=True)
    for path in run.unchanged:
        say(f"unchanged {display_path(path)}", err=True)
    if run.problems:
        say(
            "a packet with errors is not written (its previous file is kept); fix them, or "
            "use --force to write it despite proofreading errors",
            err=True,
        )
    run.raise_problems()
