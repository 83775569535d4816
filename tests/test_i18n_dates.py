"""i18n/dates.py: every date in the profile's language through Babel, ranges to the month
whatever was typed, a single date at the precision written, and no space inside a date a
line may break at."""

from __future__ import annotations

import pytest

from jobpacket.i18n import dates
from jobpacket.i18n.dates import (
    NBSP,
    keep_dates,
    long_date,
    month_year,
    prose_date,
    short_date,
    span,
)


def _plain(text: str) -> str:
    return text.replace(NBSP, " ")


@pytest.mark.parametrize(
    "lang, month, ongoing, day",
    [
        (None, "Feb 2020", "Apr 2019 – Present", "November 3, 2026"),
        ("en-US", "Feb 2020", "Apr 2019 – Present", "November 3, 2026"),
        ("de", "Feb. 2020", "Apr. 2019 – heute", "3. November 2026"),
        ("fr", "févr. 2020", "avr. 2019 – Aujourd’hui", "3 novembre 2026"),
        ("ja", "2020年2月", "2019年4月 – 現在", "2026年11月3日"),
        ("xx", "Feb 2020", "Apr 2019 – Present", "November 3, 2026"),  # unknown: English
    ],
)
def test_dates_are_written_in_the_profiles_language(
    lang: str | None, month: str, ongoing: str, day: str
) -> None:
    assert _plain(month_year("2020-02", lang)) == month
    assert _plain(span("2019-04", "present", lang)) == ongoing
    assert _plain(long_date("2026-11-03", lang)) == day
    assert prose_date("2026-11-03", lang) == day  # prose: ordinary spaces


def test_a_range_is_shown_to_the_month_and_a_single_date_as_precise_as_written() -> None:
    assert _plain(span("2019", "2021")) == "2019 – 2021"
    assert _plain(span("2022-05", "2022-05-17")) == "May 2022"  # the same month once
    assert _plain(long_date("2026-11")) == "November 2026"  # no day invented
    assert _plain(short_date("2026-11-03")) == "Nov 3, 2026"
    assert short_date("2026-11-03", "de") == "03.11.2026"


def test_a_date_never_breaks_across_lines() -> None:
    assert long_date("2026-11-03") == f"November{NBSP}3,{NBSP}2026"
    assert span("2019-04", "present") == f"Apr{NBSP}2019{NBSP}– Present"
    assert keep_dates("Since Feb 2020 and March 3, 2026 ok", "en") == (
        f"Since Feb{NBSP}2020 and March{NBSP}3,{NBSP}2026 ok"
    )


def test_dates_read_as_people_write_them() -> None:
    # Spaces inside a date are non-breaking: a date never splits across two lines.
    assert dates.long_date("2026-11-03", "en-US") == "November\xa03,\xa02026"
    assert dates.long_date("2026-11-03", "en-GB") == "3\xa0November\xa02026"
    assert dates.long_date("2026-11", "en-US") == "November\xa02026"
    assert dates.short_date("2026-07-20") == "Jul\xa020,\xa02026"
    assert dates.span("2023-04", "present") == "Apr\xa02023\xa0– Present"
    assert dates.span("2016", "2018-05") == "2016\xa0– May\xa02018"
