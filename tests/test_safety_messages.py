"""Tracebacks and forged output from issue 17 (items 17-19): each is a located message that
says what to do, printed with control characters escaped, through the real CLI."""

from __future__ import annotations

import json
import shutil
import struct
import zlib
from pathlib import Path

import pytest

from jobpacket.errors import Problem, printable
from jobpacket.print import documents
from jobpacket.profile.validate import load_profile

from .conftest import EXAMPLE, ROOT, copy_example_files
from .conftest import run_cli as run
from .test_site_support import build, make_site

#: The first application's first attachment in the example profile.
ATTACHMENT = "      - path: documents/ledgerline-case-study.pdf"


def example_site(tmp_path: Path, attachment: str | None = None, data: bytes = b"") -> Path:
    """A copy of the example project; with `attachment`, the first application's attachment
    is that file (under profiles/documents/) holding `data`."""
    site = tmp_path / "site"
    (site / "profiles").mkdir(parents=True)
    copy_example_files(site)
    (site / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    text = EXAMPLE.read_text(encoding="utf-8")
    if attachment:
        (site / "profiles" / "documents" / attachment).write_bytes(data)
        assert ATTACHMENT in text
        text = text.replace(ATTACHMENT, f"      - path: documents/{attachment}", 1)
    (site / "profiles" / "example.yml").write_text(text, encoding="utf-8")
    return site


def line_of(path: Path, needle: str) -> int:
    text = path.read_text(encoding="utf-8")
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def png_header(width: int, height: int) -> bytes:
    """A 60-byte PNG claiming `width` x `height` pixels: the header is all Pillow reads."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b""))
        + chunk(b"IEND", b"")
    )


def jpeg_header(width: int, height: int) -> bytes:
    """A 23-byte JPEG claiming `width` x `height` pixels (start of frame, nothing else)."""
    frame = struct.pack(">HBHHB", 17, 8, height, width, 3) + b"\x01\x11\x00\x02\x11\x00\x03\x11\x00"
    return b"\xff\xd8\xff\xc0" + frame + b"\xff\xd9"


def small_png() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(out, "PNG")
    return out.getvalue()


def assert_clean(result_text: str) -> None:
    assert "Traceback" not in result_text and "Error:" not in result_text.replace("error:", "")


# --- 17: tracebacks that became messages ----------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data"),
    [("bomb.png", png_header(30_000, 30_000)), ("bomb.jpg", jpeg_header(65_000, 65_000))],
)
def test_a_decompression_bomb_enclosure_is_located_in_check_and_packet(
    tmp_path: Path, name: str, data: bytes
) -> None:
    site = example_site(tmp_path, name, data)
    line = line_of(site / "profiles" / "example.yml", f"path: documents/{name}")
    expected = f"'documents/{name}' is too large in pixels (at most 40 megapixels)"
    checked = run("check", cwd=site)
    assert checked.returncode == 1 and "Traceback" not in checked.stderr
    assert any(
        ln.startswith(f"profiles/example.yml:{line}:") and expected in ln
        for ln in checked.stderr.splitlines()
    ), checked.stderr
    packed = run("packet", "keystone-genomics-staff-mle", "-o", str(tmp_path / "out"), cwd=site)
    assert packed.returncode == 1 and "Traceback" not in packed.stderr
    assert f"profiles/example.yml:{line}:" in packed.stderr and expected in packed.stderr


@pytest.mark.slow
def test_a_decompression_bomb_enclosure_stops_the_build_with_a_located_message(
    tmp_path: Path,
) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    text = text.replace(ATTACHMENT, "      - path: documents/bomb.jpg", 1)
    site = make_site(tmp_path / "s", text)
    copy_example_files(site)
    (site / "profiles" / "documents" / "bomb.jpg").write_bytes(jpeg_header(65_000, 65_000))
    result = build(site)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "'documents/bomb.jpg' is too large in pixels" in result.stderr
    assert "DecompressionBomb" not in result.stderr


def test_a_4400_digit_json_integer_is_located(write_profile) -> None:
    path = write_profile(
        '{\n  "basics": {"name": "Marisol Etxeberria"},\n  "meta": {"pages": '
        + "9" * 4400
        + "}\n}\n",
        "profile.json",
    )
    result = run("check", str(path))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith(
        f"{path}:3:21: meta.pages: found a number of 4,400 digits, too large for any count"
    ), result.stderr


@pytest.mark.parametrize("value", ["0", "-1", "1e5", "12.5"])
def test_a_number_in_a_date_field_is_located(write_profile, value: str) -> None:
    path = write_profile(
        f"basics:\n  name: Marisol Etxeberria\nwork:\n  - name: Harbor\n    startDate: {value}\n"
    )
    for args in (("check", str(path)), ("pdf", "resume", "--profile", str(path), "-o", "-")):
        result = run(*args)
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert f"{path}:5:16: work[0].startDate: the number " in result.stderr
        assert "is not a date; write it as a quoted date" in result.stderr


@pytest.mark.parametrize(
    "field",
    [
        "applications:\n  - id: harbor\n    attachments:\n      - path: documents/{name}.pdf\n",
        "basics:\n  image: images/{name}.png\n",
        "documents:\n  - title: Sample\n    path: '{name}/x.pdf'\n",
    ],
)
def test_a_path_name_over_255_bytes_is_located(write_profile, field: str) -> None:
    name = "é" * 200  # 400 bytes in UTF-8, 200 characters
    text = "basics:\n  name: Marisol Etxeberria\n" + field.format(name=name)
    text = text.replace("basics:\n  name: Marisol Etxeberria\nbasics:\n", "basics:\n")
    path = write_profile(text)
    line = line_of(path, name)
    for args in (("check", str(path)), ("pdf", "resume", "--profile", str(path), "-o", "-")):
        result = run(*args)
        assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
        assert f"{path}:{line}:" in result.stderr
        assert "has a file or folder name of 40" in result.stderr  # 400 or 404 bytes
        assert "file systems allow at most 255 bytes per name" in result.stderr


@pytest.mark.parametrize(("value", "kind"), [("[a, b]", "a list"), ("3", "a number")])
def test_a_non_text_profile_setting_is_a_clear_message(
    tmp_path: Path, value: str, kind: str
) -> None:
    (tmp_path / "mkdocs.yml").write_text(
        f"site_name: x\nextra:\n  jobpacket:\n    profile: {value}\n", encoding="utf-8"
    )
    result = run("check", cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"extra.jobpacket.profile is {kind}, not a path" in result.stderr


@pytest.mark.slow
def test_a_non_text_profile_setting_stops_the_build_clearly(tmp_path: Path) -> None:
    yml = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "profile: profiles/example.yml" in yml
    site = make_site(
        tmp_path / "s",
        EXAMPLE,
        mkdocs_yml=yml.replace("profile: profiles/example.yml", "profile: [a, b]"),
    )
    result = build(site)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "extra.jobpacket.profile is a list, not a path" in result.stderr


# --- 18: user text cannot forge a line or drive the terminal -------------------------------------


FORGED = "profiles/example.yml: ok"


def test_a_contact_name_cannot_forge_an_ok_line_or_colour_the_terminal(write_profile) -> None:
    name = f"Eve\\r\\n{FORGED}\\n\\e[2J\\e[32m\\x9b31m"
    path = write_profile(
        "basics:\n  name: Marisol Etxeberria\napplications:\n  - id: harbor\n"
        f'    contact:\n      name: "{name}"\n    letter:\n      greeting: "Dear Sir,"\n'
        "      body: |\n        I am writing to apply.\n"
    )
    for fmt in ("text", "json"):
        result = run("check", "--format", fmt, str(path))
        out = result.stdout + result.stderr
        assert "Traceback" not in out
        assert FORGED not in out.splitlines()
        assert not any(c in out for c in "\r\x1b\x9b"), repr(out)
    text = run("check", str(path)).stderr
    line = next(ln for ln in text.splitlines() if "the salutation does not name the contact" in ln)
    assert f"Eve\\r\\n{FORGED}\\n\\x1b[2J\\x1b[32m\\x9b31m" in line


def test_a_file_name_with_a_newline_is_printed_escaped(tmp_path: Path) -> None:
    name = "me.yml\nfake.yml: ok"
    (tmp_path / name).write_text("basics:\n  name: Marisol Etxeberria\n", encoding="utf-8")
    result = run("check", name, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert not any(ln.startswith("fake.yml") for ln in result.stdout.splitlines())
    assert "me.yml\\nfake.yml: ok: ok" in result.stdout


def test_printable_escapes_controls_and_keeps_text() -> None:
    assert printable("Zoë Ångström — 日本 😀 tab\tend") == "Zoë Ångström — 日本 😀 tab\\tend"
    for code in [*range(0x20), 0x7F, *range(0x80, 0xA0), 0x2028, 0x2029, 0x202E, 0x2066]:
        assert chr(code) not in printable(f"a{chr(code)}b")
    problem = Problem("p.yml", 1, 1, ("basics", "name"), "name\r\nx: ok", hint="\x1b[31m")
    assert "\r" not in str(problem) and "\x1b" not in str(problem)
    assert "\x1b" not in json.dumps(problem.as_json(), ensure_ascii=False)


# --- 19: the smaller ones ----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["scan.png", "scan.jpg"])
def test_png_and_jpeg_attachments_are_accepted_as_documented(tmp_path: Path, name: str) -> None:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (60, 80), "white").save(out, "PNG" if name.endswith("png") else "JPEG")
    site = example_site(tmp_path, name, out.getvalue())
    result = run("check", "--format", "json", cwd=site)
    findings = json.loads(result.stdout)["findings"]
    mine = [f for f in findings if name in f["message"]]
    assert mine == [], mine
    assert result.returncode == 0, result.stdout


def test_a_pdf_without_its_end_marker_is_named_in_words(tmp_path: Path) -> None:
    data = (EXAMPLE.parent / "documents" / "ledgerline-case-study.pdf").read_bytes()
    site = example_site(tmp_path, "cut.pdf", data[: data.rfind(b"%%EOF")])
    line = line_of(site / "profiles" / "example.yml", "path: documents/cut.pdf")
    for args in (("check",), ("packet", "keystone-genomics-staff-mle", "-o", str(tmp_path / "o"))):
        result = run(*args, cwd=site)
        assert result.returncode == 1 and "Traceback" not in result.stderr
        lines = result.stderr.splitlines()
        assert "EOF marker not found" not in lines
        assert not any(ln.startswith(("EOF", "CAUTION")) for ln in lines), lines
        assert any(
            ln.startswith(f"profiles/example.yml:{line}:")
            and "'documents/cut.pdf' is not a readable PDF (the file is cut short" in ln
            for ln in lines
        ), lines


@pytest.mark.parametrize(
    ("name", "text", "where", "says"),
    [
        ("p.yml", "basics:\n  name: A\n  label: x\x07y\n", "3:11", "as \\x07 inside double quotes"),
        ("p.yml", 'basics:\n  name: A\n  label: "x\x1by"\n', "3:12", "U+001B is not allowed"),
        ("p.json", '{\n "basics": {\n  "name": "A\x07"}}', "3:13", "write it as \\u0007"),
    ],
)
def test_control_characters_are_located_where_they_are(
    write_profile, name: str, text: str, where: str, says: str
) -> None:
    path = write_profile(text, name)
    result = run("check", str(path))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"{path}:{where}: control character U+00"), result.stderr
    assert says in result.stderr


@pytest.mark.parametrize(
    ("text", "says", "never"),
    [
        (
            '{"basics": {"name": "A"}, "x": ' + "[" * 70 + "]" * 70 + "}",
            "objects and arrays",
            "alias",
        ),
        ('{"basics": {"name": "\\ud800"}}', "cannot read this JSON string", "quote the whole"),
    ],
)
def test_json_files_get_json_wording(write_profile, text: str, says: str, never: str) -> None:
    path = write_profile(text, "profile.json")
    result = run("check", str(path))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert says in result.stderr and never not in result.stderr


def test_a_long_plain_list_gets_no_alias_advice(write_profile) -> None:
    path = write_profile("basics:\n  name: A\nskills:\n" + "  - x\n" * 100_001)
    result = run("check", str(path))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "holds more than 100,000 values" in result.stderr
    assert "alias" not in result.stderr


def test_image_messages_keep_the_folder(tmp_path: Path) -> None:
    site = example_site(tmp_path)
    (site / "content" / "images" / "team").mkdir()
    (site / "content" / "images" / "team" / "photo.png").write_bytes(png_header(30_000, 30_000))
    path = site / "profiles" / "example.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("  image: images/elena-vasquez.png", "  image: images/team/photo.png", 1),
        encoding="utf-8",
    )
    doc = documents.resume(load_profile(path), public=False, design="modern")
    notes = [str(n) for n in doc.notes if "basics.image" in str(n)]
    assert notes and "'content/images/team/photo.png' is too large in pixels" in notes[0], notes


def test_an_example_without_hostile_values_is_still_clean(tmp_path: Path) -> None:
    """The caps leave ordinary profiles alone: the example checks as before."""
    site = example_site(tmp_path)
    shutil.copy(EXAMPLE, site / "profiles" / "example.yml")
    result = run("check", cwd=site)
    assert result.returncode == 0, result.stderr
    assert "error" not in result.stderr
