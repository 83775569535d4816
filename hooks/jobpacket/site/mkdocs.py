"""The MkDocs adapter: the only module of jobpacket that imports MkDocs.

``hooks/site.py`` re-exports the ``on_*`` functions below, which MkDocs calls as a plugin.
The site itself is one value made without any engine (site/stage.py); the build's other work
(site/work.py), publishing (site/publish.py) and what survives a ``mkdocs serve`` rebuild
(site/serving.py) are engine-neutral too. This module only translates them into MkDocs:

- ``on_config``  loads the profile, renders every document (for ``mkdocs build`` the private
  ones too, checking that build/ can take them) and points MkDocs at a staging folder next
  to site_dir; puts jobpacket's theme overrides below the user's ``custom_dir`` and the
  person's monogram in as logo and favicon unless mkdocs.yml names its own.
- ``on_files``   hands the stage's pages, assets and documents to MkDocs as in-memory files
  (nothing is written into ``content/``); a hand-written page at the same path wins.
- ``on_post_page`` adds link-preview tags and the JSON-LD Person to ``<head>``.
- ``on_post_build`` stages the private documents, packets and calendar; ``on_shutdown``
  swaps site/ and build/ in, both or neither; ``on_build_error`` drops what was staged, so a
  failed build or ``mkdocs serve`` rebuild leaves both exactly as they were.
- ``on_serve``   keeps serving through failed rebuilds (the last good profile too) and
  watches the profile when it lives outside the watched folders.
"""

from __future__ import annotations

import html
import logging
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from ..errors import UserError, printable
from ..fsutil import write_atomic
from ..settings import display_path, site_profile
from ..templating import bytecode_cache
from . import deploy, rawblocks, replay, replaying, serving, theming, work
from . import publish as pub
from .names import STYLESHEET
from .serving import Build, log, report, report_printed

if TYPE_CHECKING:
    from .values import Linker

__all__ = [
    "on_build_error",
    "on_config",
    "on_env",
    "on_files",
    "on_page_context",
    "on_page_markdown",
    "on_post_build",
    "on_post_page",
    "on_serve",
    "on_shutdown",
    "on_startup",
]


_state = serving.state


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
            replaying.finish(build)
    finally:
        replaying.stop(build)
        pub.unstage(build.pub if build is not None else None)
        _release()
    _state.build = None
    serving.stop()
    worker = sys.modules.get(f"{__package__.rsplit('.', 1)[0]}.print.worker")
    if worker is not None:  # a build that rendered nothing never started one
        worker.shutdown()  # warm render workers live as long as `mkdocs serve`


def _plugin_error(exc: pub.SiteError) -> PluginError:
    return PluginError(str(exc))


def _count_warnings() -> None:
    """Count MkDocs' warnings from the start of this build (MkDocs counts its own for
    `--strict` too, but tells no plugin): a strict `mkdocs serve` rebuild about to abort
    must not replace the served site."""
    if _state.warnings is not None:
        logging.getLogger("mkdocs").removeHandler(_state.warnings)
    _state.warnings = serving.WarningCount()
    logging.getLogger("mkdocs").addHandler(_state.warnings)


def _release() -> None:
    if _state.project_lock is not None:
        _state.project_lock.release()


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Pick and load the profile; wire the assets. Runs before MkDocs cleans site/."""
    root = Path(config.config_file_path or ".").resolve().parent
    if refused := deploy.own_repository_problem(_state.command, root):
        raise PluginError(f"error: {refused}")  # before anything is locked or built
    _count_warnings()
    try:
        _state.project_lock = pub.lock(
            _state.project_lock,
            root,
            None if _state.dirty or _state.serving else Path(config.site_dir),
            log.info,
        )
    except pub.SiteError as exc:
        raise _plugin_error(exc) from None
    settings = config.extra.get("jobpacket") or {}
    named = settings.get("profile") if isinstance(settings, dict) else None
    try:
        path, other = site_profile(root, named)
    except UserError as exc:
        raise PluginError(printable(f"error: {exc}")) from None
    try:
        pub.check_outputs(root, Path(config.site_dir))
    except pub.SiteError as exc:
        raise _plugin_error(exc) from None
    build = Build(path, root, config.nav is None, pub.Publication(root))
    build.config = config
    try:
        if _state.command == "build" and not _state.dirty:  # site/replay.py
            replaying.start(build, config, path)
        if build.replayed is not None:
            _state.build = build
            replaying.replay_config(build, config)
            log.debug("nothing changed since the last build: its recording is replayed")
            log.debug(work.work_line(0, 0, 0))
        else:
            build.source = serving.load(path)
            _state.build = build
            _make(config, build, other=other)
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        theming.use_theme_overrides(config)
        theming.use_monogram(config)
        if not any(isinstance(e, rawblocks.RawBlocks) for e in config.markdown_extensions):
            # An extension instance, as mkdocstrings and autorefs add theirs (MkDocs passes
            # the list to Python-Markdown, which takes names and instances alike).
            extension: Any = rawblocks.RawBlocks(_raw_blocks)
            config.markdown_extensions.append(extension)
        if not _state.dirty:  # `--dirty` updates site_dir in place, as asked
            config.site_dir = str(pub.stage_site(build.pub, Path(config.site_dir)))
    except pub.SiteError as exc:
        replaying.stop(build)
        raise _plugin_error(exc) from None
    return config


def _make(config: MkDocsConfig, build: Build, *, other: bool) -> None:
    """on_config's own work: load and proofread the profile, make or find the documents."""
    loaded = build.loaded
    replaying.loaded(build)  # before anything reads the files the profile names
    if not _state.serving or config.strict:
        # While serving, after the rebuild (on_post_build), unless `--strict` asks a warning
        # to stop it: then before, so that the served site stays the last one without any.
        work.proofread(loaded, report)
    theming.apply_identity(config, build, other=other)
    theming.check_worker_shim(config)
    work.print_work()  # counted from here; logged below
    build.documents = serving.site_documents(loaded)
    if not _state.serving:  # private documents take seconds; `mkdocs build` makes them
        build.private = work.private_documents(loaded, build.root, report_printed)
        if done := work.print_work():
            log.debug(done)
    replaying.record_config(build, config)


# --- files, pages and nav ------------------------------------------------------------------


def _linker(config: MkDocsConfig) -> Linker:
    """Relative hrefs the way this MkDocs lays out URLs (directory URLs or not)."""

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


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """The site stage from the files MkDocs found: only what site/files.py admits from
    docs_dir reaches the site, as the bytes it read and checked (MkDocs never reopens the
    path); then the generated pages, assets and documents, in memory."""
    build = _state.build
    assert build is not None, "on_config did not run"
    replaying.phase(build, "files")
    docs = Path(config.docs_dir)
    sources = {f.src_uri: docs / f.src_uri for f in files if f.src_dir == config.docs_dir}
    if build.replayed is not None:
        stage = replay.stage_from(build.replayed.stage, _linker(config))
    else:
        from .stage import StageSettings, make_stage

        stage = make_stage(
            build.loaded,
            StageSettings(
                root=build.root,
                docs_dir=docs,
                site_name=build.site_name or config.site_name,
                site_url=config.site_url or None,
                use_directory_urls=config.use_directory_urls,
                palette=config.theme.get("palette"),
                auto_nav=build.auto_nav,
            ),
            documents=build.documents,
            sources=sources,
            theme_files=[f.src_uri for f in files if f.src_uri not in sources],
            link=_linker(config),
        )
        if build.recording is not None:
            build.recording.stage = replay.stage_values(stage)
    for level, message in stage.notes:
        (log.warning if level == "warning" else log.info)(message)
    for problem in stage.problems:
        report(problem)
    for file in list(files):
        if file.src_uri in sources:
            if file.src_uri in stage.content:
                file.content_bytes = stage.content[file.src_uri]
            else:
                files.remove(file)
    for target, data in stage.documents.items():
        if target not in build.documents:  # the résumé PDF is written at on_post_build
            files.append(File.generated(config, target, content=data))
    docs_dir = display_path(docs, build.root)
    for path in sorted(stage.replaced) if build.replayed is None else ():  # said already
        log.info(f"{docs_dir}/{path} replaces the generated page")
    build.ctx = stage.context
    build.pages = {page.path: page for page in stage.pages}
    for page in stage.pages:
        files.append(File.generated(config, page.path, content=page.markdown))
    for target, data in stage.assets.items():
        files.append(File.generated(config, target, content=data))
    if stage.nav is not None:
        config.nav = list(stage.nav)
    return files


# --- rendering -----------------------------------------------------------------------------

#: On while Python-Markdown reads a page the stage generated (site/rawblocks.py).
_raw_blocks = rawblocks.Switch()


@event_priority(-100)  # after any other plugin that changes a page's Markdown
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """A generated page reaches Python-Markdown with its HTML blocks already put aside,
    unless something changed it on the way."""
    build = _state.build
    generated = build.pages.get(page.file.src_uri) if build is not None else None
    _raw_blocks.on = generated is not None and markdown == generated.markdown
    return markdown


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
        env.bytecode_cache = bytecode_cache(env, "theme")
    return env


_TAG = re.compile(r"<[^<>]*>")  # stops at the next `<`: linear time on any text


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Link-preview tags on every page; the JSON-LD Person on the home page."""
    build = _state.build
    if build is None or build.ctx is None:
        return output
    key = replay.head_key(page.file.src_uri, page.canonical_url)
    if build.replayed is not None and key in build.replayed.heads:
        return output.replace("</head>", f"{build.replayed.heads[key]}</head>", 1)
    from .head import head_tags

    generated = build.pages.get(page.file.src_uri)
    if generated is not None:
        title, description = generated.title, generated.description or None
    else:
        title = html.unescape(_TAG.sub("", str(page.title or config.site_name)))
        description = (page.meta or {}).get("description")
    head = head_tags(
        build.loaded.profile,
        build.ctx,
        title=title,
        description=description if isinstance(description, str) else None,
        url=page.canonical_url,
        home=page.is_homepage,
        meta_description=not config.site_description and not (page.meta or {}).get("description"),
    )
    if build.recording is not None:
        build.recording.heads[key] = head
    return output.replace("</head>", f"{head}</head>", 1)


# --- publishing ----------------------------------------------------------------------------


def on_build_error(error: Exception) -> None:
    """A failed build changes nothing: the staging folders go, site/ and build/ stay."""
    build = _state.build
    replaying.stop(build)
    if build is not None:
        build.failed = True
        if build.config is not None and build.pub.final_site is not None:
            build.config.site_dir = str(build.pub.final_site)
        pub.unstage(build.pub)
    if _state.serving:
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
    replaying.phase(build, "post_build")
    for name, data in build.documents.items():
        # the newest PDF: a background render may have finished since on_config
        served = _state.served.get(name, data) if _state.serving else data
        write_atomic(Path(config.site_dir) / name, served)
    try:
        if _state.serving:
            try:
                with _state.lock:  # a background PDF (while serving) waits until published
                    if not _publish_served(config, build):
                        return  # MkDocs aborts this build next; on_build_error discards it
                pub.write_private_now(
                    build.root, [work.followups(build.loaded, build.root, report)]
                )
            finally:
                _release()
            note = work.stale_note(build.loaded, build.root)
            if note:
                log.info(note)
            serving.refresh_later(build)
            if not config.strict:  # a strict rebuild proofread before its pages
                serving.proofread_later(build)
            return
        made = None if build.replayed else work.followups(build.loaded, build.root, report)
        calendar = replaying.calendar(build, made)
        pub.stage_private(build.pub, [calendar, *build.private.files()])
    except pub.SiteError as exc:
        raise _plugin_error(exc) from None
    replaying.stop(build)
    build.ready = True


def _publish(build: Build) -> None:
    """site/ and build/ replaced by their staged versions: both, or neither."""
    try:
        pub.publish(build.pub)
    except pub.SiteError as exc:
        raise _plugin_error(exc) from None
    for folder in build.pub.fallbacks:
        log.info(pub.fallback_note(folder))
    if build.config is not None and build.pub.final_site is not None:
        build.config.site_dir = str(build.pub.final_site)  # `gh-deploy` deploys from here next
    for line in work.private_summary(build.private, build.root):
        log.info(line)


def _publish_served(config: MkDocsConfig, build: Build) -> bool:
    """While serving: the staged site into the served folder, file by file (the server keeps
    the folder it was given); False when a strict rebuild is about to abort."""
    site_dir = Path(config.site_dir)
    if build.pub.staging is not None and build.pub.final_site is not None:
        if config.strict and _state.warnings is not None and _state.warnings.count:
            return False
        site_dir = pub.publish_in_place(build.pub)
        config.site_dir = str(site_dir)
    _state.live_site = site_dir
    return True


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    """Keep serving the last good site through failed rebuilds; watch the profile too when it
    lives outside docs_dir and the ``watch`` list (site/serving.py)."""
    if callable(getattr(server, "builder", None)):
        server.builder = serving.keep_last_good(server.builder)
    _state.server = server
    build = _state.build
    if build is None:
        return server
    watched = [Path(config.docs_dir).resolve(), *(Path(w).resolve() for w in config.watch)]
    serving.watch(server, build, watched)
    return server
