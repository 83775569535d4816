"""The profile: JSON Resume v1.3.1 vocabulary plus jobpacket's documented extensions.

Field names are the YAML keys exactly (camelCase), so templates read like the profile a user
wrote and every validation error points at a key the user can find. Models are frozen: views
derive new profiles with ``model_copy``, nothing mutates the one that was loaded.
"""

from __future__ import annotations

import re
from datetime import date as _date
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

from ..dates import ONGOING, ONGOING_WORDS
from ..errors import shown
from ..urls import (  # noqa: F401 (re-exported)
    LINK_SCHEMES,
    MAX_PHOTO_BYTES,
    UNSAFE_SCHEMES,
    photo_data,
    unsafe_scheme,
)

# --- value types ------------------------------------------------------------------------------

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

# --- base classes ------------------------------------------------------------------------------


class Model(BaseModel):
    """Frozen, keeps unknown keys as extension data (JSON Resume allows them)."""

    model_config = ConfigDict(
        extra="allow",
        frozen=True,
        coerce_numbers_to_str=True,
        str_strip_whitespace=False,
        populate_by_name=True,
    )


class Checks(Model):
    """Proofreading rules turned off, by rule id (see `jobpacket check`)."""

    disable: list[str] = Field(
        default_factory=list,
        description="Rule ids to skip: files, spelling, placeholders, contact, dates, length, "
        "tone, consistency.",
    )


class Item(Model):
    """A list entry any section may hold; tags drive tailoring, visibility drives privacy."""

    tags: list[str] = Field(default_factory=list, description="Labels used to tailor per role.")
    visibility: Visibility | None = Field(
        default=None, description="`private` keeps the item off the public site and PDFs."
    )
    checks: Checks | None = Field(
        default=None, description="Proofreading rules turned off for this entry only."
    )


# --- JSON Resume sections ----------------------------------------------------------------------


class Location(Model):
    address: str | None = None
    postalCode: str | None = None
    city: str | None = None
    countryCode: str | None = None
    region: str | None = None


class SocialProfile(Item):
    network: str | None = None
    username: str | None = None
    url: Url | None = None


class Basics(Model):
    name: str | None = None
    label: str | None = None
    image: Photo | None = None
    email: Email | None = None
    phone: str | None = None
    url: Url | None = None
    summary: str | None = None
    location: Location | None = None
    profiles: list[SocialProfile] = Field(default_factory=list)
    linkedin: str | None = Field(
        default=None,
        description="Extension common in real files: a LinkedIn address or handle; printed "
        "with the contact details unless basics.profiles already has LinkedIn.",
    )


class Work(Item):
    name: str | None = None
    location: str | None = None
    description: str | None = None
    position: str | None = None
    url: Url | None = None
    startDate: PartialDate | None = None
    endDate: EndDate | None = None
    summary: str | None = None
    highlights: list[str] = Field(default_factory=list)


class Volunteer(Item):
    organization: str | None = None
    position: str | None = None
    url: Url | None = None
    startDate: PartialDate | None = None
    endDate: EndDate | None = None
    summary: str | None = None
    highlights: list[str] = Field(default_factory=list)


class Education(Item):
    institution: str | None = None
    url: Url | None = None
    area: str | None = None
    studyType: str | None = None
    startDate: PartialDate | None = None
    endDate: EndDate | None = None
    score: str | None = None
    courses: list[str] = Field(default_factory=list)
    thesis: str | None = Field(
        default=None, description="Extension common in academic files: the thesis title."
    )


class Award(Item):
    title: str | None = None
    date: PartialDate | None = None
    awarder: str | None = None
    summary: str | None = None


class Certificate(Item):
    name: str | None = None
    date: PartialDate | None = None
    url: Url | None = None
    issuer: str | None = None


class Publication(Item):
    name: str | None = None
    publisher: str | None = None
    releaseDate: PartialDate | None = None
    url: Url | None = None
    summary: str | None = None
    authors: list[str] = Field(
        default_factory=list, description="Extension common in real files: the authors."
    )


class Skill(Item):
    name: str | None = None
    level: str | None = None
    keywords: list[str] = Field(default_factory=list)


class Language(Item):
    language: str | None = None
    fluency: str | None = None


class Interest(Item):
    name: str | None = None
    keywords: list[str] = Field(default_factory=list)


class Project(Item):
    name: str | None = None
    description: str | None = None
    summary: str | None = Field(
        default=None,
        description="Extension common in real files: printed when there is no description.",
    )
    highlights: list[str] = Field(default_factory=list)
    keywords: list[str] = Field(default_factory=list)
    startDate: PartialDate | None = None
    endDate: EndDate | None = None
    url: Url | None = None
    roles: list[str] = Field(default_factory=list)
    entity: str | None = None
    type: str | None = None
    images: list[RelPath] = Field(
        default_factory=list, description="Image files under content/ shown on the project page."
    )


# --- references and their letters -------------------------------------------------------------

LetterStatus = Literal["none", "requested", "received", "submitted", "declined"]
Delivery = Literal["enclosed", "direct", "portal"]


class RecommendationLetter(Model):
    status: LetterStatus = "none"
    requested: PartialDate | None = None
    received: PartialDate | None = None
    delivery: Delivery | None = None
    file: RelPath | None = None
    confidential: bool = False


class Reference(Item):
    name: str | None = None
    reference: str | None = None
    title: str | None = None
    organization: str | None = None
    relationship: str | None = None
    email: Email | None = None
    phone: str | None = None
    letter: RecommendationLetter | None = None


# --- applications ------------------------------------------------------------------------------

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
LetterKind = Literal["cover", "reconsideration", "follow-up", "thank-you", "role-proposal"]


class Contact(Model):
    name: str | None = Field(
        default=None,
        description="As the letter's recipient block prints it, with an honorific if you "
        "know it (Ms. Priya Natarajan, Dr. Naomi Feldman): letters greet by title and surname.",
    )
    gender: Literal["female", "male"] | None = Field(
        default=None,
        description="Only for the salutation, in languages that address a reader as Ms. or "
        "Mr. (Frau, Madame, Sra.) when the name carries no such honorific; left out, a letter "
        "addresses the full name.",
    )
    title: str | None = None
    email: Email | None = None
    phone: str | None = None
    address: str | None = None


class ApplicationLetter(Model):
    kind: LetterKind = "cover"
    date: PartialDate | None = None
    greeting: str | None = None
    body: str | None = Field(default=None, description="Markdown.")
    closing: str | None = None
    circumstances: str | None = Field(
        default=None,
        description="Markdown: a short note on circumstances that affected the first "
        "application or interview; an assembled reconsideration letter adds it as a paragraph.",
    )
    sent: PartialDate | None = Field(
        default=None,
        description="When you sent it (YYYY-MM-DD): a sent letter counts as a contact for "
        "follow-ups; the latest letter not yet sent is the one commands print by default.",
    )


class Tailoring(Model):
    tags: list[str] = Field(default_factory=list)
    exclude: list[str] = Field(default_factory=list)
    summary: str | None = None


FollowUpChannel = Literal["email", "phone", "linkedin", "in-person", "letter", "other"]


class FollowUpContact(Model):
    """One follow-up the candidate made; logged contacts count as attempts already done."""

    date: PartialDate = Field(description="When you made contact: YYYY-MM-DD.")
    channel: FollowUpChannel = "email"
    note: str | None = None


class FollowUp(Model):
    every: Duration = "14d"
    maxAttempts: int = Field(default=3, ge=0)
    log: list[FollowUpContact] = Field(
        default_factory=list,
        description="Contacts made since applying; the schedule continues from the latest.",
    )


class Attachment(Model):
    path: RelPath
    title: str | None = None


class Compensation(Model):
    currency: str | None = None
    marketAverage: float | None = None
    target: tuple[float, float] | None = None


class Application(Item):
    id: Slug
    organization: str | None = None
    position: str | None = None
    url: Url | None = None
    contact: Contact | None = None
    applied: PartialDate | None = None
    status: ApplicationStatus = "draft"
    decided: PartialDate | None = None
    letter: ApplicationLetter | None = None
    letters: list[ApplicationLetter] = Field(
        default_factory=list,
        description="The application's letters over time, in the order written (a cover "
        "letter, a thank-you, a reconsideration, follow-ups, a role proposal), each with its "
        "kind, date, optional body and when it was sent; `letter:` counts as the first.",
    )
    alternateRole: str | None = None
    requirements: list[str] = Field(
        default_factory=list,
        description="A few phrases from the posting (for a role proposal, the other role's): "
        "what the role asks for. Assembled letters tie each update and result to the one it "
        "meets.",
    )
    tailor: Tailoring | None = None
    followUp: FollowUp | None = None
    attachments: list[Attachment] = Field(default_factory=list)
    notes: str | None = None
    compensation: Compensation | None = None
    documents: list[str] = Field(
        default_factory=list,
        description="Documents to enclose in this application's packet, each naming a "
        "`documents[].title` (or its `path`) of the profile.",
    )


DocumentKind = Literal["certificate", "work-sample", "evaluation", "transcript", "other"]


class Document(Item):
    title: str | None = None
    kind: DocumentKind = "other"
    path: RelPath | None = None
    url: Url | None = None
    date: PartialDate | None = None


class Publish(Model):
    """Opt-ins for contact details that stay off the public site unless the user says so."""

    email: bool = True
    phone: bool = False
    address: bool = Field(default=False, description="Street address and postal code.")


class Meta(Model):
    canonical: Url | None = None
    version: str | None = None
    lastModified: Timestamp | None = None
    lang: str | None = Field(default=None, description="BCP 47 language tag, e.g. en-US.")
    pageSize: Literal["A4", "Letter"] | None = Field(
        default=None,
        description="Paper for printed documents; default Letter for North America "
        "(by basics.location.countryCode, else the region of lang), else A4.",
    )
    design: Literal["classic", "modern", "sidebar"] | None = Field(
        default=None,
        description="Look of the printed résumé, letters and reference index: classic "
        "(serif, the default), modern (sans-serif with a coloured accent and the photo) or "
        "sidebar (two columns: contact, skills and awards beside experience).",
    )
    publish: Publish = Field(default_factory=Publish)
    pages: int = Field(
        default=1,
        ge=1,
        le=10,
        description="Page budget of the printed résumé: 1 (the norm up to about ten years "
        "of experience) or more for a long career or an academic CV; tests and "
        "`jobpacket pdf` check the résumé against it.",
    )
    checks: Checks = Field(
        default_factory=Checks, description="Proofreading rules turned off for the profile."
    )


class Profile(Model):
    """A candidate's whole working life; the one input of every output."""

    schema_: str | None = Field(default=None, alias="$schema")
    basics: Basics = Field(default_factory=Basics)
    work: list[Work] = Field(default_factory=list)
    volunteer: list[Volunteer] = Field(default_factory=list)
    education: list[Education] = Field(default_factory=list)
    awards: list[Award] = Field(default_factory=list)
    certificates: list[Certificate] = Field(default_factory=list)
    publications: list[Publication] = Field(default_factory=list)
    skills: list[Skill] = Field(default_factory=list)
    languages: list[Language] = Field(default_factory=list)
    interests: list[Interest] = Field(default_factory=list)
    references: list[Reference] = Field(default_factory=list)
    projects: list[Project] = Field(default_factory=list)
    applications: list[Application] = Field(default_factory=list)
    documents: list[Document] = Field(default_factory=list)
    meta: Meta = Field(default_factory=Meta)

    def application(self, app_id: str) -> Application | None:
        return next((a for a in self.applications if a.id == app_id), None)

    def document_index(self, name: str) -> int | None:
        """The document an application's `documents` entry names: by title, else by path.

        Titles are what people write; a path also works because two documents may share a
        title (two transcripts) but never a file.
        """
        for field in ("title", "path"):
            for i, doc in enumerate(self.documents):
                if getattr(doc, field) == name:
                    return i
        return None


#: The list sections of a profile, in JSON Resume order, then jobpacket's own.
SECTIONS = (
    "work",
    "volunteer",
    "education",
    "awards",
    "certificates",
    "publications",
    "skills",
    "languages",
    "interests",
    "references",
    "projects",
    "applications",
    "documents",
)
#: The sections jobpacket adds; JSON Resume tools know nothing of them.
EXTENSION_SECTIONS = ("applications", "documents")
