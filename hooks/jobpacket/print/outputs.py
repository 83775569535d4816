"""Which printed documents a build produces, where they go, and the cache that skips re-renders.

This is the one module the adapters (MkDocs hook, CLI) call for PDFs. Work is keyed by a
digest of everything that can change the bytes: the print HTML (which already holds the
profile data, the design, the page size and the date), the stylesheets, the font files, every
local file the HTML refers to, and the versions of jobpacket and WeasyPrint. An unchanged
document therefore costs a hash and a file read during `mkdocs serve`. Same inputs give the
same bytes (invariant 5), which is what makes this cache safe.

The cache lives in `.jobpacket-cache/pdf/` in the site folder (next to mkdocs.yml), or in
JOBPACKET_CACHE_DIR when that is set.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .. import __version__
from ..caches import cache_folder, write_cache_entry
from ..digests import file_digest as content_digest
from ..errors import Problem, ProfileError, UserError
from ..fsutil import write_atomic
from ..profile.model import LetterKind
from ..profile.validate import LoadedProfile
from ..settings import ENV_CACHE_DIR
from ..urls import file_url
from . import manifest, worker
from .printkit import ASSETS_DIR, PrintDocument
from .worker import RenderJob

SITE_RESUME = "resume.pdf"
CACHE_ENV = ENV_CACHE_DIR
_CACHE_FORMAT = b"jobpacket-pdf-1"
_MEMO_SIZE = 32
_DISK_KEEP = 64
_memo: OrderedDict[str, bytes] = OrderedDict()


def site_documents(
    loaded: LoadedProfile,
    *,
    cache_dir: Path | None = None,
    report: Callable[[Problem], None] | None = None,
) -> dict[str, bytes]:
    """Files to add to site/: the public résumé, built from the public view only.

    Keys are paths relative to the site root; values are the file contents. `report` receives
    located warnings (a photo that is a web address, say); errors raise ProfileError.
    """
    planned = site_print_documents(loaded, report=report)
    cache = default_cache_dir(loaded, cache_dir)
    return {name: render(doc, cache_dir=cache) for name, doc in planned.items()}


def site_print_documents(
    loaded: LoadedProfile, *, report: Callable[[Problem], None] | None = None
) -> dict[str, PrintDocument]:
    """The public documents, prepared but not rendered: `mkdocs serve` renders the ones not
    cached in the background, so a page never waits for a PDF."""
    from . import documents

    doc = documents.resume(loaded, public=True)
    _report(doc, report)
    return {SITE_RESUME: doc}


def cached_pdf(doc: PrintDocument, cache_dir: Path | None) -> bytes | None:
    """The document's PDF if an earlier render of the same inputs is kept; never renders."""
    return _cached(cache_key(doc), cache_dir)


def private_documents(
    loaded: LoadedProfile,
    out_dir: Path = Path("build"),
    *,
    cache_dir: Path | None = None,
    report: Callable[[Problem], None] | None = None,
    proofread: Callable[[list[PrintDocument]], None] | None = None,
) -> list[Path]:
    """Write the full résumé, the reference index and each application's letter to out_dir.

    These hold private details (phone, street address, letters), so out_dir must stay outside
    site/ where `mkdocs gh-deploy` would publish them. Every document is prepared and rendered
    before any file is written, so an error leaves the previous outputs as they were. Files whose
    bytes are unchanged are not rewritten. Returns the paths, in a stable order. `report`
    receives located warnings (a missing enclosure, say, or a letter longer than a page);
    `proofread` sees the prepared documents before anything is rendered (and reports their
    notes itself), and may stop the run by raising.
    """
    rendered = prepare_private_documents(
        loaded, out_dir, cache_dir=cache_dir, report=report, proofread=proofread
    )
    written: list[Path] = []
    for target, data in rendered:
        if not target.is_file() or target.read_bytes() != data:
            write_atomic(target, data)
        if target.name != manifest.MANIFEST:
            written.append(target)
    return written


def prepare_private_documents(
    loaded: LoadedProfile,
    out_dir: Path = Path("build"),
    *,
    cache_dir: Path | None = None,
    report: Callable[[Problem], None] | None = None,
    proofread: Callable[[list[PrintDocument]], None] | None = None,
) -> list[tuple[Path, bytes]]:
    """Every private document rendered, with the path it goes to; nothing is written, so an
    adapter can check and render everything before it changes any output. The last entry is
    out_dir's manifest (manifest.py): what each document was made from, written with them."""
    from . import documents

    cache = default_cache_dir(loaded, cache_dir)
    prepared = list(documents.private_set(loaded))
    if proofread is not None:
        proofread([doc for _, doc in prepared])
    else:
        for _, doc in prepared:
            _report(doc, report)
    pdfs = render_all([doc for _, doc in prepared], cache_dir=cache)
    if report is not None:
        from .pagefit import page_findings

        docs = [doc for _, doc in prepared]
        for problem in page_findings(loaded, list(zip(docs, pdfs, strict=True))):
            report(problem)
    out = [(out_dir / relpath, data) for (relpath, _), data in zip(prepared, pdfs, strict=True)]
    records = {
        target: manifest.made(loaded, cache_key(doc), data)
        for (target, data), (_, doc) in zip(out, prepared, strict=True)
    }
    return [*out, manifest.updated(out_dir, records)]


PACKETS_DIR = Path("build") / "packets"


@dataclass
class PacketRun:
    """What writing packets did: every application is tried, whatever the others do."""

    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    #: What each packet written or found up to date was made from (manifest.py).
    made: dict[Path, manifest.Made] = field(default_factory=dict)

    def raise_problems(self) -> None:
        if self.problems:
            raise ProfileError(self.problems)


def packet_ids(
    loaded: LoadedProfile, named: Sequence[str] = (), *, every: bool = False
) -> list[str]:
    """The applications to bind: those named, in the given order, or with `every` all but
    the withdrawn and accepted ones (nothing more to send), plus any of those named."""
    known = [a.id for a in loaded.profile.applications]
    unknown = [i for i in named if i not in known]
    if unknown:
        listed = ", ".join(known) or "none in the profile"
        raise UserError(f"no application {', '.join(map(repr, unknown))}; ids: {listed}")
    chosen = list(dict.fromkeys(named))
    if every:
        done = {"withdrawn", "accepted"}
        chosen += [
            a.id for a in loaded.profile.applications if a.status not in done and a.id not in chosen
        ]
    return chosen


def bindable_ids(loaded: LoadedProfile) -> list[str]:
    """The applications `mkdocs build` binds: every one (an application without `letter:`
    gets an assembled cover letter, as build/ does)."""
    return [a.id for a in loaded.profile.applications]


def write_packets(
    loaded: LoadedProfile,
    app_ids: Sequence[str],
    out_dir: Path,
    *,
    cache_dir: Path | None = None,
    report: Callable[[Problem], None] | None = None,
    proofread: Callable[[int, list[PrintDocument]], list[Problem]] | None = None,
    kind: LetterKind | None = None,
    number: int | None = None,
) -> PacketRun:
    """Write out_dir/<id>.pdf for each application; private, so out_dir stays outside site/.

    Each packet is prepared, rendered and then written (write, then rename), so a packet that
    fails leaves its previous file as it was, and the others are still written. A packet on
    disk whose /ID is the digest of the current inputs is left alone without rendering.
    Problems of every application are collected in the result, never raised here.
    """
    ready, run = render_packets(
        loaded,
        app_ids,
        out_dir,
        cache_dir=cache_dir,
        report=report,
        proofread=proofread,
        kind=kind,
        number=number,
    )
    for target, data in ready:
        write_atomic(target, data)
        run.written.append(target)
    if run.made:
        write_atomic(*manifest.updated(out_dir, run.made))
    return run


def render_packets(
    loaded: LoadedProfile,
    app_ids: Sequence[str],
    out_dir: Path,
    *,
    cache_dir: Path | None = None,
    report: Callable[[Problem], None] | None = None,
    proofread: Callable[[int, list[PrintDocument]], list[Problem]] | None = None,
    kind: LetterKind | None = None,
    number: int | None = None,
) -> tuple[list[tuple[Path, bytes]], PacketRun]:
    """Each packet that changed, rendered, with the path it goes to; nothing is written (the
    MkDocs adapter renders everything before it changes any output). The run lists the
    packets already up to date and the problems of every application.

    `proofread(index, documents)` sees each packet's documents before it is rendered and
    returns the errors that keep it from being written (checks/outgoing.py). `kind` and
    `number` choose each packet's letter (`--kind`, `--letter N`), else the latest unsent."""
    from . import packet, pdffacts

    cache = default_cache_dir(loaded, cache_dir)
    run = PacketRun()
    ready: list[tuple[Path, bytes]] = []
    # Each render worker keeps parsed CSS and fonts between jobs (pdf._styles), so the
    # packets of a build parse them once per worker.
    for app_id in app_ids:
        target = out_dir / f"{app_id}.pdf"
        try:
            prepared = packet.prepare(loaded, app_id, kind=kind, number=number)
            docs = [s.document for s in prepared.sources if s.document is not None]
            for doc in docs:
                _report(doc, report)
            if proofread is not None:
                index = [a.id for a in loaded.profile.applications].index(app_id)
                stopped = proofread(index, docs)
                if stopped:
                    run.problems.extend(stopped)
                    continue
            key = prepared.key
            if target.is_file() and pdffacts.packet_identifier(target, cache) == key[:32]:
                run.unchanged.append(target)
                kept = manifest.read(out_dir).get(target.name)
                if kept is None or kept.inputs != key:
                    kept = manifest.made(loaded, key, target.read_bytes())
                run.made[target] = kept
                continue
            data = packet.render(prepared, cache_dir=cache)
            ready.append((target, data))
            run.made[target] = manifest.made(loaded, key, data)
        except ProfileError as exc:
            run.problems.extend(exc.problems)
        except UserError as exc:
            index = [a.id for a in loaded.profile.applications].index(app_id)
            where = ("applications", index)
            run.problems.append(loaded.source.problem(where, f"packet {app_id!r}: {exc}"))
    return ready, run


def _report(doc: PrintDocument, report: Callable[[Problem], None] | None) -> None:
    if report is not None:
        for note in doc.notes:
            report(note)


def default_cache_dir(loaded: LoadedProfile, cache_dir: Path | None = None) -> Path:
    """Where rendered PDFs are kept between runs: argument, JOBPACKET_CACHE_DIR, or the site's."""
    return cache_dir if cache_dir is not None else cache_folder(loaded.path)


def file_digest(path: Path) -> bytes:
    """A file's name and contents, digested (cached while its size and mtime are unchanged)."""
    h = hashlib.sha256()
    _digest_file(h, path)
    return h.digest()


def _digest_file(h: hashlib._Hash, path: Path) -> None:
    """A file's name and contents; never its absolute path, which differs between machines
    and would make the PDF's /ID (taken from this digest) differ with it."""
    h.update(path.name.encode("utf-8", "surrogateescape") + b"\0")
    h.update(content_digest(path))


@lru_cache(maxsize=1)
def _weasyprint_version() -> str:
    from importlib.metadata import version

    return version("weasyprint")


def cache_key(doc: PrintDocument) -> str:
    """Digest of every input of a document's PDF."""
    h = hashlib.sha256(_CACHE_FORMAT)
    html = doc.html
    for i, root in enumerate(doc.roots):  # a file: URL in the HTML would name the folder
        html = html.replace(root.as_uri(), f"root{i}:")
    for part in (__version__, _weasyprint_version(), html):
        h.update(part.encode("utf-8", "surrogatepass") + b"\0")
    for path in doc.stylesheets:
        _digest_file(h, path)
    for path in sorted(p for p in (ASSETS_DIR / "fonts").rglob("*") if p.is_file()):
        _digest_file(h, path)
    for path in doc.files:
        _digest_file(h, path)
    return h.hexdigest()


def _job(doc: PrintDocument, key: str) -> RenderJob:
    sheets = tuple((p.read_text(encoding="utf-8"), file_url(p)) for p in doc.stylesheets)
    return RenderJob(
        html=doc.html,
        stylesheets=sheets,
        roots=tuple(doc.roots),
        identifier=bytes.fromhex(key[:32]),
        what=doc.name,
        lang=doc.lang,
        glyphs_checked=doc.glyphs_checked,
    )


def render_uncached(
    doc: PrintDocument, *, key: str | None = None, cache_dir: Path | None = None
) -> bytes:
    """Render one document in the render worker, under the time limit, bypassing the cache."""
    return worker.render(_job(doc, key or cache_key(doc)))


def render(doc: PrintDocument, *, cache_dir: Path | None = None) -> bytes:
    """PDF bytes for one document, from the memo or the disk cache when inputs are unchanged."""
    return render_all([doc], cache_dir=cache_dir)[0]


def render_all(docs: Sequence[PrintDocument], *, cache_dir: Path | None = None) -> list[bytes]:
    """PDF bytes for each document, in order; raises the first document's error."""
    results = render_settled(docs, cache_dir=cache_dir)
    for result in results:
        if isinstance(result, UserError):
            raise result
    return [r for r in results if isinstance(r, bytes)]


def render_settled(
    docs: Sequence[PrintDocument], *, cache_dir: Path | None = None
) -> list[bytes | UserError]:
    """PDF bytes (or the user error) for each document, in order. The ones not cached render
    side by side on the worker pool (one process per core), so a cohort of profiles builds
    in one command."""
    keys = [cache_key(doc) for doc in docs]
    results: list[bytes | UserError | None] = [_cached(key, cache_dir) for key in keys]
    missing = [i for i, data in enumerate(results) if data is None]
    fresh = worker.render_settled([_job(docs[i], keys[i]) for i in missing])
    for i, data in zip(missing, fresh, strict=True):
        results[i] = data
        if cache_dir is not None and isinstance(data, bytes):
            _store(cache_dir / "pdf" / f"{keys[i]}.pdf", data)
    for key, result in zip(keys, results, strict=True):
        if isinstance(result, bytes):
            _memo[key] = result
            _memo.move_to_end(key)
    while len(_memo) > _MEMO_SIZE:
        _memo.popitem(last=False)
    return [data for data in results if data is not None]


def _cached(key: str, cache_dir: Path | None) -> bytes | None:
    if key in _memo:
        return _memo[key]
    cached = cache_dir / "pdf" / f"{key}.pdf" if cache_dir else None
    if cached is not None and cached.is_file():
        data = cached.read_bytes()
        if data.startswith(b"%PDF-"):
            return data
    return None


def _store(path: Path, data: bytes) -> None:
    """Keep a rendered PDF; the cache is an optimisation, so failing to write is not an error."""
    write_cache_entry(path, data, keep=_DISK_KEEP, pattern="*.pdf")
