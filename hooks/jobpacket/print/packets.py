"""The packets of a profile: which applications to bind, each bound (or found unchanged by
its inputs), and written to build/packets/ with its record in the manifest.

Above both the single documents (outputs.py) and the binding of one packet (packet.py): a
packet is made of documents, so what decides about many packets sits over both.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Problem, ProfileError, UserError
from ..fsutil import write_atomic
from ..profile.model import LetterKind
from ..profile.validate import LoadedProfile
from . import inputkeys, manifest, outputs
from .inputkeys import Known, tally
from .printkit import PrintDocument

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

    cache = outputs.default_cache_dir(loaded, cache_dir)
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
                outputs.report_notes(doc, report)
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
