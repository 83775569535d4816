"""What is new since a date: the facts a reconsideration or follow-up letter reports.

A reconsideration request stands or falls on what has changed since the first application
(DOMAIN.md), so the list is derived from the profile rather than typed twice: a new role, a
certificate, an award, a publication, a project started or released, a degree finished. Only
items that may be printed count; private notes never do.

Dates in profiles are partial ("2026", "2026-10", "2026-10-30"). An item is new when it is
later than the reference date at the precision both share: "2026-10" is after "2026-09-30"
but not after "2026-10-02", because the month it names is not later. Equal months never count,
so nothing is claimed as new that may have happened before the application.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..dates import ONGOING, is_after, is_not_after
from ..errors import FieldPath
from ..profile.model import Profile
from ..profile.values import is_private


@dataclass(frozen=True)
class Update:
    """One thing that is new, as a letter would state it."""

    date: str
    """The item's own date, as partial as the profile gives it."""
    section: str
    index: int
    path: FieldPath
    """Where the date sits in the profile, for located findings."""
    kind: str
    """new-role, certificate, award, publication, project-started, project-released, degree."""
    what: str
    """The item's name: the certificate, the position, the article's title."""
    source: str
    """From whom or where: the issuer, the employer, the journal; may be empty."""
    text: str
    """One concrete English line: what, from whom, when."""


def _when(value: str) -> str:
    """Month and year (or the year alone), the precision the profile gave and no finer; in
    English like the rest of the line, with ordinary spaces (it is quoted in running text).
    Babel loads on first use: loading a profile needs no locale data."""
    from ..i18n.dates import NBSP, month_year

    return month_year(value, "en").replace(NBSP, " ")


def _line(what: str, source: str, joiner: str, date: str) -> str:
    return f"{what}{f' {joiner} {source}' if source else ''} ({_when(date)})"


def _candidates(profile: Profile) -> Iterator[tuple[str, str, int, str, str, str, str]]:
    """(date, section, index, date field, kind, what, source) for every dated public item."""

    def public(items: list[Any]) -> Iterator[tuple[int, Any]]:
        return ((i, item) for i, item in enumerate(items) if not is_private(item))

    for i, w in public(profile.work):
        yield w.startDate, "work", i, "startDate", "new-role", w.position or "", w.name or ""
    for i, v in public(profile.volunteer):
        what = v.position or ""
        yield v.startDate, "volunteer", i, "startDate", "new-role", what, v.organization or ""
    for i, c in public(profile.certificates):
        yield c.date, "certificates", i, "date", "certificate", c.name or "", c.issuer or ""
    for i, a in public(profile.awards):
        yield a.date, "awards", i, "date", "award", a.title or "", a.awarder or ""
    for i, p in public(profile.publications):
        what, src = p.name or "", p.publisher or ""
        yield p.releaseDate, "publications", i, "releaseDate", "publication", what, src
    for i, p in public(profile.projects):
        # A project shipped since counts as released; one begun since, as started.
        # What the project is, when one short line says it: "Released ledgerline" alone
        # tells the reader nothing.
        about = (p.description or "").strip().rstrip(".")
        what = f"{p.name}: {about}" if p.name and about and len(about) <= 120 else p.name or ""
        if p.endDate and p.endDate != ONGOING:
            yield p.endDate, "projects", i, "endDate", "project-released", what, ""
        yield p.startDate, "projects", i, "startDate", "project-started", what, ""
    for i, e in public(profile.education):
        degree = " in ".join(x for x in (e.studyType, e.area) if x)
        yield e.endDate, "education", i, "endDate", "degree", degree, e.institution or ""


_PHRASES = {
    "new-role": ("Started as {what}", "at"),
    "certificate": ("Earned the {what} certification", "from"),
    "award": ("Received the {what}", "from"),
    "publication": ("Published “{what}”", "in"),
    "project-released": ("Released {what}", ""),
    "project-started": ("Started {what}", ""),
    "degree": ("Completed {what}", "at"),
}


def updates_since(profile: Profile, after: str, *, until: str | None = None) -> list[Update]:
    """Every printable item dated after ``after``, oldest first, one line each.

    ``until`` (a letter's date, say) leaves out what has not happened yet by then: a degree
    whose end date is still ahead is not finished. A project released since counts once, as
    released, even when it was also started since.
    """
    found: dict[tuple[str, int], Update] = {}
    for date, section, index, field, kind, what, source in _candidates(profile):
        if not is_after(date, after) or (until and not is_not_after(date, until)):
            continue
        if (section, index) in found:  # released already listed for this project
            continue
        phrase, joiner = _PHRASES[kind]
        last = what.lower().split()[-1] if what.strip() else ""
        if kind == "certificate" and last.startswith(("certif", "licen")):
            phrase = "Earned the {what}"  # not "... Professional Certificate certification"
        name = what or section.rstrip("s")
        found[(section, index)] = Update(
            date=date,
            section=section,
            index=index,
            path=(section, index, field),
            kind=kind,
            what=what,
            source=source,
            text=_line(phrase.format(what=name), source, joiner, date),
        )
    return sorted(found.values(), key=lambda u: u.date)  # stable: same date keeps section order


__all__ = ["Update", "updates_since"]
