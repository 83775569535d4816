"""Where sites made before the package was grouped import their hook from; see site/mkdocs.py."""

from .site.mkdocs import *  # noqa: F403
