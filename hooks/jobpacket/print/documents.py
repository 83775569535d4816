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

import re
from collections.abc import Iterable, Iterator
from typing import Any

from markupsafe import Markup, escape

from ..checks.files import project_root
from ..i18n.dates import long_date, month_year, short_date, span
from ..i18n.labels import labels, score
from ..markup import clean_text
from ..profile.errors import Problem, UserError
from ..profile.model import Application, Profile, Volunteer, Work
from ..profile.validate import LoadedProfile
from ..urls import photo_data, print_href
from ..views import public_view
from ..views.tailored import tailored_view, tailoring_findings
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
    print_text,
    require_name,
    stylesheets,
    visible,
)

__all__ = [
    "ASSETS_DIR",
    "DESIGNS",
    "TEMPLATES_DIR",
    "PrintDocument",
    "find_application",
    "letter",
    "letter_markdown",
    "page_size",
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
    """Render a print template and bundle it with what the renderer may read and report."""
    return PrintDocument(
        name=name,
        title=title,
        html=environment().get_template(template).render(context),
        stylesheets=stylesheets(design),
        files=tuple(ctx.files),
        roots=ctx.roots,
        notes=tuple(ctx.notes),
        lang=ctx.loaded.profile.meta.lang or "en",
    )


# --- the résumé ---------------------------------------------------------------------------------


def _shown_url(href: str) -> str:
    """An address as a title when the entry has no name: without its scheme and end slash."""
    return re.sub(r"^[a-z]+://(www\.)?", "", href).rstrip("/")


def _entries_roles(items: Iterable[Work | Volunteer], lang: str | None) -> list[dict[str, Any]]:
    """Jobs and volunteer roles as entries. A role's summary prints only when it has no
    highlights: the bullets tell the same story with evidence, and a résumé has one page
    (README: "What the printed résumé leaves out")."""
    entries = []
    for r in items:
        org = r.name if isinstance(r, Work) else r.organization
        where = (r.location if isinstance(r, Work) else None) or ""
        # What the organisation does: a line of its own under the heading, not glued to the
        # location ("Mountain View, CA, Data streaming platform built on...").
        about = (r.description if isinstance(r, Work) else None) or ""
        href = print_href(r.url) or ""
        entries.append(
            {
                # Without a position the organisation (or else its address) is the title,
                # and the link goes with it rather than vanishing with the empty `org`.
                "title": r.position or org or _shown_url(href),
                "org": (org or _shown_url(href)) if r.position else "",
                "org_url": href if r.position else "",
                "url": "" if r.position else href,
                "where": where,
                "about": about,
                "dates": span(r.startDate, r.endDate, lang),
                "summary": "" if r.highlights else print_markdown(r.summary),
                "bullets": [print_inline(h) for h in r.highlights],
            }
        )
    return entries


def _entries_projects(items: Iterable[Any], lang: str | None) -> list[dict[str, Any]]:
    return [
        {
            "title": p.name or _shown_url(print_href(p.url) or ""),
            "org": ", ".join(p.roles),
            "org_url": "",
            "url": print_href(p.url) or "",
            "where": p.entity or "",
            "about": "",
            "dates": span(p.startDate, p.endDate, lang),
            "summary": print_markdown(p.description or p.summary),
            "bullets": [print_inline(h) for h in p.highlights],
        }
        for p in items
    ]


def _entries_education(items: Iterable[Any], lang: str | None) -> list[dict[str, Any]]:
    """Degrees on one line each, and the thesis under its degree; courses are left to the
    site, where there is room."""
    out: list[dict[str, Any]] = []
    for e in items:
        degree = ", ".join(x for x in (e.studyType, e.area) if x)
        href = print_href(e.url) or ""
        out.append(
            {
                "title": degree or e.institution or _shown_url(href),
                "org": e.institution if degree else "",
                "org_url": href if degree else "",
                "url": "" if degree else href,
                "where": score(e.score, lang),
                "about": "",
                "dates": span(e.startDate, e.endDate, lang),
                "summary": f"{labels(lang)['thesis']}: {e.thesis}" if e.thesis else "",
                "bullets": [],
            }
        )
    return out


def _lines(
    items: Iterable[Any], text: str, by: str, when: str, lang: str | None
) -> list[dict[str, str]]:
    """One-line items; the issuer is dropped when the name already says it ("Google Cloud
    Professional ..., Google Cloud")."""
    out = []
    for i in items:
        name, issuer = getattr(i, text) or "", getattr(i, by) or ""
        if issuer and issuer.lower() in name.lower():
            issuer = ""
        out.append(
            {
                "text": name,
                "url": print_href(getattr(i, "url", None)) or "",
                "by": issuer,
                "dates": month_year(getattr(i, when), lang),
            }
        )
    return out


def _with_authors(items: Iterable[Any], lines: list[dict[str, str]]) -> list[dict[str, str]]:
    """Publication lines with their authors (`publications[].authors`, an extension common in
    real files) before the publisher."""
    for item, line in zip(items, lines, strict=True):
        if item.authors:
            line["by"] = ", ".join([*item.authors, *([line["by"]] if line["by"] else [])])
    return lines


def _skill_label(skill: Any) -> str:
    name = skill.name or ""
    return f"{name} ({skill.level})" if name and skill.level else name or skill.level or ""


def _resume_rows(view: Profile) -> list[list[dict[str, Any]]]:
    """Sections in the order recruiters expect, grouped into rows; empty ones are left out.

    Short list sections (certifications, awards) share a row in two columns so the example
    fits one page; the markup stays in reading order, left column first.
    """
    lang = view.meta.lang
    h = labels(lang)["sections"]
    sections: list[dict[str, Any]] = []

    def add(sid: str, heading: str, style: str, items: list[Any], half: bool = False) -> None:
        if items:
            sections.append(
                {"id": sid, "heading": heading, "style": style, "entries": items, "half": half}
            )

    add("experience", h["experience"], "entries", _entries_roles(visible(view.work), lang))
    add("projects", h["projects"], "entries", _entries_projects(visible(view.projects), lang))
    add("education", h["education"], "entries", _entries_education(visible(view.education), lang))
    # Skills with keywords are "Name: keywords" lines; those without (a plain list of names,
    # common in real files) share one line, where the first of them stood.
    skills: list[dict[str, str]] = []
    bare: dict[str, str] | None = None
    for s in visible(view.skills):
        if s.keywords:
            skills.append({"label": _skill_label(s), "text": print_text(", ".join(s.keywords))})
        elif bare is None:
            bare = {"label": "", "text": _skill_label(s)}
            skills.append(bare)
        else:
            bare["text"] += ", " + _skill_label(s)
    languages = ", ".join(
        f"{lang.language} ({lang.fluency})" if lang.fluency else lang.language
        for lang in visible(view.languages)
        if lang.language
    )
    if languages:
        # A line under Skills rather than a section of its own: it is one line of text.
        skills.append({"label": h["languages"], "text": languages})
    interests = ", ".join(i.name for i in visible(view.interests) if i.name)
    if interests:
        skills.append({"label": h["interests"], "text": interests})
    alone = len(skills) == 1 and bool(languages or interests)
    add("skills", skills[0]["label"] if alone else h["skills"], "pairs", skills)
    add(
        "publications",
        h["publications"],
        "lines",
        _with_authors(
            visible(view.publications),
            _lines(visible(view.publications), "name", "publisher", "releaseDate", lang),
        ),
    )
    certs = _lines(visible(view.certificates), "name", "issuer", "date", lang)
    awards = _lines(visible(view.awards), "title", "awarder", "date", lang)
    both = bool(certs and awards)
    add("certificates", h["certificates"], "lines", certs, half=both)
    add("awards", h["awards"], "lines", awards, half=both)
    add("volunteer", h["volunteer"], "entries", _entries_roles(visible(view.volunteer), lang))
    rows: list[list[dict[str, Any]]] = []
    for section in sections:
        if section["half"] and rows and len(rows[-1]) == 1 and rows[-1][0]["half"]:
            rows[-1].append(section)
        else:
            rows.append([section])
    return rows


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
    view = loaded.profile
    app_id = None
    if application is not None:
        index, app = find_application(loaded, application)
        app_id = app.id
        view = tailored_view(view, app)
        ctx.notes.extend(
            p for p in tailoring_findings(loaded) if p.path[:2] == ("applications", index)
        )
    view = public_view(view) if public else view
    photo = None
    if loaded.profile.basics.image:
        used = design in PHOTO_DESIGNS and view.basics.image is not None
        embedded = photo_data(loaded.profile.basics.image)
        if embedded is not None:
            photo = embedded_photo(ctx, ("basics", "image"), *embedded) if used else None
        else:
            found = local_file(
                ctx, ("basics", "image"), loaded.profile.basics.image, used=used, under_content=True
            )
            if found and used:
                photo = image_data_url(ctx, ("basics", "image"), found)
    ctx.notes.extend(glyph_findings(loaded, design))
    ctx.raise_errors()
    resume_word = labels(loaded.profile.meta.lang)["resume"]
    title = f"{name} – {resume_word}"
    keywords = [s.name for s in visible(view.skills) if s.name]
    context = base_context(loaded, design, "resume", title) | {
        "subject": view.basics.label or resume_word,
        "keywords": keywords,
        "name": name,
        "label": view.basics.label or "",
        "summary": print_markdown(view.basics.summary),
        "contact": contact_items(view),
        "photo": photo,
        "rows": _resume_rows(view),
    }
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
            ("applications", index, "letter", "body"),
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


def letter_markdown(loaded: LoadedProfile, app_id: str) -> tuple[str, tuple[Problem, ...]]:
    """The letter body as editable Markdown (assembled, or the user's with blocks expanded)
    and the warnings found, for `jobpacket letter ID --markdown`."""
    index, app = find_application(loaded, app_id)
    ctx = PrintContext(loaded)
    enclosures = _enclosures(ctx, index, app)
    body = _letter_body(ctx, index, app, _letter_date(loaded, app), enclosures)
    ctx.raise_errors()
    return body.markdown, tuple(ctx.notes)


def letter(loaded: LoadedProfile, app_id: str, *, design: str | None = None) -> PrintDocument:
    """An application's letter (cover, reconsideration, follow-up, thank-you, role proposal).

    The body is the user's Markdown when `letter.body` is given (with `[[updates]]` and
    `[[enclosures]]` blocks expanded), else assembled from the profile by letters.py. An
    application without `letter:` gets an assembled cover letter.
    """
    design = choose_design(loaded, design)
    index, app = find_application(loaded, app_id)
    ctx = PrintContext(loaded)
    name = require_name(loaded, ctx)
    kind = letter_kind(app)
    date_value = _letter_date(loaded, app)
    enclosures = _enclosures(ctx, index, app)
    body = _letter_body(ctx, index, app, date_value, enclosures)
    texts = section_texts(loaded.profile, "applications", index)
    ctx.notes.extend(glyph_findings(loaded, design, texts))
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
    recipient = {
        "name": contact.name if contact else "",
        "title": contact.title if contact else "",
        "organization": organization,
        "address": address,
    }
    greeting = (letter_fields.greeting if letter_fields else None) or (
        f"Dear {contact.name}," if contact and contact.name else "Dear Hiring Manager,"
    )
    subject_role = app.alternateRole if kind == "role-proposal" and app.alternateRole else None
    subject = f"Re: {subject_role or app.position}" if (subject_role or app.position) else ""
    kind_title = {
        "cover": "Cover letter",
        "reconsideration": "Request for reconsideration",
        "follow-up": "Follow-up letter",
        "thank-you": "Thank-you letter",
        "role-proposal": "Role proposal",
    }[kind]
    title = f"{name} – {kind_title}" + (f" – {app.organization}" if app.organization else "")
    context = base_context(loaded, design, "letter", title) | {
        "subject": kind_title
        + (": " if app.position or app.organization else "")
        + ", ".join(x for x in (app.position, app.organization) if x),
        "keywords": [x for x in (app.position, app.organization) if x],
        "name": name,
        "label": "",
        "contact": contact_items(profile, social=False),
        "date": long_date(date_value, lang),
        "recipient": recipient,
        "subject_line": subject,
        "heading": kind_title,
        "greeting": greeting,
        "body": print_markdown(body.markdown),
        "closing": (letter_fields.closing if letter_fields else None) or "Sincerely,",
        "enclosures": enclosures,
    }
    return _document(
        ctx, "letter.html", context, name=f"{app.id}/{kind}-letter", title=title, design=design
    )


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
                dates.append(("Requested", short_date(letter.requested, lang)))
            if letter.received:
                dates.append(("Received", short_date(letter.received, lang)))
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


def private_set(loaded: LoadedProfile) -> Iterator[tuple[str, PrintDocument]]:
    """Every private document of a profile with its path under the output folder.

    Every application gets its letter: one without `letter:` gets a cover letter assembled
    from the profile (a packet needs a letter); a letter whose body is blank is an error
    (see `letter`).
    """
    yield "resume.pdf", resume(loaded, public=False)
    if any(r.visibility != "private" for r in loaded.profile.references):
        yield "references.pdf", reference_index(loaded)
    for app in loaded.profile.applications:
        doc = letter(loaded, app.id)
        yield f"{doc.name}.pdf", doc
