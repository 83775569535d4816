"""profile/model.py on its own: the value types a profile is made of (dates, periods, ids,
addresses, paths), each refusing a wrong value with a message that says what to write, and
the lookups the stages use. Located messages from whole files are in test_profile_load.py."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from jobpacket.dates import ONGOING
from jobpacket.profile.model import Profile


def _errors(data: dict[str, Any]) -> list[tuple[tuple[str | int, ...], str]]:
    with pytest.raises(ValidationError) as caught:
        Profile.model_validate(data)
    return [(tuple(e["loc"]), e["msg"]) for e in caught.value.errors()]


def test_dates_are_kept_at_the_precision_written_and_ongoing_is_one_word() -> None:
    profile = Profile.model_validate(
        {"work": [{"name": "A", "startDate": 2019, "endDate": "Current"}, {"startDate": ""}]}
    )
    assert (profile.work[0].startDate, profile.work[0].endDate) == ("2019", ONGOING)
    assert profile.work[1].startDate is None  # an empty date is no date


@pytest.mark.parametrize(
    "value, message",
    [
        ("2019-02-30", "'2019-02-30' is not a real calendar date"),
        (20190101, "the number 20190101 is not a date; write it as a quoted date, "
                   'e.g. "2024-05-17"'),
        ("Spring 2019", "'Spring 2019' is not a date; use YYYY-MM-DD, YYYY-MM or YYYY"),
    ],
)  # fmt: skip
def test_a_wrong_date_says_how_to_write_it(value: object, message: str) -> None:
    assert _errors({"work": [{"startDate": value}]}) == [(("work", 0, "startDate"), message)]


def test_an_email_is_read_without_mailto_and_a_fake_one_refused() -> None:
    basics = Profile.model_validate({"basics": {"email": "mailto:Ann@Example.org "}}).basics
    assert basics.email == "Ann@Example.org"
    assert _errors({"basics": {"email": "ann@localhost"}}) == [
        (
            ("basics", "email"),
            "'ann@localhost' is not an email address; write it as name@example.com",
        )
    ]


def test_links_that_run_code_and_paths_that_leave_the_project_are_refused() -> None:
    assert _errors({"basics": {"url": "javascript:alert(1)"}}) == [
        (
            ("basics", "url"),
            "'javascript:' links are not allowed; use an https:// (or mailto:, tel:) address",
        )
    ]
    assert _errors({"documents": [{"path": "/etc/passwd", "title": "x"}]}) == [
        (
            ("documents", 0, "path"),
            "'/etc/passwd' must be a path relative to the profile's folder, e.g. documents/x.pdf",
        )
    ]


def test_ids_and_periods_have_one_form() -> None:
    assert _errors({"applications": [{"id": "Acme Lead"}]}) == [
        (
            ("applications", 0, "id"),
            "'Acme Lead' is not a valid id; use lowercase letters, digits and hyphens, "
            "e.g. acme-data-engineer",
        )
    ]
    days = Profile.model_validate({"applications": [{"id": "acme", "followUp": {"every": 14}}]})
    assert days.applications[0].followUp is not None
    assert days.applications[0].followUp.every == "14d"  # a number of days
    assert _errors({"applications": [{"id": "acme", "followUp": {"every": "fortnight"}}]}) == [
        (
            ("applications", 0, "followUp", "every"),
            "'fortnight' is not a period; write a number and d, w or m, e.g. 14d, 2w or 1m",
        )
    ]


def test_last_modified_is_a_date_or_a_date_and_time() -> None:
    meta = Profile.model_validate({"meta": {"lastModified": "2024-03-01T09:30:00Z"}}).meta
    assert meta.lastModified == "2024-03-01T09:30:00Z"
    ((where, message),) = _errors({"meta": {"lastModified": "yesterday"}})
    assert where == ("meta", "lastModified") and message.startswith("'yesterday' is not a date")


def test_an_application_is_found_by_its_id() -> None:
    profile = Profile.model_validate({"applications": [{"id": "acme"}, {"id": "initech"}]})
    found = profile.application("initech")
    assert found is not None and found.id == "initech"
    assert profile.application("nope") is None
