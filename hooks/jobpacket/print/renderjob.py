"""What a render is asked and how it can fail: the job a render process receives, the time it
may take, and the user errors it ends with.

Plain data and exception types only, so that the renderer (pdf.py), the processes that run
it (worker.py) and the one-shot launcher's child can all share them without importing each
other.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import UserError


class RenderTimeout(UserError):
    """A document took longer than the time limit to render."""


class RefusedFetch(UserError):
    """WeasyPrint asked for something outside the allowed folders; nothing was read."""


class WorkerCrashed(UserError):
    """The render process died (out of memory, a crash in a native library)."""


class RenderTooLarge(UserError):
    """A document needed more memory than a render process may use."""


@dataclass(frozen=True)
class RenderJob:
    """Everything a worker needs to lay out one document; plain data, so it pickles."""

    html: str
    stylesheets: tuple[tuple[str, str], ...]  # (CSS text, base URL)
    roots: tuple[Path, ...]  # the only folders WeasyPrint may read
    identifier: bytes  # the PDF's /ID, derived from the inputs
    what: str = "document"  # names the document in messages
    lang: str = "en"
    variant: str | None = "pdf/ua-1"  # None: an untagged PDF (a packet's page stamps)
    glyphs_checked: bool = False  # PrintDocument.glyphs_checked


def time_limit(base: float | None, html_bytes: int, per_bytes: int | None) -> float | None:
    """Seconds a document of `html_bytes` of print HTML may render: `base` once per
    `per_bytes` (at least once); None: no limit; `per_bytes` None: `base` whatever the size.

    Layout time grows with the document, so a flat limit stopped long CVs for their length
    alone. Growing with the HTML, it still
    stops what the limit is for: a layout far slower than its size explains.
    """
    if base is None or per_bytes is None:
        return base
    return base * max(1.0, html_bytes / per_bytes)
