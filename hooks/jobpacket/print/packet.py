"""One PDF per application: the letter, the tailored résumé, the index of recommenders and the
enclosures, bound in that order with one outline and one page count.

What goes in, and in which order, is `enclosures.plan` (the letter's "Enclosures:" line reads
the same list). Here the parts are prepared (`prepare`: print documents and checked files, no
rendering), given a digest of every input (`Packet.key`), rendered through the digest cache of
outputs.py and bound with pypdf (`render`):

- the packet's own parts are rendered without their page footer (packet.css), and one footer
  is stamped on every page afterwards, appended pages included, so "Page n of N" counts the
  whole packet. The stamps are strips as wide as the pages, rendered untagged with the
  design's font once per page count and widths, and marked as artifacts (pagination, not
  content);
- each part is one outline entry, with the part's own outline nested under it;
- more than three parts get a contents page first, with the page each part starts on;
- the same inputs give the same bytes: no clock, and the /ID is the packet's digest, which is
  also how an unchanged packet on disk is recognised without rebuilding it.

Language: a packet speaks its letter's language (the application's `lang`, else `meta.lang`):
the letter, the bookmarks (the titles its "Enclosures:" line gives the parts), the contents
page, the page footers and the PDF's /Lang. The résumé and the reference index inside are
the profile's own documents, in `meta.lang`, and keep their nested headings in it: an English
résumé under a "Lebenslauf" bookmark, as a German employer would file it.

Tagging: pypdf copies each part's pages with their marked content, but not the parts'
structure trees, which it cannot merge; the packet carries its language, title and metadata.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import io
from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import __version__
from ..errors import FieldPath, Problem, ProfileError
from ..i18n.labels import labels
from ..i18n.tags import language
from ..profile.model import LetterKind
from ..profile.validate import LoadedProfile
from ..urls import file_url
from . import binding, documents, enclosures, outputs
from .layout import (
    base_context,
    choose_design,
    contact_items,
    environment,
    require_name,
    stylesheets,
)
from .printkit import TEMPLATES_DIR, PrintContext, PrintDocument, document_date

PACKET_CSS = TEMPLATES_DIR / "packet.css"
#: A contents page is added when a packet has more parts than this (the letter included).
CONTENTS_AFTER = 3
_FORMAT = b"jobpacket-packet-2"  # 2: enclosures bound as their safe copies
_TEMPLATES = ("contents.html", "image.html", "stamp.html", "base.html", "_macros.html")
_stamps: OrderedDict[str, list[Any]] = OrderedDict()


@dataclass(frozen=True)
class Source:
    """One part of a packet: a print document to render, or a checked PDF file to append."""

    title: str
    document: PrintDocument | None = None
    file: Path | None = None
    #: For a file: the field that names it and the path as written, for located messages.
    where: FieldPath = ()
    value: str = ""


@dataclass(frozen=True)
class Packet:
    """Everything one application's packet is made from, prepared but not rendered."""

    app_id: str
    name: str
    title: str
    subject: str
    keywords: tuple[str, ...]
    lang: str
    design: str
    sources: tuple[Source, ...]
    contents: dict[str, Any]
    #: Where rendering may read; not part of the key, which must not depend on where the
    #: project sits on disk (the key is the PDF's /ID).
    roots: tuple[Path, ...] = ()
    #: Makes a located problem (the profile's SourceMap.problem); not part of the key either.
    locate: Callable[..., Problem] | None = dataclasses.field(default=None, compare=False)

    @property
    def key(self) -> str:
        """Digest of every input: the parts' own cache keys, the enclosed files' contents,
        the packet's text and templates. Equal keys mean equal bytes."""
        h = hashlib.sha256(_FORMAT)
        for text in (__version__, self.name, self.title, self.subject, self.lang, self.design):
            h.update(text.encode("utf-8", "surrogatepass") + b"\0")
        for text in self.keywords:
            h.update(text.encode("utf-8", "surrogatepass") + b"\1")
        for source in self.sources:
            h.update(source.title.encode("utf-8", "surrogatepass") + b"\0")
            if source.document is not None:
                h.update(outputs.cache_key(source.document).encode("ascii"))
            if source.file is not None:
                h.update(outputs.file_digest(source.file))
        h.update(repr(sorted(self.contents.items())).encode("utf-8", "surrogatepass"))
        for name in _TEMPLATES:
            h.update(outputs.file_digest(TEMPLATES_DIR / name))
        h.update(outputs.file_digest(PACKET_CSS))
        return h.hexdigest()


def resume_for(loaded: LoadedProfile, app_id: str, design: str) -> PrintDocument:
    """The résumé a packet encloses: the owner's full copy, tailored to the application.
    Without `tailor` it is the same HTML as the untailored résumé, so the digest cache renders
    it once for all such packets."""
    return documents.resume(loaded, public=False, design=design, application=app_id)


def _bare(doc: PrintDocument) -> PrintDocument:
    """A part rendered for a packet: without its own footer, which the stamp replaces."""
    return dataclasses.replace(doc, stylesheets=(*doc.stylesheets, PACKET_CSS))


def _image_page(
    loaded: LoadedProfile,
    design: str,
    title: str,
    path: Path,
    kind: str,
    where: FieldPath = (),
    value: str = "",
) -> PrintDocument:
    """An image enclosure on a page of its own, embedded as data so that nothing in the PDF
    depends on where the project sits on disk, and without its metadata (images.py)."""
    import base64

    from .images import ImageRefused, clean_image

    try:
        data = clean_image(path.read_bytes())
    except ImageRefused as exc:
        raise ProfileError([loaded.source.problem(where, f"{value!r} {exc}")]) from None
    src = f"data:image/{kind};base64,{base64.b64encode(data).decode('ascii')}"
    context = base_context(loaded, design, "image", title) | {
        "subject": title,
        "keywords": [],
        "src": src,
    }
    return PrintDocument(
        name=f"image/{path.name}",
        title=title,
        html=environment().get_template("image.html").render(context),
        stylesheets=(*stylesheets(design), PACKET_CSS),
        roots=PrintContext(loaded).roots,
        lang=language(loaded.profile.meta.lang),
    )


def prepare(
    loaded: LoadedProfile,
    app_id: str,
    *,
    design: str | None = None,
    kind: LetterKind | None = None,
    number: int | None = None,
) -> Packet:
    """Check and prepare one application's packet; nothing is rendered yet. Its letter is
    the one asked for (``kind``, ``number``; by default the latest not yet sent), and what
    follows it is what that letter encloses.

    Raises ProfileError with every problem of this application (its letter, each enclosure).
    """
    design = choose_design(loaded, design)
    index, app = documents.find_application(loaded, app_id)
    ctx = PrintContext(loaded)
    name = require_name(loaded, ctx)
    # The packet's own words (bookmarks, contents page, page footers, its /Lang) are the
    # letter's: the letter's "Enclosures:" line names the parts with the same titles. The
    # résumé and the reference index inside are made from `loaded`, in meta.lang.
    written = documents.chosen(loaded, app_id, kind=kind, number=number)
    parts = enclosures.plan(written, index)
    problems: list[Problem] = []
    try:
        letter = documents.letter(loaded, app_id, design=design, kind=kind, number=number)
    except ProfileError as exc:
        # The letter only names the enclosures; the packet checks their files itself, more
        # strictly and naming the application, so the letter's word on them is left out.
        checked = {p.where for p in parts if p.value is not None}
        problems.extend(p for p in exc.problems if p.path not in checked)
        letter = None
    sources: list[Source] = []
    for part in parts:
        try:
            if part.kind == "resume":
                sources.append(Source(part.title, _bare(resume_for(loaded, app_id, design))))
            elif part.kind == "references":
                # The index as one document for every packet: the packet's contents page,
                # letter and metadata already name the employer, and one render serves all.
                doc = documents.reference_index(loaded, design=design)
                sources.append(Source(part.title, _bare(doc)))
            else:
                found = enclosures.check_file(ctx, app_id, part)
                if found is None:
                    continue
                path, file_kind = found
                if file_kind == "pdf":
                    sources.append(
                        Source(part.title, file=path, where=part.where, value=part.value or "")
                    )
                else:
                    image = _image_page(
                        written, design, part.title, path, file_kind, part.where, part.value or ""
                    )
                    sources.append(Source(part.title, image))
        except ProfileError as exc:
            problems.extend(exc.problems)
    problems.extend(ctx.errors)
    if problems:
        unique = dict.fromkeys(problems)
        raise ProfileError(sorted(unique, key=lambda p: (p.line, p.col, p.message)))
    assert letter is not None
    # The letter's own title is "<name> – <kind> – <organization>": its kind names the part.
    kind_title = letter.title.removeprefix(f"{name} – ").split(" – ")[0] or "Letter"
    what = ", ".join(x for x in (app.position, app.organization) if x)
    words = labels(written.profile.meta.lang)
    return Packet(
        app_id=app.id,
        name=name,
        title=f"{name} – {words['application']}" + (f": {what}" if what else ""),
        subject=what or app.id,
        keywords=tuple(
            dict.fromkeys(x for x in (app.position, app.organization, "job application", name) if x)
        ),
        lang=language(written.profile.meta.lang),
        design=design,
        sources=(Source(kind_title, _bare(letter)), *sources),
        contents=_contents_inputs(written, design, name, what),
        roots=ctx.roots,
        locate=loaded.source.problem,
    )


def _contents_inputs(loaded: LoadedProfile, design: str, name: str, what: str) -> dict[str, Any]:
    """What the contents page says besides the parts: plain values, so they enter the key."""
    profile = loaded.profile
    return {
        "base": tuple(sorted(base_context(loaded, design, "contents", "").items())),
        "name": name,
        "contact": tuple(tuple(sorted(i.items())) for i in contact_items(profile)),
        "prepared_for": labels(profile.meta.lang)["application_for"].format(what=what)
        if what
        else "",
        "heading": labels(profile.meta.lang)["contents"],
        "date": document_date(profile).isoformat(),
    }


def _contents_document(packet: Packet, rows: list[dict[str, Any]]) -> PrintDocument:
    c = packet.contents
    title = f"{packet.name} – {c['heading']}"
    context = dict(c["base"]) | {
        "title": title,
        "subject": packet.subject,
        "keywords": list(packet.keywords),
        "name": c["name"],
        "contact": [dict(i) for i in c["contact"]],
        "heading": c["heading"],
        "prepared_for": c["prepared_for"],
        "rows": rows,
    }
    return PrintDocument(
        name=f"{packet.app_id}/contents",
        title=title,
        html=environment().get_template("contents.html").render(context),
        stylesheets=(*stylesheets(packet.design), PACKET_CSS),
        roots=packet.roots,
        lang=packet.lang,
    )


# --- binding -----------------------------------------------------------------------------------


def _stamp_pages(packet: Packet, widths: list[float], cache_dir: Path | None) -> list[Any]:
    """The footer stamps of a packet whose pages have these widths (in points): for page n, a
    strip as wide as the page with the name on the left and "Page n of N" on the right.

    One untagged WeasyPrint PDF, its pages marked as artifacts; kept per text and widths, so
    the packets of a build, which mostly share a length, render it once.
    """
    from pypdf import PdfWriter

    from . import worker
    from .renderjob import RenderJob

    design_css = stylesheets(packet.design)[-1]
    page_label = labels(packet.lang)["page"]  # "Page {page} of {pages}" in the language
    sizes = list(dict.fromkeys(round(w, 2) for w in widths))
    html = (
        environment()
        .get_template("stamp.html")
        .render(
            lang=packet.lang,
            name=packet.name,
            widths=sizes,
            pages=[
                {
                    "size": sizes.index(round(w, 2)) + 1,
                    "label": page_label.format(page=n, pages=len(widths)),
                }
                for n, w in enumerate(widths, 1)
            ],
            height_mm=binding.STAMP_HEIGHT_MM,
            side_mm=binding.STAMP_SIDE_MM,
        )
    )
    key = hashlib.sha256(html.encode("utf-8") + outputs.file_digest(design_css)).hexdigest()
    if key in _stamps:
        _stamps.move_to_end(key)
        return _stamps[key]
    job = RenderJob(
        html=html,
        stylesheets=((design_css.read_text(encoding="utf-8"), file_url(design_css)),),
        roots=(TEMPLATES_DIR, TEMPLATES_DIR.parent.parent / "assets"),
        identifier=bytes.fromhex(key[:32]),
        what=f"{packet.app_id}/page stamps",
        lang=packet.lang,
        variant=None,
    )
    data = worker.render(job)
    stamps = PdfWriter(clone_from=io.BytesIO(data))
    _stamps[key] = [binding.as_artifact(p) for p in stamps.pages]
    while len(_stamps) > 32:
        _stamps.popitem(last=False)
    return _stamps[key]


@contextlib.contextmanager
def _binding(packet: Packet, source: Source | None) -> Iterator[None]:
    """An enclosed PDF that pypdf read but cannot copy or stamp is the user's file, not a
    bug: a located error naming the application, the field and the file."""
    from pypdf.errors import PyPdfError

    if source is None or packet.locate is None:
        yield
        return
    try:
        yield
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
        message = (
            f"packet {packet.app_id!r}: {source.value!r} could not be bound "
            f"({type(exc).__name__}: {exc}); export it to PDF again"
        )
        raise ProfileError([packet.locate(source.where, message)]) from None


def render(packet: Packet, *, cache_dir: Path | None = None) -> bytes:
    """The packet's PDF bytes. The parts come from the digest cache when unchanged."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import (
        ArrayObject,
        BooleanObject,
        ByteStringObject,
        NameObject,
        TextStringObject,
    )

    rendered: list[tuple[str, bytes | Path]] = []
    for source in packet.sources:
        if source.document is not None:
            rendered.append((source.title, outputs.render(source.document, cache_dir=cache_dir)))
        else:
            assert source.file is not None
            rendered.append((source.title, source.file))
    key = packet.key
    readers: list[tuple[str, Any]] = []
    for (title, data), enclosed in zip(rendered, packet.sources, strict=True):
        with _binding(packet, enclosed if enclosed.file else None):
            readers.append((title, binding.reader(data, cache_dir)))
    counts = [len(r.pages) for _, r in readers]
    if len(readers) > CONTENTS_AFTER:
        rows, first = [], 2
        for (title, _), count in zip(readers, counts, strict=True):
            rows.append({"title": title, "page": first})
            first += count
        contents = outputs.render(_contents_document(packet, rows), cache_dir=cache_dir)
        readers.insert(0, (packet.contents["heading"], PdfReader(io.BytesIO(contents))))
    writer = PdfWriter()
    owners: list[Source | None] = []  # the enclosed file each page comes from, if any
    files = [None] * (len(readers) - len(packet.sources)) + list(packet.sources)
    for (title, reader), part in zip(readers, files, strict=True):
        with _binding(packet, part if part and part.file else None):
            writer.append(reader, outline_item=title, excluded_fields=("/AA",))
        owners += [part if part and part.file else None] * (len(writer.pages) - len(owners))
    widths = []
    for page, owner in zip(writer.pages, owners, strict=True):
        with _binding(packet, owner):
            widths.append(binding.upright(page))
    stamps = _stamp_pages(packet, widths, cache_dir)
    for page, stamp, owner in zip(writer.pages, stamps, owners, strict=True):
        with _binding(packet, owner):
            binding.stamp(page, stamp)
    created = "D:" + _created(packet).strftime("%Y%m%d%H%M%S") + "Z"
    writer.add_metadata(
        {
            "/Title": packet.title,
            "/Author": packet.name,
            "/Subject": packet.subject,
            "/Keywords": ", ".join(packet.keywords),
            "/Creator": f"jobpacket {__version__}",
            "/Producer": f"jobpacket {__version__} (WeasyPrint, pypdf)",
            "/CreationDate": created,
            "/ModDate": created,
        }
    )
    writer.root_object[NameObject("/Lang")] = TextStringObject(packet.lang)
    writer.page_mode = "/UseOutlines"
    # The /DisplayDocTitle entry that pypdf's display_doctitle property sets; the property
    # is added at run time, so type checkers see it as a bare `property`.
    writer.create_viewer_preferences()[NameObject("/DisplayDocTitle")] = BooleanObject(True)
    # pypdf's public generate_file_identifiers() is random and it has no setter for a
    # chosen /ID; the trailer writes its `_ID`. The one reach into pypdf, guarded: should
    # an upgrade drop the attribute, pypdf writes no /ID (still the same bytes for the
    # same inputs) and packets are merely rebuilt each time; test_packet's /ID assertion
    # fails so the change is seen.
    if hasattr(writer, "_ID"):
        identifier = ByteStringObject(bytes.fromhex(key[:32]))
        writer._ID = ArrayObject([identifier, identifier])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _created(packet: Packet) -> Any:
    """The profile's one document date (never the clock), in UTC."""
    from datetime import UTC, datetime

    return datetime.fromisoformat(packet.contents["date"]).astimezone(UTC)
