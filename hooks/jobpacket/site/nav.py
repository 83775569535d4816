"""Where each page of the site lives and how the navigation lists them, without any engine.

Every engine jobpacket builds with (MkDocs, ProperDocs, Zensical) lays out URLs the same way:
``foo.md`` becomes ``foo/`` with directory URLs and ``foo.html`` without them, ``index.md``
becomes its folder. The pages need relative links in that layout (`relative_linker`) and the
engines need a navigation in MkDocs' ``nav:`` shape (`auto_nav`), which all three read.
"""

from __future__ import annotations

import html
import posixpath
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote

from .names import is_page
from .pages import Linker, SitePage, nav_titles, plain


def page_url(path: str, use_directory_urls: bool) -> str:
    """The URL of a source file relative to the site root, as the engines lay them out."""
    if is_page(path):
        parent, filename = posixpath.split(path)
        stem = posixpath.splitext(filename)[0]
        stem = "index" if stem == "README" else stem
        if not use_directory_urls or stem == "index":
            path = posixpath.join(parent, stem + ".html")
        else:
            path = posixpath.join(parent, stem, "index.html")
        folder, filename = posixpath.split(path)
        if use_directory_urls and filename == "index.html":
            path = (folder or ".") + "/"
    return quote(path)


def _parts(url: str) -> list[str]:
    parts: list[str] = []
    for part in url.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if parts:
                parts.pop()
            continue
        parts.append(part)
    return parts


def relative_url(url: str, other: str) -> str:
    """`url` as seen from the page at `other` (both relative to the site root)."""
    folder, _, name = other.rpartition("/")
    if "." in name:
        other = folder
    here, there = _parts(other), _parts(url)
    common = 0
    for a, b in zip(here, there, strict=False):
        if a != b:
            break
        common += 1
    rel = "/".join([".."] * (len(here) - common) + there[common:]) or "."
    return rel + "/" if url.endswith("/") else rel


def relative_linker(use_directory_urls: bool) -> Linker:
    """``link(from_page, target)`` for an engine's URL layout (site/pages.py `Linker`)."""

    def link(from_path: str, target: str) -> str:
        return relative_url(
            page_url(target, use_directory_urls), page_url(from_path, use_directory_urls)
        )

    return link


def nav_title(title: str) -> str:
    """Nav titles are rendered without escaping by the themes, so they are escaped here."""
    return html.escape(plain(title), quote=True)


def auto_nav(
    generated: Iterable[SitePage], handwritten: Iterable[str], replaced: set[str]
) -> list[Any]:
    """Generated pages in reading order, then hand-written ones, grouped by folder.

    An entry is a path (the engine titles a hand-written page from its heading) or a
    one-item mapping ``{escaped title: path}``; a section is ``{name: [entries]}``.
    """
    generated = list(generated)
    titles = nav_titles(generated)
    nav: list[Any] = []
    sections: dict[str, list[Any]] = {}
    for page in generated:
        if not page.in_nav:  # reached from its section's index page (a long project list)
            continue
        entry: Any = (
            page.path if page.path in replaced else {nav_title(titles[page.path]): page.path}
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


def nav_paths(nav: Iterable[Any]) -> list[str]:
    """Every page path a nav names, in order (for tests and for engines that list them)."""
    out: list[str] = []
    for entry in nav:
        if isinstance(entry, str):
            out.append(entry)
        elif isinstance(entry, dict):
            for value in entry.values():
                out.extend(nav_paths(value) if isinstance(value, list) else [value])
    return out


__all__ = [
    "auto_nav",
    "is_page",
    "nav_paths",
    "nav_title",
    "page_url",
    "relative_linker",
    "relative_url",
]
