"""The words jobpacket writes itself, in the profile's language.

Each language is one data file, ``labels/<code>.yml`` (``fr.yml``, or ``pt-BR.yml`` for a
regional variant): a contributor adds a language by copying ``en.yml`` and translating it,
without touching code. A missing key falls back to English, and so does a language with no
file (``validate`` notes that once, on ``meta.lang``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from .tags import DEFAULT, lookups, primary


@lru_cache(maxsize=32)
def _read(code: str) -> dict[str, Any] | None:
    folder = resources.files("jobpacket").joinpath("i18n", "labels")
    for name in (f"{code}.yml", f"{code.lower()}.yml"):
        file = folder.joinpath(name)
        if file.is_file():
            data = yaml.safe_load(file.read_text(encoding="utf-8"))
            return data if isinstance(data, dict) else {}
    return None


def merge_labels(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            out[key] = merge_labels(base[key], value)
        elif value is not None:
            out[key] = value
    return out


def translated(lang: str | None) -> bool:
    """Whether jobpacket has labels for this language (English counts)."""
    return not lang or any(_read(code) is not None for code in lookups(lang))


@lru_cache(maxsize=32)
def labels(lang: str | None) -> dict[str, Any]:
    """All labels for ``lang``, English where the language's file says nothing."""
    out = _read(DEFAULT) or {}
    for code in reversed(lookups(lang)):
        found = _read(code)
        if found:
            out = merge_labels(out, found)
    return out


#: Languages written right to left (primary subtags; `iw` is Hebrew's older code).
RTL_LANGUAGES = frozenset(
    {"ar", "he", "iw", "fa", "ur", "yi", "ps", "sd", "ug", "dv", "ckb", "syr", "ku-arab"}
)


def direction(lang: str | None) -> str:
    """``rtl`` for a language written right to left (``ar``, ``he-IL``, ``fa``), else ``ltr``:
    the base direction of a document in that language."""
    candidates = lookups(lang)
    return "rtl" if any(c.lower() in RTL_LANGUAGES for c in candidates) else "ltr"


def available() -> list[str]:
    folder = resources.files("jobpacket").joinpath("i18n", "labels")
    return sorted(f.name[:-4] for f in folder.iterdir() if f.name.endswith(".yml"))


_NUMERIC = re.compile(r"^[\d\s.,/%]+$")
#: A grade point average as English-speaking schools write it: 0.00-4.x, maybe "/4.0".
_GPA = re.compile(r"^[0-4](?:\.\d{1,2})?(?:\s*/\s*4(?:\.0{1,2})?)?$")


def score(value: str | None, lang: str | None) -> str:
    """An education score as printed: a number reads as a grade ("Grade 85%", "Note 1,3"),
    and in English a number on the four-point scale as what it is, "GPA 3.92" (what a
    recruiter and an applicant tracking system look for); words ("First-class honours",
    "summa cum laude", "GPA 3.9") print as written."""
    if not value:
        return ""
    text = value.strip()
    if not _NUMERIC.match(text):
        return text
    site = labels(lang)["site"]
    english = primary(lang) == DEFAULT
    word = site["gpa"] if english and _GPA.match(text) else site["grade"]
    return f"{word} {text}"
