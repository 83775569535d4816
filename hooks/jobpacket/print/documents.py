"""Profile views -> print HTML: an application's letter here, and every private document of a
profile (`private_set`) with the résumé (resume.py) and the reference index (references.py).

Documents are rendered from the profile through their own print templates, never by scraping
the site: an employer's printer and an applicant tracking system read these, so the markup is
one column in reading order with plain text (no icon fonts). Everything a template sees is
prepared as plain values; templates only lay them out, and every string is escaped where it
lands (Jinja2 autoescape) and stripped of bidi controls (`_finalize`, in layout.py).

Local files a document refers to (a photo, enclosures, recommendation letters) are checked
before WeasyPrint runs, so that a path pointing outside the project is reported as a located
profile error naming the field. The confined URL fetcher in pdf.py is the second line of
defence, not the first.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from ..errors import FieldPath, Problem
from ..i18n.dates import NBSP, keep_dates, long_date
from ..i18n.labels import labels
from ..i18n.letterbook import (
    addressee,
    closing,
    keep_punctuation,
    letter_book,
    recipient_name,
    salutation,
)
from ..markup import markdown_to_text
from ..profile.model import Application, LetterKind
from ..profile.paper import page_size
from ..profile.paths import project_root
from ..profile.validate import LoadedProfile
from ..profile.values import is_private
from ..views.letterlang import in_letter_language
from ..views.timeline import choose, letter_kind, letter_path, with_letter
from .designs import DESIGNS
from .glyphs import glyph_findings, section_texts
from .layout import base_context, choose_design, contact_items, render_document, require_name
from .letters import LetterBody, letter_body
from .printkit import (
    ASSETS_DIR,
    TEMPLATES_DIR,
    PrintContext,
    PrintDocument,
    find_application,
    letter_date,
    local_file,
    print_markdown,
)
from .references import reference_index
from .resume import resume

__all__ = [
    "ASSETS_DIR",
    "DESIGNS",
    "TEMPLATES_DIR",
    "LetterParts",
    "PlannedDocument",
    "PrintDocument",
    "chosen",
    "find_application",
    "letter",
    "letter_markdown",
    "letter_parts",
    "letter_text",
    "page_size",
    "private_plan",
    "private_set",
    "project_root",
    "reference_index",
    "resume",
]

LETTER_HINTS = {
    "cover": "why this role and organisation, two or three achievements that match the "
    "posting, and a courteous close",
    "reconsideration": "thank the reader for their time, say your interest continues, list "
    "what is new since you applied with concrete examples, and close respecting the decision",
    "follow-up": "restate your interest and report any significant update since your last contact",
    "thank-you": "thank the reader for the interview or decision and keep the door open",
    "role-proposal": "name the other role and tie your strengths to it with examples",
}


# --- the letter -----------------------------------------------------------------------------------


def _enclosures(ctx: PrintContext, index: int, app: Application) -> list[str]:
    """The letter's "Enclosures:" line: exactly the packet's parts after the letter
    (enclosures.plan). Printed alone, the letter only names the files, so a missing one is a
    warning here; the packet, which appends them, is strict."""
    from . import enclosures

    parts = enclosures.plan(ctx.loaded, index)
    for part in parts:
        if part.value is not None:
            local_file(ctx, part.where, part.value, used=True)
    return enclosures.titles(parts)


def _letter_body(
    ctx: PrintContext, index: int, app: Application, date_value: str, enclosures: list[str]
) -> LetterBody:
    """The body from letters.py, its findings reported through ``ctx``. A body present but
    blank is an error: the user started the letter, and jobpacket won't guess they meant it
    to be assembled."""
    kind = letter_kind(app)
    if app.letter is not None and app.letter.body is not None and not app.letter.body.strip():
        ctx.error(
            ("applications", index, *letter_path(app), "body"),
            f"the letter body is empty; write the {kind} letter in Markdown under "
            f"letter.body ({LETTER_HINTS[kind]}), or remove `body:` to have jobpacket "
            "assemble it from the profile",
        )
        return LetterBody("", False)
    profile = ctx.loaded.profile
    body = letter_body(
        profile,
        index,
        app,
        enclosures=enclosures,
        letter_date=date_value,
        lang=profile.meta.lang,
    )
    for finding in body.findings:
        (ctx.error if finding.severity == "error" else ctx.warn)(finding.path, finding.message)
    return body


def chosen(
    loaded: LoadedProfile,
    app_id: str,
    *,
    kind: LetterKind | None = None,
    number: int | None = None,
) -> LoadedProfile:
    """The profile a letter of application ``app_id`` is made from: its `letter` the one
    asked for (`--kind`, `--letter N`; by default the latest not yet sent: see
    views/timeline.py), its `meta.lang` the application's `lang` when it has one
    (views/letterlang.py). Every letter, its text and Word forms and the packet's own words
    come from here, so all of them are in the letter's language."""
    index, app = find_application(loaded, app_id)
    if kind is not None or number is not None or app.letters:
        loaded = with_letter(loaded, index, choose(app, kind=kind, number=number))
    return in_letter_language(loaded, index)


def letter_fields(
    loaded: LoadedProfile,
    app_id: str,
    *,
    kind: LetterKind | None = None,
    number: int | None = None,
) -> list[FieldPath]:
    """Where in the profile a letter of application ``app_id`` comes from: the application's
    fields and the one letter asked for, not its other letters (a draft typo in next month's
    follow-up must not stop today's reconsideration). For proofreading what is sent."""
    index, app = find_application(loaded, app_id)
    mine = find_application(chosen(loaded, app_id, kind=kind, number=number), app_id)[1]
    fields: list[FieldPath] = [
        ("applications", index, name)
        for name in type(app).model_fields
        if name not in ("letter", "letters")
    ]
    return [*fields, ("applications", index, *letter_path(mine))]


def letter_markdown(
    loaded: LoadedProfile,
    app_id: str,
    *,
    kind: LetterKind | None = None,
    number: int | None = None,
) -> tuple[str, tuple[Problem, ...]]:
    """The letter body as editable Markdown (assembled, or the user's with blocks expanded)
    and the warnings found, for `jobpacket letter ID --markdown`."""
    loaded = chosen(loaded, app_id, kind=kind, number=number)
    index, app = find_application(loaded, app_id)
    ctx = PrintContext(loaded)
    enclosures = _enclosures(ctx, index, app)
    body = _letter_body(ctx, index, app, letter_date(loaded, app), enclosures)
    ctx.raise_errors()
    return body.markdown, tuple(ctx.notes)


@dataclass(frozen=True)
class LetterParts:
    """Everything a letter says, as plain values: the PDF lays them out; `--format text`,
    `txt` and `docx` (print/formats.py) and the golden texts print them."""

    ctx: PrintContext
    app: Application
    kind: str
    name: str
    contact: list[dict[str, str]]
    date: str
    recipient: dict[str, Any]
    subject: str
    kind_title: str
    greeting: str
    body: LetterBody
    closing: str
    enclosures: list[str]
    enclosures_line: str


def letter_parts(
    loaded: LoadedProfile,
    app_id: str,
    *,
    kind: LetterKind | None = None,
    number: int | None = None,
) -> LetterParts:
    """The parts of application ``app_id``'s letter (the one asked for, see `chosen`), in the
    letter's language (the application's `lang`, else `meta.lang`: the letter text of
    i18n/labels/letters/; English where that language has none)."""
    loaded = chosen(loaded, app_id, kind=kind, number=number)
    index, app = find_application(loaded, app_id)
    ctx = PrintContext(loaded)
    name = require_name(loaded, ctx)
    kind = letter_kind(app)
    date_value = letter_date(loaded, app)
    enclosures = _enclosures(ctx, index, app)
    body = _letter_body(ctx, index, app, date_value, enclosures)
    ctx.raise_errors()
    profile = loaded.profile
    lang = profile.meta.lang
    letter_fields = app.letter
    contact = app.contact
    address = ((contact.address if contact else "") or "").splitlines()
    organization = app.organization or ""
    # The organisation is often the first line of the address already; don't print it twice.
    if address and organization and organization.lower() in address[0].lower():
        organization = ""
    book = letter_book(lang)
    who = addressee(contact.name if contact else None, contact.gender if contact else None)
    recipient = {
        "name": recipient_name(book, who, contact.name or "") if contact else "",
        "title": contact.title if contact else "",
        "organization": organization,
        "address": address,
    }
    subject_role = app.alternateRole if kind == "role-proposal" and app.alternateRole else None
    subject_role = subject_role or app.position
    return LetterParts(
        ctx=ctx,
        app=app,
        kind=kind,
        name=name,
        contact=contact_items(profile, social=False),
        date=long_date(date_value, lang),
        recipient=recipient,
        subject=book.say(f"subject.{kind}", position=subject_role) if subject_role else "",
        kind_title=book.say(f"kind.{kind}"),
        greeting=(letter_fields.greeting if letter_fields else None) or salutation(book, who),
        body=body,
        closing=(letter_fields.closing if letter_fields else None) or closing(book, who),
        enclosures=enclosures,
        enclosures_line=book.say(
            "enclosures",
            word=labels(lang)["enclosures"],
            items=book.say("enclosures_separator").join(enclosures),
        ),
    )


def letter(
    loaded: LoadedProfile,
    app_id: str,
    *,
    design: str | None = None,
    kind: LetterKind | None = None,
    number: int | None = None,
) -> PrintDocument:
    """An application's letter (cover, reconsideration, follow-up, thank-you, role proposal).

    The body is the user's Markdown when `letter.body` is given (with `[[updates]]` and
    `[[enclosures]]` blocks expanded), else assembled from the profile by letters.py. An
    application without `letter:` gets an assembled cover letter.
    """
    design = choose_design(loaded, design)
    parts = letter_parts(loaded, app_id, kind=kind, number=number)
    loaded = parts.ctx.loaded  # in the letter's language (see `chosen`)
    index, _ = find_application(loaded, app_id)
    # characters no font of this design has, in the application's own text (its letter)
    texts = section_texts(loaded.profile, "applications", index)
    parts.ctx.notes.extend(glyph_findings(loaded, design, texts))
    app, name, kind_title = parts.app, parts.name, parts.kind_title
    title = f"{name} – {kind_title}" + (f" – {app.organization}" if app.organization else "")
    lang = loaded.profile.meta.lang
    context = base_context(loaded, design, "letter", title) | {
        "subject": kind_title
        + (": " if app.position or app.organization else "")
        + ", ".join(x for x in (app.position, app.organization) if x),
        "keywords": [x for x in (app.position, app.organization) if x],
        "name": name,
        "label": "",
        "contact": parts.contact,
        "date": parts.date,
        "recipient": parts.recipient,
        "subject_line": keep_punctuation(parts.subject, lang),
        "heading": kind_title,
        "greeting": parts.greeting,
        "body": print_markdown(keep_punctuation(keep_dates(parts.body.markdown, lang), lang)),
        "closing": keep_punctuation(parts.closing, lang),
        "enclosures": parts.enclosures,
        "enclosures_line": parts.enclosures_line,
    }
    return render_document(
        parts.ctx,
        "letter.html",
        context,
        name=f"{app.id}/{parts.kind}-letter",
        title=title,
        design=design,
    )


def letter_text(
    loaded: LoadedProfile,
    app_id: str,
    *,
    full: bool = True,
    kind: LetterKind | None = None,
    number: int | None = None,
) -> str:
    """The letter as plain text: for an email body or a web form (``full=False``: salutation
    to signature), or the whole letter with its sender, date and recipient blocks."""
    parts = letter_parts(loaded, app_id, kind=kind, number=number)
    blocks: list[str] = []
    if full:
        blocks.append("\n".join([parts.name, *(c["text"] for c in parts.contact)]))
        blocks.append(parts.date)
        r = parts.recipient
        lines = [r["name"], r["title"], r["organization"], *r["address"]]
        if any(lines):
            blocks.append("\n".join(x for x in lines if x))
        if parts.subject:
            blocks.append(parts.subject)
    blocks += [
        parts.greeting,
        markdown_to_text(parts.body.markdown, paragraph_gap=True),
        f"{parts.closing}\n\n{parts.name}",
    ]
    if full and parts.enclosures:
        blocks.append(parts.enclosures_line)
    text = "\n\n".join(b.strip("\n") for b in blocks if b.strip()) + "\n"
    return text.replace(NBSP, " ")  # typed text: an invisible no-break space would surprise


@dataclass(frozen=True)
class PlannedDocument:
    """A document of the private set before it is made."""

    what: tuple[str, ...]
    app: int | None
    make: Callable[[], PrintDocument]


def private_plan(loaded: LoadedProfile) -> Iterator[PlannedDocument]:
    """Every private document of a profile, not yet made: what it is, the application it is
    about (or None), and how to make it. Outputs are keyed on these before any HTML is made
    (print/inputkeys.py).

    Every application gets its letter: one without `letter:` gets a cover letter assembled
    from the profile (a packet needs a letter); a letter whose body is blank is an error
    (see `letter`).
    """
    yield PlannedDocument(("resume",), None, lambda: resume(loaded, public=False))
    if any(not is_private(r) for r in loaded.profile.references):
        yield PlannedDocument(("references",), None, lambda: reference_index(loaded))
    for i, app in enumerate(loaded.profile.applications):
        yield PlannedDocument(("letter", app.id), i, functools.partial(letter, loaded, app.id))


def private_set(loaded: LoadedProfile) -> Iterator[tuple[str, PrintDocument]]:
    """Every private document of a profile, made, with its path under the output folder."""
    for planned in private_plan(loaded):
        doc = planned.make()
        yield f"{doc.name}.pdf", doc
