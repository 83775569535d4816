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

from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..caches import cache_folder, write_cache_entry
from ..errors import Problem, ProfileError, UserError
from ..fsutil import write_atomic
from ..profile.model import LetterKind
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
from .worker import RenderJob

SITE_RESUME = "resume.pdf"
CACHE_ENV = ENV_CACHE_DIR
_MEMO_SIZE = 32
_DISK_KEEP = 64
_memo: OrderedDict[str, bytes] = OrderedDict()


#: The public documents: file name under site/, and what the document is (inputkeys).
_SITE_PLAN = {SITE_RESUME: ("resume-public",)}


def site_documents(
    loaded: LoadedProfile,
    *,
    cache_dir: Path | None = None,
    report: Callable[[Problem], None] | None = None,
) -> dict[str, bytes]:
    """Files to add to site/: the public résumé, built from the public view only.

    Keys are paths relative to the site root; values are the file contents. `report` receives
    located warnings (a photo that is a web address, say); errors raise ProfileError. When the
    inputs are those of an earlier build, the PDFs come from the cache without any print HTML.
    """
    cache = default_cache_dir(loaded, cache_dir)
    known = known_site_documents(loaded, cache)
    if known is not None:
        return known
    planned = site_print_documents(loaded, report=report, cache_dir=cache)
    return {name: render(doc, cache_dir=cache) for name, doc in planned.items()}


def known_site_documents(loaded: LoadedProfile, cache_dir: Path | None) -> dict[str, bytes] | None:
    """The public documents when every one of them is known by its inputs (print/inputkeys.py)
    and its PDF is cached; None when any must be made."""
    out: dict[str, bytes] = {}
    for name, what in _SITE_PLAN.items():
        known = inputkeys.recall(inputkeys.input_key(loaded, what, None), cache_dir)
        data = _cached(known.key, cache_dir) if known is not None else None
        if data is None:
            return None
        out[name] = data
    return out


def site_print_documents(
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
    _report(doc, report)
    _remember(loaded, _SITE_PLAN[SITE_RESUME], None, doc, default_cache_dir(loaded, cache_dir))
    return {SITE_RESUME: doc}


def _remember(
    loaded: LoadedProfile,
    what: tuple[str | None, ...],
    app: int | None,
    doc: PrintDocument,
    cache_dir: Path | None,
) -> None:
    """Key a document just made on its inputs, unless it has notes, which must be made (and
    so reported) afresh every time (see print/inputkeys.py)."""
    if not doc.notes:
        known = Known(name=doc.name, key=cache_key(doc))
        inputkeys.remember(inputkeys.input_key(loaded, what, app), cache_dir, known)


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
        for i, key in enumerate(input_keys):
            known = inputkeys.recall(key, cache)
            data = _cached(known.key, cache) if known is not None else None
            if known is not None and data is not None:
                found[i] = (known, data)
    made: dict[int, PrintDocument] = {}
    for i, planned in enumerate(plan):
        if found[i] is None:
            made[i] = planned.make()
            tally.made += 1
    if proofread is not None:
        proofread(list(made.values()))
    else:
        for doc in made.values():
            _report(doc, report)
    for i, doc in made.items():
        if not doc.notes:
            inputkeys.remember(input_keys[i], cache, Known(name=doc.name, key=cache_key(doc)))
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
    from . import packet

    cache = default_cache_dir(loaded, cache_dir)
    run = PacketRun()
    ready: list[tuple[Path, bytes]] = []
    # Each render worker keeps parsed CSS and fonts between jobs (pdf._styles), so the
    # packets of a build parse them once per worker.
    ids = [a.id for a in loaded.profile.applications]
    for app_id in app_ids:
        target = out_dir / f"{app_id}.pdf"
        index = ids.index(app_id) if app_id in ids else None
        what = ("packet", app_id, kind, None if number is None else str(number))
        input_key = inputkeys.input_key(loaded, what, index) if index is not None else None
        # Known by its inputs and on disk as they made it: no print HTML, nothing rendered.
        known = inputkeys.recall(input_key, cache) if input_key and proofread is None else None
        if known is not None and _unchanged_packet(loaded, target, known.key, cache, run):
            continue
        try:
            prepared = packet.prepare(loaded, app_id, kind=kind, number=number)
            docs = [s.document for s in prepared.sources if s.document is not None]
            tally.made += len(docs)
            for doc in docs:
                _report(doc, report)
            if proofread is not None:
                assert index is not None  # prepare raised for an unknown id
                stopped = proofread(index, docs)
                if stopped:
                    run.problems.extend(stopped)
                    continue
            key = prepared.key
            if input_key is not None and not any(doc.notes for doc in docs):
                inputkeys.remember(input_key, cache, Known(name=app_id, key=key))
            if _unchanged_packet(loaded, target, key, cache, run):
                continue
            data = packet.render(prepared, cache_dir=cache)
            tally.bound += 1
            ready.append((target, data))
            run.made[target] = manifest.made(loaded, key, data)
        except ProfileError as exc:
            run.problems.extend(exc.problems)
        except UserError as exc:
            where = ("applications", ids.index(app_id))
            run.problems.append(loaded.source.problem(where, f"packet {app_id!r}: {exc}"))
    return ready, run


def _unchanged_packet(
    loaded: LoadedProfile, target: Path, key: str, cache: Path | None, run: PacketRun
) -> bool:
    """Whether the packet on disk was made from inputs with this key (its /ID); if so, it is
    recorded in `run` as unchanged."""
    from . import pdffacts

    if not (target.is_file() and pdffacts.packet_identifier(target, cache) == key[:32]):
        return False
    run.unchanged.append(target)
    kept = manifest.read(target.parent).get(target.name)
    if kept is None or kept.inputs != key:
        kept = manifest.made(loaded, key, target.read_bytes())
    run.made[target] = kept
    return True


def _report(doc: PrintDocument, report: Callable[[Problem], None] | None) -> None:
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
    docs: Sequence[PrintDocument], *, cache_dir: Path | None = None
) -> list[bytes | UserError]:
    """PDF bytes (or the user error) for each document, in order. The ones not cached render
    side by side on the worker pool (one process per core), so a cohort of profiles builds
    in one command."""
    keys = [cache_key(doc) for doc in docs]
    results: list[bytes | UserError | None] = [_cached(key, cache_dir) for key in keys]
    missing = [i for i, data in enumerate(results) if data is None]
    tally.rendered += len(missing)
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
