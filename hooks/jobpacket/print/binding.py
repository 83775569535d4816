"""The pypdf side of binding a packet: reading each part once, enclosures only as their safe
copies, pages turned upright and stamped with their footer.

Parsing is most of what binding costs, and the same résumé, index and enclosures go into every
packet of a build, so readers are kept by the digest of what they read. packet.py decides what
goes in, in which order; this module only handles pages.
"""

from __future__ import annotations

import hashlib
import io
from collections import OrderedDict
from pathlib import Path
from typing import Any

#: The footer stamps: their height, and where they sit on a page (from its lower corners).
STAMP_HEIGHT_MM = 5.0
STAMP_SIDE_MM, STAMP_BOTTOM_MM = 13.0, 3.5
_MM = 72 / 25.4
#: Parsed PDFs kept (by the digest of their bytes) for the next packet of the build; larger
#: ones are parsed again rather than held.
_readers: OrderedDict[bytes, Any] = OrderedDict()
_READER_MEMO = 16
_READER_MEMO_MAX_BYTES = 8 * 1024 * 1024
#: Safe copies of enclosures kept in the cache folder; the format is part of their key.
_SAFE_KEEP = 64
_SAFE_FORMAT = b"jobpacket-safe-enclosure-1\0"


def as_artifact(page: Any) -> Any:
    """A stamp page whose content is marked as a pagination artifact for assistive tools."""
    from pypdf.generic import ContentStream

    body = page.get_contents().get_data()
    stream = ContentStream(None, page.pdf)  # the page belongs to a writer: pypdf edits those
    stream.set_data(b"/Artifact <</Type /Pagination /Subtype /Footer>> BDC\n" + body + b"\nEMC\n")
    page.replace_contents(stream)
    return page


def upright(page: Any) -> float:
    """Turn a rotated page's content upright (so the stamp lands at its visible foot); returns
    its visible width."""
    if page.rotation % 360:
        page.transfer_rotation_to_content()
    return float(page.cropbox.width)


def stamp(page: Any, stamp: Any) -> None:
    """Put the page's footer strip at its foot, as pypdf documents stamping: a merge."""
    from pypdf import Transformation

    box = page.cropbox
    at = Transformation().translate(float(box.left), float(box.bottom) + STAMP_BOTTOM_MM * _MM)
    page.merge_transformed_page(stamp, at)
    page.compress_content_streams()


def reader(data: bytes | Path, cache_dir: Path | None) -> Any:
    """A PDF reader over rendered bytes, or over an enclosed file's safe copy.

    An enclosure is bound only as `pdfsafe.safe_copy` makes it: no actions, scripts,
    attachments, forms or links other than to the web or its own pages. Parsing is most of
    what binding costs, and the same résumé, index and enclosures go into every packet of a
    build, so readers of small PDFs are kept (by the digest of what was read) and reused:
    pypdf copies pages out of a reader without changing it. The safe copies are kept in the
    cache folder, so a large enclosure is rewritten once, not once per packet.
    """
    from pypdf import PdfReader

    raw = data.read_bytes() if isinstance(data, Path) else data
    key = hashlib.sha256(raw).digest() + (b"safe" if isinstance(data, Path) else b"")
    found = _readers.get(key)
    if found is None:
        found = PdfReader(
            io.BytesIO(safe_enclosure(raw, cache_dir) if isinstance(data, Path) else raw)
        )
        if len(raw) > _READER_MEMO_MAX_BYTES:
            return found
        _readers[key] = found
        while len(_readers) > _READER_MEMO:
            _readers.popitem(last=False)
    _readers.move_to_end(key)
    return found


def safe_enclosure(raw: bytes, cache_dir: Path | None) -> bytes:
    """`pdfsafe.safe_copy(raw)`, kept in `cache_dir`/enclosures by digest."""
    from ..caches import read_entry, write_cache_entry
    from .pdfsafe import safe_copy

    name = hashlib.sha256(_SAFE_FORMAT + raw).hexdigest() + ".pdf"
    stored = cache_dir / "enclosures" / name if cache_dir is not None else None
    found = read_entry(stored)
    if found is not None:
        return found
    clean = safe_copy(raw)
    if stored is not None:
        write_cache_entry(stored, clean, keep=_SAFE_KEEP, pattern="*.pdf")
    return clean
