"""The one home of date formatting, for the site and the printed documents alike.

Dates are written in the profile's language (``meta.lang``) with Babel's CLDR data. A range
is shown to the month on every output ("Feb 2020 – Present"), whatever precision was typed:
"2022-05" never gains a day, and a day given in a range is not worth the width. A single
date a reader acts on (a letter's date line) keeps the precision the user wrote. Spaces
inside a date are non-breaking, so a date never splits across lines.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import cast

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton

from ..profile.model import ONGOING
from .labels import labels

NBSP = "\u00a0"
DASH = f"{NBSP}– "  # the range dash stays with the start date; a line may break after it


@lru_cache(maxsize=64)
def locale(lang: str | None) -> Locale:
    """Babel's locale for a BCP 47 tag (``pt-BR``), English when unknown or unset."""
    if lang:
        try:
            return Locale.parse(lang.strip(), sep="-" if "-" in lang else "_")
        except (UnknownLocaleError, ValueError, TypeError):
            pass
    return Locale.parse("en")


def _parts(value: str) -> tuple[int, int, int]:
    pieces = [int(p) for p in value.split("-")[:3]]
    year, month, day = [*pieces, 0, 0][:3]
    return year, month, day


def _keep(text: str) -> str:
    return text.replace(" ", NBSP)


def month_year(value: str | None, lang: str | None = None) -> str:
    """A date to the month ("Feb 2020", "févr. 2020"), a year alone, or "Present"."""
    if not value:
        return ""
    if value == ONGOING:
        return cast(str, labels(lang)["present"])  # label files are YAML: untyped
    year, month, _ = _parts(value)
    if not month:
        return str(year)
    return _keep(format_skeleton("yMMM", date(year, month, 1), locale=locale(lang)))


def span(start: str | None, end: str | None, lang: str | None = None) -> str:
    """A period to the month. A start with no end is ongoing, the JSON Resume convention."""
    if start and not end:
        end = ONGOING
    a, b = month_year(start, lang), month_year(end, lang)
    if a and b and a != b:
        return f"{a}{DASH}{b}"
    return a or b


def long_date(value: str, lang: str | None = None) -> str:
    """A letter's date line as the reader's country writes it ("3 novembre 2026")."""
    year, month, day = _parts(value)
    loc = locale(lang)
    if not month:
        return str(year)
    if not day:
        return _keep(format_skeleton("yMMMM", date(year, month, 1), locale=loc))
    return _keep(format_date(date(year, month, day), "long", locale=loc))


def prose_date(value: str, lang: str | None = None) -> str:
    """``long_date`` with ordinary spaces, for a date inside sentences a person may edit
    (``jobpacket letter --markdown``): an invisible no-break space would surprise them."""
    return long_date(value, lang).replace(NBSP, " ")


def short_date(value: str, lang: str | None = None) -> str:
    """A compact date for tables ("Nov 3, 2026"), to the precision given."""
    year, month, day = _parts(value)
    loc = locale(lang)
    if not month:
        return str(year)
    if not day:
        return month_year(value, lang)
    return _keep(format_date(date(year, month, day), "medium", locale=loc))
