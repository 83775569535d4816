"""Blocks in a letter body the user wrote: ``[[updates]]`` and ``[[enclosures]]``.

A user's letter is their own text; jobpacket only replaces a line holding nothing but a block
name in double square brackets with the list it names. Nothing else is interpreted (profile
text is never a template): Markdown links, ``{{ 7*7 }}`` and a block name inside a sentence
print as typed, and an unknown name is a located error with the closest known one.

Also the small helpers every letter body needs: profile facts as literal Markdown text
(``md``), sentences and Markdown bullet lists, and `Writer`, one letter's words in its
language. Pure: text in, text and findings out.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import FieldPath, Problem, Severity
from ..i18n.dates import prose_date
from ..i18n.letterbook import LetterBook, letter_book
from ..profile.model import Application

if TYPE_CHECKING:
    from ..profile.validate import LoadedProfile

#: The block names a user body may hold, each on a line of its own as ``[[name]]``.
BLOCKS = ("updates", "enclosures")

_BLOCK_LINE = re.compile(r"^ {0,3}\[\[([^\[\]\n]*)\]\][ \t]*$")
_INLINE_BLOCK = re.compile(r"\[\[\s*([A-Za-z][\w-]*)\s*\]\]")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]>])")


@dataclass(frozen=True)
class Finding:
    """Something to tell the user about a letter, located by field path (documents.py turns
    it into a file:line:col problem)."""

    path: FieldPath
    message: str
    severity: Severity = "warning"


def md(text: str | None) -> str:
    """A profile fact as literal Markdown text: one line, emphasis and link characters
    escaped, so a name like ``{{ 7*7 }}`` or ``a_b_c`` prints as typed."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join((text or "").split()))
    return escaped.replace("<", "&lt;")  # Python-Markdown has no backslash escape for "<"


def bullets(lines: Iterable[str]) -> str:
    return "\n".join(f"- {line}" for line in lines)


def _suggest(name: str) -> str:
    close = difflib.get_close_matches(name.lower(), BLOCKS, n=1, cutoff=0.5)
    known = ", ".join(f"[[{b}]]" for b in BLOCKS)
    return (f"did you mean [[{close[0]}]]? " if close else "") + f"the blocks are {known}"


def expand_blocks(
    body: str,
    *,
    where: FieldPath,
    blocks: dict[str, list[str] | str],
    empty: dict[str, str] | None = None,
) -> tuple[str, list[Finding]]:
    """The user's body with each ``[[name]]`` line replaced by that block's Markdown lines.

    ``blocks`` maps each name to its lines, or to a message saying why it is unavailable
    (an error where it is used). ``empty`` says, per name, why an empty block is worth a
    warning.

    Only a line holding nothing but the brackets is a block (fenced code is left alone), so
    Markdown links and any other text pass through untouched. An unknown name is an error
    naming the line of the body and the closest known block; a known name written inside a
    sentence is a warning, since it would print as typed. Each block expands once: a repeat
    is an error (a body of repeated ``[[updates]]`` lines would multiply the letter).
    """
    findings: list[Finding] = []
    out: list[str] = []
    fence = ""
    expanded: dict[str, int] = {}  # block name -> the line it expanded on
    for n, line in enumerate(body.splitlines(), 1):
        opened = _FENCE.match(line)
        if fence:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = ""
            out.append(line)
            continue
        if opened:
            fence = opened.group(1)
            out.append(line)
            continue
        block = _BLOCK_LINE.match(line)
        if block is None:
            for inline in _INLINE_BLOCK.finditer(line):
                if inline.group(1) in BLOCKS:
                    findings.append(
                        Finding(
                            where,
                            f"line {n} of the body: [[{inline.group(1)}]] expands only on a "
                            "line of its own; put it on its own line",
                        )
                    )
            out.append(line)
            continue
        name = block.group(1).strip()
        if name not in blocks:
            findings.append(
                Finding(
                    where,
                    f"line {n} of the body: [[{name}]] is not a block jobpacket knows; "
                    + _suggest(name),
                    "error",
                )
            )
            out.append(line)
            continue
        if name in expanded:
            # Once is what a letter needs; each repeat would add the whole list again.
            findings.append(
                Finding(
                    where,
                    f"line {n} of the body: [[{name}]] again (it is on line {expanded[name]}); "
                    "a block expands once: keep one",
                    "error",
                )
            )
            continue
        expanded[name] = n
        lines = blocks[name]
        if isinstance(lines, str):
            findings.append(Finding(where, f"line {n} of the body: [[{name}]] {lines}", "error"))
            out.append(line)
            continue
        if not lines and empty and name in empty:
            findings.append(Finding(where, f"line {n} of the body: [[{name}]] {empty[name]}"))
        out.extend(["", bullets(lines), ""] if lines else [""])
    text = "\n".join(out)
    return (text + "\n" if body.endswith("\n") else text), findings


def letter_findings(loaded: LoadedProfile) -> list[Problem]:
    """Block problems in every letter body the user wrote (`letter:` and each of `letters:`),
    for `jobpacket check`: a mistyped ``[[update]]`` should show up before anyone prints the
    letter."""
    from ..views.timeline import timeline

    problems: list[Problem] = []
    for i, app in enumerate(loaded.profile.applications):
        for entry in timeline(app):
            body = entry.letter.body
            if not body:
                continue
            where: FieldPath = ("applications", i, *entry.path, "body")
            _, found = expand_blocks(body, where=where, blocks={b: [] for b in BLOCKS})
            problems.extend(
                loaded.source.problem(f.path, f.message, severity=f.severity) for f in found
            )
    return problems


__all__ = [
    "BLOCKS",
    "Finding",
    "bullets",
    "expand_blocks",
    "letter_findings",
    "md",
]


def sentences(*parts: str) -> str:
    return " ".join(p.strip() for p in parts if p and p.strip())


def sentence(text: str) -> str:
    """A highlight as a sentence of the letter: escaped, ending in one full stop."""
    text = md(text).rstrip()
    return text if text.endswith((".", "!", "?", "…")) else text + "."


class Writer:
    """One letter's text in its language: the sentences of the kind, the position and the
    organisation as the language names them."""

    def __init__(self, app: Application, lang: str | None) -> None:
        self.app = app
        self.lang = lang
        self.book: LetterBook = letter_book(lang)

    def say(self, key: str, **values: str) -> str:
        return self.book.say(key, **values)

    @property
    def org(self) -> str:
        return md(self.app.organization) if self.app.organization else self.say("your_organization")

    def the_position(self, role: str | None = None) -> str:
        position = role if role is not None else self.app.position
        if not position:
            return self.say("the_position_unknown")
        if self.app.organization:
            return self.say("the_position_at", position=md(position), org=self.org)
        return self.say("the_position", position=md(position))

    def date(self, value: str) -> str:
        return prose_date(value, self.lang)

    def month(self, value: str) -> str:
        """An update's date to the month ("October 2026"), as precise as the profile."""
        return prose_date(value[:7], self.lang)
