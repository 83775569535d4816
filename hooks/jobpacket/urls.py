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
- A web address written without its scheme (`github.com/ann`, `www.linkedin.com/in/ann`)
  means https (`assumed_web`); the profile reads it so, with an `info:` line, so that it is
  printed and linked everywhere instead of becoming a relative link on the site.
- The one `data:` URL accepted is a photo (`basics.image`) as exported résumé files embed it:
  a base64 PNG, JPEG, GIF or WebP of at most `MAX_PHOTO_BYTES` (`photo_data`). It is data, not
  a place to go, so it runs nothing; every other `data:` URL is refused.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .errors import FieldPath, Problem

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


#: A host name with a dot and a top-level domain of letters, then an optional port and path.
_BARE_HOST = re.compile(
    r"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+([a-z]{2,24})(?::\d{1,5})?(?:[/?#]\S*)?$",
    re.IGNORECASE,
)
#: "index.html" is a file next to the page, not a host; these endings are never a domain.
_FILE_ENDINGS = frozenset(
    {"html", "htm", "md", "pdf", "png", "jpg", "jpeg", "gif", "svg", "webp", "txt", "php"}
    | {"asp", "aspx", "json", "yml", "yaml", "xml", "css", "js", "zip", "docx", "doc"}
)


def assumed_web(value: str) -> str | None:
    """``https://`` + `value` when it is a web address written without its scheme
    (``together.ai``, ``github.com/ann``); None for anything else (a relative path such as
    ``projects/x/``, a file name such as ``cv.pdf``, any address with a scheme)."""
    text = value.strip()
    match = _BARE_HOST.match(text)
    if match is None or match.group(1).lower() in _FILE_ENDINGS:
        return None
    return f"https://{text}"


#: The largest embedded photo (decoded): the size of a good passport photo many times over.
MAX_PHOTO_BYTES = 2 * 1024 * 1024
_DATA_IMAGE = re.compile(
    r"^data:(image/(?:png|jpeg|jpg|gif|webp));base64,([A-Za-z0-9+/=\s]+)$", re.IGNORECASE
)


def photo_data(value: str | None) -> tuple[str, bytes] | None:
    """(MIME type, bytes) of a `data:` photo, or None when `value` is not one (another
    scheme, another type, not base64, or larger than `MAX_PHOTO_BYTES`)."""
    import base64
    import binascii

    match = _DATA_IMAGE.match(value.strip()) if value else None
    if match is None or len(match.group(2)) > MAX_PHOTO_BYTES * 4 // 3 + 4096:
        return None
    try:
        data = base64.b64decode("".join(match.group(2).split()), validate=True)
    except (binascii.Error, ValueError):
        return None
    kind = match.group(1).lower().replace("jpg", "jpeg")
    return (kind, data) if 0 < len(data) <= MAX_PHOTO_BYTES else None


_HANDLE = re.compile(r"^@?([\w-]{2,100})/?$")


def linkedin_url(value: str | None) -> str | None:
    """`basics.linkedin` (an extension common in real files) as an address: a web address as
    written (or without its scheme, as `assumed_web` reads it), a bare handle
    (``ann-lee``) as its profile page; None for anything else."""
    text = (value or "").strip()
    if not text:
        return None
    if is_web(text):
        return text
    web = assumed_web(text)
    if web:
        return web
    handle = _HANDLE.match(text)
    return f"https://www.linkedin.com/in/{handle.group(1)}" if handle else None


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


def file_url(path: Path) -> str:
    """A local file as a file: URL, for WeasyPrint, which resolves relative URLs against it."""
    return Path(os.path.abspath(path)).as_uri()


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
        if print_href(url) is None and unsafe_scheme(url) is None and not assumed_web(url):
            out.append(
                source.problem(
                    path,
                    f"{url[:80]!r} is not a full web address (https://...), mailto: or tel:; "
                    "printed documents show it as text, not as a link",
                    severity="warning",
                )
            )
    return out
