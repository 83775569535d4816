"""Several profiles at once: a career office builds a whole cohort's PDFs in one command.

Each profile is loaded and its print HTML built in this process; as soon as one profile is
ready, its documents that are not cached render on the worker pool (one process per core)
while the next profile is prepared. One profile's
problems never stop the others: each result carries its own files or its own problems.
Returns values; the CLI prints and writes them.
"""

from __future__ import annotations

from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import FieldPath, Problem, ProfileError, UserError
from .print import documents, manifest, outputs, worker
from .print.printkit import PrintDocument
from .profile.overlay import PRIVATE_NAME, overlay_path

if TYPE_CHECKING:
    from .profile.validate import LoadedProfile

PROFILE_SUFFIXES = (".yml", ".yaml", ".json")
#: What rendering one document gives: its PDF, or the user error that stopped it.
Rendered = list[bytes | UserError]


@dataclass
class CohortResult:
    """One profile's outcome: files (path under its folder, bytes) or the reasons it failed."""

    profile: Path
    name: str
    files: list[tuple[str, bytes]] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    error: str | None = None
    #: What each file was made from (manifest.py), by its path under the profile's folder.
    made: dict[str, manifest.Made] = field(default_factory=dict)

    @property
    def failed(self) -> bool:
        return bool(self.problems or self.error)


def profile_paths(arguments: Iterable[Path]) -> list[Path]:
    """Files as given; folders expanded to their profile files (sorted, not recursive)."""
    paths: list[Path] = []
    for arg in arguments:
        if arg.is_dir():
            found = sorted(
                p
                for p in arg.iterdir()
                if p.suffix.lower() in PROFILE_SUFFIXES and p.is_file() and p.name != PRIVATE_NAME
            )
            if not found:
                raise UserError(f"{arg}: no profile files (*.yml, *.yaml, *.json) in this folder")
            paths.extend(found)
        else:
            paths.append(arg)
    shared: dict[Path, int] = {}
    for path in paths:
        if overlay_path(path) is not None:
            shared[path.parent] = shared.get(path.parent, 0) + 1
    for folder, count in shared.items():
        if count > 1:
            raise UserError(
                f"{folder / PRIVATE_NAME}: would be merged into each of the {count} profiles "
                "of this folder; a cohort holds one person per profile: give each their own "
                "folder, or move the file away"
            )
    names: dict[str, Path] = {}
    for path in paths:
        other = names.setdefault(path.stem, path)
        if other != path:
            raise UserError(
                f"{other} and {path} would both write to {path.stem}/; rename one of them"
            )
    return paths


def _documents(
    loaded: LoadedProfile, document: str, public: bool, design: str | None
) -> list[tuple[str, PrintDocument]]:
    if document == "all":
        return list(documents.private_set(loaded))
    if document == "resume":
        return [("resume.pdf", documents.resume(loaded, public=public, design=design))]
    if document == "references":
        return [("references.pdf", documents.reference_index(loaded, design=design))]
    raise UserError(f"`{document}` is made one profile at a time; use `all` for a cohort")


def render_cohort(
    paths: list[Path],
    document: str,
    *,
    public: bool = False,
    design: str | None = None,
    cache_dir: Path | None = None,
    display: dict[Path, str] | None = None,
    force: bool = False,
) -> list[CohortResult]:
    """Load, prepare, proofread and render every profile; the renders share the worker pool.

    What each profile's documents print is proofread (checks/outgoing.py): its warnings are
    notes, its errors fail that profile (its documents are not rendered) unless ``force``."""
    from .checks.outgoing import bearing_on, proofread
    from .print.pagefit import page_findings
    from .profile.validate import load_profile
    from .settings import current

    cache_dir = cache_dir or current().cache_dir
    results: list[CohortResult] = []
    jobs: list[tuple[CohortResult, str, PrintDocument, LoadedProfile, Future[Rendered]]] = []
    # Each profile's documents start rendering as soon as it is prepared, while the next one
    # is: the workers need not wait for the whole cohort's preparation.
    threads = ThreadPoolExecutor(max_workers=worker.pool().size, thread_name_prefix="cohort")
    try:
        for path in paths:
            result = CohortResult(profile=path, name=path.stem)
            results.append(result)
            try:
                loaded = load_profile(path, (display or {}).get(path))
                result.notes.extend(loaded.notes)
                docs = _documents(loaded, document, public, design)
                for _, doc in docs:
                    result.notes.extend(doc.notes)
                # `all` prints every application's letter; a résumé or reference index, none.
                count = len(loaded.profile.applications) if document == "all" else 0
                own: list[FieldPath] = [("applications", i) for i in range(count)]
                texts = [doc.html for _, doc in docs]
                for p in bearing_on(loaded, proofread(loaded), texts=texts, own=own):
                    stops = p.severity == "error" and not force
                    (result.problems if stops else result.notes).append(p)
            except ProfileError as exc:
                result.problems.extend(exc.problems)
                continue
            except UserError as exc:
                result.error = str(exc)
                continue
            if result.failed:
                continue  # its documents are not rendered
            for relpath, doc in docs:
                rendering = threads.submit(
                    outputs.render_settled, [doc], cache_dir=cache_dir, alongside=True
                )
                jobs.append((result, relpath, doc, loaded, rendering))
        for result, relpath, doc, loaded, rendering in jobs:
            (data,) = rendering.result()
            if isinstance(data, UserError):
                result.error = result.error or str(data)
            else:
                result.files.append((relpath, data))
                result.made[relpath] = manifest.made(loaded, outputs.cache_key(doc), data, design)
                # A résumé past meta.pages (default 1): only the rendered page knows.
                result.notes.extend(page_findings(loaded, [(doc, data)]))
    finally:
        # On an interruption, renders not started yet are dropped rather than waited for.
        threads.shutdown(wait=True, cancel_futures=True)
    for result in results:
        if result.failed:
            result.files.clear()  # all of a profile's documents or none
    return results
