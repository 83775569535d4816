"""The print designs by name, in a module light enough for the CLI to import for its help.

Each design is one stylesheet, templates/print/<name>.css, on top of base.css; the résumé
template adds markup only where a design's reading order needs it (sidebar's two columns).
"""

from __future__ import annotations

#: One phrase per design, in the order `jobpacket pdf --help` and the README list them.
DESIGN_PHRASES: dict[str, str] = {
    "classic": "serif, centred name, small-caps section rules (the default)",
    "modern": "sans-serif, coloured accent, the photo beside the name",
    "sidebar": "a side column with contact, skills and awards beside experience",
}
DESIGNS: tuple[str, ...] = tuple(DESIGN_PHRASES)
DEFAULT_DESIGN = "classic"
#: Designs that show basics.image; the others leave the photo off (as most résumés should).
PHOTO_DESIGNS = frozenset({"modern"})


def design_help() -> str:
    """The designs with their phrases, as one sentence for a command's help."""
    return "; ".join(f"{name}: {phrase}" for name, phrase in DESIGN_PHRASES.items())
