"""Where the site's own files go: the names the stage, the adapters and publishing share.

Kept apart from site/stage.py, which imports the profile model, so that a build replayed from
its recording (site/replay.py) and the publishing code can name these places without
importing the profile's validation.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

ASSET_DIR = "assets/jobpacket"
STYLESHEET = f"{ASSET_DIR}/site.css"
FILE_WORKER = f"{ASSET_DIR}/iframe-worker.js"
MONOGRAM = f"{ASSET_DIR}/monogram.svg"
PRIVATE_DIR = "build"
"""The project's folder of private outputs (never published), beside site/."""
PAGE_SUFFIXES = (".md", ".markdown")


def is_page(path: str) -> bool:
    """Whether an engine renders `path` (relative to the site's sources) as a page."""
    return path.lower().endswith(PAGE_SUFFIXES)


def overrides_dir() -> Path:
    """jobpacket's overrides of the theme's templates (the escaped ``<title>``, the 404 page)."""
    return Path(str(resources.files("jobpacket").joinpath("templates", "site", "overrides")))


__all__ = [
    "ASSET_DIR",
    "FILE_WORKER",
    "MONOGRAM",
    "PAGE_SUFFIXES",
    "PRIVATE_DIR",
    "STYLESHEET",
    "is_page",
    "overrides_dir",
]
