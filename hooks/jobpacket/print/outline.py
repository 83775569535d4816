"""What the résumé says, once, for every format that prints it.

The PDF (documents.py and its template), the plain text and Markdown (textformats.py) and the
Word file (wordfile.py) are renderers of one outline: the same view of the profile (the full
copy, the public one, or one tailored to an application), the same sections in the same
order, the same entries with the same dates. Only the renderers differ, so a tailored
`-a ID` or a `--public` résumé says the same thing in every format.

Values here are plain: Markdown fields stay Markdown (each renderer formats it), dates are
written with ordinary spaces (applicant tracking systems search the text; the print CSS keeps
a date on one line with `white-space: nowrap`, not with no-break spaces).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from ..errors import Problem
from ..i18n.dates import NBSP, month_year, span
from ..i18n.labels import labels, score
from ..profile.model import Application, Profile, Volunteer, Work
from ..profile.validate import LoadedProfile
from ..urls import print_href
from ..views import public_view
from ..views.tailored import tailored_view, tailoring_findings
from .layout import contact_items
from .printkit import visible

Style = Literal["entries", "pairs", "lines"]


@dataclass(frozen=True)
class Entry:
    """A job, project, degree or volunteer role. `summary` and `bullets` are Markdown."""

    title: str
    org: str = ""
    org_url: str = ""
    url: str = ""
    where: str = ""
    #: What the organisation does (work[].description): a line of its own under the heading,
    #: not glued to the location ("Mountain View, CA, Data streaming platform built on...").
    about: str = ""
    dates: str = ""
    summary: str = ""
    bullets: tuple[str, ...] = ()


@dataclass(frozen=True)
class Pair:
    """A skills line: "Data Engineering (Expert): SQL, Spark"; label may be empty."""

    label: str
    text: str


@dataclass(frozen=True)
class Line:
    """A one-line item: a certification, an award, a publication."""

    text: str
    url: str = ""
    by: str = ""
    dates: str = ""


@dataclass(frozen=True)
class Section:
    id: str
    heading: str
    style: Style
    items: tuple[Entry | Pair | Line, ...]
    #: Short list sections the PDF may set side by side (certifications beside awards).
    half: bool = False


@dataclass(frozen=True)
class Contact:
    """A contact item: what a reader sees (`text`) and the address it stands for."""

    text: str
    href: str = ""
    group: str = ""  # where a printed contact line would rather break (contactrows.py)

    @property
    def plain(self) -> str:
        """As plain text shows it: a web address whole, with its scheme (there is nothing
        to click); an email address or a phone number as written."""
        return self.href if self.href.startswith(("https://", "http://")) else self.text


@dataclass(frozen=True)
class Outline:
    name: str
    label: str
    summary: str  # Markdown
    contact: tuple[Contact, ...]
    sections: tuple[Section, ...]
    lang: str | None
    keywords: tuple[str, ...] = ()
    notes: tuple[Problem, ...] = field(default=())


def plain_dates(text: str) -> str:
    """A date or period with ordinary spaces: the form every output's text carries."""
    return text.replace(NBSP, " ")


def resume_view(
    loaded: LoadedProfile, *, public: bool, application: tuple[int, Application] | None
) -> tuple[Profile, list[Problem]]:
    """The profile the résumé shows: tailored to ``application`` (its index and value) when
    given, then the public view when ``public``; with the tailoring's warnings."""
    view = loaded.profile
    notes: list[Problem] = []
    if application is not None:
        index, app = application
        view = tailored_view(view, app)
        notes = [p for p in tailoring_findings(loaded) if p.path[:2] == ("applications", index)]
    return (public_view(view) if public else view), notes


def _shown_url(href: str) -> str:
    """An address as a title when the entry has no name: without its scheme and end slash."""
    return re.sub(r"^[a-z]+://(www\.)?", "", href).rstrip("/")


def _roles(items: Iterable[Work | Volunteer], lang: str | None) -> list[Entry]:
    """Jobs and volunteer roles. A role's summary prints only when it has no highlights: the
    bullets tell the same story with evidence, and a résumé has one page (docs: "What the
    printed résumé leaves out"). Without a position the organisation (or else its address)
    is the title, and the link goes with it rather than vanishing with the empty `org`."""
    entries = []
    for r in items:
        org = r.name if isinstance(r, Work) else r.organization
        href = print_href(r.url) or ""
        entries.append(
            Entry(
                title=r.position or org or _shown_url(href),
                org=(org or _shown_url(href)) if r.position else "",
                org_url=href if r.position else "",
                url="" if r.position else href,
                where=(r.location if isinstance(r, Work) else None) or "",
                about=(r.description if isinstance(r, Work) else None) or "",
                dates=plain_dates(span(r.startDate, r.endDate, lang)),
                summary="" if r.highlights else (r.summary or ""),
                bullets=tuple(r.highlights),
            )
        )
    return entries


def _projects(items: Iterable[Any], lang: str | None) -> list[Entry]:
    return [
        Entry(
            title=p.name or _shown_url(print_href(p.url) or ""),
            org=", ".join(p.roles),
            url=print_href(p.url) or "",
            where=p.entity or "",
            dates=plain_dates(span(p.startDate, p.endDate, lang)),
            summary=p.description or p.summary or "",
            bullets=tuple(p.highlights),
        )
        for p in items
    ]


def _education(items: Iterable[Any], lang: str | None) -> list[Entry]:
    """Degrees on one line each, and the thesis under its degree; courses are left to the
    site, where there is room."""
    out = []
    for e in items:
        degree = ", ".join(x for x in (e.studyType, e.area) if x)
        href = print_href(e.url) or ""
        out.append(
            Entry(
                title=degree or e.institution or _shown_url(href),
                org=(e.institution or "") if degree else "",
                org_url=href if degree else "",
                url="" if degree else href,
                where=score(e.score, lang),
                dates=plain_dates(span(e.startDate, e.endDate, lang)),
                summary=f"{labels(lang)['thesis']}: {e.thesis}" if e.thesis else "",
            )
        )
    return out


def _lines(items: Iterable[Any], text: str, by: str, when: str, lang: str | None) -> list[Line]:
    """One-line items; the issuer is dropped when the name already says it ("Google Cloud
    Professional ..., Google Cloud")."""
    out = []
    for i in items:
        name, issuer = getattr(i, text) or "", getattr(i, by) or ""
        if issuer and issuer.lower() in name.lower():
            issuer = ""
        out.append(
            Line(
                text=name,
                url=print_href(getattr(i, "url", None)) or "",
                by=issuer,
                dates=plain_dates(month_year(getattr(i, when), lang)),
            )
        )
    return out


def _with_authors(items: Iterable[Any], lines: list[Line]) -> list[Line]:
    """Publication lines with their authors (`publications[].authors`, an extension common in
    real files) before the publisher."""
    return [
        replace(line, by=", ".join([*item.authors, *([line.by] if line.by else [])]))
        if item.authors
        else line
        for item, line in zip(items, lines, strict=True)
    ]


def _skill_label(skill: Any) -> str:
    name = skill.name or ""
    return f"{name} ({skill.level})" if name and skill.level else name or skill.level or ""


def _skills(view: Profile, h: dict[str, str]) -> tuple[str, list[Pair]]:
    """Skills with keywords are "Name: keywords" lines; those without (a plain list of names,
    common in real files) share one line, where the first of them stood. Languages and
    interests are one line each under Skills rather than sections of their own."""
    pairs: list[Pair] = []
    bare: int | None = None
    for s in visible(view.skills):
        if s.keywords:
            pairs.append(Pair(_skill_label(s), ", ".join(s.keywords)))
        elif bare is None:
            bare = len(pairs)
            pairs.append(Pair("", _skill_label(s)))
        else:
            pairs[bare] = Pair("", f"{pairs[bare].text}, {_skill_label(s)}")
    languages = ", ".join(
        f"{lang.language} ({lang.fluency})" if lang.fluency else lang.language
        for lang in visible(view.languages)
        if lang.language
    )
    if languages:
        pairs.append(Pair(h["languages"], languages))
    interests = ", ".join(i.name for i in visible(view.interests) if i.name)
    if interests:
        pairs.append(Pair(h["interests"], interests))
    alone = len(pairs) == 1 and bool(languages or interests)
    return (pairs[0].label if alone else h["skills"]), pairs


def sections(view: Profile) -> list[Section]:
    """Sections in the order recruiters expect; empty ones are left out."""
    lang = view.meta.lang
    h = labels(lang)["sections"]
    out: list[Section] = []

    def add(sid: str, heading: str, style: Style, items: list[Any], half: bool = False) -> None:
        if items:
            out.append(Section(sid, heading, style, tuple(items), half))

    add("experience", h["experience"], "entries", _roles(visible(view.work), lang))
    add("projects", h["projects"], "entries", _projects(visible(view.projects), lang))
    add("education", h["education"], "entries", _education(visible(view.education), lang))
    skills_heading, skills = _skills(view, h)
    add("skills", skills_heading, "pairs", skills)
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
    add("volunteer", h["volunteer"], "entries", _roles(visible(view.volunteer), lang))
    return out


def outline(view: Profile, name: str, notes: Iterable[Problem] = ()) -> Outline:
    """The résumé of ``view`` (from `resume_view`); ``name`` is the checked basics.name."""
    return Outline(
        name=name,
        label=view.basics.label or "",
        summary=view.basics.summary or "",
        contact=tuple(Contact(c["text"], c["href"], c["group"]) for c in contact_items(view)),
        sections=tuple(sections(view)),
        lang=view.meta.lang,
        keywords=tuple(s.name for s in visible(view.skills) if s.name),
        notes=tuple(notes),
    )


__all__ = [
    "Contact",
    "Entry",
    "Line",
    "Outline",
    "Pair",
    "Section",
    "outline",
    "plain_dates",
    "resume_view",
    "sections",
]
