"""print/images.py: an image the PDF cannot use is a located warning, never an error or a
crash; a good photo prints; images are cleaned of everything but their pixels."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from PIL import Image, PngImagePlugin

from jobpacket.print import documents
from jobpacket.print.images import ImageRefused, clean_image
from jobpacket.profile.validate import load_profile

from .conftest import EXAMPLE, copy_example_files


def _png(width: int, height: int) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (width, height), (40, 90, 160)).save(buf, "PNG")
    return buf.getvalue()


def _huge_png_header() -> bytes:
    """A PNG that claims 20000 x 20000 pixels (the header is all Pillow reads)."""
    small = _png(8, 8)
    ihdr = small.index(b"IHDR")
    import struct
    import zlib

    fields = struct.pack(">II", 20000, 20000) + small[ihdr + 12 : ihdr + 17]
    chunk = b"IHDR" + fields
    return (
        small[: ihdr - 4]
        + struct.pack(">I", 13)
        + chunk
        + struct.pack(">I", zlib.crc32(chunk))
        + small[ihdr + 21 :]
    )


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("photo.png", b"GIF89a not really a png at all", "is not a readable PNG, JPEG"),
        ("photo.png", _huge_png_header(), "is too large in pixels"),
        ("photo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"/>', "is an SVG drawing"),
    ],
)
def test_an_image_the_pdf_cannot_use_is_a_located_warning(
    tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    site = tmp_path / "s"
    (site / "profiles").mkdir(parents=True)
    copy_example_files(site)
    (site / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    (site / "content" / "images" / name).write_bytes(data)
    text = EXAMPLE.read_text(encoding="utf-8")
    text = text.replace("  image: images/elena-vasquez.png", f"  image: images/{name}", 1)
    text = text.replace("meta:\n", "meta:\n  design: modern\n", 1)
    path = site / "profiles" / "example.yml"
    path.write_text(text, encoding="utf-8")
    loaded = load_profile(path)
    doc = documents.resume(loaded, public=False, design="modern")
    notes = [str(n) for n in doc.notes]
    line = next(i for i, ln in enumerate(text.splitlines(), 1) if f"images/{name}" in ln)
    assert any(
        n.startswith(f"{path}:{line}:") and "basics.image" in n and message in n for n in notes
    ), notes
    assert "data:image" not in doc.html


def test_a_good_photo_still_prints(tmp_path: Path) -> None:
    site = tmp_path / "s"
    (site / "profiles").mkdir(parents=True)
    copy_example_files(site)
    (site / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    shutil.copy(EXAMPLE, site / "profiles" / "example.yml")
    loaded = load_profile(site / "profiles" / "example.yml")
    doc = documents.resume(loaded, public=False, design="modern")
    assert "data:image/png;base64," in doc.html
    assert not [n for n in doc.notes if "basics.image" in str(n)]


def _text_chunk() -> PngImagePlugin.PngInfo:
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "zqmeta-png-author")
    return info


def test_clean_image_keeps_pixels_transparency_and_frames_and_nothing_else() -> None:
    from PIL import ImageCms

    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    exif = Image.Exif()
    exif[0x013B] = "zqmeta-artist"
    see_through = Image.new("RGBA", (12, 8), (10, 20, 30, 0))
    see_through.putpixel((1, 1), (200, 100, 50, 255))
    out = io.BytesIO()
    see_through.save(out, "PNG", exif=exif, icc_profile=icc, pnginfo=_text_chunk())
    clean = Image.open(io.BytesIO(clean_image(out.getvalue())))
    assert clean.size == (12, 8) and clean.mode == "RGBA"
    assert clean.getpixel((0, 0))[3] == 0 and clean.getpixel((1, 1)) == (200, 100, 50, 255)
    assert not set(clean.info) & {"exif", "icc_profile", "Author"}

    frames = [Image.new("RGB", (8, 8), (i * 100, 0, 0)) for i in range(3)]
    out = io.BytesIO()
    frames[0].save(
        out,
        "GIF",
        save_all=True,
        append_images=frames[1:],
        duration=[50, 60, 70],
        loop=0,
        comment=b"zqmeta-gif-comment",
    )
    data = clean_image(out.getvalue())
    gif = Image.open(io.BytesIO(data))
    assert gif.n_frames == 3 and b"zqmeta" not in data and "comment" not in gif.info

    for fmt in ("WEBP", "AVIF"):
        out = io.BytesIO()
        Image.new("RGB", (16, 16), (0, 90, 0)).save(out, fmt, exif=exif, xmp=b"zqmeta-xmp")
        data = clean_image(out.getvalue())
        assert b"zqmeta" not in data and Image.open(io.BytesIO(data)).format == fmt


def test_clean_image_refuses_what_it_cannot_read_and_pixel_bombs() -> None:
    with pytest.raises(ImageRefused, match="not a readable"):
        clean_image(b"\x89PNG\r\n\x1a\n not really")
    header = io.BytesIO()
    Image.new("1", (8000, 8000)).save(header, "PNG")  # 64 megapixels, a few kilobytes
    with pytest.raises(ImageRefused, match="too large in pixels"):
        clean_image(header.getvalue())
