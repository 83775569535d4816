"""Citations and BibTeX entries for the publications page, built from profile fields.

A reader who wants to cite a paper copies the entry into a reference manager; a wrong brace
or an unescaped ``%`` there breaks their whole bibliography. So every field is escaped for
(La)TeX here, and the result is escaped again for HTML where it lands (the template).

JSON Resume records neither co-authors nor the kind of venue, so the entry is ``@misc`` with
the person as author (or ``publications[].authors``, an extension common in real files) and
the publisher as ``howpublished``: honest about what is known, and every reference manager
imports it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from ..markup import clean_text
from ..profile.model import Publication

_WS = re.compile(r"\s+")


def plain(value: str) -> str:
    """One clean line (the same rule as the pages' ``plain``; no import cycle)."""
    return _WS.sub(" ", clean_text(str(value))).strip()


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")

_TEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "&": r"\&",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_TEX_RE = re.compile("|".join(re.escape(ch) for ch in _TEX_SPECIALS))
_STOP_WORDS = {"a", "an", "the", "on", "of", "in", "for", "and", "to", "with"}


def tex_escape(value: str) -> str:
    """Text as a BibTeX field value: TeX specials escaped, braces always balanced."""
    return _TEX_RE.sub(lambda m: _TEX_SPECIALS[m.group(0)], plain(value))


def url_field(value: str) -> str:
    """A URL as BibTeX reads it verbatim: only characters that would end the field change."""
    return re.sub(r"[{}\\\s%]", lambda m: f"%{ord(m.group(0)):02X}", plain(value))


def bibtex_name(name: str) -> str:
    """``Elena M. Vasquez`` -> ``Vasquez, Elena M.`` (last word as family name)."""
    words = plain(name).split()
    if len(words) < 2:
        return " ".join(words)
    return f"{words[-1]}, {' '.join(words[:-1])}"


def _ascii_word(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]", "", folded)


def cite_key(author: str | None, publication: Publication) -> str:
    """``vasquez2025catching``: family name, year, first significant word of the title."""
    family = _ascii_word(plain(author or "").split()[-1]) if plain(author or "") else ""
    year = (publication.releaseDate or "")[:4]
    words = [_ascii_word(w) for w in plain(publication.name or "").split()]
    first = next((w for w in words if w and w not in _STOP_WORDS), "")
    return (family + year + first) or "publication"


@dataclass(frozen=True)
class Citation:
    """What the publications page shows for one item."""

    key: str
    text: str
    """A one-line citation in author-year style, plain text."""
    bibtex: str
    """The BibTeX entry, plain text (escape it for HTML where it lands)."""


def _authors(author: str | None, publication: Publication) -> list[str]:
    """The publication's own authors when it lists them, else the person."""
    names = [a for a in publication.authors if plain(a)]
    return names or ([author] if author and plain(author) else [])


def citation_text(author: str | None, publication: Publication) -> str:
    """``Vasquez, E. M. (2025). Title. Publisher.`` from the fields that are there."""
    parts = []
    names = []
    for name in _authors(author, publication):
        family, _, given = bibtex_name(name).partition(", ")
        initials = " ".join(w[0] + "." for w in given.split() if w and w[0].isalpha())
        names.append(f"{family}, {initials}" if initials else family)
    if names:
        parts.append(", ".join(names))
    year = (publication.releaseDate or "")[:4]
    head = " ".join(p for p in (*parts, f"({year})." if year else "") if p)
    title = plain(publication.name or "")
    pieces = [head] if head else []
    if title:
        pieces.append(title if title.endswith((".", "?", "!")) else title + ".")
    if publication.publisher:
        pieces.append(plain(publication.publisher) + ".")
    return " ".join(pieces)


def bibtex_entry(key: str, author: str | None, publication: Publication) -> str:
    fields: list[tuple[str, str]] = []
    names = _authors(author, publication)
    if names:
        joined = " and ".join(bibtex_name(n) for n in names)
        fields.append(("author", "{" + tex_escape(joined) + "}"))
    if publication.name:
        # Double braces keep the title's capitals as written (acronyms, names).
        fields.append(("title", "{{" + tex_escape(publication.name) + "}}"))
    if publication.publisher:
        fields.append(("howpublished", "{" + tex_escape(publication.publisher) + "}"))
    date = publication.releaseDate or ""
    if date[:4].isdigit():
        fields.append(("year", "{" + date[:4] + "}"))
    if len(date) >= 7:
        fields.append(("month", _MONTHS[int(date[5:7]) - 1]))
    if publication.url:
        fields.append(("url", "{" + url_field(publication.url) + "}"))
    body = ",\n".join(f"  {name:<12} = {value}" for name, value in fields)
    return f"@misc{{{key},\n{body}\n}}" if body else f"@misc{{{key}}}"


def citations(author: str | None, publications: Sequence[Publication]) -> list[Citation]:
    """One citation per publication, in order, with cite keys unique within the page."""
    seen: dict[str, int] = {}
    out = []
    for publication in publications:
        key = cite_key(author, publication)
        count = seen.get(key, 0)
        seen[key] = count + 1
        if count:
            key += chr(ord("a") + min(count - 1, 25))
        out.append(
            Citation(
                key=key,
                text=citation_text(author, publication),
                bibtex=bibtex_entry(key, author, publication),
            )
        )
    return out
