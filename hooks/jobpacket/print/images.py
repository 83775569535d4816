"""Whether an image file is one a printed document can use, decided before WeasyPrint sees it.

WeasyPrint drops an image it cannot decode with nothing but a log line, decodes a
20000 x 20000 image into gigabytes of memory, and lays out SVG (a small file can describe
unbounded work) inside the render's time limit. Reading the header with Pillow costs
microseconds and tells the user, located, why the photo is missing.
"""

from __future__ import annotations

import io
import warnings

#: Larger images are left out: 40 megapixels is twice a high-end camera's full frame.
MAX_PIXELS = 40_000_000
PRINTABLE = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif", "WEBP": "image/webp"}


def image_problem(data: bytes, kind: str) -> str | None:
    """Why `data` (declared as MIME `kind`) cannot be printed, or None when it can."""
    if kind == "image/svg+xml":
        return "is an SVG drawing, which printed documents do not include; export it as PNG"
    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as img:
                fmt, (width, height) = img.format, img.size
                img.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return f"is too large in pixels (at most {MAX_PIXELS // 1_000_000} megapixels)"
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        return "is not a readable PNG, JPEG, GIF or WebP image (damaged, or renamed)"
    if fmt not in PRINTABLE:
        return f"is a {fmt} image; use PNG, JPEG, GIF or WebP"
    if width * height > MAX_PIXELS:
        return (
            f"is {width} x {height} pixels, more than {MAX_PIXELS // 1_000_000} megapixels; "
            "scale it down"
        )
    return None
