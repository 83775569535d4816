"""What the site says about whose it is: its name, its address and its interface language.

mkdocs.yml's ``site_name`` and ``site_url`` describe the profile that mkdocs.yml names. When
``JOBPACKET_PROFILE`` points at another profile, mkdocs.yml leaves them empty, or they are
still the example's (a copy of the repository's mkdocs.yml), they come from that profile
(``basics.name``, ``basics.url``), so a copy of the repository never publishes someone else's
name or canonical address. The theme's interface language follows
``meta.lang`` unless mkdocs.yml sets ``theme.language``. Pure functions: the MkDocs adapter
applies the results.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..profile.model import Profile
from ..urls import is_web

#: What the repository's mkdocs.yml says for its example profile. A site copied from the
#: repository keeps these until its owner edits them; they never describe another profile.
EXAMPLE_SITE_NAME = "Elena M. Vasquez"
EXAMPLE_SITE_URL = "https://elenavasquez.example.com/"
#: ``site_name`` as `jobpacket new` writes it: the title is the profile's ``basics.name``,
#: so that replacing the starter's name renames the site too.
FOLLOW_NAME = "from basics.name"
#: The title `jobpacket new` wrote before it followed basics.name: a placeholder that the
#: profile's own name replaces, so a site built from a real résumé is titled with its name.
SCAFFOLD_SITE_NAME = "My portfolio"


@dataclass(frozen=True)
class Identity:
    site_name: str
    site_url: str | None


#: What a base URL may hold: MkDocs and the theme print it into attributes unescaped.
_URL_CHARS = re.compile(r"^[A-Za-z0-9\-._~:/?#\[\]@!$&()*+,;=%]+$")


def _site_url(url: str | None) -> str | None:
    """``basics.url`` as the site's base URL, when it is a plain web address."""
    if not url or not _URL_CHARS.match(url):
        return None
    if not is_web(url):
        return None
    return url if url.endswith("/") else url + "/"


def site_identity(
    profile: Profile, site_name: str | None, site_url: str | None, *, other_profile: bool
) -> Identity:
    """The site's name and canonical base URL for this profile.

    ``other_profile``: the profile is not the one mkdocs.yml names, so mkdocs.yml's values
    belong to someone else.
    """
    name = (profile.basics.name or "").strip()
    if (site_name or "").strip() == FOLLOW_NAME:
        site_name = None
    own_url = _site_url(profile.basics.url)
    if name != EXAMPLE_SITE_NAME:
        if (site_name or "").strip() in (EXAMPLE_SITE_NAME, SCAFFOLD_SITE_NAME):
            site_name = None
        if site_url == EXAMPLE_SITE_URL:
            site_url = None
    if other_profile:
        return Identity(name or "Portfolio", own_url)
    return Identity((site_name or "").strip() or name or "Portfolio", site_url or own_url)


def theme_language(
    lang: str | None, configured: str | None, available: Iterable[str]
) -> str | None:
    """The theme language to set, or None to leave the theme's as it is.

    ``available``: the theme's language codes (``pt-BR``, ``de``); the profile's regional
    variant is used when the theme has it, else the language alone.
    """
    if configured or not lang:
        return None
    tag = lang.strip().replace("_", "-")
    known = {code.lower(): code for code in available}
    for candidate in (tag, tag.split("-")[0]):
        if candidate.lower() in known:
            return known[candidate.lower()]
    return None
