"""Which profile to use and the site-wide options, read without importing MkDocs.

The CLI and the MkDocs hook must agree on the profile, so both ask this module:
``--profile``/``JOBPACKET_PROFILE`` first, then ``extra.jobpacket.profile`` in mkdocs.yml,
then ``profiles/example.yml``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

from .profile.errors import UserError

DEFAULT_PROFILE = Path("profiles/example.yml")
ENV_PROFILE = "JOBPACKET_PROFILE"


class _LenientLoader(yaml.SafeLoader):
    """mkdocs.yml often carries ``!!python/name:`` tags; read past them, never run them."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_LenientLoader.add_multi_constructor("", _ignore_tag)
_LenientLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)


def read_site_settings(mkdocs_yml: Path) -> dict[str, Any]:
    """The ``extra.jobpacket`` mapping of a mkdocs.yml, or {} when there is none."""
    try:
        data = yaml.load(mkdocs_yml.read_text(encoding="utf-8"), Loader=_LenientLoader)
    except FileNotFoundError:
        return {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise UserError(f"{mkdocs_yml}: cannot read it: {exc}") from None
    if not isinstance(data, dict):
        return {}
    extra = data.get("extra") or {}
    settings = extra.get("jobpacket") if isinstance(extra, dict) else None
    return settings if isinstance(settings, dict) else {}


def resolve_profile(explicit: str | os.PathLike[str] | None, root: Path | None = None) -> Path:
    """The profile path to load, relative paths taken from ``root`` (the site folder)."""
    root = root or Path.cwd()
    chosen = explicit or os.environ.get(ENV_PROFILE)
    if not chosen:
        chosen = read_site_settings(root / "mkdocs.yml").get("profile") or DEFAULT_PROFILE
    path = Path(chosen)
    return path if path.is_absolute() else root / path


def display_path(path: Path, root: Path | None = None) -> str:
    """Paths in messages are relative to where the user stands, as a compiler prints them."""
    try:
        return str(path.resolve().relative_to((root or Path.cwd()).resolve()))
    except ValueError:
        return str(path)


def configured_theme_language(mkdocs_yml: Path) -> str | None:
    """``theme.language`` as written in mkdocs.yml, or None: the profile's language then
    sets the theme's (the theme's own default is English whether or not anyone chose it)."""
    try:
        data = yaml.load(mkdocs_yml.read_text(encoding="utf-8"), Loader=_LenientLoader)
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return None
    theme = data.get("theme") if isinstance(data, dict) else None
    language = theme.get("language") if isinstance(theme, dict) else None
    return language if isinstance(language, str) and language.strip() else None
