"""Print HTML -> PDF bytes with WeasyPrint, confined to the project's own files and a clock.

Importing this module imports WeasyPrint; callers import it inside the functions that render,
so `jobpacket check` and the site's page generation never pay for it.

Three guarantees live here:
- WeasyPrint reads nothing but `data:` URLs and files inside the allowed folders
  (`ConfinedFetcher`); no http(s), no other path, so no redirects either (invariant 4).
- The same inputs give the same bytes: fixed dates come in through the HTML, and the PDF
  file identifier is derived from the inputs instead of being left out or random (invariant 5).
- A render that runs too long is stopped (`RenderTimeout`), so a hostile or huge profile
  cannot hang a build or `mkdocs serve`.
"""

from __future__ import annotations

import contextlib
import ctypes.util
import mimetypes
import os
import pickle
import select
import shutil
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from ..profile.errors import UserError

T = TypeVar("T")


def _timeout_setting(default: float = 60.0) -> float:
    try:
        value = float(os.environ.get("JOBPACKET_RENDER_TIMEOUT", default))
    except ValueError:
        return default
    return value if value > 0 else default


#: Seconds one document may take to render (JOBPACKET_RENDER_TIMEOUT); the example's résumé
#: needs well under one.
RENDER_TIMEOUT = _timeout_setting()
#: The largest single file (image, font) WeasyPrint may read.
MAX_FILE_BYTES = 20 * 1024 * 1024
PDF_VARIANT = "pdf/ua-1"


def _import_weasyprint() -> Any:
    """Import WeasyPrint without ctypes' slow library search on Linux.

    WeasyPrint loads each native library by trying several names; for every name that is not
    a path, cffi calls ctypes.util.find_library, which on Linux runs ldconfig and the C
    compiler: about 0.3 s per process, a third of the time `jobpacket pdf` takes. Every
    name list ends with the library's exact soname, which the dynamic loader finds itself, so
    we let find_library answer "not found" at once while WeasyPrint imports, and import again
    the ordinary way should that ever fail.
    """
    if "weasyprint.text.ffi" in sys.modules or not sys.platform.startswith("linux"):
        import weasyprint

        return weasyprint
    original = ctypes.util.find_library
    ctypes.util.find_library = lambda name: None
    try:
        import weasyprint
    except OSError:
        for module in [m for m in sys.modules if m == "weasyprint" or m.startswith("weasyprint.")]:
            del sys.modules[module]
        ctypes.util.find_library = original
        import weasyprint
    finally:
        ctypes.util.find_library = original
    return weasyprint


weasyprint = _import_weasyprint()
from weasyprint.text.fonts import FontConfiguration  # noqa: E402
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse  # noqa: E402


class RenderTimeout(UserError):
    """A document took longer than the time limit to render."""


class RefusedFetch(UserError):
    """WeasyPrint asked for something outside the allowed folders; nothing was read."""


class _Deadline(BaseException):
    """Raised by the alarm; a BaseException so no `except Exception` inside WeasyPrint eats it."""


class ConfinedFetcher(URLFetcher):
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
        self.read.append(path)
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": content_type})

    def open(self, url: Any, data: Any = None, timeout: Any = None) -> Any:  # pragma: no cover
        """urllib's entry point; routed through `fetch` so no handler can reach the network."""
        return self.fetch(url if isinstance(url, str) else url.full_url)


def warm_hyphenation(lang: str | None, cache_dir: Path | None) -> None:
    """Load the hyphenation patterns for `lang` from a JSON copy kept in `cache_dir`.

    Pyphen parses its dictionary text on first use in every process (0.1 to 0.2 s for
    English, a sixth of `jobpacket pdf`); the parsed patterns are plain strings and integers,
    so a JSON copy loads several times faster. Pyphen keeps parsed dictionaries in its
    module-level `hdcache`, which is where WeasyPrint's lookup finds this one. Anything
    unexpected (a dictionary with nonstandard hyphenation, an unreadable or altered copy, a
    different Pyphen) falls back to Pyphen's own parsing: this only ever saves time.
    """
    import json

    import pyphen

    if not lang or cache_dir is None:
        return
    try:
        name = pyphen.language_fallback(lang)
        path = pyphen.LANGUAGES[name] if name else None
        if path is None or path in pyphen.hdcache:
            return
        stat = Path(path).stat()
        copy = cache_dir / f"hyph-{name}-{pyphen.__version__}-{stat.st_size}.json"
        if copy.is_file():
            raw = json.loads(copy.read_text(encoding="utf-8"))
            patterns = {str(k): (int(v[0]), tuple(int(x) for x in v[1])) for k, v in raw.items()}
            hd = pyphen.HyphDict.__new__(pyphen.HyphDict)
            hd.patterns, hd.cache, hd.maxlen = patterns, {}, max(map(len, patterns))
            pyphen.hdcache[path] = hd
            return
        hd = pyphen.HyphDict(path)
        pyphen.hdcache[path] = hd
        if all(type(v) is int for _, values in hd.patterns.values() for v in values):
            from ..fsutil import write_atomic

            data = {k: [start, list(values)] for k, (start, values) in hd.patterns.items()}
            write_atomic(copy, json.dumps(data, separators=(",", ":")).encode("utf-8"))
    except (OSError, ValueError, TypeError, KeyError, AttributeError, IndexError):
        return


@dataclass
class _Session:
    """Parsed stylesheets and loaded fonts shared by the renders of one batch (see
    `render_session`), keyed by the stylesheets and the folders they may read."""

    pid: int
    styles: dict[Any, tuple[Any, list[Any]]] = field(default_factory=dict)


_session: _Session | None = None


@contextlib.contextmanager
def render_session() -> Iterator[None]:
    """Share parsed CSS and loaded @font-face fonts between the renders inside the block.

    Parsing the print CSS and loading its fonts is about 40 % of rendering a one-page
    document; a batch of documents with the same stylesheets (the packets of a build) pays
    it once. The output is byte for byte what separate renders give. The fonts' temporary
    folders are removed when the block ends; a forked render child never uses the session.
    """
    global _session
    if _session is not None:  # nested: the outer block owns the session
        yield
        return
    _session = _Session(os.getpid())
    try:
        yield
    finally:
        session, _session = _session, None
        for font_config, _ in session.styles.values():
            folder = getattr(font_config, "_folder", None)
            if folder:
                shutil.rmtree(folder, ignore_errors=True)


def _styles(
    stylesheets: Sequence[tuple[str, str]], roots: Sequence[Path], fetcher: ConfinedFetcher
) -> tuple[Any, list[Any], bool]:
    """Font configuration and parsed CSS (read through `fetcher` when parsed here); the last
    item says whether they belong to the session (else the caller removes the fonts' folder)."""
    key = (tuple(stylesheets), tuple(roots))
    session = _session if _session is not None and _session.pid == os.getpid() else None
    if session is not None and key in session.styles:
        return (*session.styles[key], True)
    font_config = FontConfiguration()
    try:
        css = [
            weasyprint.CSS(string=text, base_url=base, url_fetcher=fetcher, font_config=font_config)
            for text, base in stylesheets
        ]
    except BaseException:
        folder = getattr(font_config, "_folder", None)
        if folder:
            shutil.rmtree(folder, ignore_errors=True)
        raise
    if session is not None:
        session.styles[key] = (font_config, css)
    return font_config, css, session is not None


def _render(
    html: str,
    stylesheets: Sequence[tuple[str, str]],
    roots: Sequence[Path],
    identifier: bytes,
    variant: str | None = PDF_VARIANT,
) -> bytes:
    fetcher = ConfinedFetcher(roots)
    font_config, shared = None, False
    try:
        font_config, css, shared = _styles(stylesheets, roots, fetcher)
        document = weasyprint.HTML(
            string=html, base_url=stylesheets[0][1] if stylesheets else None, url_fetcher=fetcher
        )
        pdf = document.write_pdf(
            stylesheets=css,
            font_config=font_config,
            pdf_variant=variant,
            pdf_identifier=identifier,
        )
    except FatalURLFetchingError as exc:
        url, reason = fetcher.refused[-1] if fetcher.refused else (str(exc), str(exc.__cause__))
        raise RefusedFetch(
            f"the print templates asked for {url}, which was not read ({reason}); printed "
            "documents only use files next to the profile, under content/ or in jobpacket"
        ) from None
    finally:
        # WeasyPrint copies @font-face files into a temporary folder that it removes in
        # FontConfiguration.__del__; reference cycles can put that off until exit (or forever,
        # when the CLI exits early), so remove it as soon as the PDF exists (or, shared by a
        # render session, when the session ends).
        folder = getattr(font_config, "_folder", None)
        if folder and not shared:
            shutil.rmtree(folder, ignore_errors=True)
    assert isinstance(pdf, bytes)
    return pdf


@contextlib.contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    """Interrupt the main thread after `seconds` (SIGALRM; Unix only)."""

    def expired(signum: int, frame: Any) -> None:
        raise _Deadline

    previous = signal.signal(signal.SIGALRM, expired)
    started = time.monotonic()
    pending, interval = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if pending:  # someone else's alarm was running (a test timeout, say): put it back
            left = max(pending - (time.monotonic() - started), 0.001)
            signal.setitimer(signal.ITIMER_REAL, left, interval)


def _in_child(func: Callable[[], T], seconds: float) -> T:
    """Run `func` in a forked child and kill it after `seconds`.

    Used off the main thread (e.g. `mkdocs serve` rebuilds), where no alarm can interrupt
    Python code. The child already has WeasyPrint imported, so forking costs milliseconds.
    """
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child, reported through the pipe
        status = 0
        try:
            os.close(read_fd)
            try:
                payload = pickle.dumps(("ok", func()))
            except BaseException as exc:
                try:
                    payload = pickle.dumps(("error", exc))
                except Exception:
                    payload = pickle.dumps(("bug", traceback.format_exc()))
            with os.fdopen(write_fd, "wb") as out:
                out.write(payload)
        except BaseException:
            status = 1
        finally:
            os._exit(status)
    os.close(write_fd)
    chunks: list[bytes] = []
    deadline = time.monotonic() + seconds
    try:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([read_fd], [], [], remaining)[0]:
                os.kill(pid, signal.SIGKILL)
                raise _Deadline
            chunk = os.read(read_fd, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(read_fd)
        os.waitpid(pid, 0)
    if not chunks:
        raise RuntimeError("the PDF rendering process ended without an answer")
    kind, value = pickle.loads(b"".join(chunks))
    if kind == "ok":
        return value  # type: ignore[no-any-return]
    if kind == "error":
        raise value
    raise RuntimeError(f"PDF rendering failed in the child process:\n{value}")


def _interruptible_here() -> bool:
    """Whether an alarm can stop a render in this thread (else it runs in a child process)."""
    return threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")


def with_time_limit(func: Callable[[], T], seconds: float | None, what: str) -> T:
    """Run `func`, stopping it after `seconds` with a `RenderTimeout` naming `what`."""
    if not seconds:
        return func()
    try:
        if _interruptible_here():
            with _alarm(seconds):
                return func()
        if hasattr(os, "fork"):
            return _in_child(func, seconds)
        return func()  # pragma: no cover - no way to interrupt a thread on this platform
    except _Deadline:
        raise RenderTimeout(
            f"{what}: rendering took longer than {seconds:g} s and was stopped; shorten the "
            "profile's text, or raise JOBPACKET_RENDER_TIMEOUT if it really is that long"
        ) from None


_warmed: set[tuple[str, tuple[tuple[str, str], ...]]] = set()


def _warm_up(stylesheets: Sequence[tuple[str, str]], roots: Sequence[Path], lang: str) -> None:
    """Render a tiny trusted page with the same CSS and language in this process, once.

    A child process forgets what it learnt (parsed C types, the hyphenation dictionary,
    loaded fonts) when it exits; warming the parent first makes every later child render
    about 40 % faster, which is what `mkdocs serve` feels on each edit.
    """
    key = (lang, tuple(stylesheets))
    if key in _warmed:
        return
    from html import escape

    import pyphen

    if pyphen.language_fallback(lang):
        pyphen.Pyphen(lang=lang)  # parsed once into pyphen.hdcache, inherited by children
    page = (
        f'<html lang="{escape(lang)}"><body><h1>Warm-up</h1><h2>Section</h2>'
        "<p>Representative hyphenation of a paragraph <em>with</em> <strong>styles</strong>."
        "</p><ul><li>item</li></ul></body></html>"
    )
    _render(page, stylesheets, roots, b"warm-up")
    _warmed.add(key)


def render_pdf(
    html: str,
    *,
    stylesheets: Sequence[tuple[str, str]] = (),
    roots: Sequence[Path] = (),
    identifier: bytes = b"jobpacket",
    timeout: float | None = RENDER_TIMEOUT,
    what: str = "document",
    lang: str = "en",
    variant: str | None = PDF_VARIANT,
) -> bytes:
    """Render print HTML to PDF bytes.

    `stylesheets` are (CSS text, base URL) pairs; the first base URL also resolves the HTML's
    relative URLs. `roots` are the only folders WeasyPrint may read. `identifier` becomes the
    PDF's /ID, so pass something derived from the inputs. `lang` is the document's language,
    used to warm up the parent process before a render goes to a child. `variant` None
    makes an untagged PDF (a packet's page stamps, which are artifacts, not content).
    """
    if timeout and not _interruptible_here() and hasattr(os, "fork"):
        _warm_up(stylesheets, roots, lang)
    return with_time_limit(
        lambda: _render(html, stylesheets, roots, identifier, variant), timeout, what
    )


def file_url(path: Path) -> str:
    """A file: URL for WeasyPrint (which resolves relative URLs against it)."""
    from weasyprint.urls import path2url

    return str(path2url(str(path)))
