"""MkDocs hook: builds the portfolio from profiles/ (see `jobpacket --help`)."""

from jobpacket.site.mkdocs import *  # noqa: F403
