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

from ..fsutil import fresh_dir, publish_tree, unwritable, write_atomic, write_many
from ..profile.errors import Problem, ProfileError, UserError, printable
from ..profile.validate import LoadedProfile, load_profile
from ..settings import (
    DEFAULT_PROFILE,
    configured_theme_language,
    display_path,
    resolve_profile,
)
from ..settings import current as current_settings
from . import files as site_files
from . import identity, monogram, preview
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
    warnings: logging.Handler | None = None
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


_state = _State()


# --- lifecycle -----------------------------------------------------------------------------


def on_startup(command: str, dirty: bool) -> None:
    """Remember whether we serve: only then is a broken profile survivable."""
    _state.command = command
    _state.dirty = dirty
    _state.last_good.clear()


def on_shutdown() -> None:
    _unstage(_state.build)
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
    loaded = _load(path)
    _state.build = _Build(loaded=loaded, root=root, auto_nav=config.nav is None)
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


def _leave_out_private(files: Files, build: _Build, docs_dir: str) -> None:
    """Drop every private input or output that sits under docs_dir from the site."""
    folders = tuple(f for f in (_cache_dir(build.loaded), build.root / PRIVATE_DIR) if f)
    private = site_files.private_paths(build.loaded, folders=folders)
    for file in list(files):
        if file.abs_src_path and private.covers(Path(file.abs_src_path)):
            files.remove(file)
            log.info(
                f"{docs_dir}/{file.src_uri} is private (profile, enclosure, cache or build "
                "output); it is left out of the site"
            )


def _add_public_documents(files: Files, config: MkDocsConfig, build: _Build) -> None:
    """Copy each public document the site links (documents[].url) from its local path."""
    found, problems = site_files.public_documents(build.loaded, config.site_url or None)
    for problem in problems:
        log.info(str(problem))
    for target, source in found.items():
        if files.get_file_from_path(target) is None:
            files.append(File.generated(config, target, abs_src_path=str(source)))


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the generated pages (in memory) unless a hand-written page takes their path."""
    build = _state.build
    assert build is not None, "on_config did not run"
    docs_dir = display_path(Path(config.docs_dir), build.root)
    _leave_out_private(files, build, docs_dir)
    _add_public_documents(files, config, build)
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
    packets, run = outputs.render_packets(
        loaded, outputs.bindable_ids(loaded), build.root / outputs.PACKETS_DIR
    )
    if run.problems:
        raise PluginError("\n".join(str(p) for p in run.problems))
    problems = unwritable([target for target, _ in [*rendered, *packets]])
    if problems:
        lines = [f"error: {display_path(where)}: {why}" for where, why in problems]
        raise PluginError("\n".join([*lines, "nothing was written; fix the above and rebuild"]))
    build.private, build.packets, build.packets_unchanged = rendered, packets, len(run.unchanged)


class _WarningCount(logging.Handler):
    """Counts MkDocs' warnings, so a strict build that is about to abort publishes nothing."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def _stage(config: MkDocsConfig, build: _Build) -> None:
    """Build into a sibling staging folder; site_dir is only changed once all went well."""
    if _state.dirty:
        return  # `--dirty` updates site_dir in place, as asked
    build.final_site = Path(config.site_dir)
    staging = build.final_site.parent / f".{build.final_site.name}.jobpacket-new"
    try:
        build.staging = fresh_dir(staging)
    except OSError as exc:
        raise PluginError(
            f"error: {display_path(staging)}: cannot create the folder the site is built in "
            f"before it replaces {display_path(build.final_site)}: {exc.strerror}"
        ) from None
    config.site_dir = str(build.staging)
    build.warnings = _WarningCount()
    logging.getLogger("mkdocs").addHandler(build.warnings)


def _unstage(build: _Build | None) -> None:
    if build is None:
        return
    if build.warnings is not None:
        logging.getLogger("mkdocs").removeHandler(build.warnings)
        build.warnings = None
    if build.staging is not None:
        shutil.rmtree(build.staging, ignore_errors=True)
        build.staging = None


def on_build_error(error: Exception) -> None:
    """A failed build changes nothing: the staging folder goes, site/ and build/ stay."""
    _unstage(_state.build)


@event_priority(-100)  # after search and offline have written their files into the site
def on_post_build(config: MkDocsConfig) -> None:
    """Publish: the staged site into site_dir, then the private documents into build/."""
    build = _state.build
    if build is None:
        return
    with _state.lock:  # a background PDF (while serving) waits until this is published
        if not _publish_site(config, build):
            return  # MkDocs aborts this build next; on_build_error discards it
    _write_followups(build)
    if _serving():
        _refresh_documents_later(build)
        _proofread_later(build)
    if build.private:
        out_dir = build.root / PRIVATE_DIR
        try:
            write_many(build.private, tmp_dir=build.root / f".{PRIVATE_DIR}.jobpacket-new")
        except OSError as exc:
            where = display_path(Path(exc.filename)) if exc.filename else out_dir
            raise PluginError(f"error: {where}: cannot write: {exc.strerror}") from None
        n = len(build.private)
        log.info(
            f"{n} private document{'s' if n != 1 else ''} in {display_path(out_dir)}/ "
            "(never deployed)"
        )
    if build.packets or build.packets_unchanged:
        try:
            write_many(build.packets, tmp_dir=build.root / f".{PRIVATE_DIR}.jobpacket-new")
        except OSError as exc:
            where = display_path(Path(exc.filename)) if exc.filename else build.root
            raise PluginError(f"error: {where}: cannot write: {exc.strerror}") from None
        n, rebuilt = len(build.packets) + build.packets_unchanged, len(build.packets)
        log.info(
            f"{n} application packet{'s' if n != 1 else ''} in "
            f"{display_path(build.root / PRIVATE_DIR / 'packets')}/ "
            f"({rebuilt} rebuilt; never deployed)"
        )


def _publish_site(config: MkDocsConfig, build: _Build) -> bool:
    """The staged site into site_dir; False when a strict build is about to abort."""
    site_dir = Path(config.site_dir)
    for name, data in build.documents.items():
        # the newest PDF: a background render may have finished since on_config
        write_atomic(site_dir / name, _state.served.get(name, data) if _serving() else data)
    if build.staging is not None and build.final_site is not None:
        if config.strict and build.warnings is not None and build.warnings.count:
            return False
        try:
            publish_tree(build.staging, build.final_site)
        except OSError as exc:
            where = display_path(Path(exc.filename)) if exc.filename else build.final_site
            raise PluginError(f"error: {where}: cannot write: {exc.strerror}") from None
        config.site_dir = str(build.final_site)  # `gh-deploy` deploys from here next
        _unstage(build)
        site_dir = build.final_site
    _state.live_site = site_dir
    return True


def _write_followups(build: _Build) -> None:
    """build/followups.ics (private: it names contacts), rewritten only when it changes; and
    the follow-ups overdue today, as info (they depend on the date, so never fail a build)."""
    from datetime import date

    from ..followups import followup_findings
    from ..followups_ics import calendar_bytes

    for problem in followup_findings(build.loaded, date.today()):
        _report(problem)  # once: `_proofread` may have reported it already
    target = build.root / PRIVATE_DIR / FOLLOWUPS_ICS
    data = calendar_bytes(build.loaded.profile)
    write_many([(target, data)], tmp_dir=build.root / f".{PRIVATE_DIR}.jobpacket-new")


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
