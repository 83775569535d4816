"""The one home of a profile date's meaning: partial dates (YYYY, YYYY-MM, YYYY-MM-DD) and
``present``, read as days and compared.

A profile date keeps the precision the user typed, so "2022-05" is a whole month: it starts on
its first day and ends on its last, and two dates compare at the precision they share (a job
that ended in "2022" did not end before one that started "2022-05"). Every stage reads dates
through these functions so that the checks, the schedule and the documents agree. Writing a
date for a reader, in the reader's language, is i18n/dates.py's.
"""

from __future__ import annotations

import calendar
from datetime import UTC, date, datetime

#: How the profile model stores an end date that has not come: "present", "current", "now"
#: and "ongoing" are all read as this.
ONGOING = "present"
ONGOING_WORDS = frozenset({"present", "current", "now", "ongoing"})


def parts(value: str) -> tuple[int, int, int]:
    """Year, month and day of a partial date; a part not given is 0."""
    pieces = [int(p) for p in value.split("-")[:3]]
    year, month, day = [*pieces, 0, 0][:3]
    return year, month, day


def first_day(value: str) -> date:
    """The first day a partial date can mean ("2022-05" -> 2022-05-01)."""
    year, month, day = parts(value)
    return date(year, month or 1, day or 1)


def last_day(value: str) -> date:
    """The last day a partial date can mean ("2022-02" -> 2022-02-28)."""
    year, month, day = parts(value)
    if day:
        return date(year, month, day)
    if month:
        return date(year, month, calendar.monthrange(year, month)[1])
    return date(year, 12, 31)


def to_date(value: str | None) -> date | None:
    """A profile date as the first day it can mean, or None when there is none."""
    return first_day(value) if value else None


def moment(value: str | None) -> datetime | None:
    """A profile timestamp (``meta.lastModified``: ISO 8601 date and time, ``Z`` for UTC) as
    an aware moment, read as UTC when it names no zone; None when absent or not one."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def is_after(value: str | None, reference: str) -> bool:
    """True when the partial date ``value`` is later than ``reference`` at their shared
    precision; ``present`` and missing dates are never after anything."""
    if not value or value == ONGOING:
        return False
    n = min(len(value), len(reference))
    return value[:n] > reference[:n]


def is_before(value: str, reference: str) -> bool:
    """True when ``value`` is earlier than ``reference`` at their shared precision."""
    n = min(len(value), len(reference))
    return value[:n] < reference[:n]


def is_not_after(value: str, limit: str) -> bool:
    """True when ``value`` is on or before ``limit`` at their shared precision."""
    n = min(len(value), len(limit))
    return value[:n] <= limit[:n]
