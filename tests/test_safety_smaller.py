"""The smaller items of issue 10: theme title, offline shim, settings in one place, images."""

from __future__ import annotations

import ast
import io
import re
import shutil
from pathlib import Path

import jinja2
import pytest
from PIL import Image

from jobpacket.print import documents
from jobpacket.profile.validate import load_profile
from jobpacket.site import mkdocs as adapter

from .conftest import EXAMPLE, ROOT, copy_example_files, run_cli
from .test_site_support import build, make_site

HOOKS = ROOT / "hooks" / "jobpacket"


def test_the_theme_keeps_jinja_striptags() -> None:
    """<title> is made safe by a theme override, not by replacing a filter for every template."""
    env = jinja2.Environment()
    config = type("C", (), {})()
    env = adapter.on_env(env, config=config, files=None)  # type: ignore[arg-type]
    assert env.filters["striptags"] is jinja2.Environment().filters["striptags"]
    override = (HOOKS / "templates" / "site" / "overrides" / "main.html").read_text(
        encoding="utf-8"
    )
    assert "{% block htmltitle %}" in override and "striptags | e" in override


@pytest.mark.slow
def test_a_hostile_page_meta_title_and_site_name_are_escaped(tmp_path: Path) -> None:
    yml = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    yml = yml.replace("site_name: Elena M. Vasquez", "site_name: Elena & <b>Co</b>")
    page = "---\ntitle: </title><script>alert(1)</script>\n---\n\n# Notes\n"
    site = make_site(tmp_path / "s", EXAMPLE, content={"notes.md": page}, mkdocs_yml=yml)
    result = build(site)
    assert result.returncode == 0, result.stderr
    text = (site / "site" / "notes.html").read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", text, re.DOTALL).group(1)
    assert "<script>" not in title and "&lt;/title&gt;&lt;script&gt;" in title
    assert "Elena &amp; &lt;b&gt;Co&lt;/b&gt;" in title


@pytest.mark.slow
def test_without_the_local_shim_the_build_says_how_to_add_it(tmp_path: Path) -> None:
    yml = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    yml = re.sub(r"  polyfills:.*\n    - assets/jobpacket/iframe-worker.js\n", "", yml)
    assert "polyfills" not in yml
    site = make_site(tmp_path / "s", EXAMPLE, mkdocs_yml=yml)
    result = build(site)
    assert result.returncode == 1  # strict: a page that loads unpkg.com is a warning
    assert "every page would load a script from unpkg.com" in result.stderr
    assert "    - assets/jobpacket/iframe-worker.js" in result.stderr


def test_only_settings_reads_the_environment() -> None:
    readers = []
    for path in HOOKS.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr in ("environ", "getenv"):
                readers.append(path.name)
            if isinstance(node, ast.keyword) and node.arg in ("envvar", "auto_envvar_prefix"):
                readers.append(path.name)
    assert set(readers) == {"settings.py"}


def test_the_cli_understands_env_tags_in_mkdocs_yml(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: x\nextra:\n  jobpacket:\n    profile: !ENV [CAREER_PROFILE, a.yml]\n",
        encoding="utf-8",
    )
    (tmp_path / "a.yml").write_text("basics:\n  name: Ana Default\n", encoding="utf-8")
    (tmp_path / "b.yml").write_text("basics:\n  name: Bo Chosen\n", encoding="utf-8")
    assert run_cli("check", cwd=tmp_path).stdout.strip() == "a.yml: ok"
    chosen = run_cli("check", cwd=tmp_path, CAREER_PROFILE="b.yml")
    assert chosen.stdout.strip() == "b.yml: ok", chosen.stderr


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("JOBPACKET_RENDER_TIMEOUT", "soon", "JOBPACKET_RENDER_TIMEOUT='soon': not a number"),
        ("JOBPACKET_WORKERS", "-3", "JOBPACKET_WORKERS='-3': not a number of processes"),
        ("SOURCE_DATE_EPOCH", "1e9", "SOURCE_DATE_EPOCH='1e9': not a time"),
    ],
)
def test_a_bad_setting_names_the_variable(
    tmp_path: Path, variable: str, value: str, message: str
) -> None:
    result = run_cli("pdf", "resume", "-o", str(tmp_path / "r.pdf"), cwd=ROOT, **{variable: value})
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"error: {message}")


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
