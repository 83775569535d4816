"""PDFs that do nothing but show pages: the one place a PDF from the user's disk is rewritten.

An enclosure is a file someone else made (a scanned form, a certificate, a letter from a
portal), bound into a packet that a stranger at the employer opens, so it must not act when
opened: no action runs on opening or on any event (/OpenAction, /AA), no JavaScript (the
/JavaScript names tree, /JS actions), no other program is started (/Launch), no file rides
along (/EmbeddedFiles, file attachment annotations), no form submits or resets, and a link
goes only to a page of the document or to a web or mail address (http, https, mailto) —
never file:, javascript: or another document. Form fields are flattened: the look of each
field as filled in is drawn onto its page, and the field itself is removed. Everything else
(the pages, their text, images and fonts, the outline) is kept.

`public_copy` is the same for a PDF published on the site, which in addition loses its
document information (/Info: author, title, the program and often a user name or a local
path) and XMP metadata.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
from pathlib import Path
from typing import Any

from ..caches import write_cache_entry
from ..urls import scheme

__all__ = ["WEB_SCHEMES", "PdfRefused", "defang", "public_copy", "safe_copy"]

#: Changes whenever `public_copy` would copy differently, so no older copy is served.
_PUBLIC_FORMAT = b"jobpacket-public-pdf-1\0"
_PUBLIC_KEEP, _PUBLIC_KEEP_ON_DISK = 16, 64
_public: dict[str, bytes] = {}

#: The only link targets outside the document an enclosure or published PDF may keep.
WEB_SCHEMES = ("http", "https", "mailto")
#: Keys that hold actions, scripts, embedded files or media, removed wherever they appear.
_ACTIVE_KEYS = (
    "/AA",
    "/OpenAction",
    "/JS",
    "/JavaScript",
    "/EmbeddedFiles",
    "/EF",
    "/RF",
    "/XFA",
    "/RichMediaContent",
)
#: Catalog entries dropped besides the active keys: forms (flattened first), portfolios.
_CATALOG_KEYS = ("/AcroForm", "/Collection", "/Renditions")
#: Annotations that are not a link or markup: they play, run, attach or submit.
_DROPPED_ANNOTATIONS = frozenset(
    {"/Widget", "/FileAttachment", "/Screen", "/Movie", "/Sound", "/RichMedia", "/3D"}
)
_METADATA_KEYS = ("/Metadata", "/PieceInfo")


class PdfRefused(ValueError):
    """A PDF that cannot be read to be rewritten; the message says why."""


def _allowed_action(action: Any) -> bool:
    from pypdf.generic import DictionaryObject

    action = action.get_object()
    if not isinstance(action, DictionaryObject):
        return False
    kind = action.get("/S")
    if kind == "/GoTo":
        return True
    if kind == "/URI":
        uri = action.get("/URI")
        text = uri.decode("latin-1") if isinstance(uri, bytes) else str(uri or "")
        return scheme(text.strip()) in WEB_SCHEMES
    return False


def _flatten_widget(page: Any, annotation: Any, index: int) -> bytes:
    """Drawing operators that paint a form field's current appearance where it sits, with
    its appearance stream added to the page's resources; b"" when it has none or is hidden."""
    from pypdf.generic import DictionaryObject, NameObject, StreamObject

    flags = int(annotation.get("/F", 0) or 0)
    appearance = annotation.get("/AP")
    appearance = appearance.get_object() if appearance is not None else None
    if flags & 2 or not isinstance(appearance, DictionaryObject):  # 2: hidden
        return b""
    normal = appearance.get("/N")
    normal = normal.get_object() if normal is not None else None
    if isinstance(normal, DictionaryObject) and not isinstance(normal, StreamObject):
        state: Any = annotation.get("/AS")
        chosen: Any = normal.get(state) if state in normal else None
        normal = chosen.get_object() if chosen is not None else None
    if not isinstance(normal, StreamObject) or "/Rect" not in annotation:
        return b""
    x1, y1, x2, y2 = (float(v) for v in annotation["/Rect"])
    bx1, by1, bx2, by2 = (float(v) for v in normal.get("/BBox", [0, 0, x2 - x1, y2 - y1]))
    sx = (abs(x2 - x1) / abs(bx2 - bx1)) if bx2 != bx1 else 1.0
    sy = (abs(y2 - y1) / abs(by2 - by1)) if by2 != by1 else 1.0
    resources = page.get("/Resources")
    resources = resources.get_object() if resources is not None else DictionaryObject()
    page[NameObject("/Resources")] = resources
    xobjects = resources.get("/XObject")
    xobjects = xobjects.get_object() if xobjects is not None else DictionaryObject()
    resources[NameObject("/XObject")] = xobjects
    name = f"/JobpacketField{index}"
    normal[NameObject("/Type")] = NameObject("/XObject")
    normal[NameObject("/Subtype")] = NameObject("/Form")
    xobjects[NameObject(name)] = normal.indirect_reference or normal
    left, bottom = min(x1, x2) - bx1 * sx, min(y1, y2) - by1 * sy
    return f"q {sx:.6g} 0 0 {sy:.6g} {left:.6g} {bottom:.6g} cm {name} Do Q\n".encode()


def _clean_annotations(page: Any) -> None:
    """Keep a page's links to web addresses and its own pages, and its markup; flatten form
    fields onto the page; drop every other annotation."""
    from pypdf.generic import ArrayObject, ContentStream, DictionaryObject, NameObject

    annotations = page.get("/Annots")
    if annotations is None:
        return
    annotations = annotations.get_object()
    kept = ArrayObject()
    drawn = b""
    for i, ref in enumerate(annotations if isinstance(annotations, ArrayObject) else []):
        annotation = ref.get_object()
        if not isinstance(annotation, DictionaryObject):
            continue
        kind = annotation.get("/Subtype")
        if kind == "/Widget":
            # a field whose look cannot be read is dropped without it
            with contextlib.suppress(ValueError, TypeError, AttributeError, KeyError):
                drawn += _flatten_widget(page, annotation, i)
            continue
        if kind in _DROPPED_ANNOTATIONS:
            continue
        if "/A" in annotation and not _allowed_action(annotation["/A"]):
            if kind == "/Link":
                continue
            del annotation["/A"]
        kept.append(ref)
    if drawn:
        body = page.get_contents()
        data = body.get_data() if body is not None else b""
        stream = ContentStream(None, page.pdf)
        stream.set_data(b"q\n" + data + b"\nQ\n" + drawn)
        page.replace_contents(stream)
    if kept:
        page[NameObject("/Annots")] = kept
    else:
        del page["/Annots"]


def _strip(root: Any, *, metadata: bool) -> None:
    """Remove active content (and with `metadata`, XMP) from every object reachable from
    `root`; links with a disallowed target lose the action (a /Link the whole annotation)."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    keys = (*_ACTIVE_KEYS, *(_METADATA_KEYS if metadata else ()))
    seen: set[int] = set()
    stack: list[Any] = [root]
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            if item.idnum in seen:
                continue
            seen.add(item.idnum)
            item = item.get_object()
        if isinstance(item, DictionaryObject):
            for key in keys:
                if key in item:
                    del item[key]
            if "/A" in item:
                if not _allowed_action(item["/A"]):
                    del item["/A"]
                else:
                    action: Any = item["/A"].get_object()
                    if "/Next" in action:
                        del action["/Next"]  # an allowed action runs no chain of others
            stack.extend(v for k, v in item.items() if k != "/Parent")
        elif isinstance(item, ArrayObject):
            stack.extend(item)


def defang(writer: Any, *, metadata: bool = False) -> None:
    """Rewrite the document in `writer` (a pypdf PdfWriter) in place so that it only shows
    pages: see the module's docstring. `metadata` also drops XMP streams. What is cut off
    stays in the writer, unreferenced: `safe_copy` and `public_copy` write only what is left."""
    from pypdf.generic import DictionaryObject

    for page in writer.pages:
        _clean_annotations(page)
    root = writer.root_object
    for key in (*_CATALOG_KEYS, "/OpenAction", "/AA"):
        if key in root:
            del root[key]
    names = root.get("/Names")
    names = names.get_object() if names is not None else None
    if isinstance(names, DictionaryObject):
        for key in ("/JavaScript", "/EmbeddedFiles", "/Renditions"):
            if key in names:
                del names[key]
    _strip(root, metadata=metadata)


def safe_copy(data: bytes) -> bytes:
    """An enclosure as it is bound into a packet: pages, outline and web links kept; actions,
    scripts, attachments and non-web links removed, form fields flattened. Raises
    PdfRefused if pypdf cannot read it."""
    return _rewrite(data, metadata=False)


def public_copy(data: bytes, cache_dir: Path | None = None) -> bytes:
    """A PDF for the site: as `safe_copy`, and without document information (/Info) and XMP
    metadata. Raises PdfRefused if pypdf cannot read it.

    Kept by the digest of `data` in memory, and in `cache_dir` when given: every build
    publishes the same PDFs again, and copying one means importing pypdf first. A refusal is
    not kept, so it is reported on every build."""
    key = hashlib.sha256(_PUBLIC_FORMAT + data).hexdigest()
    stored = cache_dir / f"{key}.pdf" if cache_dir is not None else None
    if key in _public:
        # Made earlier in this process, perhaps for another cache folder: keep it in this one
        # too, so the next process finds it.
        if stored is not None and not stored.exists():
            write_cache_entry(stored, _public[key], keep=_PUBLIC_KEEP_ON_DISK, pattern="*.pdf")
        return _public[key]
    try:
        clean = stored.read_bytes() if stored is not None else None
    except OSError:
        clean = None
    if clean is None or not clean.startswith(b"%PDF-"):
        clean = _rewrite(data, metadata=True)
        if stored is not None:
            write_cache_entry(stored, clean, keep=_PUBLIC_KEEP_ON_DISK, pattern="*.pdf")
    _public[key] = clean
    while len(_public) > _PUBLIC_KEEP:
        _public.pop(next(iter(_public)))
    return clean


def _rewrite(data: bytes, *, metadata: bool) -> bytes:
    """Defang a copy, then copy it once more from its catalog down: the second copy takes
    only the objects the document still refers to, so nothing cut off (a script, an
    embedded file) is left in the file unreferenced, where a mail filter would still find it."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise PdfRefused("is encrypted (password-protected); use an unprotected copy")
        writer = PdfWriter(clone_from=reader)
        defang(writer, metadata=metadata)
        first = io.BytesIO()
        writer.write(first)
        again = PdfWriter(clone_from=PdfReader(first))
        if metadata:
            again.metadata = None
        out = io.BytesIO()
        again.write(out)
    except PdfRefused:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
        raise PdfRefused(
            f"is not a readable PDF ({type(exc).__name__}: {exc}); export it to PDF again"
        ) from None
    return out.getvalue()
