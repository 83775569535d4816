"""The résumé and letters as Word files (.docx), made with python-docx.

Many application portals parse Word better than PDF, and some accept nothing else. A Word
file that parsers, Word and LibreOffice all read the same way is one flow of paragraphs in
Word's own styles: Title for the name, Heading 1 for a section, Heading 2 for an entry, List
Bullet for a highlight, Normal for the rest; no text boxes, no tables for layout, no headers
or footers holding content. Addresses are written out whole as text (a web address with its
scheme), as in the plain-text résumé: that is what a parser reads, and Word links them when
the reader clicks. Fonts, sizes and margins are set on those styles, so a user who
restyles the document in Word changes all of it at once.

Same inputs, same bytes: the core properties carry the document date (SOURCE_DATE_EPOCH or
meta.lastModified, as the PDFs do) and the zip entries a fixed timestamp.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING

from docx import Document
from docx.document import Document as WordDocument
from docx.shared import Mm, Pt

from ..i18n.labels import labels
from ..markup import markdown_to_text
from .outline import Entry, Line, Outline, Pair

if TYPE_CHECKING:
    from .documents import LetterParts

_BODY_PT = 10.5
_MARGIN_MM = 18  # DOMAIN: at least half an inch; Word's own default is an inch


def _new_document(margin_mm: float = _MARGIN_MM, body_pt: float = _BODY_PT) -> WordDocument:
    """An empty document with jobpacket's type sizes and margins on Word's own styles."""
    doc = Document()
    for section in doc.sections:
        section.left_margin = section.right_margin = Mm(margin_mm)
        section.top_margin = section.bottom_margin = Mm(margin_mm)
    styles = doc.styles
    normal = styles["Normal"]
    normal.font.size = Pt(body_pt)
    normal.paragraph_format.space_after = Pt(2)
    normal.paragraph_format.line_spacing = 1.0
    sizes = {"Title": 22, "Subtitle": 12, "Heading 1": 13, "Heading 2": 11}
    for name, size in sizes.items():
        style = styles[name]
        style.font.size = Pt(size)
    styles["List Bullet"].paragraph_format.space_after = Pt(0)
    styles["Heading 1"].paragraph_format.space_before = Pt(9)
    styles["Heading 2"].paragraph_format.space_before = Pt(5)
    styles["Heading 2"].paragraph_format.space_after = Pt(0)
    return doc


def _finish(
    doc: WordDocument,
    *,
    title: str,
    author: str,
    subject: str,
    keywords: Iterable[str],
    lang: str | None,
    when: datetime,
) -> bytes:
    """Core properties from the document's own facts, then reproducible bytes."""
    props = doc.core_properties
    props.title = title
    props.author = author
    props.last_modified_by = author
    props.subject = subject
    props.keywords = ", ".join(keywords)
    props.language = lang or ""
    props.comments = ""
    props.revision = 1
    props.created = props.modified = when.replace(tzinfo=None)
    raw = io.BytesIO()
    doc.save(raw)
    return _fixed_zip(raw.getvalue(), when)


def _fixed_zip(data: bytes, when: datetime) -> bytes:
    """The same archive with every entry dated `when`: python-docx stamps the time of
    saving, which would make each run's bytes differ."""
    stamp = (max(when.year, 1980), when.month, when.day, when.hour, when.minute, when.second)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=stamp)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def _paragraphs(doc: WordDocument, markdown: str, style: str = "Normal") -> None:
    """A Markdown field as paragraphs: list items in List Bullet, the rest in `style`."""
    for line in markdown_to_text(markdown).splitlines():
        stripped = line.lstrip()
        if stripped.startswith("- "):
            doc.add_paragraph(stripped[2:], style="List Bullet")
        elif stripped:
            doc.add_paragraph(stripped, style=style)


def _entry(doc: WordDocument, e: Entry) -> None:
    head = doc.add_paragraph(style="Heading 2")
    head.add_run(e.title)
    if e.org:
        head.add_run(f", {e.org}")
    if e.about:
        doc.add_paragraph(e.about)
    meta = " | ".join(x for x in (e.where, e.dates, e.url) if x)
    if meta:
        doc.add_paragraph(meta)
    if e.summary:
        _paragraphs(doc, e.summary)
    for bullet in e.bullets:
        doc.add_paragraph(markdown_to_text(bullet).replace("\n", " "), style="List Bullet")


def resume_docx(o: Outline, *, title: str, when: datetime) -> bytes:
    """The résumé outline as a Word file (see the module docstring for its structure)."""
    doc = _new_document()
    doc.add_paragraph(o.name, style="Title")
    if o.label:
        doc.add_paragraph(o.label, style="Subtitle")
    if o.contact:  # one paragraph, items apart: a parser reads each as written
        doc.add_paragraph(" | ".join(c.plain for c in o.contact))
    if o.summary.strip():
        doc.add_heading(labels(o.lang)["sections"]["summary"], level=1)
        _paragraphs(doc, o.summary)
    for section in o.sections:
        doc.add_heading(section.heading, level=1)
        for item in section.items:
            if isinstance(item, Entry):
                _entry(doc, item)
            elif isinstance(item, Pair):
                p = doc.add_paragraph()
                if item.label:
                    p.add_run(f"{item.label}: ").bold = True
                p.add_run(item.text)
            elif isinstance(item, Line):
                text = ", ".join(x for x in (item.text, item.by, item.dates) if x)
                doc.add_paragraph(text + (f" | {item.url}" if item.url else ""), "List Bullet")
    return _finish(
        doc,
        title=title,
        author=o.name,
        subject=o.label,
        keywords=o.keywords,
        lang=o.lang,
        when=when,
    )


def _block(doc: WordDocument, lines: Iterable[str], *, after: float = 10) -> None:
    """Lines that belong together (an address) as one paragraph with line breaks."""
    kept = [x for x in lines if x]
    if not kept:
        return
    p = doc.add_paragraph()
    for i, line in enumerate(kept):
        run = p.add_run(line)
        if i < len(kept) - 1:
            run.add_break()
    p.paragraph_format.space_after = Pt(after)


def letter_docx(parts: LetterParts, *, lang: str | None, when: datetime) -> bytes:
    """A business letter (shared/DOMAIN.md) in Normal paragraphs, about one-inch margins
    and 11 pt: sender block, date, recipient block, subject line, salutation, the body (its
    lists in List Bullet), closing, signature space and name, enclosures line."""
    doc = _new_document(margin_mm=25, body_pt=11)
    doc.styles["Normal"].paragraph_format.space_after = Pt(8)
    _block(doc, [parts.name, *(c["text"] for c in parts.contact)], after=14)
    _block(doc, [parts.date.replace("\u00a0", " ")], after=14)
    r = parts.recipient
    _block(doc, [r["name"], r["title"], r["organization"], *r["address"]], after=14)
    if parts.subject:
        doc.add_paragraph().add_run(parts.subject).bold = True
    doc.add_paragraph(parts.greeting)
    _paragraphs(doc, parts.body.markdown)
    doc.add_paragraph(parts.closing).paragraph_format.space_after = Pt(30)
    doc.add_paragraph(parts.name)
    if parts.enclosures:
        doc.add_paragraph(parts.enclosures_line)
    app = parts.app
    return _finish(
        doc,
        title=f"{parts.name} – {parts.kind_title}"
        + (f" – {app.organization}" if app.organization else ""),
        author=parts.name,
        subject=parts.kind_title,
        keywords=[x for x in (app.position, app.organization) if x],
        lang=lang,
        when=when,
    )


__all__ = ["letter_docx", "resume_docx"]
