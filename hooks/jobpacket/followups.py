"""Following up on applications: the table `jobpacket followups` prints, what is new to
report at each follow-up, and the finding for an application waiting past its date.

The schedule itself (when each follow-up falls, and why it stops) is profile/schedule.py's:
validation reads it too.
"""

from __future__ import annotations

from datetime import date

from .errors import Problem
from .profile.model import Profile
from .profile.schedule import Schedule, schedules
from .profile.validate import LoadedProfile
from .views.since import updates_since

#: The rule id of the overdue-follow-up finding, for `meta.checks.disable`.
RULE = "follow-up"


def whats_new(profile: Profile, sched: Schedule, until: date) -> list[str]:
    """What to report at a follow-up: what is new since the last contact, up to ``until``.

    The same derivation as the reconsideration letter's (views.since), so the table, the
    calendar and the letter never disagree about what changed.
    """
    if sched.last_contact is None:
        return []
    found = updates_since(profile, sched.last_contact.isoformat(), until=until.isoformat())
    return [u.text for u in found]


def followup_findings(loaded: LoadedProfile, today: date) -> list[Problem]:
    """An info finding for each application still waiting past its next follow-up date.

    Info, never warning or error: the finding depends on today's date, so the same profile
    would pass a build one day and fail it the next.
    """
    profile, source = loaded.profile, loaded.source
    out: list[Problem] = []
    for sched in schedules(profile, today):
        nxt = sched.next
        if nxt is None or nxt.state != "overdue":
            continue
        app = sched.application
        where = (
            ("applications", sched.app_index, "followUp")
            if app.followUp is not None
            else ("applications", sched.app_index, "applied")
        )
        days = (today - nxt.date).days
        who = app.contact.name if app.contact and app.contact.name else "the employer"
        problem = source.problem(
            where,
            f"follow-up {nxt.attempt} of {sched.max_attempts} was due {nxt.date.isoformat()} "
            f"({days} day{'s' if days != 1 else ''} ago); get in touch with {who}, then "
            "add the contact to followUp.log",
            key=True,
            severity="info",
            rule=RULE,
        )
        out.append(problem)
    return out


# --- the table ------------------------------------------------------------------------------------

#: How many "what is new" lines the table shows under an application before "and N more".
NEWS_LINES = 3


def _cell(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def table_lines(profile: Profile, scheds: list[Schedule], today: date) -> list[str]:
    """The `jobpacket followups` table: the next follow-up of each application, soonest
    first, the position and what is new since the last contact beneath it (long titles are
    not cut short there); then the applications with none."""
    rows: list[tuple[str, ...]] = []
    notes: list[list[str]] = []
    waiting = sorted(
        ((s, nxt) for s in scheds if (nxt := s.next)), key=lambda p: (p[1].date, p[0].app_index)
    )
    for sched, nxt in waiting:
        app = sched.application
        what = ", ".join(p for p in (app.position, app.organization) if p) or "-"
        who = (app.contact.name if app.contact else None) or "-"
        news = whats_new(profile, sched, max(today, nxt.date))
        rows.append(
            (
                nxt.date.isoformat(),
                nxt.state,
                f"{nxt.attempt}/{sched.max_attempts}",
                app.id,
                _cell(who, 28),
                str(len(news)),
            )
        )
        since = sched.last_contact.isoformat() if sched.last_contact else "-"
        shown = [what]
        shown.append(f"new since {since}:" if news else f"nothing new since {since}")
        shown.extend(f"- {line}" for line in news[:NEWS_LINES])
        if len(news) > NEWS_LINES:
            shown.append(f"… and {len(news) - NEWS_LINES} more")
        notes.append(shown)
    head = ("NEXT", "STATE", "TRY", "APPLICATION", "CONTACT", "NEW")
    widths = [max(len(r[c]) for r in [head, *rows]) for c in range(len(head))]
    indent = " " * (sum(widths[:3]) + 2 * 3)

    def fmt(row: tuple[str, ...]) -> str:
        return "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()

    lines = [fmt(head)] if rows else ["No follow-ups to make."]
    for row, shown in zip(rows, notes, strict=True):
        lines.append(fmt(row))
        lines.extend(indent + line for line in shown)
    stopped = [s for s in scheds if s.next is None]
    if stopped:
        lines.append("")
        lines.append("No follow-up planned:")
        for s in stopped:
            lines.append(f"  {s.application.id}: {s.why_none}")
    return lines
