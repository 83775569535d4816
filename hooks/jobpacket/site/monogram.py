"""The person's monogram: initials in a disc, used as the site's logo and favicon.

A recruiter with ten tabs open should find the person's tab, and the header should show the
person rather than the theme's stock book icon. Initials need no photo and stay legible at
16 px, where a face does not. Pure functions: the adapter writes the SVG into the site.
"""

from __future__ import annotations

import html
import unicodedata

from ..markup import clean_text

_WHITESPACE = str.maketrans({"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})


def quoteattr(value: str) -> str:
    """An XML attribute value, quoted and escaped, whitespace kept as written.

    xml.sax.saxutils has the same function, but importing it imports urllib.request and the
    SSL module, on every build.
    """
    return '"' + html.escape(value, quote=True).translate(_WHITESPACE) + '"'


def escape(text: str) -> str:
    return html.escape(text, quote=False)


#: Material's ``primary`` color names and the shade its palette uses, so the monogram
#: matches the header. Unknown names (custom colors) fall back to indigo, Material's default.
PRIMARY_COLORS = {
    "red": "#ef5552",
    "pink": "#e92063",
    "purple": "#ab47bd",
    "deep purple": "#7e56c2",
    "indigo": "#4051b5",
    "blue": "#2094f3",
    "light blue": "#02a6f2",
    "cyan": "#00bdd6",
    "teal": "#009485",
    "green": "#4cae4f",
    "light green": "#8bc34b",
    "lime": "#cbdc38",
    "yellow": "#ffec3d",
    "amber": "#ffc105",
    "orange": "#ffa724",
    "deep orange": "#ff6e42",
    "brown": "#795649",
    "grey": "#757575",
    "blue grey": "#546d78",
    "black": "#000000",
}
#: Light discs need dark letters to keep the initials readable.
_LIGHT = {"#cbdc38", "#ffec3d", "#ffc105", "#ffa724", "#8bc34b"}


def initials(name: str | None) -> str:
    """``Elena M. Vasquez`` -> ``EV``: first letters of the first and last words.

    Middle initials are skipped because two letters read best in a small disc; a one-word
    name gives one letter. Characters that are not letters (quotes, digits, emoji) are
    skipped, so a name with no letters gives an empty string.
    """
    words = []
    for word in clean_text(unicodedata.normalize("NFC", name or "")).split():
        letter = next((ch for ch in word if ch.isalpha()), None)
        if letter is not None:
            words.append(letter.upper())
    if not words:
        return ""
    return words[0] if len(words) == 1 else words[0] + words[-1]


def primary_color(palette: object) -> str:
    """The hex color of Material's ``theme.palette`` primary (its first scheme's)."""
    first = palette[0] if isinstance(palette, list) and palette else palette
    name = first.get("primary") if isinstance(first, dict) else None
    key = str(name or "indigo").strip().lower().replace("-", " ")
    return PRIMARY_COLORS.get(key, PRIMARY_COLORS["indigo"])


def monogram_svg(name: str | None, color: str = PRIMARY_COLORS["indigo"]) -> str:
    """A 64 x 64 SVG: the initials, white on ``color`` inside a white ring.

    The ring keeps the disc visible on a header of the same color; every piece of text is
    XML-escaped (the name is profile data).
    """
    letters = initials(name) or "•"
    fill = "#000000de" if color.lower() in _LIGHT else "#ffffff"
    size = 30 if len(letters) == 1 else 26
    label = quoteattr(clean_text(name or letters))
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" role="img" '
        f"aria-label={label}>"
        f'<circle cx="32" cy="32" r="30" fill={quoteattr(color)} stroke="#ffffff" '
        'stroke-width="3"/>'
        '<text x="32" y="32" dy="0.35em" text-anchor="middle" '
        "font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, "
        f'sans-serif" font-size="{size}" font-weight="600" letter-spacing="0.5" '
        f"fill={quoteattr(fill)}>{escape(letters)}</text></svg>\n"
    )
