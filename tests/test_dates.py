"""dates.py: a partial date means a span of days, and every stage reads it the same way."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

from jobpacket.dates import (
    ONGOING,
    first_day,
    is_after,
    is_before,
    is_not_after,
    last_day,
    moment,
    parts,
    to_date,
)


def test_a_partial_date_spans_its_days() -> None:
    assert parts("2022-05") == (2022, 5, 0)
    assert (first_day("2022"), last_day("2022")) == (date(2022, 1, 1), date(2022, 12, 31))
    assert (first_day("2024-02"), last_day("2024-02")) == (date(2024, 2, 1), date(2024, 2, 29))
    assert first_day("2024-02-10") == last_day("2024-02-10") == date(2024, 2, 10)
    assert to_date(None) is None and to_date("2023-07") == date(2023, 7, 1)


def test_dates_compare_at_the_precision_they_share() -> None:
    assert not is_before("2022", "2022-05")  # the year 2022 does not end before May 2022
    assert is_before("2021-12", "2022")
    assert is_after("2022-06", "2022-05-31") and not is_after("2022", "2022-05-31")
    assert not is_after(ONGOING, "2022") and not is_after(None, "2022")
    assert is_not_after("2022-05", "2022-05-31")


def test_a_timestamp_without_a_zone_is_utc() -> None:
    assert moment("2025-03-01T10:00:00Z") == datetime(2025, 3, 1, 10, tzinfo=UTC)
    assert moment("2025-03-01T10:00:00") == datetime(2025, 3, 1, 10, tzinfo=UTC)
    east = moment("2025-03-01T10:00:00+02:00")
    assert east is not None and east.utcoffset() == timezone(timedelta(hours=2)).utcoffset(None)
    assert moment("last Tuesday") is None and moment(None) is None
