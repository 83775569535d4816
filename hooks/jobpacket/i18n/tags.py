"""The one home of a language tag: the profile's ``meta.lang`` (BCP 47, ``pt-BR``; ``pt_BR`` is
read the same) and English when it is unset.

Labels, letter text, dates, the spelling dictionary, the paper size and a document's declared
language all read the tag through these functions, so a regional variant falls back to its
language, and a missing tag to English, in the same way everywhere.
"""

from __future__ import annotations

DEFAULT = "en"


def language(lang: str | None) -> str:
    """The tag a document declares (its HTML lang, the PDF's /Lang): as written, or English."""
    return lang or DEFAULT


def subtags(lang: str | None) -> list[str]:
    """The tag's parts, with ``_`` read as ``-``: ``pt_BR`` -> ``["pt", "BR"]``."""
    return (lang or "").strip().replace("_", "-").split("-") if lang else []


def primary(lang: str | None) -> str:
    """The language alone, lower case (``pt-BR`` -> ``pt``); English when unset."""
    parts = subtags(lang)
    return parts[0].lower() if parts and parts[0] else DEFAULT


def region(lang: str | None) -> str | None:
    """The two-letter region of the tag, upper case (``pt-BR`` -> ``BR``), if it names one."""
    found = None
    for part in subtags(lang)[1:]:
        if len(part) == 2 and part.isalpha():
            found = part.upper()
    return found


def lookups(lang: str | None) -> list[str]:
    """Where to look for a language's data: the regional file first, then the language's
    (``pt-BR`` -> ``pt-BR``, ``pt``); nothing when unset."""
    parts = subtags(lang)
    if not parts:
        return []
    return list(dict.fromkeys(["-".join(parts), parts[0].lower()]))
