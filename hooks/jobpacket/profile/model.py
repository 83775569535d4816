"""The profile: JSON Resume v1.3.1 vocabulary plus jobpacket's documented extensions.

Field names are the YAML keys exactly (camelCase), so templates read like the profile a user
wrote and every validation error points at a key the user can find. Models are frozen: views
derive new profiles with ``model_copy``, nothing mutates the one that was loaded. The types of
single values, with their validators, are profile/values.py's.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .values import (
    ApplicationStatus,
    Duration,
    Email,
    EndDate,
    LetterLanguage,
    PartialDate,
    Photo,
    RelPath,
    Slug,
    Timestamp,
    Url,
    Visibility,
)

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
        # Every id of checks.RULES, in its order: profile/ sits below checks/ and cannot
        # import it, so tests/test_profile_schema.py compares the two.
        description="Rule ids to skip: files, spelling, placeholders, contact, dates, length, "
        "tone, language, consistency, letters, tailoring, follow-up, private. Errors that stop "
        "the build (files, letters) stay on.",
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
    lang: LetterLanguage = None
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
