"""The site stage's values: plain data an engine adapter receives (site/stage.py makes them).

Apart from the code that makes them, which imports the profile model, so that a build
replayed from its recording (site/replay.py) can hand the same values to the engine without
loading or validating a profile.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Problem
from .names import is_page, overrides_dir

Linker = Callable[[str, str], str]
"""``link(from_page, target)`` -> the href of ``target`` as seen from ``from_page``.

Both are paths relative to the site's source root (``projects/x.md``, ``images/a.png``,
``resume.pdf``); the adapter knows the engine's URL scheme, the pages do not.
"""


@dataclass(frozen=True)
class SiteContext:
    """What the pages need to know about the site around them."""

    site_name: str
    link: Linker
    site_url: str | None = None
    """Absolute base URL (``https://you.example.com/``) for canonical and preview links."""
    files: frozenset[str] = frozenset()
    """Source-relative paths of files the site will contain (images, documents)."""


@dataclass(frozen=True)
class SitePage:
    """One generated page: where it goes, its plain-text title and its Markdown source."""

    path: str
    title: str
    markdown: str
    section: str | None = None
    """Nav section the page belongs to (``Projects``), None for top-level pages."""
    description: str = ""
    nav_title: str = ""
    """Title in the navigation when it differs from the page's (Home for the home page)."""
    in_nav: bool = True
    """False for a page reached from its section's index only (see `NAV_PROJECTS_MAX`)."""


@dataclass(frozen=True)
class SiteStage:
    """Everything an engine needs to build the portfolio, as values."""

    site_name: str
    site_url: str | None
    context: SiteContext
    pages: tuple[SitePage, ...]
    """The generated pages the site publishes (a hand-written page at a path replaces one)."""
    replaced: frozenset[str]
    nav: tuple[Any, ...] | None
    """MkDocs' ``nav:`` shape (site/nav.py); None when mkdocs.yml has its own."""
    assets: Mapping[str, bytes]
    """jobpacket's stylesheet, file:// worker shim and monogram, by site path."""
    content: Mapping[str, bytes]
    """The files admitted from docs_dir (site/files.py `read_for_site`), as read and cleaned."""
    documents: Mapping[str, bytes]
    """Public documents the site links: the résumé PDF and the profile's public documents."""
    overrides: Path = field(default_factory=overrides_dir)
    problems: tuple[Problem, ...] = ()
    """Located findings: images the site cannot show, public documents it does not publish."""
    notes: tuple[tuple[str, str], ...] = ()
    """(level, message) for each file of docs_dir left out."""

    @property
    def page_paths(self) -> list[str]:
        """Every page of the site: generated and hand-written, sorted."""
        return sorted({p.path for p in self.pages} | {p for p in self.content if is_page(p)})

    def files(self) -> dict[str, bytes | str]:
        """Every file of the site's sources by path: what an engine without hooks reads."""
        out: dict[str, bytes | str] = dict(self.documents)
        out.update(self.assets)
        out.update(self.content)
        out.update({p.path: p.markdown for p in self.pages})
        return out


__all__ = ["Linker", "SiteContext", "SitePage", "SiteStage"]
