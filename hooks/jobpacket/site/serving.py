"""The MkDocs hook's memory across a process, and what `mkdocs serve` adds to each build.

MkDocs reloads its config on every ``mkdocs serve`` rebuild, but a hook module is imported
once per process, so what must outlive a rebuild lives here: the last profile that validated
(a broken save keeps the last good site served), the public documents served now, the
project lock, the background threads. While serving, the public PDF and the proofreading run
after each rebuild on background threads (site/preview.py), so the pages never wait for them;
a failed rebuild is reported and the last good site is served on.

No MkDocs import: the server is the object MkDocs hands ``on_serve``, and the one reach into
its internals lives in site/preview.py with its guard test.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..caches import cache_folder
from ..errors import Problem, ProfileError, UserError
from ..fsutil import write_atomic
from ..settings import display_path
from ..swap import ProjectLock
from . import preview, replay, work
from .publish import Publication, SiteError

if TYPE_CHECKING:
    from ..profile.validate import LoadedProfile
    from .values import SiteContext, SitePage


class _Prefixed(logging.LoggerAdapter[logging.Logger]):
    """Messages as MkDocs prints a plugin's: ``jobpacket: ...``."""

    def process(self, msg: Any, kwargs: MutableMapping[str, Any]) -> tuple[Any, Any]:
        return f"jobpacket: {msg}", kwargs


log = _Prefixed(logging.getLogger("mkdocs.plugins.jobpacket"), {})


class WarningCount(logging.Handler):
    """Counts MkDocs' warnings, so a strict build that is about to abort publishes nothing."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


@dataclass
class Build:
    """What one build knows about the profile; replaced on every ``on_config``."""

    source: LoadedProfile | Path
    """The loaded profile; a replayed build (site/replay.py) has its path only, and loads it
    if anything asks."""
    root: Path
    auto_nav: bool
    pub: Publication
    documents: dict[str, bytes] = field(default_factory=dict)
    ctx: SiteContext | None = None
    pages: dict[str, SitePage] = field(default_factory=dict)
    reported: set[tuple[int, int, str]] = field(default_factory=set)
    private: work.PrivateOutputs = field(default_factory=work.PrivateOutputs)
    config: Any = None
    ready: bool = False
    """on_post_build finished: `mkdocs build` publishes at on_shutdown unless the build failed."""
    failed: bool = False
    site_name: str | None = None
    """The site's name when it comes from the profile (unescaped; config has it escaped)."""
    replayed: replay.Recording | None = None
    """The recording this build hands MkDocs instead of making anything."""
    recording: replay.Recording | None = None
    """What this build hands MkDocs, kept once it is published (`mkdocs build` only)."""
    recorder: replay.Recorder | None = None
    inputs: replay.Inputs | None = None
    keys: tuple[str, str] = ("", "")
    """The digests of the project's inputs and of the files the profile names, taken before
    the build read them."""

    @property
    def loaded(self) -> LoadedProfile:
        if isinstance(self.source, Path):
            self.source = load(self.source)
        return self.source


@dataclass
class State:
    """Survives rebuilds."""

    command: str = "build"
    dirty: bool = False
    last_good: dict[Path, LoadedProfile] = field(default_factory=dict)
    build: Build | None = None
    # While serving: the public documents served now (the first build's, then each one the
    # background thread swapped in), the folder the server serves, and one lock for writing
    # into it, so a rebuild's publish and a background PDF never interleave.
    served: dict[str, bytes] = field(default_factory=dict)
    live_site: Path | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)
    server: Any = None
    renderer: preview.Latest[tuple[Build, LoadedProfile], dict[str, bytes]] | None = None
    proofreader: preview.Latest[Any, None] | None = None
    watch: preview.FastWatch | None = None
    ready_signal: Path | None = None
    # One build of a project at a time (held from on_config until the build is published or
    # has failed), and MkDocs' warnings counted from the start of the build.
    project_lock: ProjectLock | None = None
    warnings: WarningCount | None = None

    @property
    def serving(self) -> bool:
        return self.command == "serve"


state = State()


def report(problem: Problem, build: Build | None = None) -> None:
    """Log a finding once per build at its level: warnings fail `mkdocs build --strict`.

    The proofreading rules and the print step can find the same thing (a missing enclosure,
    a letter block), in the same words; the reader needs it once. `build` is the build the
    finding belongs to (proofreading while serving runs after its build, on a thread).
    """
    build = build or state.build
    if build is not None:
        key = (problem.line, problem.col, problem.message)
        if key in build.reported:
            return
        build.reported.add(key)
    if problem.severity == "error":
        log.error(str(problem))
    elif problem.severity == "warning":
        log.warning(str(problem))
    else:
        log.info(str(problem))


def report_printed(problem: Problem, build: Build | None = None) -> None:
    """The print step's findings, minus rules the profile turned off (as `check` does)."""
    build = build or state.build
    if build is None:
        report(problem)
        return
    work.disabled_filter(build.loaded, lambda p: report(p, build))(problem)


def load(path: Path) -> LoadedProfile:
    """Load the profile, or fall back to the last good one while serving."""
    from ..profile.validate import load_profile

    try:
        loaded = load_profile(path, display_path(path))
    except (ProfileError, UserError) as exc:
        lines = work.problem_lines(exc)
        if isinstance(exc, ProfileError):  # the rest's proofreading too: one round of fixes
            from ..checks import findings_on_rest, sort_key

            rest = [p for p in findings_on_rest(exc) if p.severity != "info"]
            lines = [str(p) for p in sorted([*exc.problems, *rest], key=sort_key)]
        previous = state.last_good.get(path)
        if state.serving and previous is not None:
            for line in lines:
                log.error(line)
            log.error(
                "the profile has problems; still serving the last good version. "
                "Fix the lines above and save to rebuild."
            )
            return previous
        raise SiteError(work.counted(lines)) from None
    state.last_good[path] = loaded
    for note in loaded.notes:
        log.info(str(note))
    return loaded


def site_documents(loaded: LoadedProfile) -> dict[str, bytes]:
    """The public documents (the résumé PDF) from the print side, if it is installed.

    While serving, a rebuild serves the PDFs it served before and does not even make their
    print HTML: once the pages are out, on_post_build hands the profile to a background
    thread that makes it, looks in the cache, renders what changed in the render worker and
    swaps it in (`refresh_later`). Only the first build, with nothing to show yet, waits.
    """
    with state.lock:
        served = dict(state.served)
    if state.serving and served:
        return served
    try:
        documents = work.site_documents(loaded, report_printed)
    except SiteError as exc:
        if not state.serving:
            raise
        for line in str(exc).splitlines():
            log.error(line)
        log.error("the résumé PDF could not be made; serving the site without it")
        return {}
    if state.serving:
        with state.lock:
            state.served.update(documents)
    return documents


def _refresh(job: tuple[Build, LoadedProfile]) -> dict[str, bytes]:
    """On the background thread, after a rebuild: the public documents of its profile, from
    the cache or rendered in the worker (under its time and memory limits)."""
    from ..print import outputs

    build, loaded = job
    return outputs.site_documents(
        loaded,
        report=lambda problem: report_printed(problem, build),
        before_render=lambda: log.info(
            "the résumé PDF is rendered in the background; the pages did not wait"
        ),
    )


def refresh_later(build: Build) -> None:
    if state.renderer is None:
        state.renderer = preview.Latest(
            _refresh, _publish_if_changed, _background_failed, name="jobpacket-pdf"
        )
    state.renderer.submit((build, build.loaded))


def proofread_later(build: Build) -> None:
    """While serving, the rules run after the rebuild, on a thread: the pages they do not
    change are not held back by them. Errors are logged too; the site is still served so
    the user sees the rest."""
    if state.proofreader is None:
        from ..checks import run_checks

        def proofread(job: tuple[Build, LoadedProfile]) -> None:
            done, loaded = job
            for problem in run_checks(loaded, cache=True):
                report(problem, done)

        state.proofreader = preview.Latest(
            proofread, lambda _: None, _proofread_failed, name="jobpacket-proofread"
        )
    state.proofreader.submit((build, build.loaded))


def _publish_if_changed(files: dict[str, bytes]) -> None:
    with state.lock:
        changed = {name: data for name, data in files.items() if state.served.get(name) != data}
    if changed:
        _publish_background(changed)


def _publish_background(files: dict[str, bytes]) -> None:
    """A PDF finished after its rebuild: into the served site now, then reload the browser."""

    def write() -> None:
        with state.lock:
            state.served.update(files)
            if state.live_site is not None:
                for name, data in files.items():
                    write_atomic(state.live_site / name, data)

    log.info("the résumé PDF is up to date; reloading")
    server = state.server
    if server is not None and preview.publish_and_reload(server, write):
        return
    write()
    if server is None or preview.wake(server):
        return
    if state.ready_signal is not None:  # MkDocs' own watcher sees it and rebuilds
        write_atomic(state.ready_signal, str(sorted(files)).encode())


def _background_failed(exc: BaseException) -> None:
    if isinstance(exc, (ProfileError, UserError)):
        for line in work.problem_lines(exc):
            log.error(line)
    else:
        log.debug("the failed background work", exc_info=exc)
        log.error(f"the résumé PDF could not be made ({type(exc).__name__}: {exc})")
    log.error("still serving the previous résumé PDF; fix the above and save")


def _proofread_failed(exc: BaseException) -> None:
    log.debug("the failed proofreading", exc_info=exc)
    log.error(f"proofreading failed ({type(exc).__name__}: {exc}); the site is still served")


def keep_last_good(rebuild: Callable[[], None]) -> Callable[[], None]:
    """A rebuild that fails is reported, not raised.

    MkDocs' server holds every page request after a failed rebuild until one succeeds, so
    the preview looks hung. A failed build never touches the served folder here (it builds
    into a staging folder), so the last good site can be served on; the next good save
    rebuilds and reloads the browser.
    """

    def guarded() -> None:
        try:
            rebuild()
        except Exception as exc:
            log.debug("the failed rebuild", exc_info=True)
            log.error(
                f"the rebuild failed ({type(exc).__name__}: {exc}); still serving the last good "
                "site. Fix the problem above and save to rebuild."
            )

    return guarded


def watch(server: Any, build: Build, watched: list[Path]) -> None:
    """Watch the profile when it lives outside the folders the server watches (with file
    events when its loop can be woken, site/preview.py, else with its polling); and give a
    PDF that is ready later a way to reload the browsers."""
    if not (preview.can_reload(server) or preview.can_wake(server)):
        # a ready background PDF reloads the browsers through a file the server watches
        folder = cache_folder(build.loaded.path) / "serve"
        folder.mkdir(parents=True, exist_ok=True)
        state.ready_signal = folder / "pdf-ready"
        server.watch(str(folder), recursive=False)
    profile = build.loaded.path.resolve()
    if not any(profile.is_relative_to(w) for w in watched):
        if preview.can_wake(server) and state.watch is None:
            state.watch = preview.FastWatch(profile.parent, lambda: preview.wake(server))
            log.info(f"watching {display_path(profile.parent)}/ for changes to the profile")
        else:
            server.watch(str(profile.parent), recursive=False)


def stop() -> None:
    """The end of the process's builds: threads and watchers stop, memory is let go."""
    state.last_good.clear()
    if state.watch is not None:
        state.watch.stop()
    for task in (state.renderer, state.proofreader):
        if task is not None:
            task.close()
    state.watch = state.renderer = state.proofreader = None
    state.server = state.live_site = None
    state.served.clear()
