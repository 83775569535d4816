"""The Zensical adapter: the portfolio built by Zensical, which runs no hooks.

Zensical (Material for MkDocs' successor) reads a mkdocs.yml but runs neither ``hooks:`` nor
third-party plugins, so it cannot ask jobpacket for the pages the way MkDocs does. Instead
this adapter makes the site stage (site/stage.py) itself and writes it out as a project
Zensical can read, in the cache folder (never in the user's content/):

    .jobpacket-cache/zensical/<project digest>/
      mkdocs.yml   INHERIT: the project's mkdocs.yml, then docs_dir, nav, logo and the
                   template overrides of this build
      docs/        the generated pages, assets, public documents and the files admitted
                   from content/ (as read and cleaned by site/files.py)
      overrides/   jobpacket's theme overrides
      site/        what `zensical build` writes

Zensical runs in its own process through its public command line. What it writes is then
published as every engine's build is (site/publish.py): staged beside site/, and swapped in
whole with build/ (the private documents), both or neither, under the project's lock.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin

import yaml

from ..caches import cache_folder
from ..errors import Problem, ProfileError, UserError, plural, printable
from ..fsutil import write_atomic, write_many
from ..profile.validate import LoadedProfile, load_profile
from ..settings import configured_theme_language, display_path, read_site_config, site_profile
from . import identity, work
from . import publish as pub
from .head import head_tags
from .nav import page_url
from .pages import HOME, plain
from .stage import (
    MONOGRAM,
    STYLESHEET,
    SiteStage,
    StageSettings,
    make_stage,
)

ZENSICAL = [sys.executable, "-m", "zensical"]
WORK_DIR = "zensical"
"""The generated project, under the cache folder."""
MATERIAL_FAVICON = "assets/images/favicon.png"

Say = Callable[[str], None]


@dataclass(frozen=True)
class Prepared:
    """One build's inputs, made before Zensical runs."""

    root: Path
    loaded: LoadedProfile
    stage: SiteStage
    config: Path
    """The generated mkdocs.yml Zensical reads."""
    site_dir: Path
    """Where the project's site goes (mkdocs.yml's site_dir, default site/)."""
    use_directory_urls: bool
    docs_dir: Path


def _use_directory_urls(data: dict[str, Any]) -> bool:
    """As Zensical decides it: the offline plugin turns directory URLs off."""
    plugins = data.get("plugins") or []
    names = [p if isinstance(p, str) else next(iter(p), "") for p in plugins if p]
    for p in plugins:
        if isinstance(p, dict) and "offline" in p:
            options = p["offline"] or {}
            if isinstance(options, dict) and options.get("enabled") is False:
                names.remove("offline")
    if "offline" in names:
        return False
    return bool(data.get("use_directory_urls", True))


def _theme(data: dict[str, Any]) -> dict[str, Any]:
    theme = data.get("theme")
    if isinstance(theme, str):
        return {"name": theme}
    return theme if isinstance(theme, dict) else {}


def _write_docs(stage: SiteStage, docs: Path) -> None:
    """The stage's files as Zensical reads them; a file the stage no longer has goes."""
    wanted = stage.files()
    if docs.is_dir():
        for path in sorted(docs.rglob("*"), reverse=True):
            rel = path.relative_to(docs).as_posix()
            if path.is_file() and rel not in wanted:
                path.unlink()
    # a file that already holds its bytes is not rewritten: Zensical's own cache and watcher
    # see no change
    write_many(
        [
            (docs / rel, data.encode("utf-8") if isinstance(data, str) else data)
            for rel, data in wanted.items()
        ]
    )


def _generated_config(
    root: Path, data: dict[str, Any], stage: SiteStage, theme_language: str | None
) -> dict[str, Any]:
    """mkdocs.yml for Zensical: the project's, inherited, with this build's values on top.

    Zensical merges an inherited file by appending lists, so only values the project's file
    lacks (or scalars, which replace) are written here.
    """
    theme = _theme(data)
    own: dict[str, Any] = {}
    icon = theme.get("icon") or {}
    if not theme.get("logo") and not (isinstance(icon, dict) and icon.get("logo")):
        own["logo"] = MONOGRAM
    if theme.get("favicon") in (None, MATERIAL_FAVICON):
        own["favicon"] = MONOGRAM
    if theme.get("custom_dir"):  # one custom_dir in Zensical: the project's wins
        own["custom_dir"] = str((root / str(theme["custom_dir"])).resolve())
    else:
        own["custom_dir"] = "overrides"
    if theme_language:
        own["language"] = theme_language
    config: dict[str, Any] = {
        "INHERIT": str((root / "mkdocs.yml").resolve()),
        "site_name": plain(stage.site_name),
        "docs_dir": "docs",
        "site_dir": "site",
        "theme": own,
    }
    config["site_url"] = stage.site_url or ""
    if STYLESHEET not in (data.get("extra_css") or []):
        config["extra_css"] = [STYLESHEET]
    if stage.nav is not None:
        config["nav"] = list(stage.nav)
    return config


def read_config(root: Path) -> dict[str, Any]:
    """The project's mkdocs.yml, as read for the stage's settings."""
    try:
        return read_site_config(root / "mkdocs.yml")
    except UserError as exc:
        raise pub.SiteError(printable(f"error: {exc}")) from None


def site_dir_of(root: Path, data: dict[str, Any]) -> Path:
    return (root / str(data.get("site_dir") or "site")).resolve()


def prepare(
    root: Path,
    data: dict[str, Any],
    report: Callable[[Problem], None],
    say: Say,
    profile: Path | None = None,
) -> Prepared:
    """Everything up to running Zensical: the profile loaded and proofread, the public
    documents rendered, the stage made and written out. Raises `pub.SiteError`."""
    config_file = root / "mkdocs.yml"
    try:
        extra = data.get("extra") or {}
        settings = extra.get("jobpacket") if isinstance(extra, dict) else None
        named = settings.get("profile") if isinstance(settings, dict) else None
        path, other = site_profile(root, named, profile)
        loaded = load_profile(path, display_path(path))
    except ProfileError as exc:  # its located lines
        raise pub.SiteError(work.counted(work.problem_lines(exc))) from None
    except UserError as exc:
        raise pub.SiteError(printable(f"error: {exc}")) from None
    for note in loaded.notes:
        say(str(note))
    site_dir = site_dir_of(root, data)
    pub.check_outputs(root, site_dir)
    work.proofread(loaded, report)
    who = identity.site_identity(
        loaded.profile, data.get("site_name"), data.get("site_url"), other_profile=other
    )
    documents = work.site_documents(loaded, work.disabled_filter(loaded, report))
    stage_settings = StageSettings(
        root=root,
        docs_dir=(root / str(data.get("docs_dir") or "docs")),
        site_name=who.site_name,
        site_url=who.site_url,
        use_directory_urls=_use_directory_urls(data),
        palette=_theme(data).get("palette"),
        auto_nav=data.get("nav") is None,
    )
    stage = make_stage(loaded, stage_settings, documents=documents)
    for level, message in stage.notes:
        say(f"{'warning: ' if level == 'warning' else ''}{message}")
    for problem in stage.problems:
        report(problem)
    # one folder per project: JOBPACKET_CACHE_DIR may be shared by several
    folder = cache_folder(loaded.path) / WORK_DIR / hashlib.sha256(bytes(root)).hexdigest()[:12]
    _write_docs(stage, folder / "docs")
    overrides = folder / "overrides"
    shutil.rmtree(overrides, ignore_errors=True)
    shutil.copytree(stage.overrides, overrides)
    language = identity.theme_language(
        loaded.profile.meta.lang, configured_theme_language(config_file), _theme_languages()
    )
    generated = _generated_config(root, data, stage, language)
    text = "# Generated by jobpacket for Zensical on each build; edit mkdocs.yml instead.\n"
    text += yaml.safe_dump(generated, allow_unicode=True, sort_keys=False)
    write_atomic(folder / "mkdocs.yml", text.encode("utf-8"))
    return Prepared(
        root,
        loaded,
        stage,
        folder / "mkdocs.yml",
        site_dir,
        stage_settings.use_directory_urls,
        stage_settings.docs_dir,
    )


def _theme_languages() -> list[str]:
    """The interface languages Zensical's templates know (one file per language)."""
    try:
        folder = resources.files("zensical").joinpath("templates", "partials", "languages")
        return [Path(f.name).stem for f in folder.iterdir() if f.name.endswith(".html")]
    except (ModuleNotFoundError, OSError):
        return []


def add_head_tags(prepared: Prepared, built: Path, site_description: str | None) -> None:
    """Link-preview tags and, on the home page, the JSON-LD Person, as the MkDocs hook adds
    them (``on_post_page``): Zensical runs no hook, so they go into its output here, into
    each generated page (a hand-written page has none under Zensical)."""
    stage = prepared.stage
    for page in stage.pages:
        url = page_url(page.path, prepared.use_directory_urls)
        target = built / unquote(url)
        if url.endswith("/"):
            target = target / "index.html"
        try:
            text = target.read_text(encoding="utf-8")
        except OSError:
            continue
        canonical = None
        if stage.site_url:
            canonical = urljoin(stage.site_url, url.removesuffix("index.html"))
            if url == "./":
                canonical = stage.site_url
        head = head_tags(
            prepared.loaded.profile,
            stage.context,
            title=page.title,
            description=page.description or None,
            url=canonical,
            home=page.path == HOME,
            meta_description=not site_description,
        )
        write_atomic(target, text.replace("</head>", f"{head}</head>", 1).encode("utf-8"))


def run_zensical(command: str, config: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """`zensical build` (through its public command line), in the generated project."""
    return subprocess.run(
        [*ZENSICAL, command, "-f", str(config), *extra],
        cwd=config.parent,
        capture_output=True,
        text=True,
        check=False,
    )


def _failed(result: subprocess.CompletedProcess[str]) -> pub.SiteError:
    output = (result.stderr or result.stdout).strip().splitlines()[-20:]
    return pub.SiteError(
        "\n".join(
            [
                *output,
                f"error: zensical build failed (exit {result.returncode}); "
                "site/ and build/ were left as they were",
            ]
        )
    )


def build(
    root: Path,
    report: Callable[[Problem], None],
    say: Say,
    *,
    strict: bool = False,
    profile: Path | None = None,
) -> list[str]:
    """`jobpacket site build --engine zensical`: site/ and build/ replaced, both or neither.
    Returns what to tell the user; raises `pub.SiteError` and leaves both as they were.
    ``strict``: a warning fails the build too, as with `mkdocs build --strict`."""
    root = root.resolve()
    warnings: list[str] = []

    def counting(problem: Problem) -> None:
        if problem.severity == "warning":
            warnings.append(str(problem))
        report(problem)

    def noting(line: str) -> None:
        if line.startswith("warning: "):
            warnings.append(line)
        say(line)

    publication = pub.Publication(root)
    data = read_config(root)
    held = pub.lock(None, root, site_dir_of(root, data), say)
    try:
        prepared = prepare(root, data, counting, noting, profile)
        private = work.private_documents(prepared.loaded, root, counting)
        built = prepared.config.parent / "site"
        shutil.rmtree(built, ignore_errors=True)
        result = run_zensical("build", prepared.config, "--clean", *(["--strict"] * strict))
        if result.returncode != 0 or not (built / "index.html").is_file():
            raise _failed(result)
        add_head_tags(prepared, built, data.get("site_description"))
        calendar = work.followups(prepared.loaded, root, counting)
        if strict and warnings:
            n = len(warnings)
            raise pub.SiteError(
                f"error: {plural(n, 'warning')} in strict mode; "
                "site/ and build/ were left as they were"
            )
        staging = pub.stage_site(publication, prepared.site_dir)
        shutil.copytree(built, staging, dirs_exist_ok=True)
        pub.stage_private(publication, [calendar, *private.files()])
        pub.publish(publication)
    finally:
        pub.unstage(publication)
        held.release()
    lines = [pub.fallback_note(folder) for folder in publication.fallbacks]
    lines.append(f"site built with Zensical in {display_path(prepared.site_dir)}/")
    lines.extend(work.private_summary(private, root))
    return lines


__all__ = ["ZENSICAL", "Prepared", "build", "prepare", "read_config", "run_zensical"]
