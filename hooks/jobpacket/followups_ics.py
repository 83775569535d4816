"""The follow-up schedule as an RFC 5545 calendar a person imports into their own calendar.

Re-importing must update the events rather than add copies, and a rebuild of an unchanged
profile must give the same bytes. So every value comes from the profile: the UID names the
application and the attempt, DTSTAMP is the profile's own date (never the clock), and the
events are the follow-ups still to make whatever today is (an overdue one is simply an event
in the past). Events are all-day: a follow-up is a task for a day, not an appointment.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import cast

from icalendar import Alarm, Calendar, Event

from .dates import moment, to_date
from .followups import whats_new
from .profile.model import Profile
from .profile.schedule import FollowUpItem, Schedule, schedules

PRODID = "-//jobpacket//follow-ups//EN"


def event_uid(app_id: str, attempt: int) -> str:
    """Stable across rebuilds and edits: the application id and the attempt number only."""
    return f"{app_id}-followup-{attempt}@jobpacket"


def stamp(profile: Profile, sched: Schedule) -> datetime:
    """DTSTAMP: meta.lastModified, else the application's latest date, in UTC; never now."""
    when = moment(profile.meta.lastModified)
    if when is not None:
        return when.astimezone(UTC)
    day = sched.last_contact or to_date(profile.meta.lastModified) or date(1970, 1, 1)
    return datetime.combine(day, time(0, 0), tzinfo=UTC)


def summary(item: FollowUpItem) -> str:
    what = ", ".join(p for p in (item.position, item.organization) if p) or item.app_id
    return f"Follow up: {what}"


def description(item: FollowUpItem, sched: Schedule, news: Sequence[str]) -> str:
    """Everything needed to make the contact without opening the profile."""
    lines: list[str] = []
    contact = item.contact
    if contact and contact.name:
        lines.append(f"Contact: {contact.name}" + (f", {contact.title}" if contact.title else ""))
    if contact and contact.email:
        lines.append(f"Email: {contact.email}")
    if contact and contact.phone:
        lines.append(f"Phone: {contact.phone}")
    if item.position:
        lines.append(f"Position: {item.position}")
    if item.organization:
        lines.append(f"Organization: {item.organization}")
    lines.append(f"Application: {item.app_id} (status {sched.application.status})")
    lines.append(f"Attempt {item.attempt} of {sched.max_attempts}")
    if item.reason == "rejection":
        lines.append("Answer the decision: a reconsideration request or a thank-you letter.")
    since = sched.last_contact.isoformat() if sched.last_contact else "the application"
    if news:
        lines.append(f"New since {since}:")
        lines.extend(f"- {line}" for line in news)
    else:
        lines.append(f"Nothing new in the profile since {since}.")
    lines.append("After the contact, add it to followUp.log in the profile.")
    return "\n".join(lines)


#: When the reminder shows: 9:00 on the day of the follow-up (an all-day event starts at
#: midnight, local time; RFC 5545 3.8.6.3 counts the trigger from there).
REMINDER = timedelta(hours=9)


def reminder(item: FollowUpItem) -> Alarm:
    """A VALARM, so the follow-up is not only a date in a calendar nobody opens."""
    alarm = Alarm()
    alarm.add("uid", event_uid(item.app_id, item.attempt).replace("@", "-reminder@"))
    alarm.add("action", "DISPLAY")
    alarm.add("description", summary(item))
    alarm.add("trigger", REMINDER)
    return alarm


def calendar_bytes(profile: Profile) -> bytes:
    """One VEVENT per follow-up still to make (planned, due or overdue), by date.

    Whether a follow-up is overdue depends on the day the file is read, not made, so the
    calendar holds every follow-up not done and does not ask what today is.
    """
    scheds = schedules(profile, date.min)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", "Job application follow-ups")
    todo = sorted(
        ((item, s) for s in scheds for item in s.items if item.state != "done"),
        key=lambda pair: (pair[0].date, pair[0].app_index, pair[0].attempt),
    )
    for item, sched in todo:
        event = Event()
        event.add("uid", event_uid(item.app_id, item.attempt))
        event.add("dtstamp", stamp(profile, sched))
        event.add("dtstart", item.date)
        event.add("dtend", date.fromordinal(item.date.toordinal() + 1))
        # Clients apply a re-imported event only when its sequence grew: every logged
        # contact moves the dates that follow it.
        event.add("sequence", sched.done)
        event.add("summary", summary(item))
        news = whats_new(profile, sched, until=item.date)
        event.add("description", description(item, sched, news))
        event.add("transp", "TRANSPARENT")
        event.add("categories", ["Job applications"])
        event.add_component(reminder(item))
        cal.add_component(event)
    return cast(bytes, cal.to_ical())  # icalendar leaves to_ical unannotated
