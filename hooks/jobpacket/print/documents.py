"""Profile views -> print HTML: the résumé, an application's letter, the reference index.

Documents are rendered from the profile through their own print templates, never by scraping
the site: an employer's printer and an applicant tracking system read these, so the markup is
one column in reading order with plain text (no icon fonts). Everything a template sees is
prepared here as plain values; templates only lay them out, and every string is escaped where
it lands (Jinja2 autoescape) and stripped of bidi controls (`finalize`, in printkit.py).

Local files a document refers to (a photo, enclosures, recommendation letters) are checked
here, before WeasyPrint runs, so that a path pointing outside the project is reported as a
located profile error naming the field. The confined URL fetcher in pdf.py is the second line
of defence, not the first.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

from ..checks.files import project_root
from ..i18n.dates import NBSP, keep_dates, long_date, short_date
from ..i18n.labels import labels
from ..i18n.letterbook import (
    addressee,
    closing,
    keep_punctuation,
    letter_book,
    recipient_name,
    salutation,
)
from ..markup import clean_text, markdown_to_text
from ..profile.errors import FieldPath, Problem, UserError
from ..profile.model import Application, LetterKind
from ..profile.validate import LoadedProfile
from ..urls import photo_data
from ..views.timeline import choose, letter_path, with_letter
from . import outline
from .designs import DESIGNS, PHOTO_DESIGNS
from .glyphs import glyph_findings, section_texts
from .letters import LetterBody, letter_body, letter_kind
from .printkit import (
    ASSETS_DIR,
    TEMPLATES_DIR,
    PrintContext,
    PrintDocument,
    base_context,
    choose_design,
    contact_items,
    document_date,
    embedded_photo,
    environment,
    image_data_url,
    local_file,
    page_size,
    print_inline,
    print_markdown,
    require_name,
    stylesheets,
)

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


def _document(
    ctx: PrintContext,
    template: str,
    context: dict[str, Any],
    *,
    name: str,
    title: str,
    design: str,
) -> PrintDocument:
    """Render a print template and bundle it with what the renderer may read and report.
    Its three callers (résumé, letter, reference index) each check their text's glyphs."""
    return PrintDocument(
        name=name,
        title=title,
        html=environment().get_template(template).render(context),
        stylesheets=stylesheets(design),
        files=tuple(ctx.files),
        roots=ctx.roots,
        notes=tuple(ctx.notes),
        lang=ctx.loaded.profile.meta.lang or "en",
        glyphs_checked=True,
    )


# --- the résumé ---------------------------------------------------------------------------------


def _entry(e: outline.Entry | outline.Pair | outline.Line) -> dict[str, Any]:
    """An outline item as the print template reads it: Markdown formatted for print."""
    if isinstance(e, outline.Entry):
        return {
            "title": e.title,
            "org": e.org,
            "org_url": e.org_url,
            "url": e.url,
            "where": e.where,
            "about": e.about,
            "dates": e.dates,
            "summary": print_markdown(e.summary),
            "bullets": [print_inline(b) for b in e.bullets],
        }
    if isinstance(e, outline.Pair):
        return {"label": e.label, "text": e.text}
    return {"text": e.text, "url": e.url, "by": e.by, "dates": e.dates}


def _resume_rows(sections: Iterable[outline.Section]) -> list[list[dict[str, Any]]]:
    """The outline's sections grouped into rows. Short list sections (certifications,
    awards) share a row in two columns so the example fits one page; the markup stays in
    reading order, left column first."""
    rows: list[list[dict[str, Any]]] = []
    for section in sections:
        item = {
            "id": section.id,
            "heading": section.heading,
            "style": section.style,
            "entries": [_entry(e) for e in section.items],
            "half": section.half,
        }
        if section.half and rows and len(rows[-1]) == 1 and rows[-1][0]["half"]:
            rows[-1].append(item)
        else:
            rows.append([item])
    return rows


def resume_outline(
    loaded: LoadedProfile, *, public: bool, application: str | None = None
) -> outline.Outline:
    """What the résumé says (print/outline.py), for the text and Word formats: the same
    view and sections as the PDF of `resume` with the same arguments."""
    ctx = PrintContext(loaded)
    name = require_name(loaded, ctx)
    found = find_application(loaded, application) if application is not None else None
    view, notes = outline.resume_view(loaded, public=public, application=found)
    ctx.raise_errors()
    return outline.outline(view, name, notes)


def resume(
    loaded: LoadedProfile,
    *,
    public: bool,
    design: str | None = None,
    application: str | None = None,
) -> PrintDocument:
    """The résumé: the public view for the site, or the owner's full copy (phone, address);
    with ``application``, tailored to that application (views/tailored.py).

    Items marked `visibility: private` are private notes and never printed on either.
    """
    design = choose_design(loaded, design)
    ctx = PrintContext(loaded)
    name = require_name(loaded, ctx)
    found = find_application(loaded, application) if application is not None else None
    view, notes = outline.resume_view(loaded, public=public, application=found)
    ctx.notes.extend(notes)
    photo = None
    if loaded.profile.basics.image:
        used = design in PHOTO_DESIGNS and view.basics.image is not None
        embedded = photo_data(loaded.profile.basics.image)
        if embedded is not None:
            photo = embedded_photo(ctx, ("basics", "image"), *embedded) if used else None
        else:
            found_image = local_file(
                ctx, ("basics", "image"), loaded.profile.basics.image, used=used, under_content=True
            )
            if found_image and used:
                photo = image_data_url(ctx, ("basics", "image"), found_image)
    ctx.notes.extend(glyph_findings(loaded, design))
    ctx.raise_errors()
    said = outline.outline(view, name)
    resume_word = labels(loaded.profile.meta.lang)["resume"]
    title = f"{name} – {resume_word}"
    context = base_context(loaded, design, "resume", title) | {
        "subject": said.label or resume_word,
        "keywords": list(said.keywords),
        "name": name,
        "label": said.label,
        "summary": print_markdown(said.summary),
        "contact": [{"text": c.text, "href": c.href} for c in said.contact],
        "photo": photo,
        "rows": _resume_rows(said.sections),
    }
    app_id = found[1].id if found else None
    return _document(
        ctx,
        "resume.html",
        context,
        name=(f"{app_id}/" if app_id else "") + ("resume-public" if public else "resume"),
        title=title,
        design=design,
    )


# --- letters ------------------------------------------------------------------------------------


def find_application(loaded: LoadedProfile, app_id: str) -> tuple[int, Application]:
    """The application with this id and its index (for located messages), or a user error."""
    for i, app in enumerate(loaded.profile.applications):
        if app.id == app_id:
            return i, app
    known = ", ".join(a.id for a in loaded.profile.applications) or "none"
    raise UserError(f"no application with id {app_id!r} in {loaded.source.file}; known: {known}")


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


def _letter_date(loaded: LoadedProfile, app: Application) -> str:
    """The letter's own date, else the application date for a cover letter, else the
    document date (never the clock: same inputs, same bytes)."""
    kind = letter_kind(app)
    return (
        (app.letter.date if app.letter else None)
        or (app.applied if kind == "cover" else None)
        or document_date(loaded.profile).date().isoformat()
    )


def chosen(
    loaded: LoadedProfile,
    app_id: str,
    *,
    kind: LetterKind | None = None,
    number: int | None = None,
) -> LoadedProfile:
    """The profile with application ``app_id``'s `letter` set to the letter asked for
    (`--kind`, `--letter N`; by default the latest not yet sent): see views/timeline.py."""
    index, app = find_application(loaded, app_id)
    if kind is None and number is None and not app.letters:
        return loaded
    return with_letter(loaded, index, choose(app, kind=kind, number=number))


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
    body = _letter_body(ctx, index, app, _letter_date(loaded, app), enclosures)
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
    profile's language (the letter text of i18n/labels/letters/; English where that language
    has none)."""
    loaded = chosen(loaded, app_id, kind=kind, number=number)
    index, app = find_application(loaded, app_id)
    ctx = PrintContext(loaded)
    name = require_name(loaded, ctx)
    kind = letter_kind(app)
    date_value = _letter_date(loaded, app)
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
    return _document(
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


# --- the recommendation-letter index ------------------------------------------------------------

_STATUS = {
    "none": "Not requested",
    "requested": "Requested",
    "received": "Received",
    "submitted": "Submitted",
    "declined": "Declined",
}
_DELIVERY = {
    "enclosed": "Enclosed",
    "direct": "Sent directly by the recommender",
    "portal": "Via the employer's portal",
}


def _breakable_email(email: str | None) -> Markup:
    """An address that may wrap only after a dot of its domain in a narrow column, never at
    the "@": a line ending in "name@" reads as a whole address to a person copying it. A
    <wbr> adds no character to the PDF's text, so the copied address stays intact."""
    if not email:
        return Markup("")
    local, at, domain = clean_text(email).partition("@")
    return escape(local) + escape(at) + Markup(".<wbr>").join(escape(domain).split("."))


def reference_index(
    loaded: LoadedProfile, app_id: str | None = None, *, design: str | None = None
) -> PrintDocument:
    """A table of recommenders for an employer: who, how to reach them, where each letter is."""
    design = choose_design(loaded, design)
    ctx = PrintContext(loaded)
    name = require_name(loaded, ctx)
    app = None
    if app_id is not None:
        _, app = find_application(loaded, app_id)
    profile = loaded.profile
    rows, confidential = [], []
    for i, ref in enumerate(profile.references):
        if ref.visibility == "private":
            continue
        letter = ref.letter
        status, delivery = "No letter", ""
        dates: list[tuple[str, str]] = []  # each date under its own label
        if letter:
            status = _STATUS[letter.status]
            lang = profile.meta.lang
            if letter.requested:
                dates.append(("Requested", outline.plain_dates(short_date(letter.requested, lang))))
            if letter.received:
                dates.append(("Received", outline.plain_dates(short_date(letter.received, lang))))
            delivery = _DELIVERY[letter.delivery] if letter.delivery else ""
            if letter.file:
                enclosed = letter.delivery == "enclosed"
                local_file(ctx, ("references", i, "letter", "file"), letter.file, used=enclosed)
            if letter.confidential:
                how = {
                    "direct": "sent to you directly by the recommender",
                    "portal": "submitted through your application portal",
                    "enclosed": "enclosed in a sealed envelope",
                }.get(letter.delivery or "", "sent without the candidate reading it")
                confidential.append(f"The letter from {ref.name} is confidential: {how}.")
        rows.append(
            {
                "name": ref.name or "",
                "title": ref.title or "",
                "organization": ref.organization or "",
                "relationship": ref.relationship or "",
                "email": ref.email or "",
                "email_breakable": _breakable_email(ref.email),
                "phone": ref.phone or "",
                "status": status,
                "dates": dates,
                "delivery": delivery,
                "confidential": bool(letter and letter.confidential),
            }
        )
    if not rows:
        ctx.error(
            ("references",),
            "no references to list; add each recommender under references: with name, "
            "title, organization, relationship, email and letter",
        )
    ctx.notes.extend(glyph_findings(loaded, design, section_texts(loaded.profile, "references")))
    ctx.raise_errors()
    title = f"{name} – References"
    prepared = ""
    if app is not None:
        prepared = ", ".join(x for x in (app.position, app.organization) if x)
    context = base_context(loaded, design, "references", title) | {
        "subject": "References and letters of recommendation"
        + (f" for {prepared}" if prepared else ""),
        "keywords": ["references", "letters of recommendation"],
        "name": name,
        "label": profile.basics.label or "",
        "contact": contact_items(profile),
        "prepared_for": prepared,
        "rows": rows,
        "confidential": confidential,
    }
    return _document(
        ctx,
        "references.html",
        context,
        name=f"{app.id}/references" if app else "references",
        title=title,
        design=design,
    )


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
    if any(r.visibility != "private" for r in loaded.profile.references):
        yield PlannedDocument(("references",), None, lambda: reference_index(loaded))
    for i, app in enumerate(loaded.profile.applications):
        yield PlannedDocument(("letter", app.id), i, functools.partial(letter, loaded, app.id))


def private_set(loaded: LoadedProfile) -> Iterator[tuple[str, PrintDocument]]:
    """Every private document of a profile, made, with its path under the output folder."""
    for planned in private_plan(loaded):
        doc = planned.make()
        yield f"{doc.name}.pdf", doc
