"""URL scheme policy, in one place: which links a profile may hold and where each may go.

- The model refuses a URL whose scheme is not a link scheme (`unsafe_scheme`): no
  `javascript:`, `data:`, `file:`.
- The site keeps links with a link scheme, and relative ones to its own pages (`site_href`).
- Printed documents keep only absolute links (`print_href`): a relative URL in a PDF would
  resolve against the folder the PDF was made in (a `file://` link into the install),
  and `//host/x` or `\\\\host\\share` would open a network share. Anything else is printed
  as text; `check_links` warns about each such value with its location.
- Markdown links: `MARKDOWN_SCHEMES` (no `tel:` inside prose).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from .profile.errors import FieldPath, Problem

LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
MARKDOWN_SCHEMES = frozenset({"http", "https", "mailto"})
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
# Browsers ignore control characters and whitespace inside a scheme ("java\tscript:").
_IGNORED = re.compile(r"[\x00-\x20\x7f]")


def scheme(value: str) -> str:
    """The scheme a browser would see (lower case), or "" for a relative URL."""
    match = _SCHEME.match(_IGNORED.sub("", value))
    return match.group(1).lower() if match else ""


def unsafe_scheme(value: str) -> str | None:
    """The scheme of `value` when it is not a link scheme (the model refuses it), else None."""
    found = scheme(value)
    return found if found and found not in LINK_SCHEMES else None


def site_href(value: str | None) -> str | None:
    """A link the site may use: a link scheme or a relative path; None otherwise."""
    if not value or unsafe_scheme(value):
        return None
    return value


def print_href(value: str | None) -> str | None:
    """A link a PDF may hold: absolute http(s) with a host, mailto: or tel:; None otherwise."""
    if not value:
        return None
    text = value.strip()
    if "\\" in text or _IGNORED.search(text):
        return None
    found = scheme(text)
    if found in ("http", "https"):
        parts = urlsplit(text)
        return text if parts.netloc and text.lower().startswith(f"{found}://") else None
    if found in ("mailto", "tel"):
        return text if len(text) > len(found) + 1 else None
    return None


def _urls(value: Any, path: FieldPath) -> Iterator[tuple[FieldPath, str]]:
    if isinstance(value, dict):
        for key, child in value.items():
            if key == "url" and isinstance(child, str) and child.strip():
                yield (*path, key), child
            else:
                yield from _urls(child, (*path, str(key)))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield from _urls(child, (*path, i))


def check_links(data: Any, source: Any) -> list[Problem]:
    """A located warning for each `url` that printed documents cannot link to."""
    out = []
    for path, url in _urls(data, ()):
        if print_href(url) is None and unsafe_scheme(url) is None:
            out.append(
                source.problem(
                    path,
                    f"{url[:80]!r} is not a full web address (https://...), mailto: or tel:; "
                    "printed documents show it as text, not as a link",
                    severity="warning",
                )
            )
    return out
