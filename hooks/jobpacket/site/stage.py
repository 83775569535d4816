"""The portfolio site as one value, before any engine sees it.

The site stage ends in data, not in engine calls: the generated pages (Markdown with
sanitized HTML blocks), the navigation, jobpacket's assets, the files admitted from
content/, the public documents the site links, and what the theme needs (the site's name,
the monogram, jobpacket's template overrides). Each engine is a thin adapter over this value:
the MkDocs hook hands it to MkDocs as in-memory files, the Zensical adapter writes it into a
folder Zensical reads. So when an engine goes away, the site moves by writing an adapter.

`make_stage` never imports an engine and writes nothing; findings come back as values
(`SiteStage.problems`, `SiteStage.notes`) for the adapter to report.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any
from urllib.parse import urlsplit

from ..caches import cache_folder
from ..errors import Problem
from ..profile.validate import LoadedProfile
from ..settings import display_path
from . import files as site_files
from . import monogram
from .names import FILE_WORKER, MONOGRAM, PRIVATE_DIR, STYLESHEET, is_page, overrides_dir
from .nav import auto_nav, relative_linker
from .pages import IMAGE_SUFFIXES, referenced_images, site_pages
from .values import Linker, SiteContext, SiteStage

_ASSETS = (("site.css", STYLESHEET), ("file-worker.js", FILE_WORKER))


@dataclass(frozen=True)
class StageSettings:
    """What the stage needs from the engine's configuration (mkdocs.yml)."""

    root: Path
    """The project folder (mkdocs.yml's)."""
    docs_dir: Path
    """The hand-written sources (content/)."""
    site_name: str
    """Plain text: the adapter resolved it from mkdocs.yml and the profile (identity.py)."""
    site_url: str | None = None
    use_directory_urls: bool = True
    palette: Any = None
    """The theme's palette: the monogram takes its primary color."""
    auto_nav: bool = True
    """False when mkdocs.yml writes its own ``nav:``."""

    @property
    def shown_docs_dir(self) -> str:
        """docs_dir as messages name it: relative to the project."""
        return display_path(self.docs_dir, self.root)


def _frozen(values: Mapping[str, bytes]) -> Mapping[str, bytes]:
    return MappingProxyType(dict(values))


def list_sources(docs_dir: Path) -> dict[str, Path]:
    """The files under docs_dir an engine would publish: not dot-files, not ``templates/``
    (MkDocs' default exclusions); links are followed here and confined by `read_for_site`."""
    found: dict[str, Path] = {}
    for dirpath, dirnames, filenames in os.walk(docs_dir, followlinks=True):
        here = Path(dirpath)
        rel = here.relative_to(docs_dir)
        dirnames[:] = sorted(
            d
            for d in dirnames
            if not d.startswith(".") and not (rel == Path() and d == "templates")
        )
        for name in sorted(filenames):
            if not name.startswith("."):
                found[(rel / name).as_posix()] = here / name
    return found


def image_problems(loaded: LoadedProfile, present: set[str], shown: str) -> list[Problem]:
    """A located warning for each image the site cannot show (a strict build fails on it)."""
    problems: list[Problem] = []
    for where, image in referenced_images(loaded.profile):
        if urlsplit(image).scheme:
            message = (
                "remote images are not shown: the site asks no other host for anything; "
                f"save the file under {shown}/ (e.g. images/photo.jpg) and write that path"
            )
        elif not image.lower().endswith(IMAGE_SUFFIXES):
            message = f"{image!r} is not an image the site can show; use one of " + ", ".join(
                IMAGE_SUFFIXES
            )
        elif image not in present:
            message = f"{shown}/{image} not found; put the image there or fix the path"
        else:
            continue
        problems.append(loaded.source.problem(where, message, severity="warning"))
    return problems


def _asset(name: str) -> bytes:
    return resources.files("jobpacket").joinpath("templates", "site", "assets", name).read_bytes()


def make_stage(
    loaded: LoadedProfile,
    settings: StageSettings,
    *,
    documents: Mapping[str, bytes] | None = None,
    sources: Mapping[str, Path] | None = None,
    theme_files: Iterable[str] = (),
    link: Linker | None = None,
) -> SiteStage:
    """The site of `loaded`: read docs_dir through the gate, make the pages and the nav.

    ``documents``: what the print side made for the site (the public résumé PDF), by site
    path. ``sources``: the files of docs_dir by site path, when the engine listed them
    (default: `list_sources`). ``theme_files``: paths the theme itself publishes, so a
    generated page never links past them. ``link``: the engine's own link maker (default:
    its URL layout as site/nav.py knows it).
    """
    shown = settings.shown_docs_dir
    if sources is None:
        sources = list_sources(settings.docs_dir)
    folders = (cache_folder(loaded.path), settings.root / PRIVATE_DIR)
    admitted = site_files.read_for_site(
        dict(sources),
        loaded=loaded,
        root=settings.root,
        docs_dir=settings.docs_dir,
        shown=shown,
        private=site_files.private_paths(loaded, folders=folders),
    )
    linked, problems = site_files.public_documents(loaded, settings.site_url)
    site_documents = dict(documents or {})
    content = admitted.publish
    published = set(content) | set(theme_files)
    for target, data in linked.items():
        if target not in published:
            site_documents.setdefault(target, data)
    present = published | {t for t in linked if t not in published}
    problems.extend(image_problems(loaded, present, shown))

    ctx = SiteContext(
        site_name=settings.site_name,
        link=link or relative_linker(settings.use_directory_urls),
        site_url=settings.site_url or None,
        files=frozenset(present | set(site_documents)),
    )
    generated = site_pages(loaded.profile, ctx)
    replaced = {p.path for p in generated if p.path in content}
    pages = tuple(p for p in generated if p.path not in replaced)
    assets = {target: _asset(name) for name, target in _ASSETS if target not in content}
    if MONOGRAM not in content:
        name = loaded.profile.basics.name or settings.site_name
        svg = monogram.monogram_svg(name, monogram.primary_color(settings.palette))
        assets[MONOGRAM] = svg.encode("utf-8")
    nav = None
    if settings.auto_nav:
        generated_paths = {p.path for p in generated}
        handwritten = [p for p in content if is_page(p) and p not in generated_paths]
        nav = tuple(auto_nav(generated, handwritten, replaced))
    return SiteStage(
        site_name=settings.site_name,
        site_url=settings.site_url or None,
        context=ctx,
        pages=pages,
        replaced=frozenset(replaced),
        nav=nav,
        assets=_frozen(assets),
        content=_frozen(content),
        documents=_frozen(site_documents),
        problems=tuple(problems),
        notes=tuple(admitted.notes),
    )


__all__ = [
    "FILE_WORKER",
    "MONOGRAM",
    "PRIVATE_DIR",
    "STYLESHEET",
    "SiteStage",
    "StageSettings",
    "image_problems",
    "list_sources",
    "make_stage",
    "overrides_dir",
]
