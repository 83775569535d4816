"""Whether every character a résumé prints has a glyph in some font the render can use.

WeasyPrint draws a character no font has as an empty box and says nothing; the user finds
out from a recruiter. The print stylesheets name the shipped fonts (Charis SIL, Inter), then
the Noto families `scripts/setup.sh` installs for Arabic, Hebrew and CJK (`FALLBACK_FAMILIES`),
and Pango falls back to any other installed font through fontconfig. So a character is
missing when neither the shipped fonts, nor those families, nor any installed font
(`fc-list :charset=...`) has it. The common case costs one read of the shipped fonts' cmaps
per process; the other fonts are read only for characters the shipped ones lack.
"""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from ..errors import FieldPath, Problem

if TYPE_CHECKING:
    from ..profile.validate import LoadedProfile

FONTS_DIR = Path(__file__).resolve().parent.parent / "assets" / "fonts"
#: The system families the print stylesheets name after the shipped fonts (keep in step with
#: the `font-family` rules of templates/print/*.css).
FALLBACK_FAMILIES = (
    "Noto Serif",
    "Noto Sans",
    "Noto Naskh Arabic",
    "Noto Sans Arabic",
    "Noto Serif Hebrew",
    "Noto Sans Hebrew",
    "Noto Serif CJK JP",
    "Noto Sans CJK JP",
)
#: Fields that are never printed as text (addresses, paths, settings).
_NOT_PRINTED = frozenset(
    {"url", "image", "images", "canonical", "path", "file", "tags", "visibility", "checks"}
    | {"notes", "followUp", "compensation", "tailor", "documents", "attachments"}
)
#: Sections the résumé does not print (letters and the reference index check their own).
_NOT_IN_RESUME = frozenset({"applications", "documents", "references", "meta", "$schema"})
#: Distinct characters asked of fontconfig one by one at most; the rest count as missing.
_MAX_ASKED = 64


def _cmap(path: str, index: int = 0) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    try:
        with TTFont(path, fontNumber=index, lazy=True) as font:
            return frozenset(font.getBestCmap() or {})
    except Exception:  # an unreadable system font covers nothing; it is not ours to report
        return frozenset()


#: The shipped font folders each design sets text in (keep in step with its stylesheet).
DESIGN_FONTS = {
    "classic": ("charis-sil",),
    "modern": ("inter",),
    "sidebar": ("charis-sil", "inter"),
}


@lru_cache(maxsize=8)
def _shipped(design: str) -> frozenset[int]:
    """Characters every shipped font of the design has (all its weights and styles)."""
    out: frozenset[int] | None = None
    for folder in DESIGN_FONTS.get(design, ("charis-sil", "inter")):
        for path in sorted((FONTS_DIR / folder).iterdir()):
            if path.suffix.lower() in (".ttf", ".otf"):
                found = _cmap(str(path))
                out = found if out is None else out & found
    return out or frozenset()


def _fc(*args: str) -> str:
    tool = shutil.which(args[0])
    if tool is None:
        return ""
    try:
        done = subprocess.run(
            [tool, *args[1:]], capture_output=True, text=True, timeout=20, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return done.stdout


@lru_cache(maxsize=1)
def _fallbacks() -> frozenset[int]:
    """Characters of the named fallback families that are installed (fc-match names another
    family when one is not: that one's characters count only through `_installed`)."""
    out: set[int] = set()
    for family in FALLBACK_FAMILIES:
        found = _fc("fc-match", "-f", "%{family}\t%{file}\t%{index}", family)
        names, _, rest = found.partition("\t")
        file, _, index = rest.partition("\t")
        if family in names.split(",") and file:
            out |= _cmap(file, int(index or 0))
    return frozenset(out)


@lru_cache(maxsize=4096)
def _installed(code: int) -> bool:
    """Whether any font fontconfig knows has this character."""
    return bool(_fc("fc-list", f":charset={code:x}", "file").strip())


def _needs_glyph(char: str) -> bool:
    """Spaces, controls and format characters (joiners, marks of direction) draw nothing."""
    return unicodedata.category(char) not in ("Cc", "Cf", "Cs", "Zs", "Zl", "Zp")


#: Every shipped font of every design has each character below this one (U+0020 to U+0148:
#: ASCII, Latin-1 and most of Latin Extended-A; tests/test_scripts.py checks it). Text made
#: only of these needs no font read at all, which saves reading the fonts' tables each run.
COVERED_BELOW = "\u0149"


def missing_glyphs(
    texts: Iterable[tuple[FieldPath, str]], design: str
) -> list[tuple[FieldPath, str]]:
    """(field, character) for each distinct character no usable font has, first use first."""
    texts = list(texts)
    if all(max(text, default=" ") < COVERED_BELOW for _, text in texts):
        return []
    shipped = _shipped(design)
    seen: set[str] = set()
    out: list[tuple[FieldPath, str]] = []
    asked = 0
    for path, text in texts:
        for char in text:
            if char in seen or ord(char) in shipped or not _needs_glyph(char):
                continue
            seen.add(char)
            if ord(char) in _fallbacks():
                continue
            asked += 1
            if asked <= _MAX_ASKED and _installed(ord(char)):
                continue
            out.append((path, char))
    return out


def _texts(value: Any, path: FieldPath) -> Iterator[tuple[FieldPath, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, BaseModel):
        for name, field in type(value).model_fields.items():
            key = field.alias or name
            if key not in _NOT_PRINTED:
                yield from _texts(getattr(value, name), (*path, key))
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from _texts(item, (*path, i))


def resume_texts(profile: BaseModel) -> Iterator[tuple[FieldPath, str]]:
    """(field path, text) of every field of the profile a résumé may print."""
    for name, field in type(profile).model_fields.items():
        key = field.alias or name
        if key not in _NOT_IN_RESUME:
            yield from _texts(getattr(profile, name), (key,))


def section_texts(profile: BaseModel, *path: str | int) -> Iterator[tuple[FieldPath, str]]:
    """(field path, text) of every printed field under `path` (`"references"`, or
    `"applications", 2` for one application: its letter, its contact)."""
    value: Any = profile
    for part in path:
        value = value[part] if isinstance(part, int) else getattr(value, part)
    yield from _texts(value, tuple(path))


def glyph_findings(
    loaded: LoadedProfile, design: str, texts: Iterable[tuple[FieldPath, str]] | None = None
) -> list[Problem]:
    """A located warning for each character no usable font has: of the résumé, or of the
    `texts` another document prints that the résumé does not (a letter, the reference
    index), so that a character is reported by one document only."""
    found = missing_glyphs(resume_texts(loaded.profile) if texts is None else texts, design)
    return [
        loaded.source.problem(where, _message(char), severity="warning") for where, char in found
    ]


def _message(char: str) -> str:
    name = unicodedata.name(char, "")
    return (
        f"{char!r} (U+{ord(char):04X}{' ' + name if name else ''}) has no glyph in any "
        "installed font and prints as an empty box; install a font that has it "
        "(scripts/setup.sh installs Noto for Arabic, Hebrew, Chinese, Japanese and Korean) "
        "or remove the character"
    )
