"""The sentences of an assembled letter, in the writer's language, and how it addresses its reader.

A letter is not translated English: each language writes its own salutation, closing and
sentences ("Sehr geehrte Frau Dr. Feldman, ... Mit freundlichen Grüßen"; "Madame, ...
Veuillez agréer, Madame, l'expression de mes salutations distinguées"). They live as data,
``labels/letters/<code>.yml`` beside the label files, so a contributor adds a language without
touching code. A language without a file gets the English letter (``has_letters`` says so, and
the caller tells the user once); a missing key falls back to English the same way.

The salutation needs the reader's title and surname. ``addressee`` reads them from the
contact: an explicit ``gender`` wins, else an honorific written before the name ("Ms.",
"Dr.", "Frau", "Mme", "Sra."...) tells; with neither, the letter addresses the full name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

import yaml

from .labels import merge_labels
from .tags import DEFAULT, lookups, primary

Gender = Literal["female", "male"]

# An honorific written before a name, lowercased without dots: gender it implies, title.
# fmt: off
_HONORIFICS: dict[str, tuple[Gender | None, str | None]] = {
    "ms": ("female", None), "mrs": ("female", None), "miss": ("female", None),
    "mr": ("male", None), "mx": (None, "mx"),
    "dr": (None, "dr"), "prof": (None, "prof"), "professor": (None, "prof"),
    "frau": ("female", None), "herr": ("male", None),
    "mme": ("female", None), "madame": ("female", None), "mlle": ("female", None),
    "monsieur": ("male", None),
    "sra": ("female", None), "srta": ("female", None), "sr": ("male", None),
    "dra": ("female", "dr"), "dott": ("male", "dr"), "dottssa": ("female", "dr"),
    "sig": ("male", None), "sigra": ("female", None), "profssa": ("female", "prof"),
}
# fmt: on
_PARTICLES = frozenset({"van", "von", "der", "den", "de", "la", "le", "del", "della", "da", "di"})


def _file(code: str) -> Any:
    """The letter text file of a language code, or None (a Traversable, as resources gives)."""
    folder = resources.files("jobpacket").joinpath("i18n", "labels", "letters")
    for name in (code, code.lower()):
        file = folder.joinpath(f"{name}.yml")
        if file.is_file():
            return file
    return None


@lru_cache(maxsize=16)
def _read(code: str) -> dict[str, Any] | None:
    file = _file(code)
    if file is None:
        return None
    data = yaml.safe_load(file.read_text(encoding="utf-8"))
    return data if isinstance(data, dict) else {}


def has_letters(lang: str | None) -> bool:
    """Whether jobpacket writes letters in this language (English counts). Asked at every
    load: it looks for the file and parses none (parsing them is the slow part)."""
    return not lang or any(_file(code) is not None for code in lookups(lang))


def letter_languages() -> list[str]:
    """The languages with letter text, for messages and the README."""
    folder = resources.files("jobpacket").joinpath("i18n", "labels", "letters")
    return sorted(f.name[:-4] for f in folder.iterdir() if f.name.endswith(".yml"))


@dataclass(frozen=True)
class LetterBook:
    """One language's letter text; ``say`` fills a sentence's placeholders."""

    data: dict[str, Any]

    def raw(self, key: str) -> Any:
        node: Any = self.data
        for part in key.split("."):
            node = node[part]
        return node

    def say(self, key: str, **values: str) -> str:
        text = self.raw(key)
        if not isinstance(text, str):
            raise TypeError(f"letter text {key!r} is not a sentence")
        return text.format(**values)

    def has(self, key: str) -> bool:
        try:
            self.raw(key)
        except (KeyError, TypeError):
            return False
        return True


@lru_cache(maxsize=16)
def letter_book(lang: str | None) -> LetterBook:
    """The letter text for ``lang``, English where the language says nothing."""
    out = _read(DEFAULT) or {}
    for code in reversed(lookups(lang)):
        found = _read(code)
        if found:
            out = merge_labels(out, found)
    return LetterBook(out)


@dataclass(frozen=True)
class Addressee:
    """What a salutation needs to know of its reader."""

    name: str
    """The name without honorifics: "Naomi Feldman"."""
    surname: str
    gender: Gender | None
    title: str | None
    """An academic title key of the letter book's ``titles``: dr, prof."""

    @property
    def form(self) -> str:
        if not self.name:
            return "nobody"
        if self.gender and self.title:
            return f"{self.gender}_titled"
        if self.gender:
            return self.gender
        return "titled" if self.title else "named"


def addressee(name: str | None, gender: str | None = None) -> Addressee:
    """The reader as a salutation sees them: honorifics before the name read off ("Dr. Naomi
    Feldman" is titled, surname Feldman), degrees after a comma dropped ("Jo Park, PhD")."""
    words = (name or "").split(",")[0].split()
    found_gender: Gender | None = None
    title: str | None = None
    while words:
        key = words[0].lower().replace(".", "")
        if key not in _HONORIFICS or len(words) == 1:
            break
        implied, implied_title = _HONORIFICS[key]
        found_gender = found_gender or implied
        title = title or implied_title
        words.pop(0)
    if gender in ("female", "male"):
        found_gender = gender  # type: ignore[assignment]
    if not words:
        return Addressee("", "", found_gender, title)
    start = len(words) - 1
    while start > 1 and words[start - 1].lower() in _PARTICLES:
        start -= 1
    return Addressee(" ".join(words), " ".join(words[start:]), found_gender, title)


def address(book: LetterBook, who: Addressee) -> str:
    """How the letter names its reader: "Dr. Feldman", "Frau Dr. Feldman", "Madame"."""
    titles = book.raw("titles")
    title = ""
    if who.title and who.title in titles:
        title = titles[who.title][who.gender or "unknown"]
    return book.say(f"address.{who.form}", title=title, surname=who.surname, name=who.name)


def recipient_name(book: LetterBook, who: Addressee, written: str) -> str:
    """The reader's line in the address block: in English as the profile writes it; in a
    language with its own honorifics, those ("Frau Dr. Naomi Feldman"), never an English
    "Ms." in a German letter."""
    key = f"recipient.{who.form}"
    if not who.name or not book.has(key):
        return written
    titles = book.raw("titles")
    title = titles[who.title][who.gender or "unknown"] if who.title in titles else ""
    return re.sub(r"\s+", " ", book.say(key, title=title, name=who.name)).strip()


def salutation(book: LetterBook, who: Addressee) -> str:
    """The salutation line: "Dear Dr. Feldman,", "Sehr geehrte Frau Dr. Feldman,"."""
    key = f"salutation.{who.form}" if book.has(f"salutation.{who.form}") else "salutation.default"
    return re.sub(r"\s+", " ", book.say(key, address=address(book, who))).strip()


def closing(book: LetterBook, who: Addressee) -> str:
    """The closing, which in some languages names the reader again ("Veuillez agréer,
    Madame, ...")."""
    return book.say("closing", address=address(book, who))


def keep_punctuation(text: str, lang: str | None) -> str:
    """French sets a space before ":", ";", "?" and "!" that must not break (a colon alone at
    the start of a line is a typesetting error); print calls this on the way to the page,
    the text a user edits keeps ordinary spaces."""
    if primary(lang) != "fr":
        return text
    return re.sub(r" ([:;?!»])", "\u00a0\\1", text).replace("« ", "«\u00a0")


__all__ = [
    "Addressee",
    "LetterBook",
    "address",
    "addressee",
    "closing",
    "has_letters",
    "keep_punctuation",
    "letter_book",
    "letter_languages",
    "salutation",
]
