"""The `jobpacket` command: a thin adapter over the library.

Only user errors are caught here, and they become one located line each and exit status 1.
Anything else is a bug and keeps its traceback. Heavy imports (WeasyPrint, MkDocs) happen
inside the commands that need them, so `jobpacket check` answers at once.
"""

from __future__ import annotations

import gc
import json
import os
import sys
from collections.abc import Callable, Sequence
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, ParamSpec, TypeVar

import click

from . import __version__
from .print.designs import DESIGNS, design_help
from .profile.errors import FieldPath, Problem, ProfileError, UserError, printable

if TYPE_CHECKING:
    from datetime import date, datetime

    from .print.printkit import PrintDocument
    from .profile.model import LetterKind
    from .profile.validate import LoadedProfile

P = ParamSpec("P")
R = TypeVar("R")
_GC_THRESHOLDS = (50_000, 20, 10)

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


def _say(text: str, *, err: bool = False) -> None:
    """One line of output that may quote a profile or a path: control characters escaped
    (profile/errors.printable), so no value can forge a line or drive the terminal."""
    click.echo(printable(text), err=err)


def _print_problems(problems: list[Problem]) -> None:
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


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def _proofread_output(
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
    _judge_output(_outgoing(loaded, texts, own), notes, force=force, what=what)


def _outgoing(
    loaded: LoadedProfile, texts: Sequence[str], own: Sequence[FieldPath]
) -> list[Problem]:
    """The proofreading findings that bear on what a command prints; nothing is printed."""
    from .checks.outgoing import bearing_on, proofread

    return bearing_on(loaded, proofread(loaded), texts=texts, own=own)


def _render_proofread(
    loaded: LoadedProfile, doc: PrintDocument, own: Sequence[FieldPath], *, force: bool
) -> bytes:
    """Render a document while its text is proofread: the render runs in the worker process
    and this process only waits for it, so the rules (a first run's spelling list, phone
    metadata: about 0.4 s) run on the other core meanwhile. The verdict comes before
    anything is written; an error discards the render."""
    from concurrent.futures import ThreadPoolExecutor

    from .print import outputs

    with ThreadPoolExecutor(1, thread_name_prefix="jobpacket-proofread") as pool:
        findings = pool.submit(_outgoing, loaded, [doc.html], own)
        try:
            data = outputs.render(doc, cache_dir=outputs.default_cache_dir(loaded))
        except BaseException:
            findings.cancel()
            raise
        found = findings.result()
    _judge_output(found, list(doc.notes), force=force, what=f"{doc.name}.pdf")
    return data


def _judge_output(
    found: Sequence[Problem], notes: Sequence[Problem], *, force: bool, what: str
) -> None:
    """Print the findings with the print step's notes; stop before anything is written when
    one is an error, unless --force."""
    from .checks import sort_key

    seen: set[tuple[int, int, str]] = set()
    shown: list[Problem] = []
    for p in sorted([*notes, *found], key=sort_key):
        if (p.line, p.col, p.message) not in seen:
            seen.add((p.line, p.col, p.message))
            shown.append(p)
    _print_problems(shown)
    errors = sum(p.severity == "error" for p in shown)
    if not errors:
        return
    if force:
        click.echo(f"{_plural(errors, 'error')} in {what}; writing anyway (--force)", err=True)
        return
    click.echo(
        f"{_plural(errors, 'error')} in {what}; nothing written (the previous file is kept). "
        "Fix them, or use --force to write it anyway",
        err=True,
    )
    sys.exit(1)


def user_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn user errors into located messages and exit 1; let bugs raise."""

    @wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except ProfileError as exc:
            _print_problems(exc.problems)
            n = len(exc.problems)
            _say(f"{n} problem{'s' if n != 1 else ''} found", err=True)
            sys.exit(1)
        except UserError as exc:
            _say(f"error: {exc}", err=True)
            sys.exit(1)

    return wrapper


def load(profile: Path | None) -> LoadedProfile:
    """Resolve and load the profile the user means, with notes shown as info lines."""
    from .profile.validate import load_profile
    from .settings import display_path, resolve_profile

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
    # A short-lived process that allocates most of its objects while importing: collect in
    # larger batches (memory is still reclaimed, cycles later; about 5 % of the CPU time).
    gc.set_threshold(*_GC_THRESHOLDS)


@main.command()
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

    Rules: files, spelling, placeholders, contact, dates, length, tone, consistency (turn
    one off with meta.checks.disable). With no PATH, checks the default profile. Exit status
    1 when any error is found (with --strict, any warning too).
    """
    from .checks import RULES, run_checks, sort_key
    from .profile.validate import load_profile
    from .settings import display_path, resolve_profile

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
                _print_problems(found)
            continue
        found = sorted(
            [*loaded.notes, *run_checks(loaded, disable=disabled, cache=True)], key=sort_key
        )
        if render and not any(p.severity == "error" for p in found):
            from .checks.render import check_rendered

            found.extend(check_rendered(loaded, disable=disabled))
        findings.extend(found)
        bad = [p for p in found if p.severity in failing]
        failed = failed or bool(bad)
        if fmt == "text":
            _print_problems(found)
            if not bad:
                warnings = sum(p.severity == "warning" for p in found)
                extra = f" ({warnings} warning{'s' if warnings != 1 else ''})" if warnings else ""
                _say(f"{shown}: ok{extra}")
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
    parts = [_plural(errors, "error")] + ([_plural(warnings, "warning")] if warnings else [])
    return f"{_plural(errors + warnings, 'problem')} found: {', '.join(parts)}"


def _proofread_rest(exc: ProfileError, disabled: tuple[str, ...]) -> list[Problem]:
    """The proofreading findings on the valid rest of a profile with errors (checks)."""
    from .checks import findings_on_rest

    return findings_on_rest(exc, disable=disabled)


@main.command()
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to a file."
)
@user_errors
def schema(output: Path | None) -> None:
    """Print the profile's JSON Schema (editors use it to autocomplete and check)."""
    from .profile.schema import schema_text

    text = schema_text()
    if output:
        _write_atomic(output, text.encode("utf-8"))
    else:
        click.echo(text, nl=False)


@main.command()
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
    from .scaffold import create_site, init_repository

    for path in create_site(directory, name, title):
        _say(f"created {path}")
    if not no_git:
        git = init_repository(directory)
        _say(git.message if git.created else f"warning: {git.message}")
        if git.created:
            _say(
                "to publish: create an empty repository on your host, then "
                f"`cd {directory} && git remote add origin URL`; profiles/private.yml, "
                "build/ and site/ are git-ignored"
            )
    _say(
        f"next: edit {directory / 'profiles' / 'profile.yml'} (`jobpacket check` lists the "
        f"starter text left to replace), then `cd {directory} && mkdocs serve`"
    )


@main.command("split-private")
@profile_option
@user_errors
def split_private_command(profile: Path | None) -> None:
    """Move the profile's private parts into private.yml beside it (git-ignored).

    Moves the `applications:` and `references:` blocks and the `basics.phone` and
    `basics.location.address` lines as typed, comments included; the two files merge into
    exactly the profile there was, or nothing is written.
    """
    from .profile.overlay import PRIVATE_NAME
    from .profile.split import split_private
    from .settings import display_path, resolve_profile

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
        _say(f"left in {shown}: {left} (not a one-line value; move it by hand)", err=True)
    if not done.moved:
        _say(f"{shown}: nothing private to move", err=True)
        return
    # The overlay first: if the second write fails, the values are in both files (a located
    # error at the next load), never in neither.
    _write_atomic(overlay, done.private.encode("utf-8"))
    _write_atomic(path, done.profile.encode("utf-8"))
    _say(f"moved {', '.join(done.moved)} to {display_path(overlay)}", err=True)


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
    from .profile.export import to_jsonresume

    loaded = load(profile)
    data = to_jsonresume(loaded.profile, include_private=include_private)
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if output:
        _write_atomic(output, text.encode("utf-8"), loaded, private=include_private)
        _say(f"wrote {output}", err=True)
    else:
        click.echo(text, nl=False)


@main.command()
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
        _write_format(
            document, fmt, app_id, public, design, output, profile, kind, number, force=force
        )
        return
    asked = [document, app_id or "", "public" if public else "", design or ""]
    asked += [kind or "", str(number or "")]
    hint = None if profiles or document == "all" else _render_hint(profile, asked)
    from .print import worker

    # One document: a spawned worker (no fork server to start and tear down for one render).
    pool = worker.pool("spawn" if hint else None)
    if hint is None or not hint[2]:
        pool.prestart()  # the worker loads WeasyPrint while this process loads the rest
    from .print import documents, outputs
    from .settings import display_path

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
        _refuse_linked_outputs(out_root)
    if document == "all":
        if design:
            raise UserError("--design applies to a single document; set meta.design instead")
        _refuse_output(output or out_root, loaded, private=True)
        every: list[FieldPath] = [
            ("applications", i) for i in range(len(loaded.profile.applications))
        ]

        def gate(docs: list[PrintDocument]) -> None:
            notes = [n for d in docs for n in d.notes]
            texts = [d.html for d in docs]
            _proofread_output(loaded, texts, every, notes, force=force, what="the documents")

        try:
            written = outputs.private_documents(
                loaded,
                output or out_root,
                report=lambda p: _print_problems([p]),
                proofread=gate,
            )
        except OSError as exc:
            where = exc.filename or output or out_root
            raise UserError(f"{where}: cannot write: {exc.strerror}") from None
        for path in written:
            _say(f"wrote {display_path(path)}", err=True)
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
    data = _render_proofread(loaded, doc, own, force=force)
    if document == "resume":
        from .checks.render import page_findings

        # Only the rendered page knows: a résumé past meta.pages (default 1) is a warning.
        _print_problems(page_findings(loaded, [(doc, data)]))
    if hint is not None and not hint[2] and hint[0] == cache_dir:
        from .print.cachehint import remember

        files = (loaded.path, *doc.stylesheets, *doc.files)
        remember(cache_dir, hint[1], outputs.cache_key(doc), files)
    if output is not None and str(output) == "-":
        sys.stdout.buffer.write(data)
        return
    target = output or out_root / f"{doc.name}.pdf"
    _write_output(loaded, target, data, doc, out_root, design, private=not public)
    _say(f"wrote {display_path(target)}", err=True)


@main.command("letter")
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
    from .print import documents, worker
    from .settings import display_path

    if kind is not None and number is not None:
        raise UserError("--kind and --letter both choose the letter; give one of them")
    if markdown and fmt not in ("pdf", "markdown"):
        raise UserError(f"--markdown prints the body; drop it with --format {fmt}")
    fmt = "markdown" if markdown else fmt
    if eml is not None and (fmt != "pdf" or output):
        raise UserError("--eml writes the draft email; drop --format, --markdown and --output")
    if fmt in ("txt", "docx"):
        _write_format(
            "letter", fmt, app_id, False, design, output, profile, kind, number, force=force
        )
        return
    if fmt == "pdf":
        worker.pool().prestart()  # loads WeasyPrint while this process loads the profile
    loaded = load(profile)
    own = documents.letter_fields(loaded, app_id, kind=kind, number=number)
    if eml is not None:
        from .print.draft import draft_email

        text = documents.letter_text(loaded, app_id, kind=kind, number=number)
        _proofread_output(loaded, [text], own, [], force=force, what="the letter")
        data, draft_notes = draft_email(loaded, app_id, design=design, kind=kind, number=number)
        for note in draft_notes:
            click.echo(f"note: {note}", err=True)
        _write_atomic(eml, data)
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
        _proofread_output(loaded, [text], own, notes, force=force, what="the letter")
        click.echo(text, nl=not text.endswith("\n"))
        return
    doc = documents.letter(loaded, app_id, design=design, kind=kind, number=number)
    data = _render_proofread(loaded, doc, own, force=force)
    out_root = documents.project_root(loaded) / "build"
    if output is None:
        _refuse_linked_outputs(out_root)
    target = output or out_root / f"{doc.name}.pdf"
    _write_output(loaded, target, data, doc, out_root, design)
    _say(f"wrote {display_path(target)}", err=True)


@main.command()
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
    from .print import documents, outputs, worker
    from .settings import display_path

    worker.pool().prestart()  # the worker loads WeasyPrint while this process loads the rest
    loaded = load(profile)
    if not app_ids and not every:
        ids = ", ".join(a.id for a in loaded.profile.applications) or "none in the profile"
        raise UserError(f"name the applications to bind, or use --all; ids: {ids}")
    chosen = outputs.packet_ids(loaded, app_ids, every=every)
    if not chosen:
        raise UserError("no application to bind: all are withdrawn or accepted; name one")
    if output is None:
        _refuse_linked_outputs(documents.project_root(loaded) / "build")
    out_dir = output or documents.project_root(loaded) / outputs.PACKETS_DIR
    _refuse_output(out_dir, loaded, private=True)
    from .checks.outgoing import bearing_on, proofread

    findings = proofread(loaded)

    def gate(index: int, docs: list[PrintDocument]) -> list[Problem]:
        texts = [d.html for d in docs]
        app_id = loaded.profile.applications[index].id
        own = documents.letter_fields(loaded, app_id, kind=kind, number=number)
        found = bearing_on(loaded, findings, texts=texts, own=own)
        _print_problems([p for p in found if p.severity == "warning"])
        return [] if force else [p for p in found if p.severity == "error"]

    try:
        run = outputs.write_packets(
            loaded,
            chosen,
            out_dir,
            report=lambda p: _print_problems([p]),
            proofread=gate,
            kind=kind,
            number=number,
        )
    except OSError as exc:
        raise UserError(f"{exc.filename or out_dir}: cannot write: {exc.strerror}") from None
    for path in run.written:
        _say(f"wrote {display_path(path)}", err=True)
    for path in run.unchanged:
        _say(f"unchanged {display_path(path)}", err=True)
    if run.problems:
        _say(
            "a packet with errors is not written (its previous file is kept); fix them, or "
            "use --force to write it despite proofreading errors",
            err=True,
        )
    run.raise_problems()


def _write_format(
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
    from .print import documents, formats
    from .settings import display_path

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
    _proofread_output(loaded, [text], own, list(made.notes), force=force, what=made.name)
    if output is not None and str(output) == "-":
        sys.stdout.buffer.write(made.data)
        return
    if output is None:
        _refuse_linked_outputs(documents.project_root(loaded) / "build")
    target = output or documents.project_root(loaded) / "build" / made.name
    _write_atomic(target, made.data, loaded, private=not public)
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
    from .print.cohort import profile_paths, render_cohort
    from .settings import display_path

    paths = profile_paths(profiles)
    shown = {p: display_path(p) for p in paths}
    out_root = output or Path("build")
    results = render_cohort(
        paths, document, public=public, design=design, display=shown, force=force
    )
    for result in results:
        _print_problems(result.notes)
        _print_problems(result.problems)
        if result.error:
            _say(f"error: {shown[result.profile]}: {result.error}", err=True)
        for relpath, data in result.files:
            target = out_root / result.name / relpath
            _write_atomic(target, data)
            _say(f"wrote {display_path(target)}", err=True)
        if result.made:  # what each was made from, beside them (print/manifest.py)
            from .print.manifest import updated

            folder = out_root / result.name
            _write_atomic(*updated(folder, {folder / k: m for k, m in result.made.items()}))
    failed = [r for r in results if r.failed]
    _say(f"{len(results) - len(failed)} of {len(results)} profiles rendered", err=True)
    return bool(failed)


def _render_hint(profile: Path | None, args: list[str]) -> tuple[Path, str, bool] | None:
    """(cache folder, request id, whether the PDF is likely cached already) for a one-shot
    render, guessed before the profile is loaded (print/cachehint.py); None when the
    profile cannot even be resolved (the load that follows reports why)."""
    from .print.cachehint import likely_cached, request
    from .settings import cache_folder, current, resolve_profile

    try:
        path = resolve_profile(profile)
        cache_dir = cache_folder(path)
    except (UserError, OSError):
        return None
    request_id = request(path, [*args, str(current().source_date_epoch)])
    return cache_dir, request_id, likely_cached(cache_dir, request_id)


def _write_output(
    loaded: LoadedProfile,
    target: Path,
    data: bytes,
    doc: PrintDocument,
    out_root: Path,
    design: str | None,
    *,
    private: bool = True,
) -> None:
    """Write a document; inside build/, with its record in build/'s manifest (what it was
    made from, for `jobpacket status`: print/manifest.py). Elsewhere (-o), only the file."""
    import os

    from .print import manifest, outputs

    _write_atomic(target, data, loaded, private=private)
    folder = Path(os.path.realpath(out_root))
    where = Path(os.path.realpath(target))
    if where.is_relative_to(folder):
        record = manifest.made(loaded, outputs.cache_key(doc), data, design)
        _write_atomic(*manifest.updated(folder, {where: record}), loaded)


def _refuse_linked_outputs(build: Path) -> None:
    """build/ and the folders under it must be real folders: a link (build/packets ->
    content/packets) would carry private documents where the site publishes from."""
    from .site.files import output_links

    links = output_links(build.parent, build)
    if links:
        raise UserError("\nerror: ".join(links))


def _write_atomic(
    path: Path, data: bytes, loaded: LoadedProfile | None = None, *, private: bool = True
) -> None:
    """Write then rename, so a failure never leaves a half-written file behind.

    Only a regular file is replaced (see `_refuse_output`). Writes into the project take
    the build lock, so a `mkdocs build` swapping build/ in at that moment cannot drop the file.
    """
    from .fsutil import output_problem, write_atomic
    from .settings import display_path
    from .swap import ProjectLock

    shown = display_path(path)
    why = output_problem(path)
    if why is not None:
        raise UserError(f"{shown}: {why}; nothing was written")
    root = _refuse_output(path, loaded, private=private)
    lock = ProjectLock(root) if root is not None and path.resolve().is_relative_to(root) else None
    try:
        if lock is None:
            write_atomic(path, data)
            return
        with lock.hold(lambda _: click.echo("waiting for a build of this site to end", err=True)):
            write_atomic(path, data)
    except OSError as exc:
        raise UserError(f"{shown}: cannot write: {exc.strerror}") from None


def _refuse_output(path: Path, loaded: LoadedProfile | None, *, private: bool) -> Path | None:
    """Refuse an output path (a file, or the folder of several) that would overwrite one of
    the profile's own files (the profile, an enclosure, a letter), or put a private document
    under content/ or site/, from where the site publishes it. Returns the project folder."""
    if loaded is None:
        return None
    from .checks.files import project_root
    from .confined import inside
    from .settings import display_path
    from .site.files import private_paths

    root = project_root(loaded)
    shown = display_path(path)
    if private_paths(loaded).covers(path):
        raise UserError(
            f"{shown}: is one of the profile's own files (the profile, an enclosure or a "
            "letter); jobpacket never writes over them; choose another file"
        )
    target = Path(os.path.realpath(path))
    published = [Path(os.path.realpath(root / name)) for name in ("content", "site")]
    if private and inside(target, published):
        raise UserError(
            f"{shown}: is inside content/ or site/, which the site publishes; private "
            "documents go to build/ or outside the site folder"
        )
    return root


today_option = click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    metavar="YYYY-MM-DD",
    help="The date to count from (default: the system date).",
)


def _today(value: datetime | None) -> date:
    """--today, else the clock: the core never reads it, so the answer can be reproduced."""
    from datetime import date

    return value.date() if value is not None else date.today()


@main.command()
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
    from . import followups as schedule
    from .followups_ics import calendar_bytes
    from .settings import display_path

    loaded = load(profile)
    day = _today(today)
    for line in schedule.table_lines(loaded.profile, schedule.schedules(loaded.profile, day), day):
        _say(line)
    if ics is not None:
        _write_atomic(ics, calendar_bytes(loaded.profile), loaded)
        _say(f"wrote {display_path(ics)}", err=True)


@main.command()
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
    from .checks.files import project_root
    from .readiness import readiness, report_lines

    loaded = load(profile)
    items = readiness(loaded, _today(today), project_root(loaded) / "build")
    if app_id is not None:
        items = [r for r in items if r.application.id == app_id]
        if not items:
            known = ", ".join(a.id for a in loaded.profile.applications) or "none"
            raise UserError(f"no application with id {app_id!r}; known: {known}")
    if not items:
        click.echo("No applications in the profile.")
    for line in report_lines(items):
        _say(line)
    if any(r.blocking for r in items):
        sys.exit(1)


@main.command("brief")
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
    from .print import outputs, worker
    from .print.brief import brief
    from .print.documents import project_root
    from .settings import display_path

    worker.pool().prestart()
    loaded = load(profile)
    doc = brief(loaded, app_id, design=design)
    _print_problems(list(doc.notes))
    data = outputs.render(doc, cache_dir=outputs.default_cache_dir(loaded))
    out_root = project_root(loaded) / "build"
    target = output or out_root / f"{doc.name}.pdf"
    _write_output(loaded, target, data, doc, out_root, design)
    click.echo(f"wrote {display_path(target)}", err=True)


@main.command()
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
    from .applications import as_csv, as_json, overview, table_lines
    from .checks.files import project_root

    loaded = load(profile)
    rows = overview(loaded, _today(today), project_root(loaded) / "build")
    if fmt == "csv":
        click.echo(as_csv(rows), nl=False)
    elif fmt == "json":
        click.echo(as_json(rows))
    elif not rows:
        click.echo("No applications in the profile.")
    else:
        for line in table_lines(rows):
            click.echo(line)


if __name__ == "__main__":  # pragma: no cover
    main()
