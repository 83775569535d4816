"""What the MkDocs adapter changes in MkDocs' configuration, from the profile and for the theme.

The site's name, address and interface language come from the profile (site/identity.py);
jobpacket's template overrides go below the user's ``custom_dir``; the person's monogram is
the logo and favicon unless mkdocs.yml names its own; the offline plugin's Worker shim is the
local one. The configuration is MkDocs' object, handed over by the adapter: no MkDocs import.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from markupsafe import Markup

from ..settings import configured_theme_language
from .names import FILE_WORKER, MONOGRAM, overrides_dir
from .serving import Build, log

MATERIAL_FAVICON = "assets/images/favicon.png"


def check_worker_shim(config: Any) -> None:
    """Material's offline plugin loads a file:// Worker shim from unpkg.com unless
    extra.polyfills already names one (an "iframe-worker" URL); ours is that local shim."""
    polyfills = [str(p) for p in config.extra.get("polyfills", [])]
    if any(p.startswith("https://unpkg.com/iframe-worker") for p in polyfills):
        log.warning(
            "every page would load a script from unpkg.com; add the local shim to mkdocs.yml:"
            f"\nextra:\n  polyfills:\n    - {FILE_WORKER}"
        )


def apply_identity(config: Any, build: Build, *, other: bool) -> None:
    """Name, address and interface language of the site from the profile (site/identity.py)."""
    from . import identity
    from .text import plain

    loaded, root = build.loaded, build.root
    who = identity.site_identity(
        loaded.profile, config.site_name, config.site_url, other_profile=other
    )
    if who.site_name != config.site_name:
        # Profile text now. The theme prints site_name unescaped in places (the header,
        # <title>), so it goes in escaped, as Markup so that the places that do escape it
        # do not escape it twice; the pages get the plain text.
        build.site_name = who.site_name
        config.site_name = Markup.escape(plain(who.site_name))
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


def use_theme_overrides(config: Any) -> None:
    """jobpacket's template overrides (templates/site/overrides/), below the user's custom_dir.

    One folder for every override of Material's templates, so they are found in one place
    and a person's own ``custom_dir`` still wins over them.
    """
    overrides = str(overrides_dir())
    dirs = config.theme.dirs
    if overrides not in dirs:
        dirs.insert(1 if config.theme.custom_dir else 0, overrides)


def use_monogram(config: Any) -> None:
    """The person's initials as logo and favicon, unless mkdocs.yml chose its own."""
    theme = config.theme
    icon = theme.get("icon") or {}
    if not theme.get("logo") and not (isinstance(icon, dict) and icon.get("logo")):
        theme["logo"] = MONOGRAM
    if theme.get("favicon") in (None, MATERIAL_FAVICON):
        theme["favicon"] = MONOGRAM


__all__ = ["apply_identity", "check_worker_shim", "use_monogram", "use_theme_overrides"]
