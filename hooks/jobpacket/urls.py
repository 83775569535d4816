"""URL scheme policy, in one place: which links a profile may hold and where each may go.

- The model refuses a URL whose scheme runs code or reads local files (`unsafe_scheme`):
  `javascript:`, `data:`, `file:` and the like.
- The site links the `LINK_SCHEMES` (web, mail, phone, chat) and relative paths to its own
  pages (`site_href`); any other scheme is shown as text.
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

#: Schemes a profile link may use and the site links to: the web, mail, and the calling and
#: chat apps people list on their profiles. JSON Resume allows any URI; other schemes are
#: kept as text, except the ones that run code or read local files (`UNSAFE_SCHEMES`).
LINK_SCHEMES = frozenset(
    {"http", "https", "mailto", "tel", "sms", "callto", "skype", "xmpp", "matrix", "sip"}
    | {"sips", "irc", "ircs", "facetime", "whatsapp", "signal", "tg", "geo", "ftp", "sftp"}
)
#: Schemes that run code in a browser or read the reader's own files: never accepted.
UNSAFE_SCHEMES = frozenset({"javascript", "vbscript", "data", "file", "blob", "jar", "view-source"})
#: Schemes whose address names a host (`scheme://host/...`); without one it is no link.
_HOSTED = frozenset({"http", "https", "ftp", "sftp"})
MARKDOWN_SCHEMES = frozenset({"http", "https", "mailto"})
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
# Browsers ignore control characters and whitespace inside a scheme ("java\tscript:").
_IGNORED = re.compile(r"[\x00-\x20\x7f]")


def scheme(value: str) -> str:
    """The scheme a browser would see (lower case), or "" for a relative URL."""
    match = _SCHEME.match(_IGNORED.sub("", value))
    return match.group(1).lower() if match else ""


def unsafe_scheme(value: str) -> str | None:
    """The scheme of `value` when it runs code or reads local files (the model refuses it)."""
    found = scheme(value)
    return found if found in UNSAFE_SCHEMES else None


def site_href(value: str | None) -> str | None:
    """A link the site may use: a link scheme or a relative path; None otherwise (an
    unknown scheme is kept as text)."""
    if not value:
        return None
    found = scheme(value)
    return value if not found or found in LINK_SCHEMES else None


def print_href(value: str | None) -> str | None:
    """A link a PDF may hold: absolute, with a link scheme (http(s) and ftp with a host);
    None otherwise: a relative URL would resolve to a file:// link, `//host` to a share."""
    if not value:
        return None
    text = value.strip()
    if "\\" in text or _IGNORED.search(text):
        return None
    found = scheme(text)
    if found in _HOSTED:
        parts = urlsplit(text)
        return text if parts.netloc and text.lower().startswith(f"{found}://") else None
    if found in LINK_SCHEMES:
        return text if len(text) > len(found) + 1 else None
    return None


def is_web(value: str | None) -> bool:
    """An absolute http(s) address with a host (a page, a site's base URL)."""
    if not value:
        return False
    parts = urlsplit(value.strip())
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


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
