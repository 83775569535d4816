"""The profile's text as the proofreading rules read it.

Rules look at prose (summaries, highlights, letter bodies), not at identifiers, dates or
addresses; `prose` says which fields are prose. `words` cuts prose into the words a reader
sees, leaving out what is not a word to proofread: web and email addresses, code spans,
identifiers, CamelCase, anything with a digit. `proper_nouns` is what the profile itself
says is a name (people, organizations, technologies, keywords, tags), so a rule does not
flag the user's own employer or tool as a misspelling or as shouting.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from pydantic import BaseModel

from ..errors import FieldPath
from ..profile.bounds import MAX_TOKEN_CHARS, MAX_WORD_CHARS
from ..profile.model import Profile

#: Fields whose text is prose a reader reads as sentences. Every text field a letter prints
#: is here (tests/test_checks_text.py derives them from the model): a letter's `circumstances`
#: paragraph was left out, so a typo in it went out unread; so was a thesis title, printed on
#: the résumé and published on the site. `requirements` is not: its phrases
#: are the posting's words, quoted, and like other fields that are neither prose nor names its
#: words count as the profile's vocabulary.
PROSE_FIELDS = frozenset(
    {
        "summary",
        "description",
        "highlights",
        "body",
        "circumstances",
        "reference",
        "greeting",
        "closing",
        "label",
        "position",
        "title",
        "area",
        "studyType",
        "courses",
        "thesis",
        "relationship",
        "alternateRole",
        "fluency",
    }
)
#: Fields that name things: their words are the profile's own vocabulary.
NAME_FIELDS = frozenset(
    {
        "name",
        "organization",
        "institution",
        "awarder",
        "issuer",
        "publisher",
        "keywords",
        "tags",
        "roles",
        "entity",
        "network",
        "username",
        "city",
        "region",
        "address",
        "location",
        "language",
        "position",
        "title",
        "alternateRole",
        "studyType",
        "area",
    }
)
#: Private notes never leave the user's machine; they are not proofread.
SKIPPED_FIELDS = frozenset({"notes", "schema_", "$schema", "meta"})


@dataclass(frozen=True)
class Text:
    """One string of the profile, where it is, and the field that holds it."""

    path: FieldPath
    field: str
    value: str

    @property
    def prose(self) -> bool:
        return self.field in PROSE_FIELDS


def strings(profile: Profile) -> Iterator[Text]:
    """Every string the user wrote, in file order, with the path the source map knows."""
    yield from _walk(profile, (), "")


def _walk(value: object, path: FieldPath, field: str) -> Iterator[Text]:
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            if name in SKIPPED_FIELDS:
                continue
            key = type(value).model_fields[name].alias or name
            yield from _walk(getattr(value, name), (*path, key), name)
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from _walk(item, (*path, i), field)
    elif isinstance(value, str) and value.strip():
        yield Text(path, field, value)


# --- words ---------------------------------------------------------------------------------

# Every pattern here runs in time linear in the text: a repeat that could start at every
# character of a long run is anchored to the run's start (`(?<!\S)`), and a bracketed span stops
# at the next opening bracket, so no character is scanned again from each position before it
# (`\S+@\S+` alone is quadratic on one long token). tests/test_safety_regex.py times every
# pattern of the package on hostile text.
_NOT_WORDS = re.compile(
    rf"(?<!\S)\S{{{MAX_TOKEN_CHARS + 1},}}"  # a run too long to be prose: pasted data, a key
    r"|`[^`]*`"  # code spans
    r"|\]\([^)\]]*\)"  # Markdown link targets
    r"|\]\[[^\]]*\]"  # reference-style link labels: [text][ref]
    r"|^ {0,3}\[[^\]\n]+\]:[^\n]*"  # link definitions: [ref]: https://...
    r"|<[^<>]*>"  # autolinks and stray tags
    r"|\b(?:https?|mailto|ftp)://\S+|\bmailto:\S+|\bwww\.\S+"  # addresses
    r"|(?<!\S)\S+@\S+",  # emails and handles
    re.MULTILINE,
)
_TOKEN = re.compile(r"\S+")
_EDGE = "\"'“”‘’()[]{}<>.,;:!?*_~…–—/|"
#: Letters of any script (œ, ł, ş and Cyrillic too: "Mise en œuvre" was cut into 'uvre').
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_CAMEL = re.compile(r"[a-z][A-Z]|(?<![A-Z])[A-Z]{2,}[a-z]{2,}")
_NAME_TOKEN = re.compile(r"[\w'’-]+")
_NAME_PART = re.compile(r"[-'’]")


def mask(text: str) -> str:
    """The text with addresses, code, link targets and runs too long to be prose blanked
    out, offsets kept."""
    return _NOT_WORDS.sub(lambda m: " " * len(m.group()), text)


def words(text: str) -> Iterator[tuple[str, int]]:
    """Proofreadable words with their offsets; identifiers and the like are left out."""
    masked = mask(text)
    for token in _TOKEN.finditer(masked):
        raw = token.group()
        stripped = raw.strip(_EDGE)
        if not stripped or any(c.isdigit() for c in stripped):
            continue
        if any(c in stripped for c in "_/\\=+#$%&@.") or _CAMEL.search(stripped):
            continue  # identifiers, paths, domains, CamelCase
        base = token.start() + raw.index(stripped)
        for part in _WORD.finditer(stripped):
            if len(part.group()) <= MAX_WORD_CHARS:  # longer is no dictionary's word
                yield part.group(), base + part.start()


def proper_nouns(profile: Profile) -> frozenset[str]:
    """Lower-cased words the profile uses as names, so rules accept them."""
    found: set[str] = set()
    for text in strings(profile):
        if text.field in NAME_FIELDS or text.field not in PROSE_FIELDS:
            for token in _NAME_TOKEN.findall(text.value):
                for part in _NAME_PART.split(token):
                    if part:
                        found.add(part.lower())
                found.add(token.lower())
    return frozenset(found)
