"""What every printed document needs, whichever it is.

Where files may come from (and the located messages when a profile points elsewhere), the
one date stamped into a PDF, how dates and links read on paper, and Markdown made safe for
print (the paper size is profile/paper.py's). layout.py holds the templates; documents.py
builds the résumé, letters and reference index on top of both.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, time
from pathlib import Path
from typing import Any

import nh3
from markupsafe import Markup

from ..dates import first_day, moment
from ..errors import SCHEMA, FieldPath, Problem, ProfileError, UserError
from ..markup import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, markdown_to_html
from ..profile.model import Application, Profile
from ..profile.paths import (
    LOCAL_FILE_LIMIT,
    Folders,
    project_root,
    resolve_local,
)
from ..profile.validate import LoadedProfile
from ..profile.values import is_private
from ..urls import MARKDOWN_SCHEMES, print_href
from ..views.timeline import letter_kind

PACKAGE_DIR = Path(__file__).resolve().parent.parent
TEMPLATES_DIR = PACKAGE_DIR / "templates" / "print"
ASSETS_DIR = PACKAGE_DIR / "assets"


_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_FALLBACK_DATE = datetime(2000, 1, 1, tzinfo=UTC)


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
    #: Its text went through print/glyphs.py, whose located warnings name each character no
    #: font has; WeasyPrint's own unlocated ".notdef" notice for them is then left out.
    glyphs_checked: bool = False


@dataclass
class PrintContext:
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

    def warn(self, path: FieldPath, message: str, *, rule: str = SCHEMA) -> None:
        self.notes.append(self.loaded.source.problem(path, message, severity="warning", rule=rule))

    def raise_errors(self) -> None:
        if self.errors:
            raise ProfileError(self.errors)


# --- where files may come from -----------------------------------------------------------------


def allowed_roots(loaded: LoadedProfile) -> tuple[Path, ...]:
    """Folders print rendering may read: the profile's folder, content/, our own assets."""
    root = project_root(loaded)
    folders = [loaded.path.resolve().parent, root / "content", ASSETS_DIR, TEMPLATES_DIR]
    return tuple(dict.fromkeys(Path(os.path.realpath(f)) for f in folders))


def local_file(
    ctx: PrintContext, where: FieldPath, value: str, *, used: bool, under_content: bool = False
) -> Path | None:
    """Resolve a profile path to a readable file inside the project, or report why not.

    The rules live in profile/paths.py, shared with `jobpacket check` so both report the same
    findings; here they are collected into the document's errors and notes.
    """
    folders = Folders(ctx.profile_dir, ctx.content_dir)
    found, problems = resolve_local(
        ctx.loaded, folders, where, value, used=used, under_content=under_content
    )
    for problem in problems:
        (ctx.errors if problem.severity == "error" else ctx.notes).append(problem)
    if found is not None and used:
        ctx.files.append(found)
    return found


MAX_IMAGE_BYTES = 5 * 1024 * 1024
#: The largest file (enclosure, letter, image) a printed document reads.
MAX_LOCAL_FILE_BYTES = LOCAL_FILE_LIMIT  # the rule lives in profile/paths.py


def image_data_url(ctx: PrintContext, where: FieldPath, path: Path) -> str | None:
    """An image file as a `data:` URL, so that nothing in the PDF depends on where the
    project sits on disk (WeasyPrint names an image after its URL), or a warning if too big."""
    import base64
    import mimetypes

    from ..caches import cache_folder
    from ..confined import Refused, read_inside
    from .images import ImageRefused, clean_image, image_problem

    root = ctx.content_dir.parent
    # Named as the user finds it, folder included (content/images/me.png, not me.png).
    name = repr(str(path.relative_to(root)) if path.is_relative_to(root) else str(path))
    kind = mimetypes.guess_type(path.name)[0] or ""
    if not kind.startswith("image/"):
        ctx.warn(where, f"{name} is not an image file (PNG, JPEG, GIF, WebP or SVG)", rule="files")
        return None
    if path.stat().st_size > MAX_IMAGE_BYTES:
        ctx.warn(
            where,
            f"{name} is larger than 5 MB; it is left out; use a smaller image",
            rule="files",
        )
        return None
    try:  # read once, confined to the project on the file actually read (confined.py)
        data = read_inside(path, (ctx.profile_dir, ctx.content_dir), limit=MAX_IMAGE_BYTES)[1]
    except Refused as exc:
        ctx.warn(where, f"{path.name!r} {exc.reason}; it is left out", rule="files")
        return None
    problem = image_problem(data, kind)
    if problem is None and kind != "image/svg+xml":
        try:  # the pixels only: no EXIF (GPS, names), comments or XMP reach the PDF
            data = clean_image(data, cache_folder(ctx.loaded.path) / "images")
        except ImageRefused as exc:
            problem = str(exc)
    if problem is not None:
        ctx.warn(where, f"{name} {problem}; it is left out", rule="files")
        return None
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"


def embedded_photo(ctx: PrintContext, where: FieldPath, kind: str, data: bytes) -> str | None:
    """A photo the profile holds as a `data:` URL, re-encoded after the same check as a
    file's, or a warning when it cannot be printed."""
    import base64

    from .images import image_problem

    problem = image_problem(data, kind)
    if problem is not None:
        ctx.warn(where, f"the embedded photo {problem}; it is left out", rule="files")
        return None
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"


# --- small formatting helpers ------------------------------------------------------------------


def document_date(profile: Profile) -> datetime:
    """The one date stamped into every PDF: SOURCE_DATE_EPOCH, meta.lastModified, or fixed.

    Never the clock: the same inputs must give the same bytes.
    """
    from ..settings import current

    epoch = current().source_date_epoch
    if epoch is not None:
        return datetime.fromtimestamp(epoch, tz=UTC)
    stamp = profile.meta.lastModified
    found = moment(stamp)
    if found is None and stamp:
        try:  # a partial date ("2025-02") is its first day
            found = datetime.combine(first_day(stamp.strip()[:10]), time(), tzinfo=UTC)
        except ValueError:
            found = None
    return found or _FALLBACK_DATE


def w3c(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def bare_url(url: str | None) -> str:
    """How a link reads on paper: without the scheme or a trailing slash."""
    if not url:
        return ""
    return re.sub(r"^(https?://|mailto:)", "", url).rstrip("/")


def _keep_web_links(tag: str, attr: str, value: str) -> str | None:
    if tag == "a" and attr == "href" and print_href(value) is None:
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
            url_schemes=set(MARKDOWN_SCHEMES),
            link_rel="noopener noreferrer nofollow",
        )
    )


def print_inline(text: str | None) -> Markup:
    """A short Markdown field (a highlight) as inline markup, without its paragraph."""
    html = str(print_markdown(text)).strip()
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return Markup(html)


def visible(items: Iterable[Any]) -> list[Any]:
    return [i for i in items if not is_private(i)]


def find_application(loaded: LoadedProfile, app_id: str) -> tuple[int, Application]:
    """The application with this id and its index (for located messages), or a user error."""
    for i, app in enumerate(loaded.profile.applications):
        if app.id == app_id:
            return i, app
    known = ", ".join(a.id for a in loaded.profile.applications) or "none"
    raise UserError(f"no application with id {app_id!r} in {loaded.source.file}; known: {known}")


def letter_date(loaded: LoadedProfile, app: Application) -> str:
    """The date a letter is given: its own, else the application date for a cover letter,
    else the document date (never the clock: same inputs, same bytes). The print step and
    rule `letters` both date letters with it, so both say the same."""
    kind = letter_kind(app)
    return (
        (app.letter.date if app.letter else None)
        or (app.applied if kind == "cover" else None)
        or document_date(loaded.profile).date().isoformat()
    )
