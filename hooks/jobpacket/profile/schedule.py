"""The follow-up schedule: when to get in touch again about each application.

The schedule is a pure function of the profile: every date comes from the application's own
dates and its `followUp` settings, never from the clock, so the same profile always gives the
same calendar. Only a follow-up's *state* (done, overdue, due, planned) depends on `today`,
which callers pass in.

The rules follow the advice in DOMAIN.md ("Following up"):

- the schedule continues from the latest contact: the application, the decision, the
  application's letter, or the newest entry of `followUp.log`; attempt n after that contact
  falls n periods (`every`) later;
- a rejection is answered within a few days (a reconsideration request or a thank-you), then
  the ordinary rhythm resumes;
- logged contacts count as attempts done; nothing is planned past `maxAttempts`;
- a final decision (accepted, withdrawn) stops the schedule, and a draft has none.

Validation reads the schedule too (`log_problems`: a contact logged before the application,
a schedule that would run past the calendar), so it sits with the profile, below every stage
that shows it (followups.py: the table, the calendar's news and the overdue finding).
"""

from __future__ import annotations

import calendar
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal, cast

from ..dates import is_before, to_date
from ..errors import Problem
from .model import Application, Contact, FollowUp, FollowUpContact, Profile
from .source import SourceMap

State = Literal["done", "overdue", "due", "planned"]

#: Statuses after which nobody follows up: the candidate accepted or withdrew.
FINAL_STATUSES = frozenset({"accepted", "withdrawn"})
#: Days after a rejection by which to answer it (DOMAIN.md: "within a few days").
ANSWER_REJECTION_DAYS = 3
_PERIOD = re.compile(r"^(\d+)\s*([dwm])$")
Unit = Literal["d", "w", "m"]


@dataclass(frozen=True)
class Period:
    """A follow-up interval: a number of days, weeks or calendar months."""

    count: int
    unit: Unit

    @classmethod
    def parse(cls, text: str) -> Period:
        match = _PERIOD.match(text.strip().lower())
        if not match:
            raise ValueError(f"{text!r} is not a period such as 14d, 2w or 1m")
        return cls(int(match.group(1)), cast(Unit, match.group(2)))  # _PERIOD allows d, w, m

    def after(self, start: date, times: int = 1) -> date:
        """``start`` plus ``times`` periods. Months are calendar months, the day clamped to the
        month's last (Jan 31 + 1m = Feb 28), always counted from ``start`` so that the day
        does not drift (Jan 31 + 2m = Mar 31, not Mar 28)."""
        n = self.count * times
        if self.unit == "d":
            return start + timedelta(days=n)
        if self.unit == "w":
            return start + timedelta(weeks=n)
        months = start.month - 1 + n
        year, month = start.year + months // 12, months % 12 + 1
        return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))

    def __str__(self) -> str:
        return f"{self.count}{self.unit}"


@dataclass(frozen=True)
class FollowUpItem:
    """One follow-up: a contact made (done) or one to make."""

    app_index: int
    app_id: str
    attempt: int
    date: date
    state: State
    organization: str | None
    position: str | None
    contact: Contact | None
    logged: FollowUpContact | None = None
    #: Why this date: "rejection" for the quick answer to a decision, else "every <period>".
    reason: str = ""


@dataclass(frozen=True)
class Schedule:
    """The follow-ups of one application and why the schedule stops where it does."""

    app_index: int
    application: Application
    items: tuple[FollowUpItem, ...]
    #: The latest contact the schedule continues from (None when there is nothing to go on).
    last_contact: date | None
    max_attempts: int
    #: Why nothing more is planned: "", "draft", "accepted", "withdrawn", "max attempts",
    #: "no date" (no applied/decided date to count from).
    stopped: str = ""

    @property
    def next(self) -> FollowUpItem | None:
        """The first follow-up not yet done."""
        return next((i for i in self.items if i.state != "done"), None)

    @property
    def done(self) -> int:
        return sum(1 for i in self.items if i.state == "done")

    @property
    def why_none(self) -> str:
        """Why nothing more is planned, as the table and `status` say it."""
        return {
            "draft": "a draft",
            "no date": "no applied or decided date to count from",
            "max attempts": f"{self.done} of {self.max_attempts} attempts made",
            PAST_CALENDAR: "the next follow-up would fall after the year 9999",
        }.get(self.stopped, f"status {self.stopped}" if self.stopped else "nothing planned")


def letter_in_progress(app: Application) -> str | None:
    """The kind of the letter the candidate is preparing for this application, if any.

    A letter answering the decision (not a cover letter, not dated before the decision)
    counts until a contact is logged on or after its date under followUp.log, which is how
    the user says it was sent.
    """
    letter = app.letter
    if letter is None or letter.kind == "cover":
        return None
    dated = letter.date or ""
    answers = not (app.decided and dated) or not is_before(dated, app.decided or "")
    logged = [c.date for c in app.followUp.log if c.date] if app.followUp else []
    sent = bool(dated) and any(not is_before(d, dated) for d in logged)
    return letter.kind if answers and not sent else None


def settings(app: Application) -> FollowUp:
    """The application's follow-up settings; without `followUp:`, the defaults apply."""
    return app.followUp or FollowUp()


def _state(when: date, today: date) -> State:
    if when < today:
        return "overdue"
    if when == today:
        return "due"
    return "planned"


def schedule_for(index: int, app: Application, today: date) -> Schedule:
    """The follow-ups of one application, the done ones first, in date order."""
    rules = settings(app)
    period = Period.parse(rules.every)
    dated = [(to_date(e.date), e) for e in rules.log]
    log = sorted(((d, e) for d, e in dated if d is not None), key=lambda pair: pair[0])

    def item(
        attempt: int,
        when: date,
        state: State,
        reason: str,
        logged: FollowUpContact | None = None,
    ) -> FollowUpItem:
        return FollowUpItem(
            index,
            app.id,
            attempt,
            when,
            state,
            app.organization,
            app.position,
            app.contact,
            logged=logged,
            reason=reason,
        )

    if app.status == "draft":
        return Schedule(index, app, (), None, rules.maxAttempts, "draft")
    done = tuple(
        item(n, when, "done", e.channel, logged=e) for n, (when, e) in enumerate(log, start=1)
    )
    applied, decided = to_date(app.applied), to_date(app.decided)
    letter = to_date(app.letter.date) if app.letter else None
    # Every letter sent (letters[].sent) is a contact too; the newest one anchors the schedule.
    letters = [x for x in (app.letter, *app.letters) if x is not None]
    sent = [d for d in (to_date(x.sent) for x in letters) if d is not None]
    if sent:
        letter = max(sent + ([letter] if letter else []))
    anchors = [d for d in (applied, decided, letter, *(i.date for i in done)) if d is not None]
    last = max(anchors) if anchors else None
    if app.status in FINAL_STATUSES:
        return Schedule(index, app, done, last, rules.maxAttempts, app.status)
    if last is None:
        return Schedule(index, app, done, None, rules.maxAttempts, "no date")

    planned: list[FollowUpItem] = []
    attempt, start, step = len(done) + 1, last, 1
    answered = any(i.date >= decided for i in done) if decided else True
    # Answer a rejection promptly, then keep the ordinary rhythm from that answer. A letter
    # dated after the decision is the answer already on its way.
    unanswered = decided is not None and not answered and (letter is None or letter < decided)
    stopped = ""
    if (
        app.status == "rejected"
        and decided is not None
        and unanswered
        and attempt <= rules.maxAttempts
    ):
        day: date = decided
        quick = _later(lambda: day + timedelta(days=ANSWER_REJECTION_DAYS))
        if quick is None:
            return Schedule(index, app, done, last, rules.maxAttempts, PAST_CALENDAR)
        planned.append(item(attempt, quick, _state(quick, today), "rejection"))
        attempt, start = attempt + 1, quick
    while attempt <= rules.maxAttempts:
        when = _later(functools.partial(period.after, start, step))
        if when is None:
            stopped = PAST_CALENDAR
            break
        planned.append(item(attempt, when, _state(when, today), f"every {period}"))
        attempt, step = attempt + 1, step + 1
    if not stopped and len(done) >= rules.maxAttempts:
        stopped = "max attempts"
    return Schedule(index, app, done + tuple(planned), last, rules.maxAttempts, stopped)


#: Why a schedule stops when its next date would fall after 9999-12-31, the last day a date
#: can hold; validation reports it (`log_problems`), so a loaded profile never gets there.
PAST_CALENDAR = "past 9999"


def _later(compute: Callable[[], date]) -> date | None:
    """A date computed from a profile's dates, or None when it falls after the year 9999."""
    try:
        return compute()
    except (OverflowError, ValueError):
        return None


def schedules(profile: Profile, today: date) -> list[Schedule]:
    """Every application's schedule, in profile order."""
    return [schedule_for(i, app, today) for i, app in enumerate(profile.applications)]


# --- validation ---------------------------------------------------------------------------


def log_problems(profile: Profile, source: SourceMap) -> list[Problem]:
    """Validation of `followUp`: a contact logged before the application was made is a typo."""
    out: list[Problem] = []
    for i, app in enumerate(profile.applications):
        sched = schedule_for(i, app, date.min)
        if sched.stopped == PAST_CALENDAR and sched.last_contact is not None:
            out.append(
                source.problem(
                    ("applications", i, _anchor_field(app, sched.last_contact)),
                    f"follow-ups every {settings(app).every} from "
                    f"{sched.last_contact.isoformat()} would fall after the year 9999, "
                    "which no calendar holds; check the year",
                )
            )
        if app.followUp is None:
            continue
        where = ("applications", i, "followUp")
        if Period.parse(app.followUp.every).count == 0:
            out.append(
                source.problem(
                    (*where, "every"), "a period of 0 never moves on; use e.g. 14d, 2w or 1m"
                )
            )
        applied = to_date(app.applied)
        for j, entry in enumerate(app.followUp.log):
            when = to_date(entry.date)
            if when is None:
                out.append(
                    source.problem(
                        (*where, "log", j, "date"), "is required; write the date as YYYY-MM-DD"
                    )
                )
            elif applied is not None and when < applied:
                out.append(
                    source.problem(
                        (*where, "log", j, "date"),
                        f"contact on {entry.date} is before the application ({app.applied}); "
                        "fix the date, or log it in another application",
                    )
                )
    return out


def _anchor_field(app: Application, last: date) -> str:
    """The field holding the date a schedule continues from, for a located message."""
    if app.letter and to_date(app.letter.date) == last:
        return "letter"
    if to_date(app.decided) == last:
        return "decided"
    if to_date(app.applied) == last:
        return "applied"
    return "followUp"
