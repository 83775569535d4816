"""The MkDocs adapter: the only module of jobpacket that imports MkDocs.

``hooks/site.py`` re-exports the ``on_*`` functions below, which MkDocs calls as a plugin.
Everything else (which profile, what is public, what a page says) is decided by the core
package; this module only translates between it and MkDocs:

- ``on_config``  loads the profile and renders every document (the public résumé, and for
  ``mkdocs build`` the private ones, checking that build/ can take them), then points MkDocs
  at a staging folder next to site_dir: nothing the user has is touched until all is ready.
  It also puts jobpacket's theme overrides (templates/site/overrides/: the escaped
  ``<title>``, the 404 page) below the user's ``custom_dir``, and the person's monogram in as
  logo and favicon unless mkdocs.yml names its own.
- ``on_files``   adds the generated pages and assets as in-memory files (nothing is written
  into ``content/``); a hand-written page at the same path wins. Builds the nav.
- ``on_env``     caches the theme's compiled templates. The escaped ``<title>`` comes from a
  Material override (templates/site/overrides/main.html) put below the user's custom_dir.
- ``on_post_page`` adds link-preview tags and the JSON-LD Person to ``<head>``.
- ``on_post_build`` (last of all plugins) moves the staged site into site_dir one atomic
  rename per file, then the private documents into ``build/`` (with the follow-up calendar
  ``build/followups.ics``); ``on_build_error`` drops the staging folder, so a failed build
  (or ``mkdocs serve`` rebuild, even a crash inside Markdown) leaves site/ and build/
  exactly as they were.
- ``on_serve``   keeps serving through failed rebuilds and watches the profile when it
  lives outside the watched folders. While serving, the public PDF and the proofreading run
  after each rebuild on background threads, so the pages never wait for them
  (site/preview.py).

While ``mkdocs serve`` runs, a profile that stops validating is reported with its located
lines and the last good profile keeps being served; saving a fix recovers without a restart.
"""

from __future__ import annotations

import html
import logging
import re
import shutil
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from ..fsutil import publish_tree, unwritable, write_atomic, write_many
from ..profile.errors import Problem, ProfileError, UserError, printable
from ..profile.validate import LoadedProfile, load_profile
from ..settings import (
    DEFAULT_PROFILE,
    configured_theme_language,
    display_path,
    resolve_profile,
)
from ..settings import current as current_settings
from ..swap import FolderError, ProjectLock, Swap, recover, stage_copy, staging_dir, write_into
from . import deploy, identity, monogram, preview
from . import files as site_files
from . import pages as site

__all__ = [
    "on_build_error",
    "on_config",
    "on_env",
    "on_files",
    "on_page_context",
    "on_post_build",
    "on_post_page",
    "on_serve",
    "on_shutdown",
    "on_startup",
]

log = get_plugin_logger("jobpacket")

ASSET_DIR = "assets/jobpacket"
STYLESHEET = f"{ASSET_DIR}/site.css"
FILE_WORKER = f"{ASSET_DIR}/iframe-worker.js"
MONOGRAM = f"{ASSET_DIR}/monogram.svg"
MATERIAL_FAVICON = "assets/images/favicon.png"
PRIVATE_DIR = "build"
FOLLOWUPS_ICS = "followups.ics"


class _WarningCount(logging.Handler):
    """Counts MkDocs' warnings, so a strict build that is about to abort publishes nothing."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


@dataclass
class _Build:
    """What one build knows about the profile; replaced on every ``on_config``."""

    loaded: LoadedProfile
    root: Path
    auto_nav: bool
    documents: dict[str, bytes] = field(default_factory=dict)
    ctx: site.SiteContext | None = None
    pages: dict[str, site.SitePage] = field(default_factory=dict)
    reported: set[tuple[int, int, str]] = field(default_factory=set)
    private: list[tuple[Path, bytes]] = field(default_factory=list)
    packets: list[tuple[Path, bytes]] = field(default_factory=list)
    packets_unchanged: int = 0
    final_site: Path | None = None
    staging: Path | None = None
    private_staging: Path | None = None
    """build/ as it will be: a hard-linked copy of today's with this build's files written in."""
    config: MkDocsConfig | None = None
    ready: bool = False
    """on_post_build finished: `mkdocs build` publishes at on_shutdown unless the build failed."""
    failed: bool = False
    site_name: str | None = None
    """The site's name when it comes from the profile (unescaped; config has it escaped)."""


@dataclass
class _State:
    """Survives rebuilds: MkDocs reloads the config on each ``mkdocs serve`` rebuild, but this
    module is imported once per process."""

    command: str = "build"
    dirty: bool = False
    last_good: dict[Path, LoadedProfile] = field(default_factory=dict)
    build: _Build | None = None
    # While serving: the public documents served now (the first build's, then each one the
    # background thread swapped in), the folder the server serves, and one lock for writing
    # into it, so a rebuild's publish and a background PDF never interleave.
    served: dict[str, bytes] = field(default_factory=dict)
    live_site: Path | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)
    server: Any = None
    renderer: preview.Latest[tuple[_Build, LoadedProfile], dict[str, bytes]] | None = None
    proofreader: preview.Latest[Any, None] | None = None
    watch: preview.FastWatch | None = None
    ready_signal: Path | None = None
    # One build of a project at a time (held from on_config until the build is published or
    # has failed), and MkDocs' warnings counted from the start of the build.
    project_lock: ProjectLock | None = None
    warnings: _WarningCount | None = None


_state = _State()


# --- lifecycle -----------------------------------------------------------------------------


def on_startup(command: str, dirty: bool) -> None:
    """Remember whether we serve: only then is a broken profile survivable."""
    _state.command = command
    _state.dirty = dirty
    _state.last_good.clear()


def on_shutdown() -> None:
    """`mkdocs build` and `gh-deploy` publish here: after MkDocs' own strict check and every
    other plugin's on_post_build, so a build that aborts or fails at any step publishes
    nothing. (A `finally` of MkDocs' runs this while an interrupt propagates: not published.)"""
    import sys

    build = _state.build
    try:
        if build is not None and build.ready and not build.failed and sys.exc_info()[0] is None:
            _publish(build)
    finally:
        _unstage(build)
        _release()
    _state.build = None
    _state.last_good.clear()
    if _state.watch is not None:
        _state.watch.stop()
    for task in (_state.renderer, _state.proofreader):
        if task is not None:
            task.close()
    _state.watch = _state.renderer = _state.proofreader = None
    _state.server = _state.live_site = None
    _state.served.clear()
    try:
        from ..print import worker
    except ModuleNotFoundError:  # the print side is optional for the site
        return
    worker.shutdown()  # warm render workers live as long as `mkdocs serve`


def _serving() -> bool:
    return _state.command == "serve"


def _problem_lines(exc: ProfileError | UserError) -> list[str]:
    if isinstance(exc, ProfileError):
        return [str(p) for p in exc.problems]
    return [f"error: {exc}"]


def _load(path: Path) -> LoadedProfile:
    """Load the profile, or fall back to the last good one while serving."""
    try:
        loaded = load_profile(path, display_path(path))
    except (ProfileError, UserError) as exc:
        lines = _problem_lines(exc)
        if isinstance(exc, ProfileError):  # the rest's proofreading too: one round of fixes
            from ..checks import findings_on_rest, sort_key

            rest = [p for p in findings_on_rest(exc) if p.severity != "info"]
            lines = [str(p) for p in sorted([*exc.problems, *rest], key=sort_key)]
        previous = _state.last_good.get(path)
        if _serving() and previous is not None:
            for line in lines:
                log.error(line)
            log.error(
                "the profile has problems; still serving the last good version. "
                "Fix the lines above and save to rebuild."
            )
            return previous
        count = len(lines)
        raise PluginError(
            "\n".join([*lines, f"{count} problem{'s' if count != 1 else ''} found in the profile"])
        ) from None
    _state.last_good[path] = loaded
    for note in loaded.notes:
        log.info(str(note))
    return loaded


def _report(problem: Problem, build: _Build | None = None) -> None:
    """Log a finding once per build at its level: warnings fail `mkdocs build --strict`.

    The proofreading rules and the print step can find the same thing (a missing enclosure,
    a letter block), in the same words; the reader needs it once. `build` is the build the
    finding belongs to (proofreading while serving runs after its build, on a thread).
    """
    build = build or _state.build
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


def _report_printed(problem: Problem, build: _Build | None = None) -> None:
    """The print step's findings, minus rules the profile turned off (as `check` does)."""
    from ..checks import apply_disable

    build = build or _state.build
    kept = apply_disable(build.loaded, [problem]) if build is not None else [problem]
    for p in kept:
        _report(p, build)


def _proofread(loaded: LoadedProfile) -> None:
    """Run `jobpacket check`'s rules: warnings are logged, errors stop the build."""
    from ..checks import run_checks

    findings = run_checks(loaded, cache=True)
    errors = [p for p in findings if p.severity == "error"]
    if errors:
        lines = [str(p) for p in errors]
        count = len(lines)
        raise PluginError(
            "\n".join([*lines, f"{count} problem{'s' if count != 1 else ''} found in the profile"])
        )
    for problem in findings:
        _report(problem)


def _proofread_later(build: _Build) -> None:
    """While serving, the same rules run after the rebuild, on a thread: the pages they do not
    change are not held back by them (at four times a large profile they are 1.8 s of a
    rebuild). Errors are logged too; the site is still served so the user sees the rest."""
    if _state.proofreader is None:
        from ..checks import run_checks

        def proofread(job: tuple[_Build, LoadedProfile]) -> None:
            done, loaded = job
            for problem in run_checks(loaded, cache=True):
                _report(problem, done)

        _state.proofreader = preview.Latest(
            proofread, lambda _: None, _proofread_failed, name="jobpacket-proofread"
        )
    _state.proofreader.submit((build, build.loaded))


def _site_documents(loaded: LoadedProfile) -> dict[str, bytes]:
    """The public documents (the résumé PDF) from the print side, if it is installed.

    While serving, a rebuild serves the PDFs it served before and does not even make their
    print HTML: once the pages are out, on_post_build hands the profile to a background
    thread that makes it, looks in the cache, renders what changed in the render worker and
    swaps it in (`_refresh_documents`). Only the first build, with nothing to show yet,
    waits for them.
    """
    try:
        from ..print import outputs
    except ModuleNotFoundError as exc:  # the print side is optional for the site
        if exc.name != f"{__package__}.outputs":
            raise
        return {}
    outputs.tally.reset()  # logged at debug level by _private_documents
    with _state.lock:
        served = dict(_state.served)
    if _serving() and served:
        return served
    try:
        documents = outputs.site_documents(loaded, report=_report_printed)
    except (ProfileError, UserError) as exc:
        lines = _problem_lines(exc)
        if _serving():
            for line in lines:
                log.error(line)
            log.error("the résumé PDF could not be made; serving the site without it")
            return {}
        raise PluginError("\n".join(lines)) from None
    if _serving():
        with _state.lock:
            _state.served.update(documents)
    return documents


def _refresh_documents(job: tuple[_Build, LoadedProfile]) -> dict[str, bytes]:
    """On the background thread, after a rebuild: the public documents of its profile, from
    the cache or rendered in the worker (under its time and memory limits)."""
    from ..print import outputs

    build, loaded = job
    known = outputs.known_site_documents(loaded, outputs.default_cache_dir(loaded))
    if known is not None:  # unchanged inputs: no print HTML
        return known
    planned = outputs.site_print_documents(
        loaded, report=lambda problem: _report_printed(problem, build)
    )
    cache = outputs.default_cache_dir(loaded)
    fresh: dict[str, bytes] = {}
    for name, doc in planned.items():
        data = outputs.cached_pdf(doc, cache)
        if data is None:
            log.info("the résumé PDF is rendered in the background; the pages did not wait")
            data = outputs.render(doc, cache_dir=cache)
        fresh[name] = data
    return fresh


def _refresh_documents_later(build: _Build) -> None:
    if _state.renderer is None:
        _state.renderer = preview.Latest(
            _refresh_documents, _publish_if_changed, _background_failed, name="jobpacket-pdf"
        )
    _state.renderer.submit((build, build.loaded))


def _publish_if_changed(files: dict[str, bytes]) -> None:
    with _state.lock:
        changed = {name: data for name, data in files.items() if _state.served.get(name) != data}
    if changed:
        _publish_background(changed)


def _publish_background(files: dict[str, bytes]) -> None:
    """A PDF finished after its rebuild: into the served site now, then reload the browser."""

    def write() -> None:
        with _state.lock:
            _state.served.update(files)
            if _state.live_site is not None:
                for name, data in files.items():
                    write_atomic(_state.live_site / name, data)

    log.info("the résumé PDF is up to date; reloading")
    server = _state.server
    if server is not None and preview.publish_and_reload(server, write):
        return
    write()
    if server is None or preview.wake(server):
        return
    if _state.ready_signal is not None:  # MkDocs' own watcher sees it and rebuilds
        write_atomic(_state.ready_signal, str(sorted(files)).encode())


def _background_failed(exc: BaseException) -> None:
    if isinstance(exc, (ProfileError, UserError)):
        for line in _problem_lines(exc):
            log.error(line)
    else:
        log.debug("the failed background work", exc_info=exc)
        log.error(f"the résumé PDF could not be made ({type(exc).__name__}: {exc})")
    log.error("still serving the previous résumé PDF; fix the above and save")


def _proofread_failed(exc: BaseException) -> None:
    log.debug("the failed proofreading", exc_info=exc)
    log.error(f"proofreading failed ({type(exc).__name__}: {exc}); the site is still served")


def _check_worker_shim(config: MkDocsConfig) -> None:
    """Material's offline plugin loads a file:// Worker shim from unpkg.com unless
    extra.polyfills already names one (an "iframe-worker" URL); ours is that local shim."""
    polyfills = [str(p) for p in config.extra.get("polyfills", [])]
    if any(p.startswith("https://unpkg.com/iframe-worker") for p in polyfills):
        log.warning(
            "every page would load a script from unpkg.com; add the local shim to mkdocs.yml:"
            f"\nextra:\n  polyfills:\n    - {FILE_WORKER}"
        )


def _apply_identity(
    config: MkDocsConfig, loaded: LoadedProfile, root: Path, *, other: bool
) -> None:
    """Name, address and interface language of the site from the profile (site/identity.py)."""
    who = identity.site_identity(
        loaded.profile, config.site_name, config.site_url, other_profile=other
    )
    if who.site_name != config.site_name and _state.build is not None:
        # Profile text now. The theme prints site_name unescaped in places (the header,
        # <title>), so it goes in escaped, as Markup so that the places that do escape it
        # do not escape it twice; the pages get the plain text.
        _state.build.site_name = who.site_name
        config.site_name = Markup.escape(site.plain(who.site_name))
    config.site_url = who.site_url
    languages = [
        f.stem
        for folder in config.theme.dirs
        if (Path(folder) / "partials" / "languages").is_dir()
        for f in (Path(folder) / "partials" / "languages").glob("*.html")
    ]
    chosen = identity.theme_language(
        loaded.profile.meta.lang, configured_theme_language(root / "mkdocs.yml"), languages
    )
    if chosen:
        config.theme["language"] = chosen


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Pick and load the profile; wire the assets. Runs before MkDocs cleans site/."""
    root = Path(config.config_file_path or ".").resolve().parent
    if refused := deploy.own_repository_problem(_state.command, root):
        raise PluginError(f"error: {refused}")  # before anything is locked or built
    _count_warnings()
    _lock(root, Path(config.site_dir))
    settings = config.extra.get("jobpacket") or {}
    try:
        from_env = current_settings().profile
        chosen = from_env or (settings.get("profile") if isinstance(settings, dict) else None)
        path = resolve_profile(chosen, root).resolve()
    except UserError as exc:
        raise PluginError(printable(f"error: {exc}")) from None
    site_dir, private = Path(config.site_dir).resolve(), (root / PRIVATE_DIR).resolve()
    if site_dir.is_relative_to(private) or private.is_relative_to(site_dir):
        raise PluginError(
            f"site_dir {display_path(site_dir)} and {display_path(private)}/ overlap: the "
            "private documents would be published; use another site_dir (the default is site)"
        )
    links = site_files.output_links(root, root / PRIVATE_DIR)
    if links:
        raise PluginError("\n".join(f"error: {line}" for line in links))
    loaded = _load(path)
    _state.build = _Build(loaded=loaded, root=root, auto_nav=config.nav is None, config=config)
    if not _serving():
        _proofread(loaded)  # while serving: after the rebuild (on_post_build)
    named = settings.get("profile") if isinstance(settings, dict) else None
    _apply_identity(
        config, loaded, root, other=path != (root / (named or DEFAULT_PROFILE)).resolve()
    )

    if STYLESHEET not in config.extra_css:
        config.extra_css.append(STYLESHEET)
    _check_worker_shim(config)
    _use_theme_overrides(config)
    _use_monogram(config)

    _state.build.documents = _site_documents(loaded)
    if not _serving():  # private documents take seconds; `mkdocs build` makes them
        _private_documents(_state.build)
    _stage(config, _state.build)
    return config


def _use_theme_overrides(config: MkDocsConfig) -> None:
    """jobpacket's template overrides (templates/site/overrides/), below the user's custom_dir.

    One folder for every override of Material's templates, so they are found in one place
    and a person's own ``custom_dir`` still wins over them.
    """
    overrides = str(resources.files("jobpacket").joinpath("templates", "site", "overrides"))
    dirs = config.theme.dirs
    if overrides not in dirs:
        dirs.insert(1 if config.theme.custom_dir else 0, overrides)


def _use_monogram(config: MkDocsConfig) -> None:
    """The person's initials as logo and favicon, unless mkdocs.yml chose its own."""
    theme = config.theme
    icon = theme.get("icon") or {}
    if not theme.get("logo") and not (isinstance(icon, dict) and icon.get("logo")):
        theme["logo"] = MONOGRAM
    if theme.get("favicon") in (None, MATERIAL_FAVICON):
        theme["favicon"] = MONOGRAM


# --- files, pages and nav ------------------------------------------------------------------


def _asset(name: str) -> str:
    return (
        resources.files("jobpacket")
        .joinpath("templates", "site", "assets", name)
        .read_text(encoding="utf-8")
    )


def _linker(config: MkDocsConfig) -> site.Linker:
    """Relative hrefs the way MkDocs lays out URLs (directory URLs or not)."""

    def url(path: str) -> str:
        return File(
            path,
            src_dir=None,
            dest_dir=config.site_dir,
            use_directory_urls=config.use_directory_urls,
        ).url

    def link(from_path: str, target: str) -> str:
        return get_relative_url(url(target), url(from_path))

    return link


def _check_images(loaded: LoadedProfile, present: set[str], docs_dir: str) -> None:
    """A located warning for each image the site cannot show (strict mode fails on it)."""
    for where, image in site.referenced_images(loaded.profile):
        if urlsplit(image).scheme:
            message = (
                "remote images are not shown: the site asks no other host for anything; "
                f"save the file under {docs_dir}/ (e.g. images/photo.jpg) and write that path"
            )
        elif not image.lower().endswith(site.IMAGE_SUFFIXES):
            message = f"{image!r} is not an image the site can show; use one of " + ", ".join(
                site.IMAGE_SUFFIXES
            )
        elif image not in present:
            message = f"{docs_dir}/{image} not found; put the image there or fix the path"
        else:
            continue
        problem: Problem = loaded.source.problem(where, message, severity="warning")
        log.warning(str(problem))


def _nav_title(title: str) -> str:
    """Nav titles are rendered without escaping by the theme, so escape them here."""
    return html.escape(site.plain(title), quote=True)


def _auto_nav(
    generated: list[site.SitePage], handwritten: list[str], replaced: set[str]
) -> list[Any]:
    """Generated pages in reading order, then hand-written ones, grouped by folder."""
    titles = site.nav_titles(generated)
    nav: list[Any] = []
    sections: dict[str, list[Any]] = {}
    for page in generated:
        if not page.in_nav:  # reached from its section's index page (a long project list)
            continue
        entry: Any = (
            page.path if page.path in replaced else {_nav_title(titles[page.path]): page.path}
        )
        if page.section:
            if page.section not in sections:
                sections[page.section] = []
                nav.append({page.section: sections[page.section]})
            sections[page.section].append(entry)
        else:
            nav.append(entry)
    folder_of = {p.path.rsplit("/", 1)[0]: p.section for p in generated if p.section}
    for path in sorted(handwritten, key=lambda p: (p.count("/"), p)):
        folder = path.rsplit("/", 1)[0] if "/" in path else ""
        if not folder:
            nav.append(path)
            continue
        name = folder_of.get(folder) or folder.split("/")[0].replace("-", " ").replace("_", " ")
        name = name[:1].upper() + name[1:]
        if name not in sections:
            sections[name] = []
            nav.append({name: sections[name]})
        sections[name].append(path)
    return nav


def _cache_dir(loaded: LoadedProfile) -> Path | None:
    try:
        from ..print import outputs
    except ModuleNotFoundError:  # the print side is optional for the site
        return None
    return outputs.default_cache_dir(loaded)


def _admit(files: Files, build: _Build, docs_dir: str, config: MkDocsConfig) -> None:
    """Only what site/files.py admits from docs_dir reaches the site, as the bytes it read
    and checked: MkDocs is handed those (`File.content_bytes`) and never reopens the path.
    Then the public documents the site links, the same way."""
    folders = tuple(f for f in (_cache_dir(build.loaded), build.root / PRIVATE_DIR) if f)
    private = site_files.private_paths(build.loaded, folders=folders)
    docs = Path(config.docs_dir)  # not the theme's own files, which MkDocs lists too
    sources = {f.src_uri: docs / f.src_uri for f in files if f.src_dir == config.docs_dir}
    admitted = site_files.read_for_site(
        sources,
        loaded=build.loaded,
        root=build.root,
        docs_dir=docs,
        shown=docs_dir,
        private=private,
    )
    for level, message in admitted.notes:
        (log.warning if level == "warning" else log.info)(message)
    for file in list(files):
        if file.src_uri in sources:
            if file.src_uri in admitted.publish:
                file.content_bytes = admitted.publish[file.src_uri]
            else:
                files.remove(file)
    found, problems = site_files.public_documents(build.loaded, config.site_url or None)
    for problem in problems:
        _report(problem)
    for target, data in found.items():
        if files.get_file_from_path(target) is None:
            files.append(File.generated(config, target, content=data))


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the generated pages (in memory) unless a hand-written page takes their path."""
    build = _state.build
    assert build is not None, "on_config did not run"
    docs_dir = display_path(Path(config.docs_dir), build.root)
    _admit(files, build, docs_dir, config)
    present = {f.src_uri for f in files}
    _check_images(build.loaded, present, docs_dir)

    ctx = site.SiteContext(
        site_name=build.site_name or config.site_name,
        link=_linker(config),
        site_url=config.site_url or None,
        files=frozenset(present | set(build.documents)),
    )
    generated = site.site_pages(build.loaded.profile, ctx)
    build.ctx = ctx
    build.pages = {}
    replaced: set[str] = set()
    for page in generated:
        if page.path in present:
            replaced.add(page.path)
            log.info(f"{docs_dir}/{page.path} replaces the generated page")
            continue
        build.pages[page.path] = page
        files.append(File.generated(config, page.path, content=page.markdown))
    for name, target in (("site.css", STYLESHEET), ("file-worker.js", FILE_WORKER)):
        if target not in present:
            files.append(File.generated(config, target, content=_asset(name)))
    if MONOGRAM not in present:
        b = build.loaded.profile.basics
        svg = monogram.monogram_svg(
            b.name or config.site_name, monogram.primary_color(config.theme.get("palette"))
        )
        files.append(File.generated(config, MONOGRAM, content=svg))

    if build.auto_nav:
        generated_paths = {p.path for p in generated}
        handwritten = [
            f.src_uri
            for f in files.documentation_pages()
            if f.src_uri not in generated_paths and f.generated_by is None
        ]
        config.nav = _auto_nav(generated, handwritten, replaced)
    return files


# --- rendering -----------------------------------------------------------------------------


def on_page_context(context: Any, page: Page, config: MkDocsConfig, nav: Any) -> Any:
    """Canonical links name the folder, not its index.html (offline builds use file URLs)."""
    if page.canonical_url and page.canonical_url.endswith("/index.html"):
        page.canonical_url = page.canonical_url[: -len("index.html")]
    return context


def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    if env.bytecode_cache is None:
        # Compiling the theme's templates is the largest fixed cost of every build and
        # `mkdocs serve` rebuild. The cache checks each template's source, so an edited or
        # upgraded theme is never served stale.
        env.bytecode_cache = site.bytecode_cache(env, "theme")
    return env


_TAG = re.compile(r"<[^<>]*>")  # stops at the next `<`: linear time on any text


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Link-preview tags on every page; the JSON-LD Person on the home page."""
    build = _state.build
    if build is None or build.ctx is None:
        return output
    generated = build.pages.get(page.file.src_uri)
    if generated is not None:
        title, description = generated.title, generated.description or None
    else:
        title = html.unescape(_TAG.sub("", str(page.title or config.site_name)))
        description = (page.meta or {}).get("description")
    head = site.head_tags(
        build.loaded.profile,
        build.ctx,
        title=title,
        description=description if isinstance(description, str) else None,
        url=page.canonical_url,
        home=page.is_homepage,
        meta_description=not config.site_description and not (page.meta or {}).get("description"),
    )
    return output.replace("</head>", f"{head}</head>", 1)


def _private_documents(build: _Build) -> None:
    """Render every private document and packet, and check that build/ can take them; writes
    nothing (on_post_build does, once the site is built)."""
    try:
        from ..print import outputs
    except ModuleNotFoundError as exc:
        if exc.name != f"{__package__}.outputs":
            raise
        return
    loaded, out_dir = build.loaded, build.root / PRIVATE_DIR
    try:
        rendered = outputs.prepare_private_documents(loaded, out_dir, report=_report_printed)
    except (ProfileError, UserError) as exc:
        raise PluginError("\n".join(_problem_lines(exc))) from None
    packets_dir = build.root / outputs.PACKETS_DIR
    packets, run = outputs.render_packets(loaded, outputs.bindable_ids(loaded), packets_dir)
    if run.problems:
        raise PluginError("\n".join(str(p) for p in run.problems))
    if run.made:  # what each packet was made from, written with them (print/manifest.py)
        from ..print.manifest import updated

        packets.append(updated(packets_dir, run.made))
    problems = unwritable([target for target, _ in [*rendered, *packets]])
    if problems:
        lines = [f"error: {display_path(where)}: {why}" for where, why in problems]
        raise PluginError("\n".join([*lines, "nothing was written; fix the above and rebuild"]))
    build.private, build.packets, build.packets_unchanged = rendered, packets, len(run.unchanged)
    done = outputs.tally
    log.debug(
        f"print outputs: {done.made} print HTML made, {done.rendered} rendered, "
        f"{done.bound} packets bound"
    )


def _count_warnings() -> None:
    """Count MkDocs' warnings from the start of this build (MkDocs counts its own for
    `--strict` too, but tells no plugin): a strict `mkdocs serve` rebuild about to abort
    must not replace the served site."""
    if _state.warnings is not None:
        logging.getLogger("mkdocs").removeHandler(_state.warnings)
    _state.warnings = _WarningCount()
    logging.getLogger("mkdocs").addHandler(_state.warnings)


def _lock(root: Path, site_dir: Path) -> None:
    """One build of a project at a time; then undo what a killed build left (swap.recover)."""
    lock = _state.project_lock
    if lock is None or lock.root != root:
        _release()
        lock = _state.project_lock = ProjectLock(root)

    def waiting(holder: str) -> None:
        who = f" (process {holder})" if holder.isdigit() else ""
        log.info(f"waiting for another build of this project to finish{who}")

    try:
        lock.acquire(waiting)
        if not _state.dirty and not _serving():
            recover(site_dir)  # as named: staging folders sit beside it, even a link
        recover(root / PRIVATE_DIR)
    except OSError as exc:
        where = display_path(Path(exc.filename)) if exc.filename else display_path(root)
        raise PluginError(f"error: {where}: cannot prepare the build: {exc.strerror}") from None


def _release() -> None:
    if _state.project_lock is not None:
        _state.project_lock.release()


def _stage(config: MkDocsConfig, build: _Build) -> None:
    """Build into a new staging folder beside site_dir, this build's own; site_dir is only
    replaced once all went well."""
    if _state.dirty:
        return  # `--dirty` updates site_dir in place, as asked
    build.final_site = Path(config.site_dir)
    try:
        build.staging = staging_dir(build.final_site)
    except OSError as exc:
        raise PluginError(
            f"error: {display_path(build.final_site.parent)}: cannot create the folder the site "
            f"is built in before it replaces {display_path(build.final_site)}: {exc.strerror}"
        ) from None
    config.site_dir = str(build.staging)


def _unstage(build: _Build | None) -> None:
    """Drop what a build staged and did not publish."""
    if build is None:
        return
    for folder in (build.staging, build.private_staging):
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)
    build.staging = build.private_staging = None


def on_build_error(error: Exception) -> None:
    """A failed build changes nothing: the staging folders go, site/ and build/ stay."""
    build = _state.build
    if build is not None:
        build.failed = True
        if build.config is not None and build.final_site is not None:
            build.config.site_dir = str(build.final_site)
    _unstage(build)
    if _serving():
        _release()  # `mkdocs build` releases at on_shutdown


@event_priority(-100)  # after search and offline have written their files into the site
def on_post_build(config: MkDocsConfig) -> None:
    """Finish what the build publishes: the public documents into the staged site, the
    private documents, packets and calendar into a staged copy of build/.

    `mkdocs build` and `gh-deploy` swap both in at on_shutdown, once MkDocs has finished;
    `mkdocs serve` publishes into the served folder now (its rebuilds have no later event).
    """
    build = _state.build
    if build is None:
        return
    for name, data in build.documents.items():
        # the newest PDF: a background render may have finished since on_config
        write_atomic(
            Path(config.site_dir) / name, _state.served.get(name, data) if _serving() else data
        )
    if _serving():
        try:
            with _state.lock:  # a background PDF (while serving) waits until this is published
                if not _publish_served(config, build):
                    return  # MkDocs aborts this build next; on_build_error discards it
            _write_followups(build, None)
        finally:
            _release()
        _mark_stale(build)
        _refresh_documents_later(build)
        _proofread_later(build)
        return
    out_dir = build.root / PRIVATE_DIR
    try:
        build.private_staging = stage_copy(out_dir)
        _write_followups(build, build.private_staging)
        write_into(build.private_staging, [*build.private, *build.packets], out_dir)
    except OSError as exc:
        where = display_path(Path(exc.filename)) if exc.filename else display_path(out_dir)
        what = exc.strerror if isinstance(exc, FolderError) else f"cannot write: {exc.strerror}"
        raise PluginError(f"error: {where}: {what}") from None
    build.ready = True


def _mark_stale(build: _Build) -> None:
    """While serving, the private documents are not remade (seconds each): say in the log
    which in build/ the profile no longer matches, as `jobpacket status` does."""
    from ..print.manifest import profile_digest, read

    now = profile_digest(build.loaded)
    out_dir = build.root / PRIVATE_DIR
    stale = [
        name
        for folder, prefix in ((out_dir, ""), (out_dir / "packets", "packets/"))
        for name in (prefix + n for n, made in read(folder).items() if made.profile != now)
    ]
    if stale:
        n = len(stale)
        log.info(
            f"{display_path(out_dir)}/: {n} private document{'s' if n != 1 else ''} made from "
            f"an earlier version of the profile ({', '.join(sorted(stale)[:3])}"
            f"{', ...' if n > 3 else ''}); `jobpacket status` says which are stale, "
            "`mkdocs build` remakes them"
        )


def _publish(build: _Build) -> None:
    """site/ and build/ replaced by their staged versions: both, or neither."""
    swap = Swap()
    out_dir = build.root / PRIVATE_DIR
    try:
        if build.staging is not None and build.final_site is not None:
            swap.replace(build.final_site, build.staging)
            build.staging = None
        if build.private_staging is not None:
            swap.replace(out_dir, build.private_staging)
            build.private_staging = None
    except OSError as exc:
        swap.undo()
        where = display_path(Path(exc.filename)) if exc.filename else display_path(build.root)
        raise PluginError(
            f"error: {where}: cannot replace it with the new build: {exc.strerror}; "
            "the site and the private documents were left as they were"
        ) from None
    swap.commit()
    for folder in swap.fallbacks:
        log.info(
            f"{display_path(folder)} is a mount point or a link to a folder elsewhere: its "
            "files were replaced one by one, not the folder at once"
        )
    if build.config is not None and build.final_site is not None:
        build.config.site_dir = str(build.final_site)  # `gh-deploy` deploys from here next
    documents = [p for p, _ in build.private if p.suffix == ".pdf"]  # not the manifest
    if documents:
        n = len(documents)
        log.info(
            f"{n} private document{'s' if n != 1 else ''} in {display_path(out_dir)}/ "
            "(never deployed)"
        )
    packets = [p for p, _ in build.packets if p.suffix == ".pdf"]
    if packets or build.packets_unchanged:
        n, rebuilt = len(packets) + build.packets_unchanged, len(packets)
        log.info(
            f"{n} application packet{'s' if n != 1 else ''} in "
            f"{display_path(out_dir / 'packets')}/ ({rebuilt} rebuilt; never deployed)"
        )


def _publish_served(config: MkDocsConfig, build: _Build) -> bool:
    """While serving: the staged site into the served folder, file by file (the server keeps
    the folder it was given); False when a strict rebuild is about to abort."""
    site_dir = Path(config.site_dir)
    if build.staging is not None and build.final_site is not None:
        if config.strict and _state.warnings is not None and _state.warnings.count:
            return False
        try:
            publish_tree(build.staging, build.final_site)
        except OSError as exc:
            where = display_path(Path(exc.filename)) if exc.filename else build.final_site
            raise PluginError(f"error: {where}: cannot write: {exc.strerror}") from None
        config.site_dir = str(build.final_site)
        _unstage(build)
        site_dir = build.final_site
    _state.live_site = site_dir
    return True


def _write_followups(build: _Build, staged: Path | None) -> None:
    """build/followups.ics (private: it names contacts), into the staged copy of build/ (or
    straight into build/ while serving), rewritten only when it changes; and the follow-ups
    overdue today, as info (they depend on the date, so never fail a build)."""
    from datetime import date

    from ..followups import followup_findings
    from ..followups_ics import calendar_bytes

    for problem in followup_findings(build.loaded, date.today()):
        _report(problem)  # once: `_proofread` may have reported it already
    out_dir = build.root / PRIVATE_DIR
    data = calendar_bytes(build.loaded.profile)
    if staged is not None:
        write_into(staged, [(out_dir / FOLLOWUPS_ICS, data)], out_dir)
    else:
        write_many(
            [(out_dir / FOLLOWUPS_ICS, data)], tmp_dir=build.root / f".{PRIVATE_DIR}.jobpacket-new"
        )


def _keep_last_good(rebuild: Callable[[], None]) -> Callable[[], None]:
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


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    """Keep serving the last good site through failed rebuilds; watch the profile too when it
    lives outside docs_dir and the ``watch`` list (with file events when MkDocs' loop can be
    woken, site/preview.py, else with MkDocs' polling)."""
    if callable(getattr(server, "builder", None)):
        server.builder = _keep_last_good(server.builder)
    _state.server = server
    build = _state.build
    if build is None:
        return server
    if not (preview.can_reload(server) or preview.can_wake(server)):
        # a ready background PDF reloads the browsers through a file MkDocs watches
        cache = _cache_dir(build.loaded)
        if cache is not None:
            folder = cache / "serve"
            folder.mkdir(parents=True, exist_ok=True)
            _state.ready_signal = folder / "pdf-ready"
            server.watch(str(folder), recursive=False)
    profile = build.loaded.path.resolve()
    watched = [Path(config.docs_dir).resolve(), *(Path(w).resolve() for w in config.watch)]
    if not any(profile.is_relative_to(w) for w in watched):
        if preview.can_wake(server) and _state.watch is None:
            _state.watch = preview.FastWatch(profile.parent, lambda: preview.wake(server))
            log.info(f"watching {display_path(profile.parent)}/ for changes to the profile")
        else:
            server.watch(str(profile.parent), recursive=False)
    return server
