"""The one home of date formatting, for the site and the printed documents alike.

Dates are written in the profile's language (``meta.lang``) with Babel's CLDR data. A range
is shown to the month on every output ("Feb 2020 – Present"), whatever precision was typed:
"2022-05" never gains a day, and a day given in a range is not worth the width. A single
date a reader acts on (a letter's date line) keeps the precision the user wrote. Spaces
inside a date are non-breaking, so a date never splits across lines.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import cast

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton

from ..dates import ONGOING, parts
from .labels import labels
from .tags import DEFAULT, subtags

NBSP = "\u00a0"
DASH = f"{NBSP}– "  # the range dash stays with the start date; a line may break after it


@lru_cache(maxsize=64)
def locale(lang: str | None) -> Locale:
    """Babel's locale for a BCP 47 tag (``pt-BR``), English when unknown or unset."""
    if lang:
        try:
            return Locale.parse("-".join(subtags(lang)), sep="-")
        except (UnknownLocaleError, ValueError, TypeError):
            pass
    return Locale.parse(DEFAULT)


def _keep(text: str) -> str:
    return text.replace(" ", NBSP)


def month_year(value: str | None, lang: str | None = None) -> str:
    """A date to the month ("Feb 2020", "févr. 2020"), a year alone, or "Present"."""
    if not value:
        return ""
    if value == ONGOING:
        return cast(str, labels(lang)["present"])  # label files are YAML: untyped
    year, month, _ = parts(value)
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
    year, month, day = parts(value)
    loc = locale(lang)
    if not month:
        return str(year)
    if not day:
        return _keep(format_skeleton("yMMMM", date(year, month, 1), locale=loc))
    text = format_date(date(year, month, day), "long", locale=loc)
    # The first of the month is an ordinal in French and Portuguese: "1er septembre",
    # "1º de setembro".
    first = {"fr": "1er", "pt": "1º"}.get(loc.language)
    if day == 1 and first:
        text = re.sub(r"^1(?=\s)", first, text)
    return _keep(text)


def prose_date(value: str, lang: str | None = None) -> str:
    """``long_date`` with ordinary spaces, for a date inside sentences a person may edit
    (``jobpacket letter --markdown``): an invisible no-break space would surprise them."""
    return long_date(value, lang).replace(NBSP, " ")


def short_date(value: str, lang: str | None = None) -> str:
    """A compact date for tables ("Nov 3, 2026"), to the precision given."""
    year, month, day = parts(value)
    loc = locale(lang)
    if not month:
        return str(year)
    if not day:
        return month_year(value, lang)
    return _keep(format_date(date(year, month, day), "medium", locale=loc))


@lru_cache(maxsize=16)
def _date_pattern(lang: str | None) -> re.Pattern[str]:
    """Dates as written in prose in ``lang`` (and in English): a month name, with a day before
    or after it and a year ("November 3, 2026", "3. November 2026", "3 de noviembre de 2026",
    "October 2026", "Oct 2026"), or with a day and no year ("October 30", "30 octobre")."""
    names: set[str] = set()
    for loc in {locale(lang), locale("en")}:
        for width in ("wide", "abbreviated"):
            names.update(str(m) for m in loc.months["format"][width].values())
    months = "|".join(sorted((re.escape(n) for n in names), key=len, reverse=True))
    day = r"\d{1,2}(?:\.|er|º)?"
    sep = r"[ \u00a0]+(?:de[ \u00a0]+)?"
    month = rf"(?:{months})(?!\w)\.?"
    return re.compile(
        rf"(?<!\w)(?:{day}{sep})?{month}(?:[ \u00a0]+{day},?)?{sep}\d{{4}}(?!\d)"
        rf"|(?<!\w){day}{sep}{month}|(?<!\w){month}[ \u00a0]+\d{{1,2}}(?![\d.,:]\d)(?!\d)"
    )


def keep_dates(text: str, lang: str | None = None) -> str:
    """``text`` with every space inside a written date made non-breaking, so that a line of
    print never ends inside one ("October / 2026"). Letters are typed with ordinary spaces
    (the user may edit them); print calls this on the way to the page."""
    return _date_pattern(lang).sub(lambda m: _keep(m.group(0)), text)
