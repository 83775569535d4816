"""Rule `placeholders`: template text left in a packet (an error: it must never be sent).

"[Company Name]", "TODO", "$XX,000" and lorem ipsum are what a letter template or a
half-finished edit leaves behind, and the one mistake a hiring manager never forgets.
"""

from __future__ import annotations

import re

from ..profile.errors import Problem, shown
from ..profile.validate import LoadedProfile
from .text import mask, strings
from .where import Tally, finding

RULE = "placeholders"

_PATTERNS = re.compile(
    r"(?-i:\[[A-Z][\w'’]*(?:\s+[A-Za-z][\w'’]*){0,4}\])"  # [Company Name], [Hiring Manager's Name]
    r"|\{\{\s*[A-Za-z_][\w ]*\}\}"  # {{ company }}
    r"|(?-i:\{(?:[a-z]+(?:_[a-z]+)*|[A-Z]+(?:_[A-Z]+)*)\})"  # {company_name}, not {Noisy}
    r"|<(?:company|position|name|date|title)[\w ]*>"  # <company name>
    r"|\b(?:TODO|TBD|FIXME|TKTK)\b"
    r"|\$\s?X{2,}(?:,X{3})*(?:,0{3})?"  # $XX,000  $XXX
    r"|\bX{2,}\b"  # XX
    r"|\blorem ipsum\b",
    re.IGNORECASE,
)
_CASE_SENSITIVE = re.compile(r"^(?:TODO|TBD|FIXME|TKTK|X{2,})$")


def check(loaded: LoadedProfile) -> list[Problem]:
    out: list[Problem] = []
    tally = Tally(RULE)
    for text in strings(loaded.profile):
        if text.field in ("url", "email", "id", "path", "image", "file"):
            continue
        seen: dict[str, int] = {}
        masked = mask(text.value)
        for match in _PATTERNS.finditer(masked):
            found = text.value[match.start() : match.end()]
            bare = found.strip()
            if bare.isascii() and bare.isalpha() and not _CASE_SENSITIVE.match(bare):
                continue  # "todo" or "xx" in lower case is a word, not a marker
            if bare.startswith("[") and not any(c.islower() for c in bare):
                continue  # [HTML], [1]: an abbreviation or a reference, not a template slot
            after = text.value[match.end() : match.end() + 1]
            before = text.value[match.start() - 1 : match.start()] if match.start() else ""
            if bare.startswith("[") and (after in ("(", "[", ":") or before == "!"):
                continue  # Markdown: [text](url), [text][ref], [ref]: url, ![alt](src)
            n = seen.get(found, 0)
            seen[found] = n + 1
            if not tally.take(text.path, "error"):
                continue
            out.append(
                finding(
                    loaded,
                    RULE,
                    text.path,
                    f"placeholder {shown(found)} left in the text",
                    level="error",
                    hint="replace it with the real text before sending",
                    text=found,
                    occurrence=n,
                )
            )
    return out + tally.notes(loaded)
