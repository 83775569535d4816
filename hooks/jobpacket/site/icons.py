"""Small SVG icons shipped in the package, inlined next to links (no icon font, no CDN).

A recruiter scans for the GitHub or LinkedIn mark before reading a word; inline SVG shows it
without asking any other host, works from ``file://`` and inherits the link's color. Icons are
decoration: every one is ``aria-hidden``, and the link keeps its text for screen readers.
The files and their licences are in ``templates/site/icons/``.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from urllib.parse import urlsplit

from markupsafe import Markup

#: Network names (lowercase, letters and digits only) -> icon file.
NETWORKS = {
    "behance": "behance",
    "bitbucket": "bitbucket",
    "bluesky": "bluesky",
    "bsky": "bluesky",
    "codeberg": "codeberg",
    "dev": "devdotto",
    "devto": "devdotto",
    "dribbble": "dribbble",
    "facebook": "facebook",
    "github": "github",
    "gitlab": "gitlab",
    "googlescholar": "googlescholar",
    "scholar": "googlescholar",
    "huggingface": "huggingface",
    "instagram": "instagram",
    "kaggle": "kaggle",
    "linkedin": "linkedin",
    "mastodon": "mastodon",
    "medium": "medium",
    "orcid": "orcid",
    "researchgate": "researchgate",
    "stackoverflow": "stackoverflow",
    "threads": "threads",
    "twitter": "x",
    "x": "x",
    "xing": "xing",
    "youtube": "youtube",
}
#: Well-known hosts, for a profile whose network name is missing or unusual.
HOSTS = {
    "github.com": "github",
    "gitlab.com": "gitlab",
    "linkedin.com": "linkedin",
    "orcid.org": "orcid",
    "scholar.google.com": "googlescholar",
    "stackoverflow.com": "stackoverflow",
    "twitter.com": "x",
    "x.com": "x",
    "bsky.app": "bluesky",
    "youtube.com": "youtube",
    "huggingface.co": "huggingface",
    "kaggle.com": "kaggle",
    "researchgate.net": "researchgate",
    "codeberg.org": "codeberg",
}
GENERIC = "link-variant"

_SVG_OPEN = re.compile(r"<svg\b")


@cache
def icon(name: str) -> Markup:
    """The named icon as inline SVG, hidden from assistive technology.

    Only names from this module reach here (never profile text), so the file content, which
    is package data, is trusted markup.
    """
    text = (
        resources.files("jobpacket")
        .joinpath("templates", "site", "icons", f"{name}.svg")
        .read_text(encoding="utf-8")
        .strip()
    )
    attrs = '<svg class="jp-icon" aria-hidden="true" focusable="false"'
    return Markup(_SVG_OPEN.sub(attrs, text, count=1))


def network_icon_name(network: str | None, url: str | None = None) -> str:
    """Which icon a social profile gets: by network name, else by the URL's host."""
    key = re.sub(r"[^a-z0-9]", "", (network or "").lower())
    if key in NETWORKS:
        return NETWORKS[key]
    host = (urlsplit(url or "").hostname or "").removeprefix("www.")
    for known, name in HOSTS.items():
        if host == known or host.endswith("." + known):
            return name
    return GENERIC


def network_icon(network: str | None, url: str | None = None) -> Markup:
    return icon(network_icon_name(network, url))
