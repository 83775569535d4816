"""The reference index: a table of recommenders for an employer, who they are, how to reach
them and where each letter is, with the confidential letters named as such.

Private references are never listed; a recommendation letter's own file is checked as a
local file, enclosed only when it travels in the packet."""

from __future__ import annotations

from markupsafe import Markup, escape

from ..i18n.dates import short_date
from ..i18n.labels import labels
from ..markup import clean_text
from ..profile.validate import LoadedProfile
from ..profile.values import is_private
from . import outline
from .glyphs import glyph_findings, section_texts
from .layout import base_context, choose_design, contact_items, render_document, require_name
from .printkit import (
    PrintContext,
    PrintDocument,
    find_application,
    local_file,
)


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
    lang = profile.meta.lang
    words = labels(lang)["reference_index"]  # the index is in the profile's language
    rows, confidential = [], []
    for i, ref in enumerate(profile.references):
        if is_private(ref):
            continue
        letter = ref.letter
        status, delivery = words["no_letter"], ""
        dates: list[tuple[str, str]] = []  # each date under its own label
        if letter:
            status = words["status"][letter.status]
            if letter.requested:
                when = outline.plain_dates(short_date(letter.requested, lang))
                dates.append((words["requested_on"], when))
            if letter.received:
                when = outline.plain_dates(short_date(letter.received, lang))
                dates.append((words["received_on"], when))
            delivery = words["delivered"][letter.delivery] if letter.delivery else ""
            if letter.file:
                enclosed = letter.delivery == "enclosed"
                local_file(ctx, ("references", i, "letter", "file"), letter.file, used=enclosed)
            if letter.confidential:
                sentences = words["confidential_letter"]
                sentence = sentences.get(letter.delivery or "other", sentences["other"])
                confidential.append(sentence.format(name=ref.name))
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
    title = f"{name} – {labels(lang)['references']}"
    prepared = ""
    if app is not None:
        prepared = ", ".join(x for x in (app.position, app.organization) if x)
    context = base_context(loaded, design, "references", title) | {
        "subject": words["title"] + (f": {prepared}" if prepared else ""),
        "keywords": ["references", "letters of recommendation"],
        "name": name,
        "label": profile.basics.label or "",
        "contact": contact_items(profile),
        "prepared_for": words["prepared_for"].format(what=prepared) if prepared else "",
        "rows": rows,
        "confidential": confidential,
    }
    return render_document(
        ctx,
        "references.html",
        context,
        name=f"{app.id}/references" if app else "references",
        title=title,
        design=design,
    )
