"""The value types a profile field may hold, each with the one message that says what is wrong
with a bad one: partial dates and ``present``, timestamps, URLs by their scheme, photos, email
addresses, relative paths, slugs, follow-up periods, visibility, an application's status and
the language of its letters.

A validator here turns what YAML gives (a number, a datetime, text with a time) into the one
form the model stores, or raises a PydanticCustomError whose text becomes the located message
(profile/validate.py maps it to the YAML key).
"""

from __future__ import annotations

import re
from datetime import date as _date
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, Field
from pydantic_core import PydanticCustomError

from ..dates import ONGOING, ONGOING_WORDS
from ..errors import shown
from ..urls import MAX_PHOTO_BYTES, photo_data, unsafe_scheme

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _partial_date(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        value = str(value)
    if isinstance(value, _date):
        value = value.isoformat()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        # Numbers would otherwise become text ("0", "1e5") that no date parser reads.
        raise PydanticCustomError(
            "bad_date",
            'the number {value} is not a date; write it as a quoted date, e.g. "2024-05-17"',
            {"value": str(value)[:24]},
        )
    if not isinstance(value, str):
        return value  # let the str type report it
    text = value.strip()
    if text == "":
        return None
    if "T" in text and _DATE.match(text.split("T", 1)[0]):
        text = text.split("T", 1)[0]  # JSON Resume's lastModified carries a time
    match = _DATE.match(text)
    if match:
        year, month_text, day_text = match.groups()
        month, day = (int(g) if g else None for g in (month_text, day_text))
        try:
            _date(int(year), month or 1, day or 1)
        except ValueError:
            raise PydanticCustomError(
                "bad_date", "{value} is not a real calendar date", {"value": shown(value)}
            ) from None
        return text
    raise PydanticCustomError(
        "bad_date",
        "{value} is not a date; use YYYY-MM-DD, YYYY-MM or YYYY",
        {"value": shown(value)},
    )


def _end_date(value: Any) -> Any:
    if isinstance(value, str) and value.strip().lower() in ONGOING_WORDS:
        return ONGOING
    return _partial_date(value)


PartialDate = Annotated[
    str | None,
    BeforeValidator(_partial_date),
    Field(
        description="A date: YYYY-MM-DD, YYYY-MM or YYYY.",
        json_schema_extra={"pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"},
    ),
]
EndDate = Annotated[
    str | None,
    BeforeValidator(_end_date),
    Field(description="A date (YYYY-MM-DD, YYYY-MM or YYYY), or `present` if ongoing."),
]


def _timestamp(value: Any) -> Any:
    """A date or an ISO 8601 date and time ("2024-03-01T09:30:00Z"), as JSON Resume writes
    ``meta.lastModified``; it stamps every PDF, so a value that is neither is an error."""
    from datetime import datetime as _datetime

    if isinstance(value, (_date, _datetime)):
        return value.isoformat()
    if not isinstance(value, str) or not value.strip():
        return _partial_date(value)
    text = value.strip()
    if "T" in text or " " in text:
        try:
            _datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            raise PydanticCustomError(
                "bad_timestamp",
                "{value} is not a date and time; write it as 2024-03-01T09:30:00Z "
                "or as a date, 2024-03-01",
                {"value": shown(value)},
            ) from None
        return text
    _partial_date(text)
    return text


Timestamp = Annotated[
    str | None,
    BeforeValidator(_timestamp),
    Field(description="A date (YYYY-MM-DD) or ISO 8601 date and time."),
]


def _url(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    text = value.strip()
    if text == "":
        return None
    bad = unsafe_scheme(text)
    if bad:
        raise PydanticCustomError(
            "unsafe_url",
            "{scheme} links are not allowed; use an https:// (or mailto:, tel:) address",
            {"scheme": repr(bad + ":")},
        )
    return text


Url = Annotated[
    str | None,
    BeforeValidator(_url),
    Field(description="A web (https://), mailto:, tel: or chat (skype:, xmpp:...) address."),
]


def _photo(value: Any) -> Any:
    """A photo's address, or the photo itself as a base64 `data:` URL (valid JSON Resume,
    and how exporting tools embed it); a `data:` value that is no such photo is refused."""
    if isinstance(value, str) and value.strip().lower().startswith("data:"):
        if photo_data(value) is None:
            raise PydanticCustomError(
                "bad_photo",
                "is a data: URL that is not a base64 PNG, JPEG, GIF or WebP image of at most "
                "{limit} MB; save the photo as a file under content/ and write its path",
                {"limit": MAX_PHOTO_BYTES // (1024 * 1024)},
            )
        return "".join(value.split())
    return _url(value)


Photo = Annotated[
    str | None,
    BeforeValidator(_photo),
    Field(description="Photo: a path under content/, an https:// address or a data: image."),
]

#: name@domain, neither part empty nor holding a space, quote, bracket or second @; the
#: domain has a dot with something on both sides (checked in `_email`, so the pattern has no
#: two adjacent repeats that could backtrack over each other).
_EMAIL = re.compile(r"[^@\s<>\"']+@[^@\s<>\"']+")
#: RFC 5321: an address has at most 254 characters.
MAX_EMAIL_CHARS = 254


def _email(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        if value == "":
            return None
        if value.lower().startswith("mailto:"):
            value = value[len("mailto:") :]
        domain = value.rpartition("@")[2]
        if len(value) > MAX_EMAIL_CHARS or not _EMAIL.fullmatch(value) or "." not in domain[1:-1]:
            raise PydanticCustomError(
                "bad_email",
                "{value} is not an email address; write it as name@example.com",
                {"value": shown(value)},
            )
    return value


Email = Annotated[str | None, BeforeValidator(_email)]


def _relative_path(value: str) -> str:
    """Paths point inside the project; absolute paths would not travel with the profile."""
    if value.startswith(("/", "\\")) or re.match(r"^[a-zA-Z]:[\\/]", value) or "://" in value:
        raise PydanticCustomError(
            "bad_path",
            "{value} must be a path relative to the profile's folder, e.g. documents/x.pdf",
            {"value": shown(value)},
        )
    return value


RelPath = Annotated[str, AfterValidator(_relative_path)]


def _slug(value: str) -> str:
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", value):
        raise PydanticCustomError(
            "bad_slug",
            "{value} is not a valid id; use lowercase letters, digits and hyphens, "
            "e.g. acme-data-engineer",
            {"value": shown(value)},
        )
    return value


Slug = Annotated[str, AfterValidator(_slug)]

_DURATION = re.compile(r"^(\d+)\s*([dwm])$")


def _duration(value: Any) -> Any:
    if isinstance(value, int):
        value = f"{value}d"
    if isinstance(value, str) and _DURATION.match(value.strip().lower()):
        return value.strip().lower()
    raise PydanticCustomError(
        "bad_duration",
        "{value} is not a period; write a number and d, w or m, e.g. 14d, 2w or 1m",
        {"value": shown(value)},
    )


Duration = Annotated[str, BeforeValidator(_duration)]

Visibility = Literal["public", "private"]

ApplicationStatus = Literal[
    "draft",
    "applied",
    "interviewing",
    "offer",
    "rejected",
    "reconsideration",
    "accepted",
    "withdrawn",
]

#: An application's `lang`. Which tags are allowed is validate.py's to say (it lists the
#: languages with letter text, i18n/labels/letters/, in the message); the editor's hover
#: names them too, and tests/test_profile_schema.py keeps the two lists the same.
LetterLanguage = Annotated[
    str | None,
    Field(
        description="Language of this application's letters (a tag such as de, fr, en-GB), "
        "when it is not meta.lang's: their date, subject, salutation, closing and "
        "enclosures line, and the packet's own words. The enclosed résumé stays in "
        "meta.lang. One of the languages jobpacket writes letters in: de, en, es, fr, it, pt."
    ),
]


def is_private(item: object) -> bool:
    """Whether a list entry is marked `visibility: private`: never published, and left out of
    what is shown to anyone but the candidate."""
    return getattr(item, "visibility", None) == "private"
