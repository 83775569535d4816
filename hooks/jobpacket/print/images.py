"""Whether an image file is one a printed document can use, decided before WeasyPrint sees it.

WeasyPrint drops an image it cannot decode with nothing but a log line, decodes a
20000 x 20000 image into gigabytes of memory, and lays out SVG (a small file can describe
unbounded work) inside the render's time limit. Reading the header with Pillow costs
microseconds and tells the user, located, why the photo is missing.
"""

from __future__ import annotations

import hashlib
import io
import threading
import warnings
from collections import OrderedDict
from pathlib import Path
from typing import Any

from ..caches import read_entry, write_cache_entry

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


# --- what of an image is published ----------------------------------------------------------

#: Metadata an image keeps when it is re-encoded: only what drawing it needs.
_KEPT_INFO = ("transparency",)
#: An animation is at most this many pixels over all its frames (memory while re-encoding).
MAX_ANIMATION_PIXELS = 4 * MAX_PIXELS
_CLEANABLE = ("PNG", "JPEG", "GIF", "WEBP", "AVIF")
_ORIENTATION = 0x0112  # the EXIF tag


class ImageRefused(ValueError):
    """An image that cannot be cleaned, so it is not published; the message says why."""


#: Cleaned images kept in memory by the digest of the original: a site build and every
#: `mkdocs serve` rebuild publish the same photos again.
_KEEP_CLEANED = 64
_KEEP_CLEANED_ON_DISK = 512
#: Part of every cleaned image's key: a change to how images are cleaned cleans them again.
_FORMAT = b"jobpacket-clean-image-1\0"
_cleaned: OrderedDict[bytes, bytes] = OrderedDict()
_cleaned_lock = threading.Lock()


def clean_image(data: bytes, cache_dir: Path | None = None) -> bytes:
    """`data` re-encoded from its pixels alone (see `_clean_image`); ImageRefused if it
    cannot be. Kept by digest in memory, and in `cache_dir` when given: re-encoding a large
    PNG takes a second, and every build publishes the same photos again."""
    key = hashlib.sha256(_FORMAT + data).digest()
    with _cleaned_lock:
        if key in _cleaned:
            _cleaned.move_to_end(key)
            return _cleaned[key]
    stored = cache_dir / f"{key.hex()}.img" if cache_dir is not None else None
    clean = read_entry(stored)
    if clean is None:
        clean = _clean_image(data)
        if stored is not None:
            write_cache_entry(stored, clean, keep=_KEEP_CLEANED_ON_DISK, pattern="*.img")
    with _cleaned_lock:
        _cleaned[key] = clean
        while len(_cleaned) > _KEEP_CLEANED:
            _cleaned.popitem(last=False)
    return clean


def _clean_image(data: bytes) -> bytes:
    """`data` re-encoded with nothing but its pixels: the one way an image reaches the site or
    a PDF.

    Cameras and editors write the place a photo was taken (EXIF GPS), the owner's name
    (Artist, Copyright, XMP), free text (ImageDescription, PNG text chunks, JPEG and GIF
    comments) and thumbnails that may show what was cropped away. None of it is copied:
    the image is decoded and written again in its own format from its pixels alone. What
    survives: the pixels (turned upright by the EXIF orientation, which is then no longer
    needed), the dimensions, the format, transparency and an animation's frames and timing.
    An embedded ICC colour profile is applied (pixels converted to sRGB) and then dropped,
    since a profile can carry free text too. Raises ImageRefused for what it cannot read.
    """
    from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as img:
                fmt = img.format or ""
                if fmt not in _CLEANABLE:
                    raise ImageRefused(
                        f"is a {fmt or 'unknown'} image; use PNG, JPEG, GIF, WebP or AVIF"
                    )
                width, height = img.size
                frames = getattr(img, "n_frames", 1)
                if width * height > MAX_PIXELS or width * height * frames > MAX_ANIMATION_PIXELS:
                    raise ImageRefused(
                        f"is too large in pixels (at most {MAX_PIXELS // 1_000_000} megapixels)"
                    )
                out = io.BytesIO()
                if frames > 1:
                    _save_animation(img, [f.copy() for f in ImageSequence.Iterator(img)], fmt, out)
                else:
                    turned = img.getexif().get(_ORIENTATION, 1) != 1
                    upright = ImageOps.exif_transpose(img) if turned else img
                    _save_still(upright, fmt, out, reencode=turned)
                return out.getvalue()
    except ImageRefused:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageRefused(
            f"is too large in pixels (at most {MAX_PIXELS // 1_000_000} megapixels)"
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as exc:
        raise ImageRefused(
            f"is not a readable PNG, JPEG, GIF or WebP image (damaged, or renamed: {exc})"
        ) from None


def _bare(img: Any) -> Any:
    """`img` in sRGB with only the metadata drawing needs (`_KEPT_INFO`) left in its info,
    which is where Pillow's writers find comments, profiles and text to write back."""
    img = _to_srgb(img)
    img.info = {k: v for k, v in img.info.items() if k in _KEPT_INFO}
    return img


def _to_srgb(img: Any) -> Any:
    """Pixels with an embedded ICC profile converted to sRGB; the profile itself dropped."""
    icc = img.info.get("icc_profile")
    if not icc:
        return img
    from PIL import ImageCms

    alpha = img.mode in ("RGBA", "LA", "PA") or "transparency" in img.info
    try:
        source = img if img.mode in ("RGB", "RGBA", "CMYK", "L") else img.convert("RGBA")
        converted = ImageCms.profileToProfile(
            source,
            ImageCms.ImageCmsProfile(io.BytesIO(icc)),
            ImageCms.createProfile("sRGB"),
            outputMode="RGBA" if alpha or source.mode == "RGBA" else "RGB",
        )
    except (ImageCms.PyCMSError, OSError, ValueError):
        return img  # a profile LittleCMS cannot read: the pixels as they are, without it
    assert converted is not None
    return converted


def _save_still(img: Any, fmt: str, out: io.BytesIO, *, reencode: bool) -> None:
    clean = _bare(img)
    if fmt == "JPEG":
        if clean.mode not in ("RGB", "L", "CMYK"):
            clean = clean.convert("RGB")
        # An unturned, unconverted JPEG keeps its own quantization, so it loses no more
        # quality than one more pass of the same encoder costs.
        same = clean is img and not reencode
        quality: Any = "keep" if same else 95
        clean.save(out, "JPEG", quality=quality, comment=b"", optimize=False)
    elif fmt in ("WEBP", "AVIF"):
        clean.save(out, fmt, quality=90)
    else:
        clean.save(out, fmt)


def _save_animation(img: Any, frames: list[Any], fmt: str, out: io.BytesIO) -> None:
    loop = img.info.get("loop", 0)
    durations = [f.info.get("duration", 100) for f in frames]
    clean = [_bare(f) for f in frames]
    clean[0].save(out, fmt, save_all=True, append_images=clean[1:], duration=durations, loop=loop)
