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
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, ParamSpec, TypeVar

import click

from . import __version__
from .print.designs import DESIGNS, design_help
from .profile.errors import Problem, ProfileError, UserError

if TYPE_CHECKING:
    from datetime import date, datetime

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


def _print_problems(problems: list[Problem]) -> None:
    for p in problems:
        click.echo(str(p), err=True)


def user_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn user errors into located messages and exit 1; let bugs raise."""

    @wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
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
            findings.extend(exc.problems)
            failed = True
            if fmt == "text":
                _print_problems(exc.problems)
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
                click.echo(f"{shown}: ok{extra}")
    if fmt == "json":
        counts = {
            f"{k}s": sum(p.severity == k for p in findings) for k in ("error", "warning", "info")
        }
        report = {"findings": [p.as_json() for p in findings], **counts, "ok": not failed}
        click.echo(json.dumps(report, indent=2, ensure_ascii=False))
    elif failed:
        n = sum(p.severity in failing for p in findings)
        click.echo(f"{n} problem{'s' if n != 1 else ''} found", err=True)
    if failed:
        sys.exit(1)


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
    from .profile.export import to_jsonresume

    loaded = load(profile)
    data = to_jsonresume(loaded.profile, include_private=include_private)
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if output:
        _write_atomic(output, text.encode("utf-8"), loaded, private=include_private)
        click.echo(f"wrote {output}", err=True)
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
@click.argument("profiles", nargs=-1, type=click.Path(exists=True, path_type=Path))
@profile_option
@user_errors
def pdf(
    document: str,
    app_id: str | None,
    public: bool,
    design: str | None,
    output: Path | None,
    profiles: tuple[Path, ...],
    profile: Path | None,
) -> None:
    """Render one printable document to PDF without building the site.

    DOCUMENT is `resume` (with --application, tailored to that application), `letter`
    (needs --application), `references` (the recommendation-letter index) or `all` (every
    private document, as `mkdocs build` writes them). Files go to build/, which is never
    deployed.

    PROFILES (files, or folders of *.yml) render a whole cohort at once on one process per
    core: `jobpacket pdf all cohort/` writes build/<profile name>/ for each profile.
    """
    asked = [document, app_id or "", "public" if public else "", design or ""]
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
        if _pdf_cohort(document, profiles, output, public=public, design=design):
            sys.exit(1)
        return
    loaded = load(profile)
    if public and document != "resume":
        raise UserError("--public applies to `resume` only; the other documents are private")
    if app_id and document == "all":
        raise UserError("--application applies to `resume`, `letter` and `references`, not `all`")
    out_root = documents.project_root(loaded) / "build"
    if document == "all":
        if design:
            raise UserError("--design applies to a single document; set meta.design instead")
        _refuse_output(output or out_root, loaded, private=True)
        try:
            written = outputs.private_documents(
                loaded, output or out_root, report=lambda p: _print_problems([p])
            )
        except OSError as exc:
            where = exc.filename or output or out_root
            raise UserError(f"{where}: cannot write: {exc.strerror}") from None
        for path in written:
            click.echo(f"wrote {display_path(path)}", err=True)
        return
    if document == "resume":
        doc = documents.resume(loaded, public=public, design=design, application=app_id)
    elif document == "letter":
        if not app_id:
            ids = ", ".join(a.id for a in loaded.profile.applications) or "none in the profile"
            raise UserError(f"`letter` needs --application ID; ids: {ids}")
        doc = documents.letter(loaded, app_id, design=design)
    else:
        doc = documents.reference_index(loaded, app_id, design=design)
    _print_problems(list(doc.notes))
    cache_dir = outputs.default_cache_dir(loaded)
    data = outputs.render(doc, cache_dir=cache_dir)
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
    _write_atomic(target, data, loaded, private=not public)
    click.echo(f"wrote {display_path(target)}", err=True)


@main.command("letter")
@click.argument("app_id", metavar="ID")
@click.option(
    "--markdown",
    is_flag=True,
    help="Print the letter body as editable Markdown to standard output instead of a PDF.",
)
@design_option
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="PDF file to write. Default: build/ID/KIND-letter.pdf in the site folder.",
)
@profile_option
@user_errors
def letter_command(
    app_id: str, markdown: bool, design: str | None, output: Path | None, profile: Path | None
) -> None:
    """Print the letter of application ID: as a PDF, or its body as Markdown.

    Without `letter.body` in the profile, jobpacket assembles the body from the profile for
    the letter's kind; `--markdown` prints it so you can paste it under `letter.body: |` and
    edit it. With a body, `[[updates]]` and `[[enclosures]]` lines are expanded.
    """
    from .print import documents, outputs, worker
    from .settings import display_path

    if not markdown:
        worker.pool().prestart()  # loads WeasyPrint while this process loads the profile
    loaded = load(profile)
    if markdown:
        if design or output:
            raise UserError("--markdown prints to standard output; drop --design and --output")
        text, notes = documents.letter_markdown(loaded, app_id)
        _print_problems(list(notes))
        click.echo(text, nl=not text.endswith("\n"))
        return
    doc = documents.letter(loaded, app_id, design=design)
    _print_problems(list(doc.notes))
    data = outputs.render(doc, cache_dir=outputs.default_cache_dir(loaded))
    target = output or documents.project_root(loaded) / "build" / f"{doc.name}.pdf"
    _write_atomic(target, data, loaded)
    click.echo(f"wrote {display_path(target)}", err=True)


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
@profile_option
@user_errors
def packet(
    app_ids: tuple[str, ...], every: bool, output: Path | None, profile: Path | None
) -> None:
    """Bind each application's packet into one PDF: letter, résumé, reference index and
    enclosures, with one outline and page numbers over the whole packet.

    Every application named is tried; problems of all of them are reported together, and a
    packet that fails leaves its previous file in place. Files go to build/packets/, which is
    never deployed.
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
    out_dir = output or documents.project_root(loaded) / outputs.PACKETS_DIR
    _refuse_output(out_dir, loaded, private=True)
    try:
        run = outputs.write_packets(loaded, chosen, out_dir, report=lambda p: _print_problems([p]))
    except OSError as exc:
        raise UserError(f"{exc.filename or out_dir}: cannot write: {exc.strerror}") from None
    for path in run.written:
        click.echo(f"wrote {display_path(path)}", err=True)
    for path in run.unchanged:
        click.echo(f"unchanged {display_path(path)}", err=True)
    run.raise_problems()


def _pdf_cohort(
    document: str,
    profiles: tuple[Path, ...],
    output: Path | None,
    *,
    public: bool,
    design: str | None,
) -> bool:
    """`jobpacket pdf DOCUMENT PROFILE...`: each profile's PDFs into OUTPUT/<its name>/.

    Returns whether any profile failed (its problems are printed; the others are written).
    """
    from .print.cohort import profile_paths, render_cohort
    from .settings import display_path

    paths = profile_paths(profiles)
    shown = {p: display_path(p) for p in paths}
    out_root = output or Path("build")
    results = render_cohort(paths, document, public=public, design=design, display=shown)
    for result in results:
        _print_problems(result.notes)
        _print_problems(result.problems)
        if result.error:
            click.echo(f"error: {shown[result.profile]}: {result.error}", err=True)
        for relpath, data in result.files:
            target = out_root / result.name / relpath
            _write_atomic(target, data)
            click.echo(f"wrote {display_path(target)}", err=True)
    failed = [r for r in results if r.failed]
    click.echo(f"{len(results) - len(failed)} of {len(results)} profiles rendered", err=True)
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
    if private and any(target.is_relative_to(folder) for folder in published):
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
        click.echo(line)
    if ics is not None:
        _write_atomic(ics, calendar_bytes(loaded.profile), loaded)
        click.echo(f"wrote {display_path(ics)}", err=True)


@main.command()
@click.argument("app_id", metavar="[ID]", required=False)
@today_option
@profile_option
@user_errors
def status(app_id: str | None, today: datetime | None, profile: Path | None) -> None:
    """Say per application whether its packet is ready to send.

    The letter and its findings, recommendation letters (a reminder when one was requested
    over three weeks ago), enclosures, what is dated after the application and not in the
    packet, and the next follow-up. Exit status 1 when an application still waiting for a
    decision has an error.
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
        click.echo(line)
    if any(r.blocking for r in items):
        sys.exit(1)


if __name__ == "__main__":  # pragma: no cover
    main()
