"""Print HTML -> PDF bytes with WeasyPrint, confined to the project's own files.

This module runs inside the render worker (worker.py), which imports it once, or in a
one-shot command's own process while the launcher watches it (launch.py); never in the
process that builds the site. It knows nothing about time limits: the process watching the
render (the worker's parent, or the launcher) kills a render that runs too long.

Two guarantees live here:
- WeasyPrint reads nothing but `data:` URLs and files inside the allowed folders
  (`ConfinedFetcher`); no http(s), no other path, so no redirects either (invariant 4).
- The same inputs give the same bytes: fixed dates come in through the HTML, and the PDF
  file identifier is derived from the inputs instead of being left out or random (invariant 5).
"""

from __future__ import annotations

import gc
import mimetypes
import os
import shutil
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from ..collecting import RENDERING, fewer_collections
from ..confined import Refused, read_inside
from ..urls import file_url
from .renderjob import RefusedFetch, RenderJob, RenderTimeout
from .speedups import import_weasyprint

__all__ = [
    "PDF_VARIANT",
    "ConfinedFetcher",
    "RefusedFetch",
    "RenderTimeout",
    "file_url",
    "render_job",
    "render_pdf",
]

#: The largest single file (image, font) WeasyPrint may read.
MAX_FILE_BYTES = 20 * 1024 * 1024
PDF_VARIANT = "pdf/ua-1"

weasyprint = import_weasyprint()
from weasyprint.text.fonts import FontConfiguration  # noqa: E402
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse  # noqa: E402


class ConfinedFetcher(URLFetcher):  # type: ignore[misc]  # URLFetcher is Any: WeasyPrint is untyped
    """Serves `data:` URLs and regular files inside `roots`; refuses everything else.

    Symbolic links are resolved before the check, so a link inside the project that points
    at /etc is refused like the path itself. Refusals are recorded and, because
    `fail_on_errors` is set, stop the render instead of leaving a silent gap in the PDF.
    """

    def __init__(self, roots: Sequence[Path]) -> None:
        super().__init__(timeout=1, allowed_protocols=("data", "file"), fail_on_errors=True)
        self.roots = tuple(Path(os.path.realpath(r)) for r in roots)
        self.refused: list[tuple[str, str]] = []
        self.read: list[Path] = []

    def _refuse(self, url: str, reason: str) -> ValueError:
        self.refused.append((url, reason))
        return ValueError(f"refused {url}: {reason}")

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if scheme == "data":
            from urllib.request import DataHandler, Request

            with DataHandler().data_open(Request(url)) as response:
                body = response.read()
                content_type = response.headers.get("Content-Type", "text/plain")
            return URLFetcherResponse(url, body, {"Content-Type": content_type})
        if scheme != "file":
            raise self._refuse(url, "only files inside the project are read, never the network")
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            raise self._refuse(url, "a file on another host")
        path = Path(os.path.realpath(url2pathname(unquote(parts.path))))
        if not any(path == r or path.is_relative_to(r) for r in self.roots):
            raise self._refuse(url, "outside the profile's folder, content/ and jobpacket's assets")
        if not path.is_file():
            raise self._refuse(url, "not a regular file")
        if path.stat().st_size > MAX_FILE_BYTES:
            raise self._refuse(url, f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
        try:  # checked again on the file opened: a swap for a link after the check is refused
            _, body = read_inside(path, self.roots, limit=MAX_FILE_BYTES)
        except Refused as exc:
            raise self._refuse(url, exc.reason) from None
        self.read.append(path)
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), body, {"Content-Type": content_type})

    def open(self, url: Any, data: Any = None, timeout: Any = None) -> Any:  # pragma: no cover
        """urllib's entry point; routed through `fetch` so no handler can reach the network."""
        return self.fetch(url if isinstance(url, str) else url.full_url)


#: Stylesheet sets whose parsed CSS and loaded fonts a worker keeps (LRU).
_STYLE_SETS = 8
_styles_kept: OrderedDict[Any, tuple[Any, list[Any]]] = OrderedDict()


def _drop_fonts(font_config: Any) -> None:
    """WeasyPrint copies @font-face files into a temporary folder that it removes in
    FontConfiguration.__del__, which reference cycles can put off until exit; remove it now."""
    folder = getattr(font_config, "_folder", None)
    if folder:
        shutil.rmtree(folder, ignore_errors=True)


def _styles(
    stylesheets: Sequence[tuple[str, str]], roots: Sequence[Path], fetcher: ConfinedFetcher
) -> tuple[Any, list[Any]]:
    """Font configuration and parsed CSS for these stylesheets, kept between renders.

    Parsing the print CSS and loading its fonts is about 40 % of rendering a one-page
    document; a worker renders many documents with the same stylesheets (the documents and
    packets of a build, every `mkdocs serve` rebuild), so it parses them once. The output is
    byte for byte what a fresh parse gives.
    """
    key = (tuple(stylesheets), tuple(roots))
    if key in _styles_kept:
        _styles_kept.move_to_end(key)
        return _styles_kept[key]
    font_config = FontConfiguration()
    try:
        css = [
            weasyprint.CSS(string=text, base_url=base, url_fetcher=fetcher, font_config=font_config)
            for text, base in stylesheets
        ]
    except BaseException:
        _drop_fonts(font_config)
        raise
    _styles_kept[key] = (font_config, css)
    while len(_styles_kept) > _STYLE_SETS:
        _drop_fonts(_styles_kept.popitem(last=False)[1][0])
    _freeze_once()
    return font_config, css


_frozen = False


def _freeze_once() -> None:
    """Keep what a worker holds for its whole life out of Python's full garbage collections.

    The imported modules, WeasyPrint's tables and the first parsed stylesheets are some 80,000
    objects that never die; every full collection walked them again, about a tenth of a warm
    render. `gc.freeze` (the standard library's tool for this) leaves them alone. It is done
    once, before the worker's first render, when its only garbage is the half-dozen objects
    imports left; no collection first, which would cost a one-shot `jobpacket pdf` more.
    (A process that renders in-process after other work, a test, pins the cycles it holds.)
    """
    global _frozen
    if not _frozen:
        _frozen = True
        gc.freeze()


#: Decoded images kept between renders are dropped once they hold more than this.
_IMAGE_CACHE_BYTES = 64 * 1024 * 1024


class _ImageCache(dict[str, Any]):
    """WeasyPrint's image cache (`cache=`), kept by a worker from one render to the next.

    WeasyPrint keys an image by its URL. Printed documents embed every image as a `data:`
    URL (printkit.image_data_url), whose key is its content, so a decoded photo is valid for
    any later render. Any other URL is not kept: a file may change between renders, and a
    cached entry would skip the ConfinedFetcher of a later render with other roots. SVG is
    not kept either (it holds the fetcher of the render that parsed it). WeasyPrint's own
    entries for an image's data have keys without a colon; they are rewritten whenever an
    image is decoded again.
    """

    def __setitem__(self, key: str, value: Any) -> None:
        if ":" in key and (not key.startswith("data:") or key.startswith("data:image/svg")):
            return
        super().__setitem__(key, value)

    def trim(self) -> None:
        """Start afresh when the kept images grow past `_IMAGE_CACHE_BYTES`."""
        size = sum(len(k) + (len(v) if isinstance(v, bytes) else 0) for k, v in self.items())
        if size > _IMAGE_CACHE_BYTES:
            self.clear()


_images = _ImageCache()


def render_pdf(
    html: str,
    *,
    stylesheets: Sequence[tuple[str, str]] = (),
    roots: Sequence[Path] = (),
    identifier: bytes = b"jobpacket",
    variant: str | None = PDF_VARIANT,
) -> bytes:
    """Render print HTML to PDF bytes in this process, with no time limit.

    `stylesheets` are (CSS text, base URL) pairs; the first base URL also resolves the HTML's
    relative URLs. `roots` are the only folders WeasyPrint may read. `identifier` becomes the
    PDF's /ID, so pass something derived from the inputs. `variant` None makes an untagged
    PDF (a packet's page stamps, which are artifacts, not content).
    """
    return _render(html, stylesheets, roots, identifier, variant)[0]


def _render(
    html: str,
    stylesheets: Sequence[tuple[str, str]],
    roots: Sequence[Path],
    identifier: bytes,
    variant: str | None,
) -> tuple[bytes, int]:
    """`render_pdf`, with the number of pages WeasyPrint laid out (its `finisher` hook sees
    the document before the PDF is written): nothing needs to parse the PDF to learn it."""
    pages: list[int] = []

    def count(document: Any, _pdf: Any) -> None:
        pages.append(len(document.pages))

    fetcher = ConfinedFetcher(roots)
    try:
        font_config, css = _styles(stylesheets, roots, fetcher)
        with fewer_collections(RENDERING):
            document = weasyprint.HTML(
                string=html,
                base_url=stylesheets[0][1] if stylesheets else None,
                url_fetcher=fetcher,
            )
            _images.trim()
            pdf = document.write_pdf(
                stylesheets=css,
                font_config=font_config,
                pdf_variant=variant,
                pdf_identifier=identifier,
                cache=_images,
                finisher=count,
            )
    except FatalURLFetchingError as exc:
        url, reason = fetcher.refused[-1] if fetcher.refused else (str(exc), str(exc.__cause__))
        raise RefusedFetch(
            f"the print templates asked for {url}, which was not read ({reason}); printed "
            "documents only use files next to the profile, under content/ or in jobpacket"
        ) from None
    assert isinstance(pdf, bytes)
    return pdf, pages[0]


def render_counted(job: RenderJob) -> tuple[bytes, int]:
    """The worker's entry point: one job, rendered here; its PDF and page count."""
    return _render(job.html, job.stylesheets, job.roots, job.identifier, job.variant)


def render_job(job: RenderJob) -> bytes:
    """One job, rendered here: its PDF."""
    return render_counted(job)[0]
