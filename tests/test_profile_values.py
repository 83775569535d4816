"""The value types of a profile field (profile/values.py): what each accepts and turns into its
one stored form, and the message that says what is wrong with a bad one. Located messages
through a whole profile are in test_profile_validate.py."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from jobpacket.profile.values import (
    MAX_EMAIL_CHARS,
    Duration,
    Email,
    EndDate,
    PartialDate,
    Photo,
    RelPath,
    Slug,
    Timestamp,
    Url,
    is_private,
)


def _ok(kind: Any, value: Any) -> Any:
    return TypeAdapter(kind).validate_python(value)


def _bad(kind: Any, value: Any) -> str:
    with pytest.raises(ValidationError) as caught:
        TypeAdapter(kind).validate_python(value)
    return str(caught.value.errors()[0]["msg"])


@pytest.mark.parametrize(
    ("value", "stored"),
    [
        ("2024-05-17", "2024-05-17"),
        ("2024-05", "2024-05"),
        (" 2024 ", "2024"),
        (2024, "2024"),  # YAML reads an unquoted year as a number
        (dt.date(2024, 2, 29), "2024-02-29"),  # and an unquoted date as a date
        ("2024-03-01T09:30:00Z", "2024-03-01"),
        ("", None),
    ],
)
def test_partial_dates_are_stored_as_text(value: Any, stored: str | None) -> None:
    assert _ok(PartialDate, value) == stored


def test_bad_dates_say_which_form_to_use() -> None:
    assert _bad(PartialDate, "Fall 2023") == (
        "'Fall 2023' is not a date; use YYYY-MM-DD, YYYY-MM or YYYY"
    )
    assert _bad(PartialDate, "2023-02-30") == "'2023-02-30' is not a real calendar date"
    assert _bad(PartialDate, "2023-13") == "'2023-13' is not a real calendar date"
    assert "the number 20240517 is not a date" in _bad(PartialDate, 20240517)
    assert "the number 1.5 is not a date" in _bad(PartialDate, 1.5)


def test_an_end_date_may_be_ongoing() -> None:
    for word in ("present", " Present ", "current", "NOW", "ongoing"):
        assert _ok(EndDate, word) == "present"
    assert _ok(EndDate, "2025-01") == "2025-01"
    assert "is not a date" in _bad(EndDate, "soon")


def test_timestamps_take_a_date_or_an_iso_date_and_time() -> None:
    assert _ok(Timestamp, "2026-11-03T09:00:00") == "2026-11-03T09:00:00"
    assert _ok(Timestamp, "2024-03-01T09:30:00Z") == "2024-03-01T09:30:00Z"
    assert _ok(Timestamp, "2024-03-01") == "2024-03-01"
    assert _ok(Timestamp, dt.datetime(2024, 3, 1, 9, 30)) == "2024-03-01T09:30:00"
    assert "is not a date and time" in _bad(Timestamp, "2024-03-01T25:00")
    assert "is not a date" in _bad(Timestamp, "yesterday")


def test_urls_refuse_a_scheme_that_runs_code() -> None:
    assert _ok(Url, " https://ann.example.org ") == "https://ann.example.org"
    assert _ok(Url, "mailto:ann@example.org") == "mailto:ann@example.org"
    assert _ok(Url, "") is None
    assert _bad(Url, "javascript:alert(1)") == (
        "'javascript:' links are not allowed; use an https:// (or mailto:, tel:) address"
    )
    assert "not allowed" in _bad(Url, "  JavaScript:alert(1)")


def test_a_photo_is_a_path_an_address_or_an_embedded_image() -> None:
    assert _ok(Photo, "images/ann.png") == "images/ann.png"
    tiny_png = (
        "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNg"
        "YPj/HwADAQH/\n  2Y9rWwAAAABJRU5ErkJggg=="
    )
    assert _ok(Photo, tiny_png) == "".join(tiny_png.split())
    assert "is a data: URL that is not a base64 PNG" in _bad(Photo, "data:text/html,<b>hi</b>")
    assert "not allowed" in _bad(Photo, "javascript:alert(1)")


def test_email_addresses() -> None:
    assert _ok(Email, " ann.lee@example.org ") == "ann.lee@example.org"
    assert _ok(Email, "mailto:ann@example.org") == "ann@example.org"
    assert _ok(Email, "") is None
    for bad in (
        "ann@example",
        "ann lee@example.org",
        "ann@@example.org",
        "@example.org",
        "ann@.org",
    ):
        assert _bad(Email, bad).endswith("is not an email address; write it as name@example.com")
    too_long = "a" * (MAX_EMAIL_CHARS - len("@example.org") + 1) + "@example.org"
    assert "is not an email address" in _bad(Email, too_long)


def test_paths_stay_relative_to_the_profile() -> None:
    assert _ok(RelPath, "documents/transcript.pdf") == "documents/transcript.pdf"
    for bad in ("/home/ann/cv.pdf", "\\\\server\\cv.pdf", "C:\\cv.pdf", "https://x.org/cv.pdf"):
        assert "must be a path relative to the profile's folder" in _bad(RelPath, bad)


def test_ids_are_slugs() -> None:
    assert _ok(Slug, "acme-data-engineer-2") == "acme-data-engineer-2"
    for bad in ("Acme", "-acme", "acme_data", "acme data", ""):
        assert "is not a valid id" in _bad(Slug, bad)


def test_periods_are_a_number_of_days_weeks_or_months() -> None:
    assert _ok(Duration, "2W") == "2w"
    assert _ok(Duration, " 14 d ") == "14 d"
    assert _ok(Duration, 10) == "10d"
    for bad in ("fortnight", "2y", "-1d", "1.5m"):
        assert "is not a period" in _bad(Duration, bad)


def test_private_means_visibility_private() -> None:
    class Entry:
        def __init__(self, visibility: str | None) -> None:
            self.visibility = visibility

    assert is_private(Entry("private"))
    assert not is_private(Entry("public")) and not is_private(Entry(None))
    assert not is_private("a string has no visibility")
