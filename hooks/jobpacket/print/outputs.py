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

import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from pathlib import Path

from ..caches import cache_folder, write_cache_entry
from ..errors import Problem, UserError
from ..fsutil import write_atomic
from ..profile.validate import LoadedProfile
from ..settings import ENV_CACHE_DIR
from ..urls import file_url
from . import inputkeys, manifest, worker

# The keys live in inputkeys.py; callers also find them (and the tally) here.
from .inputkeys import Known
from .inputkeys import cache_key as cache_key
from .inputkeys import file_digest as file_digest
from .inputkeys import tally as tally
from .printkit import PrintDocument
from .renderjob import RenderJob

SITE_RESUME = "resume.pdf"
CACHE_ENV = ENV_CACHE_DIR
_MEMO_SIZE = 32
_DISK_KEEP = 64
_memo: OrderedDict[str, bytes] = OrderedDict()
#: A cohort renders its profiles' documents from several threads at once.
_memo_lock = threading.Lock()


#: The public documents: file name under site/, and what the document is (inputkeys).
_SITE_PLAN = {SITE_RESUME: ("resume-public",)}


def site_documents(
    loaded: LoadedProfile,
    *,
    cache_dir: Path | None = None,
    report: Callable[[Problem], None] | None = None,
    before_render: Callable[[], None] | None = None,
) -> dict[str, bytes]:
    """Files to add to site/: the public résumé, built from the public view only.

    Keys are paths relative to the site root; values are the file contents. `report` receives
    located warnings (a photo that is a web address, say); errors raise ProfileError. When the
    inputs are those of an earlier build, the PDFs come from the cache without any print HTML.
    `before_render` is called before a document that is not cached is rendered (`mkdocs
    serve` says so).
    """
    cache = default_cache_dir(loaded, cache_dir)
    known = _known_site_documents(loaded, cache)
    if known is not None:
        return known
    planned = _site_print_documents(loaded, report=report, cache_dir=cache)
    out: dict[str, bytes] = {}
    for name, doc in planned.items():
        data = cached_pdf(doc, cache)
        if data is None:
            if before_render is not None:
                before_render()
            data = render(doc, cache_dir=cache)
        out[name] = data
    return out


def _known_site_documents(loaded: LoadedProfile, cache_dir: Path | None) -> dict[str, bytes] | None:
    """The public documents when every one of them is known by its inputs (print/inputkeys.py)
    and its PDF is cached; None when any must be made."""
    out: dict[str, bytes] = {}
    for name, what in _SITE_PLAN.items():
        found = _known_pdf(inputkeys.input_key(loaded, what, None), cache_dir)
        if found is None:
            return None
        out[name] = found[1]
    return out


def _known_pdf(input_key: str, cache_dir: Path | None) -> tuple[Known, bytes] | None:
    """What the last making of a document with these inputs found, and its cached PDF; None
    when either is gone (the document must be made)."""
    known = inputkeys.recall(input_key, cache_dir)
    data = _cached(known.key, cache_dir) if known is not None else None
    return (known, data) if known is not None and data is not None else None


def _site_print_documents(
    loaded: LoadedProfile,
    *,
    report: Callable[[Problem], None] | None = None,
    cache_dir: Path | None = None,
) -> dict[str, PrintDocument]:
    """The public documents, prepared but not rendered: `mkdocs serve` renders the ones not
    cached in the background, so a page never waits for a PDF."""
    from . import documents

    doc = documents.resume(loaded, public=True)
    tally.made += 1
    report_notes(doc, report)
    input_key = inputkeys.input_key(loaded, _SITE_PLAN[SITE_RESUME], None)
    _remember(input_key, doc, default_cache_dir(loaded, cache_dir))
    return {SITE_RESUME: doc}


def _remember(input_key: str, doc: PrintDocument, cache_dir: Path | None) -> None:
    """Key a document just made on its inputs, unless it has notes, which must be made (and
    so reported) afresh every time (see print/inputkeys.py)."""
    if not doc.notes:
        inputkeys.remember(input_key, cache_dir, Known(name=doc.name, key=cache_key(doc)))


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
    plan = list(documents.private_plan(loaded))
    input_keys = [inputkeys.input_key(loaded, p.what, p.app) for p in plan]
    # With a proofreader every document is made: it reads their text.
    found: list[tuple[Known, bytes] | None] = [None] * len(plan)
    if proofread is None:
        found = [_known_pdf(key, cache) for key in input_keys]
    made: dict[int, PrintDocument] = {}
    for i, planned in enumerate(plan):
        if found[i] is None:
            made[i] = planned.make()
            tally.made += 1
    if proofread is not None:
        proofread(list(made.values()))
    else:
        for doc in made.values():
            report_notes(doc, report)
    for i, doc in made.items():
        _remember(input_keys[i], doc, cache)
    pdfs = dict(zip(made, render_all(list(made.values()), cache_dir=cache), strict=True))
    rows: list[tuple[str, str, bytes]] = []  # name, PDF cache key, PDF
    for i in range(len(plan)):
        done = found[i]
        if done is not None:
            rows.append((done[0].name, done[0].key, done[1]))
        else:
            rows.append((made[i].name, cache_key(made[i]), pdfs[i]))
    if report is not None:
        from .pagefit import page_findings

        for problem in page_findings(loaded, [(name, data) for name, _, data in rows]):
            report(problem)
    out = [(out_dir / f"{name}.pdf", data) for name, _, data in rows]
    records = {
        target: manifest.made(loaded, key, data)
        for (target, data), (_, key, _) in zip(out, rows, strict=True)
    }
    return [*out, manifest.updated(out_dir, records)]


def report_notes(doc: PrintDocument, report: Callable[[Problem], None] | None) -> None:
    if report is not None:
        for note in doc.notes:
            report(note)


def default_cache_dir(loaded: LoadedProfile, cache_dir: Path | None = None) -> Path:
    """Where rendered PDFs are kept between runs: argument, JOBPACKET_CACHE_DIR, or the site's."""
    return cache_dir if cache_dir is not None else cache_folder(loaded.path)


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
    docs: Sequence[PrintDocument], *, cache_dir: Path | None = None, alongside: bool = False
) -> list[bytes | UserError]:
    """PDF bytes (or the user error) for each document, in order. The ones not cached render
    side by side on the worker pool (one process per core), so a cohort of profiles builds
    in one command. `alongside`: the caller runs other calls like this one at the same time
    (on threads), so even a single document goes to a worker."""
    keys = [cache_key(doc) for doc in docs]
    results: list[bytes | UserError | None] = [_cached(key, cache_dir) for key in keys]
    missing = [i for i, data in enumerate(results) if data is None]
    with _memo_lock:
        tally.rendered += len(missing)
    fresh = worker.render_settled([_job(docs[i], keys[i]) for i in missing], alongside=alongside)
    for i, data in zip(missing, fresh, strict=True):
        results[i] = data
        if cache_dir is not None and isinstance(data, bytes):
            _store(cache_dir / "pdf" / f"{keys[i]}.pdf", data)
    with _memo_lock:
        for key, result in zip(keys, results, strict=True):
            if isinstance(result, bytes):
                _memo[key] = result
                _memo.move_to_end(key)
        while len(_memo) > _MEMO_SIZE:
            _memo.popitem(last=False)
    return [data for data in results if data is not None]


def _cached(key: str, cache_dir: Path | None) -> bytes | None:
    with _memo_lock:
        known = _memo.get(key)
    if known is not None:
        return known
    cached = cache_dir / "pdf" / f"{key}.pdf" if cache_dir else None
    if cached is not None and cached.is_file():
        data = cached.read_bytes()
        if data.startswith(b"%PDF-"):
            return data
    return None


def _store(path: Path, data: bytes) -> None:
    """Keep a rendered PDF; the cache is an optimisation, so failing to write is not an error."""
    write_cache_entry(path, data, keep=_DISK_KEEP, pattern="*.pdf")
