"""Documents in the formats an application form asks for: plain text, Markdown, Word.

One call per document and format, so the CLI (and anything else) asks for "the résumé as
docx, tailored to this application" in one place; the outline is made by documents.py as for
the PDF, and rendered by textformats.py or wordfile.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType

from ..errors import Problem, UserError
from ..i18n.labels import labels
from ..profile.model import LetterKind
from ..profile.validate import LoadedProfile
from . import documents, textformats
from .printkit import document_date
from .resume import resume_outline

#: The formats besides PDF, per document.
RESUME_FORMATS = ("txt", "md", "docx")
LETTER_FORMATS = ("txt", "docx")


@dataclass(frozen=True)
class Made:
    """A finished file: its path under build/ (as the PDF's, with its own suffix), bytes,
    and the warnings found while making it."""

    name: str
    data: bytes
    notes: tuple[Problem, ...] = ()


def _wordfile() -> ModuleType:
    """wordfile.py, which needs python-docx: a dependency, but a virtualenv made before it
    was one lacks it, and that deserves a sentence rather than a traceback."""
    try:
        from . import wordfile
    except ModuleNotFoundError as exc:
        if exc.name != "docx":
            raise
        raise UserError(
            "--format docx needs python-docx, which this environment lacks; run "
            "`bash scripts/setup.sh` (or `pip install python-docx`)"
        ) from None
    return wordfile


def resume(
    loaded: LoadedProfile, fmt: str, *, public: bool, application: str | None = None
) -> Made:
    """The résumé in ``fmt``: the same view (full, public or tailored) and sections as the
    PDF that `documents.resume` makes with the same arguments."""
    if fmt not in RESUME_FORMATS:
        raise ValueError(fmt)
    said = resume_outline(loaded, public=public, application=application)
    stem = (f"{application}/" if application else "") + ("resume-public" if public else "resume")
    if fmt == "docx":
        wordfile = _wordfile()
        title = f"{said.name} – {labels(loaded.profile.meta.lang)['resume']}"
        data = wordfile.resume_docx(said, title=title, when=document_date(loaded.profile))
    elif fmt == "md":
        data = textformats.resume_markdown(said).encode("utf-8")
    else:
        data = textformats.resume_text(said).encode("utf-8")
    return Made(f"{stem}.{fmt}", data, said.notes)


def letter(
    loaded: LoadedProfile,
    app_id: str,
    fmt: str,
    *,
    kind: LetterKind | None = None,
    number: int | None = None,
) -> Made:
    """Application ``app_id``'s letter in ``fmt``: the same parts as its PDF (the body
    assembled or the user's, its blocks expanded, the same enclosures), the same letter of
    its timeline as the PDF would take (``kind``, ``number``, else the latest not sent)."""
    if fmt not in LETTER_FORMATS:
        raise ValueError(fmt)
    parts = documents.letter_parts(loaded, app_id, kind=kind, number=number)
    stem = f"{parts.app.id}/{parts.kind}-letter"
    if fmt == "docx":
        wordfile = _wordfile()
        when = document_date(loaded.profile)
        lang = parts.ctx.loaded.profile.meta.lang  # the letter's (documents.chosen)
        data = wordfile.letter_docx(parts, lang=lang, when=when)
    else:
        data = documents.letter_text(loaded, app_id, kind=kind, number=number).encode("utf-8")
    return Made(f"{stem}.{fmt}", data, tuple(parts.ctx.notes))


__all__ = ["LETTER_FORMATS", "RESUME_FORMATS", "Made", "letter", "resume"]
