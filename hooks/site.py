"""MkDocs hook: builds the portfolio from profiles/ (see `jobpacket --help`)."""

from jobpacket.mkdocs import *  # noqa: F403
