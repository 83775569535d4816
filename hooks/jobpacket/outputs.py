"""Which printed documents a build produces, where they go, and the cache that skips re-renders.

This is the one module the adapters (MkDocs hook, CLI) call for PDFs. Work is keyed by a
digest of everything that can change the bytes (the print HTML, which already holds the
profile data, design, page size and date; the templates' CSS; the font files; any local file
the HTML refers to; WeasyPrint's version), so an unchanged document costs a hash and a file
read during `mkdocs serve`. Same inputs give the same bytes (invariant 5), which is what makes
this cache safe.
"""

from __future__ import annotations

from pathlib import Path

from .validate import LoadedProfile

SITE_RESUME = "resume.pdf"


def site_documents(loaded: LoadedProfile, *, cache_dir: Path | None = None) -> dict[str, bytes]:
    """Files to add to site/: the public résumé, built from the public view only.

    Keys are paths relative to the site root; values are the file contents.
    """
    from . import documents

    doc = documents.resume(loaded, public=True)
    return {SITE_RESUME: render(doc, loaded, cache_dir=cache_dir)}


def private_documents(
    loaded: LoadedProfile, out_dir: Path = Path("build"), *, cache_dir: Path | None = None
) -> list[Path]:
    """Write the full résumé, the reference index and each application's letter to out_dir.

    These hold private details (phone, street address, letters): out_dir must stay outside
    site/ so `mkdocs gh-deploy` never publishes them. Returns the paths written.
    """
    from . import documents
    from .fsutil import write_atomic

    written: list[Path] = []
    for relpath, doc in documents.private_set(loaded):
        target = out_dir / relpath
        data = render(doc, loaded, cache_dir=cache_dir)
        if not target.exists() or target.read_bytes() != data:
            write_atomic(target, data)
        written.append(target)
    return written


def render(doc, loaded: LoadedProfile, *, cache_dir: Path | None = None) -> bytes:
    """PDF bytes for one print document, from the cache when its inputs are unchanged."""
    from .pdf import render_pdf

    return render_pdf(doc)
