"""Profile views -> print HTML: the résumé, an application's letter, the reference index.

Documents are rendered from the profile through their own print templates, never by scraping
the site: an employer's printer and an applicant tracking system read these, so the markup is
one column in reading order with plain text (no icon fonts). Everything a template sees is
prepared here as plain values; templates only lay them out, and every string is escaped where
it lands (Jinja2 autoescape) and stripped of bidi controls (`finalize`).

Local files a document refers to (a photo, enclosures, recommendation letters) are checked
here, before WeasyPrint runs, so that a path pointing outside the project is reported as a
located profile error naming the field. The confined URL fetcher in pdf.py is the second line
of defence, not the first.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import nh3
from markupsafe import Markup, escape

from . import __version__
from .errors import FieldPath, Problem, ProfileError
from .markup import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, clean_text, markdown_to_html
from .model import Application, Profile
from .validate import LoadedProfile
from .views import public_view

PACKAGE_DIR = Path(__file__).resolve().parent
TEMPLATES_DIR = PACKAGE_DIR / "templates" / "print"
ASSETS_DIR = PACKAGE_DIR / "assets"

DESIGNS = ("classic", "modern")
DEFAULT_DESIGN = "classic"
#: Designs that show basics.image; the others leave the photo off (as most résumés should).
PHOTO_DESIGNS = frozenset({"modern"})

# Countries that print on US Letter; everyone else uses A4.
_LETTER_COUNTRIES = frozenset(
    {"US", "CA", "MX", "PH", "CL", "CO", "VE", "CR", "GT", "SV", "PA", "DO", "NI", "PR"}
)
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTHS_LONG = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_FALLBACK_DATE = datetime(2000, 1, 1, tzinfo=UTC)

LETTER_HINTS = {
    "cover": "why this role and organisation, two or three achievements that match the "
    "posting, and a courteous close",
    "reconsideration": "thank the reader for their time, say your interest continues, list "
    "what is new since you applied with concrete examples, and close respecting the decision",
    "follow-up": "restate your interest and report any significant update since your last contact",
    "thank-you": "thank the reader for the interview or decision and keep the door open",
    "role-proposal": "name the other role and tie your strengths to it with examples",
}


@dataclass(frozen=True)
class PrintDocument:
    """One document ready for WeasyPrint: its HTML and every local file that can change it."""

    name: str
    title: str
    html: str
    stylesheets: tuple[Path, ...]
    files: tuple[Path, ...] = ()
    roots: tuple[Path, ...] = ()
    notes: tuple[Problem, ...] = ()
    lang: str = "en"


@dataclass
class _Context:
    """Collects located findings and local files while a document is prepared."""

    loaded: LoadedProfile
    roots: tuple[Path, ...] = field(init=False)
    profile_dir: Path = field(init=False)
    content_dir: Path = field(init=False)
    errors: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)

    def __post_init__(self) -> None:
        root = project_root(self.loaded)
        self.profile_dir = Path(os.path.realpath(self.loaded.path.parent))
        self.content_dir = Path(os.path.realpath(root / "content"))
        self.roots = allowed_roots(self.loaded)

    def error(self, path: FieldPath, message: str) -> None:
        self.errors.append(self.loaded.source.problem(path, message))

    def warn(self, path: FieldPath, message: str) -> None:
        self.notes.append(self.loaded.source.problem(path, message, severity="warning"))

    def raise_errors(self) -> None:
        if self.errors:
            raise ProfileError(self.errors)


# --- where files may come from -----------------------------------------------------------------


def project_root(loaded: LoadedProfile) -> Path:
    """The site folder: the nearest folder above the profile holding mkdocs.yml."""
    start = loaded.path.resolve().parent
    for folder in (start, *start.parents):
        if (folder / "mkdocs.yml").is_file():
            return folder
    return start


def allowed_roots(loaded: LoadedProfile) -> tuple[Path, ...]:
    """Folders print rendering may read: the profile's folder, content/, our own assets."""
    root = project_root(loaded)
    folders = [loaded.path.resolve().parent, root / "content", ASSETS_DIR, TEMPLATES_DIR]
    return tuple(dict.fromkeys(Path(os.path.realpath(f)) for f in folders))


def _inside(path: Path, roots: Iterable[Path]) -> bool:
    return any(path == r or path.is_relative_to(r) for r in roots)


def _local_file(
    ctx: _Context, where: FieldPath, value: str, *, used: bool, under_content: bool = False
) -> Path | None:
    """Resolve a profile path to a readable file inside the project, or report why not.

    Paths are relative to the profile's folder, except images (`under_content`), which are
    relative to content/ as on the site. A path that leaves the project is an error even when
    the document would not show it: it is either a mistake or an attempt to read someone's
    files, and both deserve a message. A missing file or a web address is only a warning, and
    the document is made without it.
    """
    shown = repr(value)
    base = ctx.content_dir if under_content else ctx.profile_dir
    relative_to = "content/" if under_content else "the profile's folder"
    if _SCHEME.match(value):
        scheme = value.split(":", 1)[0].lower()
        if scheme in ("http", "https"):
            if used:
                ctx.warn(
                    where,
                    f"{shown} is a web address and printed documents never download; it is "
                    f"left out; save the file under {relative_to} and give its relative path",
                )
            return None
        ctx.error(
            where,
            f"{shown} is not a relative path; printed documents only read files in the "
            f"project; give a path relative to {relative_to}",
        )
        return None
    if value.startswith(("/", "\\")) or re.match(r"^[a-zA-Z]:[\\/]", value):
        ctx.error(where, f"{shown} is an absolute path; give a path relative to {relative_to}")
        return None
    resolved = Path(os.path.realpath(base / value))
    if not _inside(resolved, (ctx.profile_dir, ctx.content_dir)):
        ctx.error(
            where,
            f"{shown} points outside the project; printed documents only read files next to "
            f"the profile or under content/; move the file there and give its path relative "
            f"to {relative_to}",
        )
        return None
    if not resolved.is_file():
        if used:
            from .settings import display_path

            looked = display_path(base / value)
            ctx.warn(
                where, f"file {shown} not found (looked for {looked}); fix the path or add the file"
            )
        return None
    if used:
        ctx.files.append(resolved)
    return resolved


# --- small formatting helpers ------------------------------------------------------------------


def page_size(profile: Profile) -> str:
    """`meta.pageSize`, else Letter for North American locales (by meta.lang or location)."""
    if profile.meta.pageSize:
        return profile.meta.pageSize
    region = None
    lang = profile.meta.lang or ""
    parts = re.split(r"[-_]", lang)
    for part in parts[1:]:
        if len(part) == 2 and part.isalpha():
            region = part.upper()
    if region is None and profile.basics.location and profile.basics.location.countryCode:
        region = profile.basics.location.countryCode.strip().upper()
    return "Letter" if region in _LETTER_COUNTRIES else "A4"


def document_date(profile: Profile) -> datetime:
    """The one date stamped into every PDF: SOURCE_DATE_EPOCH, meta.lastModified, or fixed.

    Never the clock: the same inputs must give the same bytes.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC)
    stamp = profile.meta.lastModified
    if stamp:
        text = stamp.strip().replace("Z", "+00:00")
        day = text[:10]
        day += "-01" * max(0, (10 - len(day)) // 3)  # "2025-02" -> "2025-02-01"
        for candidate in (text, day):
            try:
                parsed = datetime.fromisoformat(candidate)
            except ValueError:
                continue
            return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    return _FALLBACK_DATE


def _w3c(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _month_year(value: str | None) -> str:
    if not value:
        return ""
    if value == "present":
        return "Present"
    parts = value.split("-")
    if len(parts) >= 2:
        return f"{_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return parts[0]


def _span(start: str | None, end: str | None) -> str:
    a, b = _month_year(start), _month_year(end)
    if a and b and a != b:
        return f"{a} – {b}"
    return a or b


def long_date(value: str, lang: str | None) -> str:
    """A letter's date as people write it: "November 3, 2026" in the US, else "3 November"."""
    parts = [int(p) for p in value.split("-")]
    year, month, day = [*parts, 0, 0][:3]
    if not month:
        return str(year)
    name = _MONTHS_LONG[month - 1]
    if not day:
        return f"{name} {year}"
    us = (lang or "en-US").upper().replace("_", "-") in ("EN-US", "EN")
    return f"{name} {day}, {year}" if us else f"{day} {name} {year}"


def short_date(value: str) -> str:
    """A compact date for tables: "Nov 1, 2026" (or "Nov 2026", "2026")."""
    parts = [int(p) for p in value.split("-")]
    year, month, day = [*parts, 0, 0][:3]
    if not month:
        return str(year)
    return f"{_MONTHS[month - 1]} {day}, {year}" if day else f"{_MONTHS[month - 1]} {year}"


def _bare_url(url: str | None) -> str:
    """How a link reads on paper: without the scheme or a trailing slash."""
    if not url:
        return ""
    return re.sub(r"^(https?://|mailto:)", "", url).rstrip("/")


def _keep_web_links(tag: str, attr: str, value: str) -> str | None:
    if (
        tag == "a"
        and attr == "href"
        and not value.lower().startswith(("http:", "https:", "mailto:"))
    ):
        return None
    return value


def print_markdown(text: str | None) -> Markup:
    """Sanitized Markdown whose links may only leave for the web, never for a local path."""
    if not text or not text.strip():
        return Markup("")
    html = markdown_to_html(text)
    return Markup(
        nh3.clean(
            str(html),
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            attribute_filter=_keep_web_links,
            url_schemes={"http", "https", "mailto"},
            link_rel="noopener noreferrer nofollow",
        )
    )


def _visible(items: Iterable[Any]) -> list[Any]:
    return [i for i in items if getattr(i, "visibility", None) != "private"]


# --- templates ---------------------------------------------------------------------------------


def _finalize(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, str) and not isinstance(value, Markup):
        return clean_text(value)
    return value


@lru_cache(maxsize=1)
def _environment() -> Any:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["bare_url"] = _bare_url
    return env


def _stylesheets(design: str) -> tuple[Path, ...]:
    return (TEMPLATES_DIR / "base.css", TEMPLATES_DIR / f"{design}.css")


def _design(loaded: LoadedProfile, design: str | None) -> str:
    chosen = design or loaded.profile.meta.design or DEFAULT_DESIGN
    if chosen not in DESIGNS:
        raise ProfileError(
            [
                loaded.source.problem(
                    ("meta", "design"), f"unknown design {chosen!r}; use one of {DESIGNS}"
                )
            ]
        )
    return chosen


def _base_context(loaded: LoadedProfile, design: str, kind: str, title: str) -> dict[str, Any]:
    profile = loaded.profile
    return {
        "lang": profile.meta.lang or "en",
        "page_size": page_size(profile),
        "design": design,
        "kind": kind,
        "title": title,
        "author": profile.basics.name or "",
        "created": _w3c(document_date(profile)),
        "generator": f"jobpacket {__version__}",
    }


def _require_name(loaded: LoadedProfile, ctx: _Context) -> str:
    name = (loaded.profile.basics.name or "").strip()
    if not name:
        ctx.error(("basics", "name"), "printed documents need your name; add basics.name")
    return name


def _contact(profile: Profile, *, social: bool = True) -> list[dict[str, str]]:
    """The contact items of a header, in the order people read them.

    A letter's sender block keeps to address, email, phone and website (`social=False`).
    """
    b = profile.basics
    loc = b.location
    items: list[dict[str, str]] = []

    def add(text: str | None, href: str = "") -> None:
        if text:
            items.append({"text": text, "href": href})

    if loc:
        # The public view only carries a street address when the user opted in.
        region = " ".join(x for x in (loc.region, loc.postalCode) if x)
        add(loc.address)
        add(", ".join(x for x in (loc.city, region) if x))
    add(b.email, f"mailto:{b.email}" if b.email else "")
    add(b.phone, "tel:" + re.sub(r"[^\d+]", "", b.phone) if b.phone else "")
    add(_bare_url(b.url), b.url or "")
    for p in _visible(b.profiles) if social else ():
        if p.url:
            add(_bare_url(p.url), p.url)
        elif p.username:
            add(f"{p.network}: {p.username}" if p.network else p.username)
    return items


# --- the résumé ---------------------------------------------------------------------------------


def _entries_work(items: Iterable[Any]) -> list[dict[str, Any]]:
    """Jobs as entries. A job's summary prints only when it has no highlights: the bullets
    tell the same story with evidence, and a résumé has one page to tell it."""
    return [
        {
            "title": w.position or w.name or "",
            "org": w.name if w.position else "",
            "org_url": w.url or "",
            "url": "",
            "where": w.location or "",
            "dates": _span(w.startDate, w.endDate),
            "summary": "" if w.highlights else w.summary or "",
            "bullets": list(w.highlights),
        }
        for w in items
    ]


def _entries_volunteer(items: Iterable[Any]) -> list[dict[str, Any]]:
    return [
        {
            "title": v.position or v.organization or "",
            "org": v.organization if v.position else "",
            "org_url": v.url or "",
            "url": "",
            "where": "",
            "dates": _span(v.startDate, v.endDate),
            "summary": "" if v.highlights else v.summary or "",
            "bullets": list(v.highlights),
        }
        for v in items
    ]


def _entries_projects(items: Iterable[Any]) -> list[dict[str, Any]]:
    return [
        {
            "title": p.name or "",
            "org": ", ".join(p.roles),
            "org_url": "",
            "url": p.url or "",
            "where": p.entity or "",
            "dates": _span(p.startDate, p.endDate),
            "summary": p.description or "",
            "bullets": list(p.highlights),
        }
        for p in items
    ]


def _entries_education(items: Iterable[Any]) -> list[dict[str, Any]]:
    """Degrees on one line each; courses are left to the site, where there is room."""
    out = []
    for e in items:
        degree = ", ".join(x for x in (e.studyType, e.area) if x)
        out.append(
            {
                "title": degree or e.institution or "",
                "org": e.institution if degree else "",
                "org_url": e.url or "",
                "url": "",
                "where": f"score {e.score}" if e.score else "",
                "dates": _span(e.startDate, e.endDate),
                "summary": "",
                "bullets": [],
            }
        )
    return out


def _lines(items: Iterable[Any], text: str, by: str, when: str) -> list[dict[str, str]]:
    """One-line items; the issuer is dropped when the name already says it ("Google Cloud
    Professional ..., Google Cloud")."""
    out = []
    for i in items:
        name, issuer = getattr(i, text) or "", getattr(i, by) or ""
        if issuer and issuer.lower() in name.lower():
            issuer = ""
        out.append(
            {
                "text": name,
                "url": getattr(i, "url", None) or "",
                "by": issuer,
                "dates": _month_year(getattr(i, when)),
            }
        )
    return out


def _resume_rows(view: Profile) -> list[list[dict[str, Any]]]:
    """Sections in the order recruiters expect, grouped into rows; empty ones are left out.

    Short list sections (certifications, awards) share a row in two columns so the example
    fits one page; the markup stays in reading order, left column first.
    """
    sections: list[dict[str, Any]] = []

    def add(sid: str, heading: str, style: str, items: list[Any], half: bool = False) -> None:
        if items:
            sections.append(
                {"id": sid, "heading": heading, "style": style, "entries": items, "half": half}
            )

    add("experience", "Experience", "entries", _entries_work(_visible(view.work)))
    add("projects", "Projects", "entries", _entries_projects(_visible(view.projects)))
    add("education", "Education", "entries", _entries_education(_visible(view.education)))
    skills = [{"label": s.name or "", "text": ", ".join(s.keywords)} for s in _visible(view.skills)]
    languages = ", ".join(
        f"{lang.language} ({lang.fluency})" if lang.fluency else lang.language
        for lang in _visible(view.languages)
        if lang.language
    )
    if languages:
        # A line under Skills rather than a section of its own: it is one line of text.
        skills.append({"label": "Languages", "text": languages})
    add("skills", "Skills" if len(skills) > 1 or not languages else "Languages", "pairs", skills)
    add(
        "publications",
        "Publications",
        "lines",
        _lines(_visible(view.publications), "name", "publisher", "releaseDate"),
    )
    certs = _lines(_visible(view.certificates), "name", "issuer", "date")
    awards = _lines(_visible(view.awards), "title", "awarder", "date")
    both = bool(certs and awards)
    add("certificates", "Certifications", "lines", certs, half=both)
    add("awards", "Awards", "lines", awards, half=both)
    add("volunteer", "Volunteering", "entries", _entries_volunteer(_visible(view.volunteer)))
    rows: list[list[dict[str, Any]]] = []
    for section in sections:
        if section["half"] and rows and len(rows[-1]) == 1 and rows[-1][0]["half"]:
            rows[-1].append(section)
        else:
            rows.append([section])
    return rows


def resume(loaded: LoadedProfile, *, public: bool, design: str | None = None) -> PrintDocument:
    """The résumé: the public view for the site, or the owner's full copy (phone, address).

    Items marked `visibility: private` are private notes and never printed on either.
    """
    design = _design(loaded, design)
    ctx = _Context(loaded)
    name = _require_name(loaded, ctx)
    view = public_view(loaded.profile) if public else loaded.profile
    photo = None
    if loaded.profile.basics.image:
        used = design in PHOTO_DESIGNS and view.basics.image is not None
        found = _local_file(
            ctx, ("basics", "image"), loaded.profile.basics.image, used=used, under_content=True
        )
        photo = found.as_uri() if found and used else None
    ctx.raise_errors()
    title = f"{name} – Résumé"
    keywords = [s.name for s in _visible(view.skills) if s.name]
    context = _base_context(loaded, design, "resume", title) | {
        "subject": view.basics.label or "Résumé",
        "keywords": keywords,
        "name": name,
        "label": view.basics.label or "",
        "summary": view.basics.summary or "",
        "contact": _contact(view),
        "photo": photo,
        "rows": _resume_rows(view),
    }
    html = _environment().get_template("resume.html").render(context)
    return PrintDocument(
        name="resume-public" if public else "resume",
        title=title,
        html=html,
        stylesheets=_stylesheets(design),
        files=tuple(ctx.files),
        roots=ctx.roots,
        notes=tuple(ctx.notes),
        lang=loaded.profile.meta.lang or "en",
    )


# --- letters ------------------------------------------------------------------------------------


def find_application(loaded: LoadedProfile, app_id: str) -> tuple[int, Application]:
    """The application with this id and its index (for located messages), or a user error."""
    from .errors import UserError

    for i, app in enumerate(loaded.profile.applications):
        if app.id == app_id:
            return i, app
    known = ", ".join(a.id for a in loaded.profile.applications) or "none"
    raise UserError(f"no application with id {app_id!r} in {loaded.source.file}; known: {known}")


def _enclosures(ctx: _Context, index: int, app: Application) -> list[str]:
    out = []
    if app.letter and app.letter.kind in ("cover", "reconsideration", "role-proposal"):
        out.append("Résumé")
    for j, att in enumerate(app.attachments):
        where = ("applications", index, "attachments", j, "path")
        _local_file(ctx, where, att.path, used=True)
        out.append(att.title or Path(att.path).name)
    return out


def letter(loaded: LoadedProfile, app_id: str, *, design: str | None = None) -> PrintDocument:
    """An application's letter (cover, reconsideration, follow-up, thank-you, role proposal).

    The body is the user's own Markdown: jobpacket lays it out as a business letter and never
    writes the prose itself, so an empty body is an error that says what to write.
    """
    design = _design(loaded, design)
    index, app = find_application(loaded, app_id)
    ctx = _Context(loaded)
    name = _require_name(loaded, ctx)
    where: FieldPath = ("applications", index)
    kind = app.letter.kind if app.letter else "cover"
    if app.letter is None:
        ctx.error(
            where,
            "has no letter; add `letter:` with kind, date, greeting and body (Markdown): "
            + LETTER_HINTS["cover"],
        )
    elif not (app.letter.body or "").strip():
        ctx.error(
            (*where, "letter", "body"),
            f"the letter body is empty; write the {kind} letter in Markdown under "
            f"letter.body: {LETTER_HINTS[kind]}",
        )
    enclosures = _enclosures(ctx, index, app)
    ctx.raise_errors()
    assert app.letter is not None
    profile = loaded.profile
    lang = profile.meta.lang
    date_value = (
        app.letter.date
        or (app.applied if kind == "cover" else None)
        or document_date(profile).date().isoformat()
    )
    contact = app.contact
    recipient = {
        "name": contact.name if contact else "",
        "title": contact.title if contact else "",
        "organization": app.organization or "",
        "address": [line for line in ((contact.address if contact else "") or "").splitlines()],
    }
    # The organisation is often the first line of the address already; don't print it twice.
    if recipient["address"] and recipient["organization"]:
        first = recipient["address"][0].lower()
        if recipient["organization"].lower() in first:
            recipient["organization"] = ""
    greeting = app.letter.greeting or (
        f"Dear {contact.name}," if contact and contact.name else "Dear Hiring Manager,"
    )
    subject_role = app.alternateRole if kind == "role-proposal" and app.alternateRole else None
    subject = f"Re: {subject_role or app.position}" if (subject_role or app.position) else ""
    kind_title = {
        "cover": "Cover letter",
        "reconsideration": "Request for reconsideration",
        "follow-up": "Follow-up letter",
        "thank-you": "Thank-you letter",
        "role-proposal": "Role proposal",
    }[kind]
    title = f"{name} – {kind_title}" + (f" – {app.organization}" if app.organization else "")
    context = _base_context(loaded, design, "letter", title) | {
        "subject": " ".join(x for x in (kind_title, app.position, app.organization) if x),
        "keywords": [x for x in (app.position, app.organization) if x],
        "name": name,
        "label": "",
        "contact": _contact(profile, social=False),
        "date": long_date(date_value, lang),
        "recipient": recipient,
        "subject_line": subject,
        "heading": kind_title,
        "greeting": greeting,
        "body": print_markdown(app.letter.body),
        "closing": app.letter.closing or "Sincerely,",
        "enclosures": enclosures,
    }
    html = _environment().get_template("letter.html").render(context)
    return PrintDocument(
        name=f"{app.id}/{kind}-letter",
        title=title,
        html=html,
        stylesheets=_stylesheets(design),
        files=tuple(ctx.files),
        roots=ctx.roots,
        notes=tuple(ctx.notes),
        lang=loaded.profile.meta.lang or "en",
    )


# --- the recommendation-letter index ------------------------------------------------------------

_STATUS = {
    "none": "Not requested",
    "requested": "Requested",
    "received": "Received",
    "submitted": "Submitted",
    "declined": "Declined",
}
_DELIVERY = {
    "enclosed": "Enclosed",
    "direct": "Sent directly by the recommender",
    "portal": "Via the employer's portal",
}


def _breakable_email(email: str | None) -> Markup:
    """An address that may wrap after the @ in a narrow column, and nowhere else."""
    if not email:
        return Markup("")
    local, _, domain = clean_text(email).partition("@")
    return escape(local) + Markup("@<wbr>") + escape(domain)


def reference_index(
    loaded: LoadedProfile, app_id: str | None = None, *, design: str | None = None
) -> PrintDocument:
    """A table of recommenders for an employer: who, how to reach them, where each letter is."""
    design = _design(loaded, design)
    ctx = _Context(loaded)
    name = _require_name(loaded, ctx)
    app = None
    if app_id is not None:
        _, app = find_application(loaded, app_id)
    profile = loaded.profile
    rows, confidential = [], []
    for i, ref in enumerate(profile.references):
        if ref.visibility == "private":
            continue
        letter = ref.letter
        status, delivery, date = "No letter", "", ""
        if letter:
            status = _STATUS[letter.status]
            if letter.status == "received" and letter.received:
                date = short_date(letter.received)
            elif letter.status == "requested" and letter.requested:
                date = short_date(letter.requested)
            elif letter.status in ("submitted", "declined") and letter.requested:
                date = f"requested {short_date(letter.requested)}"
            delivery = _DELIVERY[letter.delivery] if letter.delivery else ""
            if letter.file:
                enclosed = letter.delivery == "enclosed"
                _local_file(ctx, ("references", i, "letter", "file"), letter.file, used=enclosed)
            if letter.confidential:
                how = {
                    "direct": "sent to you directly by the recommender",
                    "portal": "submitted through your application portal",
                    "enclosed": "enclosed in a sealed envelope",
                }.get(letter.delivery or "", "sent without the candidate reading it")
                confidential.append(f"The letter from {ref.name} is confidential: {how}.")
        rows.append(
            {
                "name": ref.name or "",
                "title": ref.title or "",
                "organization": ref.organization or "",
                "relationship": ref.relationship or "",
                "email": ref.email or "",
                "email_breakable": _breakable_email(ref.email),
                "phone": ref.phone or "",
                "status": status,
                "date": date,
                "delivery": delivery,
                "confidential": bool(letter and letter.confidential),
            }
        )
    if not rows:
        ctx.error(
            ("references",),
            "no references to list; add each recommender under references: with name, "
            "title, organization, relationship, email and letter",
        )
    ctx.raise_errors()
    title = f"{name} – References"
    prepared = ""
    if app is not None:
        prepared = ", ".join(x for x in (app.position, app.organization) if x)
    context = _base_context(loaded, design, "references", title) | {
        "subject": "References and letters of recommendation"
        + (f" for {prepared}" if prepared else ""),
        "keywords": ["references", "letters of recommendation"],
        "name": name,
        "label": profile.basics.label or "",
        "contact": _contact(profile),
        "prepared_for": prepared,
        "rows": rows,
        "confidential": confidential,
    }
    html = _environment().get_template("references.html").render(context)
    return PrintDocument(
        name=f"{app.id}/references" if app else "references",
        title=title,
        html=html,
        stylesheets=_stylesheets(design),
        files=tuple(ctx.files),
        roots=ctx.roots,
        notes=tuple(ctx.notes),
        lang=loaded.profile.meta.lang or "en",
    )


def private_set(loaded: LoadedProfile) -> Iterator[tuple[str, PrintDocument]]:
    """Every private document of a profile with its path under the output folder.

    Applications without a `letter:` have nothing to print yet and are skipped; a letter
    whose body is empty is an error (see `letter`).
    """
    yield "resume.pdf", resume(loaded, public=False)
    if any(r.visibility != "private" for r in loaded.profile.references):
        yield "references.pdf", reference_index(loaded)
    for app in loaded.profile.applications:
        if app.letter is not None:
            doc = letter(loaded, app.id)
            yield f"{doc.name}.pdf", doc
