"""Rule `placeholders`: template text left in a packet (an error: it must never be sent).

"[Company Name]", "TODO", "$XX,000" and lorem ipsum are what a letter template or a
half-finished edit leaves behind, and the one mistake a hiring manager never forgets.
So is the text of `jobpacket new`'s starter profile ("Your Name", you@example.com, "A result
you delivered..."): a value still exactly as the starter has it was never filled in.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import yaml

from ..errors import Problem, shown
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
#: Starter values that are real choices, not slots to fill: kept when the user agrees.
_STARTER_CHOICES = frozenset(
    {"countryCode", "network", "studyType", "startDate", "endDate", "lang", "visibility"}
)


@lru_cache(maxsize=1)
def starter_values() -> frozenset[str]:
    """Every text of the scaffold's starter profile that stands for the user's own."""
    text = resources.files("jobpacket").joinpath("scaffold", "starter.yml").read_text("utf-8")
    found: set[str] = set()

    def walk(value: object, key: str) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, str(k))
        elif isinstance(value, list):
            for v in value:
                walk(v, key)
        elif isinstance(value, str) and value.strip() and key not in _STARTER_CHOICES:
            found.add(value.strip())

    walk(yaml.safe_load(text), "")
    return frozenset(found)


def check(loaded: LoadedProfile) -> list[Problem]:
    out: list[Problem] = []
    starter = starter_values()
    tally = Tally(RULE)
    for text in strings(loaded.profile):
        if text.value.strip() in starter and text.field not in _STARTER_CHOICES:
            out.append(
                finding(
                    loaded,
                    RULE,
                    text.path,
                    f"{text.value.strip()!r} is the starter profile's text",
                    level="error",
                    hint="replace it with your own, or remove the entry",
                )
            )
            continue
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
