"""Rule `dates`: a timeline a reader can believe.

Dates in the future that should be in the past, full-time jobs that overlap, gaps a reader
will ask about (info only: a gap is not a mistake), and letters dated before what they answer.
An end before its start is a validation warning (profile/validate.py) and reported there, with
this rule's id, so it is not repeated here. Today's date is a parameter: the same profile must
give the same findings in a test next year.
"""

from __future__ import annotations

from datetime import date
from itertools import pairwise

from ..dates import ONGOING, first_day, last_day
from ..errors import FieldPath, Problem
from ..profile.validate import LoadedProfile
from .where import finding

RULE = "dates"
GAP_MONTHS = 6
#: Overlaps up to this many days are a handover between jobs, not two jobs at once.
OVERLAP_DAYS = 31
_NOT_FULL_TIME = ("part-time", "part time", "freelance", "contract", "consult", "adjunct", "intern")


def _future(loaded: LoadedProfile, today: date) -> list[Problem]:
    """Things that have happened cannot be dated after today. Letters are dated when they
    will be sent, and a draft application has not been sent, so those may be ahead."""
    p = loaded.profile
    dated: list[tuple[FieldPath, str | None, str]] = []
    dated += [(("awards", i, "date"), a.date, "an award") for i, a in enumerate(p.awards)]
    dated += [
        (("certificates", i, "date"), c.date, "a certificate") for i, c in enumerate(p.certificates)
    ]
    dated += [
        (("publications", i, "releaseDate"), x.releaseDate, "a publication")
        for i, x in enumerate(p.publications)
    ]
    dated += [(("documents", i, "date"), d.date, "a document") for i, d in enumerate(p.documents)]
    for section in ("work", "volunteer"):
        for i, item in enumerate(getattr(p, section)):
            if item.endDate and item.endDate != ONGOING:
                dated.append(((section, i, "endDate"), item.endDate, "a finished role"))
    for i, ref in enumerate(p.references):
        if ref.letter:
            dated.append(
                (("references", i, "letter", "requested"), ref.letter.requested, "a request")
            )
            dated.append(
                (("references", i, "letter", "received"), ref.letter.received, "a letter received")
            )
    for i, app in enumerate(p.applications):
        if app.status != "draft":
            dated.append((("applications", i, "applied"), app.applied, "an application sent"))
        dated.append((("applications", i, "decided"), app.decided, "a decision"))
    out = []
    for where, value, what in dated:
        if value and first_day(value) > today:
            out.append(
                finding(
                    loaded,
                    RULE,
                    where,
                    f"{value} is in the future, for {what}",
                    hint="check the year; write the date it happened",
                )
            )
    return out


def _full_time(item: object) -> bool:
    extra = getattr(item, "model_extra", None) or {}
    words = " ".join(
        str(x)
        for x in (
            getattr(item, "position", None),
            getattr(item, "summary", None),
            extra.get("type"),
            extra.get("employmentType"),
        )
        if x
    ).lower()
    return not any(w in words for w in _NOT_FULL_TIME)


def _timeline(loaded: LoadedProfile, today: date) -> list[Problem]:
    jobs = []
    out = []
    for i, job in enumerate(loaded.profile.work):
        if not job.startDate:
            continue
        start = first_day(job.startDate)
        if start > today:
            # Not part of the timeline so far: a gap "until" it would be counted to a date
            # that has not come (a job starting next year would read as years of gap).
            if job.endDate in (None, ONGOING):
                out.append(
                    finding(
                        loaded,
                        RULE,
                        ("work", i, "startDate"),
                        f"a current job that starts in the future ({job.startDate}); the "
                        "résumé prints it as under way",
                        hint="check the year; for an offer you have accepted, say when you "
                        "start in the summary instead, until you do",
                    )
                )
            continue
        end = today if job.endDate in (None, ONGOING) else last_day(job.endDate)
        jobs.append((start, end, i, job))
    jobs.sort(key=lambda j: (j[0], j[1]))
    for a, b in pairwise(jobs):
        start_b, i_b = b[0], b[2]
        overlap = (min(a[1], b[1]) - start_b).days
        if overlap > OVERLAP_DAYS and _full_time(a[3]) and _full_time(b[3]):
            out.append(
                finding(
                    loaded,
                    RULE,
                    ("work", i_b, "startDate"),
                    f"overlaps work[{a[2]}] ({a[3].name or a[3].position}) by {overlap // 30} "
                    "months; two full-time jobs at once",
                    hint="check the dates, or say part-time or contract in the position",
                )
            )
    latest_end, latest_i = None, None
    for start, end, i, _ in jobs:
        if latest_end is not None:
            months = (start.year - latest_end.year) * 12 + start.month - latest_end.month - 1
            if months > GAP_MONTHS:
                out.append(
                    finding(
                        loaded,
                        RULE,
                        ("work", i, "startDate"),
                        f"a gap of {months} months after work[{latest_i}]",
                        level="info",
                        hint="a reader will ask about it; education, volunteering or a "
                        "project in that time can say what you did",
                    )
                )
        if latest_end is None or end > latest_end:
            latest_end, latest_i = end, i
    return out


def _letters(loaded: LoadedProfile) -> list[Problem]:
    """A letter that answers something cannot predate it."""
    out = []
    for i, app in enumerate(loaded.profile.applications):
        letter = app.letter
        if not letter or not letter.date or letter.kind == "cover":
            continue
        where: FieldPath = ("applications", i, "letter", "date")
        sent = last_day(letter.date)
        if app.applied and sent < first_day(app.applied):
            out.append(
                finding(
                    loaded,
                    RULE,
                    where,
                    f"the {letter.kind} letter ({letter.date}) is dated before the application "
                    f"it answers ({app.applied})",
                    hint="date the letter when you will send it",
                )
            )
        elif letter.kind == "reconsideration" and app.decided and sent < first_day(app.decided):
            out.append(
                finding(
                    loaded,
                    RULE,
                    where,
                    f"the reconsideration letter ({letter.date}) is dated before the decision "
                    f"it answers ({app.decided})",
                    hint="date the letter when you will send it",
                )
            )
    return out


def check(loaded: LoadedProfile, *, today: date | None = None) -> list[Problem]:
    today = today or date.today()
    return [*_future(loaded, today), *_timeline(loaded, today), *_letters(loaded)]
