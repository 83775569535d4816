"""The résumé as print HTML: the profile's outline (outline.py) laid out in rows, public or
private, tailored to an application when one is named."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import Any

from ..i18n.labels import labels
from ..profile.validate import LoadedProfile
from ..urls import photo_data
from . import outline
from .designs import PHOTO_DESIGNS
from .glyphs import glyph_findings
from .layout import base_context, choose_design, render_document, require_name
from .printkit import (
    PrintContext,
    PrintDocument,
    embedded_photo,
    find_application,
    image_data_url,
    local_file,
    print_inline,
    print_markdown,
)


def _left_to_right(*parts: str | None) -> bool:
    """Whether every letter of a line's parts is written left to right (and there is one):
    an English title line, not an Arabic or Hebrew one, nor one that mixes them.

    WeasyPrint sets a line's inline boxes (a title, its organisation in italics, its place)
    side by side in its block's direction, not by the Unicode bidi algorithm across them:
    "Engineer, Acme, Amman" in a right-to-left résumé printed as "Amman ,Acme ,Engineer".
    The template sets such a line of a right-to-left résumé in a left-to-right span; a line
    that mixes the two keeps the document's order of parts, each read in its own."""
    kinds = {unicodedata.bidirectional(c) for part in parts for c in part or ""}
    return "L" in kinds and not kinds & {"R", "AL"}


def _entry(e: outline.Entry | outline.Pair | outline.Line) -> dict[str, Any]:
    """An outline item as the print template reads it: Markdown formatted for print."""
    if isinstance(e, outline.Entry):
        return {
            "title": e.title,
            "org": e.org,
            "org_url": e.org_url,
            "url": e.url,
            "where": e.where,
            "ltr": _left_to_right(e.title, e.org, e.where),
            "about": e.about,
            "dates": e.dates,
            "summary": print_markdown(e.summary),
            "bullets": [print_inline(b) for b in e.bullets],
        }
    if isinstance(e, outline.Pair):
        return {"label": e.label, "text": e.text}
    return {
        "text": e.text,
        "url": e.url,
        "by": e.by,
        "dates": e.dates,
        "ltr": _left_to_right(e.text, e.by),
    }


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
        "contact": [{"text": c.text, "href": c.href, "group": c.group} for c in said.contact],
        "photo": photo,
        "rows": _resume_rows(said.sections),
    }
    app_id = found[1].id if found else None
    return render_document(
        ctx,
        "resume.html",
        context,
        name=(f"{app_id}/" if app_id else "") + ("resume-public" if public else "resume"),
        title=title,
        design=design,
    )
