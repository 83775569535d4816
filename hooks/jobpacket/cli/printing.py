"""`jobpacket pdf` and `jobpacket brief`: printed documents, one profile or a cohort."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..errors import FieldPath, UserError
from .common import (
    FORMATS,
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
from .proofread import proofread_output, render_proofread
from .writing import refuse_linked_outputs, refuse_output, write_atomic, write_output

if TYPE_CHECKING:
    from ..print.printkit import PrintDocument
    from ..profile.model import LetterKind


@click.command()
@click.argument("document", type=click.Choice(["resume", "letter", "references", "all"]))
@click.option(
    "-a",
    "--application",
    "app_id",
    metavar="ID",
    help="The application whose letter to print (required for `letter`); with `resume`, "
    "prints the résumé tailored to it; with `references`, names the employer on the index.",
)
@click.option(
    "--public",
    is_flag=True,
    help="The résumé as the site publishes it: no phone or street address unless "
    "meta.publish opts in.",
)
@design_option
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=True, path_type=Path),
    help="File to write ('-' for standard output); for `all`, the folder. Default: build/ "
    "in the site folder.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="pdf",
    show_default=True,
    help="txt (plain text for application forms and applicant tracking systems), md "
    "(Markdown) or docx (Word): `resume` in any of them, `letter` in txt or docx; -a "
    "tailors each.",
)
@click.argument("profiles", nargs=-1, type=click.Path(exists=True, path_type=Path))
@kind_option
@number_option
@force_option
@profile_option
@user_errors
def pdf(
    document: str,
    app_id: str | None,
    public: bool,
    design: str | None,
    output: Path | None,
    fmt: str,
    profiles: tuple[Path, ...],
    kind: LetterKind | None,
    number: int | None,
    force: bool,
    profile: Path | None,
) -> None:
    """Render one printable document to PDF without building the site.

    DOCUMENT is `resume` (with --application, tailored to that application), `letter`
    (needs --application), `references` (the recommendation-letter index) or `all` (every
    private document, as `mkdocs build` writes them). Files go to build/, which is never
    deployed.

    PROFILES (files, or folders of *.yml) render a whole cohort at once on one process per
    core: `jobpacket pdf all cohort/` writes build/<profile name>/ for each profile.

    What a document prints is proofread first (the rules of `jobpacket check`): its
    warnings are printed, and an error writes nothing unless --force.
    """
    if (kind is not None or number is not None) and document != "letter":
        raise UserError("--kind and --letter choose a letter; they apply to `letter` only")
    if kind is not None and number is not None:
        raise UserError("--kind and --letter both choose the letter; give one of them")
    if fmt != "pdf":
        if profiles or document not in ("resume", "letter"):
            raise UserError(f"--format {fmt} applies to `resume` and `letter` of one profile")
        write_format(
            document, fmt, app_id, public, design, output, profile, kind, number, force=force
        )
        return
    asked = [document, app_id or "", "public" if public else "", design or ""]
    asked += [kind or "", str(number or "")]
    hint = None if profiles or document == "all" else _render_hint(profile, asked)
    from ..print import worker

    # One document: a spawned worker (no fork server to start and tear down for one render).
    pool = worker.pool("spawn" if hint else None)
    if hint is None or not hint[2]:
        pool.prestart()  # the worker loads WeasyPrint while this process loads the rest
    from ..print import documents, outputs
    from ..settings import display_path

    if profiles:
        if app_id or str(output) == "-":
            raise UserError("with several profiles, use `all`, `resume` or `references`, -o DIR")
        if _pdf_cohort(document, profiles, output, public=public, design=design, force=force):
            sys.exit(1)
        return
    loaded = load(profile)
    if public and document != "resume":
        raise UserError("--public applies to `resume` only; the other documents are private")
    if app_id and document == "all":
        raise UserError("--application applies to `resume`, `letter` and `references`, not `all`")
    out_root = documents.project_root(loaded) / "build"
    if output is None:
        refuse_linked_outputs(out_root)
    if document == "all":
        if design:
            raise UserError("--design applies to a single document; set meta.design instead")
        refuse_output(output or out_root, loaded, private=True)
        every: list[FieldPath] = [
            ("applications", i) for i in range(len(loaded.profile.applications))
        ]

        def gate(docs: list[PrintDocument]) -> None:
            notes = [n for d in docs for n in d.notes]
            texts = [d.html for d in docs]
            proofread_output(loaded, texts, every, notes, force=force, what="the documents")

        try:
            written = outputs.private_documents(
                loaded,
                output or out_root,
                report=lambda p: print_problems([p]),
                proofread=gate,
            )
        except OSError as exc:
            where = exc.filename or output or out_root
            raise UserError(f"{where}: cannot write: {exc.strerror}") from None
        for path in written:
            say(f"wrote {display_path(path)}", err=True)
        return
    if document == "resume":
        doc = documents.resume(loaded, public=public, design=design, application=app_id)
    elif document == "letter":
        if not app_id:
            ids = ", ".join(a.id for a in loaded.profile.applications) or "none in the profile"
            raise UserError(f"`letter` needs --application ID; ids: {ids}")
        doc = documents.letter(loaded, app_id, design=design, kind=kind, number=number)
    else:
        doc = documents.reference_index(loaded, app_id, design=design)
    own: list[FieldPath] = []
    if document == "letter":
        own = documents.letter_fields(loaded, app_id or "", kind=kind, number=number)
    elif app_id is not None:
        own = [("applications", documents.find_application(loaded, app_id)[0], "tailor")]
    cache_dir = outputs.default_cache_dir(loaded)
    data = render_proofread(loaded, doc, own, force=force)
    if document == "resume":
        from ..print.pagefit import page_findings

        # Only the rendered page knows: a résumé past meta.pages (default 1) is a warning.
        print_problems(page_findings(loaded, [(doc, data)]))
    if hint is not None and not hint[2] and hint[0] == cache_dir:
        from ..print.cachehint import remember

        files = (loaded.path, *doc.stylesheets, *doc.files)
        remember(cache_dir, hint[1], outputs.cache_key(doc), files)
    if output is not None and str(output) == "-":
        sys.stdout.buffer.write(data)
        return
    target = output or out_root / f"{doc.name}.pdf"
    write_output(loaded, target, data, doc, out_root, design, private=not public)
    say(f"wrote {display_path(target)}", err=True)


def write_format(
    document: str,
    fmt: str,
    app_id: str | None,
    public: bool,
    design: str | None,
    output: Path | None,
    profile: Path | None,
    kind: LetterKind | None = None,
    number: int | None = None,
    *,
    force: bool = False,
) -> None:
    """`--format txt|md|docx`: the résumé (or a letter) in another format, from the same
    view and outline as the PDF; written to build/ like the PDF, or to -o. Proofread first,
    on its text, as the PDF is."""
    from ..print import documents, formats
    from ..settings import display_path

    if design:
        raise UserError("--design applies to the PDF only; drop it with --format " + fmt)
    loaded = load(profile)
    if document == "resume":
        made = formats.resume(loaded, fmt, public=public, application=app_id)
    else:
        if public:
            raise UserError("--public applies to `resume` only; the other documents are private")
        if not app_id:
            ids = ", ".join(a.id for a in loaded.profile.applications) or "none in the profile"
            raise UserError(f"`letter` needs --application ID; ids: {ids}")
        made = formats.letter(loaded, app_id, fmt, kind=kind, number=number)
    own: list[FieldPath] = []
    if document == "letter":
        own = documents.letter_fields(loaded, app_id or "", kind=kind, number=number)
    elif app_id is not None:
        own = [("applications", documents.find_application(loaded, app_id)[0], "tailor")]
    if document == "letter":
        text = documents.letter_text(loaded, app_id or "", kind=kind, number=number)
    elif fmt == "docx":
        text = formats.resume(loaded, "txt", public=public, application=app_id).data.decode()
    else:
        text = made.data.decode("utf-8")
    proofread_output(loaded, [text], own, list(made.notes), force=force, what=made.name)
    if output is not None and str(output) == "-":
        sys.stdout.buffer.write(made.data)
        return
    if output is None:
        refuse_linked_outputs(documents.project_root(loaded) / "build")
    target = output or documents.project_root(loaded) / "build" / made.name
    write_atomic(target, made.data, loaded, private=not public)
    click.echo(f"wrote {display_path(target)}", err=True)


def _pdf_cohort(
    document: str,
    profiles: tuple[Path, ...],
    output: Path | None,
    *,
    public: bool,
    design: str | None,
    force: bool = False,
) -> bool:
    """`jobpacket pdf DOCUMENT PROFILE...`: each profile's PDFs into OUTPUT/<its name>/.

    Returns whether any profile failed (its problems are printed; the others are written).
    """
    from ..cohort import profile_paths, render_cohort
    from ..settings import display_path

    paths = profile_paths(profiles)
    shown = {p: display_path(p) for p in paths}
    out_root = output or Path("build")
    results = render_cohort(
        paths, document, public=public, design=design, display=shown, force=force
    )
    for result in results:
        print_problems(result.notes)
        print_problems(result.problems)
        if result.error:
            say(f"error: {shown[result.profile]}: {result.error}", err=True)
        for relpath, data in result.files:
            target = out_root / result.name / relpath
            write_atomic(target, data)
            say(f"wrote {display_path(target)}", err=True)
        if result.made:  # what each was made from, beside them (print/manifest.py)
            from ..print.manifest import updated

            folder = out_root / result.name
            write_atomic(*updated(folder, {folder / k: m for k, m in result.made.items()}))
    failed = [r for r in results if r.failed]
    say(f"{len(results) - len(failed)} of {len(results)} profiles rendered", err=True)
    return bool(failed)


def _render_hint(profile: Path | None, args: list[str]) -> tuple[Path, str, bool] | None:
    """(cache folder, request id, whether the PDF is likely cached already) for a one-shot
    render, guessed before the profile is loaded (print/cachehint.py); None when the
    profile cannot even be resolved (the load that follows reports why)."""
    from ..caches import cache_folder
    from ..print.cachehint import likely_cached, request
    from ..settings import current, resolve_profile

    try:
        path = resolve_profile(profile)
        cache_dir = cache_folder(path)
    except (UserError, OSError):
        return None
    request_id = request(path, [*args, str(current().source_date_epoch)])
    return cache_dir, request_id, likely_cached(cache_dir, request_id)


@click.command("brief")
@click.argument("app_id", metavar="ID")
@design_option
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="PDF file to write. Default: build/briefs/ID.pdf in the site folder (never deployed).",
)
@profile_option
@user_errors
def brief_command(
    app_id: str, design: str | None, output: Path | None, profile: Path | None
) -> None:
    """The private brief of application ID: one page to read before an interview or a call.

    The position and contact, the timeline (applied, contacts logged, decision, letter), the
    notes, the pay research (compensation), what is new since applying and the next step.
    It holds what is never published; it is not proofread, since nobody else reads it.
    """
    from ..print import outputs, worker
    from ..print.brief import brief
    from ..profile.paths import project_root
    from ..settings import display_path

    worker.pool().prestart()
    loaded = load(profile)
    doc = brief(loaded, app_id, design=design)
    print_problems(list(doc.notes))
    data = outputs.render(doc, cache_dir=outputs.default_cache_dir(loaded))
    out_root = project_root(loaded) / "build"
    target = output or out_root / f"{doc.name}.pdf"
    write_output(loaded, target, data, doc, out_root, design)
    click.echo(f"wrote {display_path(target)}", err=True)
