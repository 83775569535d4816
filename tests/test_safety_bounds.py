"""Bounded work on any input: each reproduction from issue 10 is a located message, quickly.

Profiles are realistic (a real name, jobs, an application) with one hostile value each.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from jobpacket.errors import ProfileError
from jobpacket.markup import MAX_NESTING, markdown_limit, markdown_to_html
from jobpacket.profile.read import MAX_BYTES
from jobpacket.profile.validate import load_profile
from jobpacket.urls import print_href

from .conftest import EXAMPLE, copy_example_files
from .conftest import run_cli as run
from .pdf_support import reader

BASE = """\
basics:
  name: Marisol Etxeberria
  label: Data engineer
  email: marisol@example.org
  summary: {summary}
work:
  - name: Harbor Freight Analytics
    position: Senior data engineer
    startDate: 2021-03
    summary: |
{work}
"""


def profile_text(summary: str = "Builds pipelines.", work: str = "Kept the lights on.") -> str:
    block = "\n".join("      " + line for line in work.splitlines())
    return BASE.format(summary=summary, work=block)


NESTED_500 = "- " * 500 + "deep\n\n" + "> " * 500 + "deeper"
INDENTED_500 = "\n".join("    " * i + "- level" for i in range(500))
BRACKETS = "[" * 20000


@pytest.mark.parametrize(
    "text",
    [BRACKETS, "[a" * 5000, "<a " * 10000, "![" * 3000, "[](" * 3000, NESTED_500, INDENTED_500],
)
def test_pathological_markdown_is_plain_text_and_fast(text: str) -> None:
    markdown_to_html.cache_clear()
    started = time.monotonic()
    html = str(markdown_to_html(text))
    assert time.monotonic() - started < 1.0
    assert markdown_limit(text) is not None
    assert html.startswith("<p>") and "<li>" not in html and "<a" not in html.replace("&lt;a", "")


def test_ordinary_markdown_still_formats() -> None:
    text = "\n".join("    " * i + f"- level {i}" for i in range(MAX_NESTING - 1))
    text += "\n\n> quoted [a link](https://example.org) and `code`"
    assert markdown_limit(text) is None
    html = str(markdown_to_html(text))
    assert html.count("<ul>") == MAX_NESTING - 1 and '<a href="https://example.org"' in html


def test_check_warns_where_a_field_is_too_much_markdown(write_profile) -> None:
    path = write_profile(profile_text(summary=f'"{BRACKETS}"', work=NESTED_500))
    started = time.monotonic()
    result = run("check", str(path))
    assert time.monotonic() - started < 10
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert any(
        ln.startswith(f"{path}:5:12: warning: basics.summary: more than 256") for ln in lines
    )
    assert any(
        ln.startswith(f"{path}:10:14: ")
        and "warning: work[0].summary: lists or quotes nested deeper than 16 levels" in ln
        for ln in lines
    ), lines


def test_a_pathological_profile_renders_its_pdf_and_pages_in_seconds(tmp_path: Path) -> None:
    from jobpacket.site import pages

    path = tmp_path / "profile.yml"
    path.write_text(profile_text(summary=f'"{BRACKETS}"', work=NESTED_500), encoding="utf-8")
    loaded = load_profile(path)
    markdown_to_html.cache_clear()
    started = time.monotonic()
    ctx = pages.SiteContext(site_name="x", link=lambda a, b: b, site_url=None, files=frozenset())
    generated = pages.site_pages(loaded.profile, ctx)
    assert time.monotonic() - started < 2
    assert any("[[[[" in p.markdown for p in generated)
    out = tmp_path / "r.pdf"
    result = run("pdf", "resume", "--profile", str(path), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and len(reader(out.read_bytes()).pages) >= 1


def test_devices_and_pipes_are_refused_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "profile.yml"
    os.mkfifo(fifo)
    for target in ("/dev/zero", str(fifo)):
        started = time.monotonic()
        result = run("check", target)
        assert time.monotonic() - started < 10
        assert result.returncode == 1
        assert result.stderr.startswith(f"{target}:1:1: is a device, pipe or socket, not a file")
        assert "Traceback" not in result.stderr


def test_a_file_over_the_cap_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.yml"
    with path.open("wb") as fh:
        fh.write(b"basics:\n  name: A\n  summary: |\n")
        fh.write(b"    lorem ipsum dolor sit amet\n" * (MAX_BYTES // 30 + 10))
    with pytest.raises(ProfileError, match="file is larger than 5 MB"):
        load_profile(path)


def test_a_5000_digit_phone_is_text_not_a_traceback(write_profile) -> None:
    digits = "4" * 5000
    path = write_profile(profile_text().replace("  email:", f"  phone: {digits}\n  email:"))
    result = run("check", str(path))
    assert result.returncode == 0, result.stderr
    assert load_profile(path).profile.basics.phone == digits


@pytest.mark.parametrize(
    "field",
    ['  image: "photo\\0.jpg"\n', 'documents:\n  - title: Sample\n    path: "a\\0b.pdf"\n'],
)
def test_a_nul_byte_in_a_path_is_a_located_error(write_profile, field: str) -> None:
    text = profile_text()
    text = text.replace("  email:", field + "  email:") if field.startswith("  ") else text + field
    path = write_profile(text)
    result = run("check", str(path))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "contains a NUL character" in result.stderr
    assert result.stderr.startswith(str(path) + ":")


@pytest.mark.parametrize("stamp", ["0001-01-01", "9999-12-31T23:59:59-05:00", "99999-01-01"])
def test_last_modified_out_of_range_is_a_located_error(write_profile, stamp: str) -> None:
    path = write_profile(profile_text() + f'meta:\n  lastModified: "{stamp}"\n')
    for args in (("check", str(path)), ("pdf", "resume", "--profile", str(path), "-o", "-")):
        result = run(*args)
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert f"{path}:13:17: meta.lastModified: year " in result.stderr


def test_a_huge_source_date_epoch_is_a_clear_error(tmp_path: Path) -> None:
    result = run("pdf", "resume", "-o", str(tmp_path / "r.pdf"), SOURCE_DATE_EPOCH="9" * 40)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("error: SOURCE_DATE_EPOCH=")


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("https://example.org/x", True),
        ("mailto:a@example.org", True),
        ("tel:+15555550100", True),
        ("projects/ledger/", False),
        ("//fileserver/share/cv.pdf", False),
        ("\\\\fileserver\\share", False),
        ("https:relative", False),
        ("https:///nohost", False),
    ],
)
def test_print_links_are_absolute_or_nothing(url: str, kept: bool) -> None:
    assert (print_href(url) == url) is kept


def _uris(pdf: bytes) -> list[str]:
    out = []
    for page in reader(pdf).pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A")
            if action and "/URI" in action:
                out.append(str(action["/URI"]))
    return out


def test_relative_and_share_links_are_printed_as_text_with_a_warning(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "profiles").mkdir(parents=True)
    copy_example_files(site)
    (site / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    text = EXAMPLE.read_text(encoding="utf-8")
    projects = text.index("\nprojects:")
    insert = (
        "\nprojects:\n  - name: Relative Link Project\n    url: projects/ledger/\n"
        "  - name: Share Link Project\n    url: //fileserver/share/x\n"
        "  - name: Unc Link Project\n    url: '\\\\fileserver\\share'"
    )
    text = text[:projects] + insert + text[projects + len("\nprojects:") :]
    path = site / "profiles" / "me.yml"
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "r.pdf"
    result = run("pdf", "resume", "--profile", str(path), "-o", str(out), cwd=site)
    assert result.returncode == 0, result.stderr
    for value in ("projects/ledger/", "//fileserver/share/x"):
        assert f"{value!r} is not a full web address" in result.stderr
    uris = _uris(out.read_bytes())
    assert uris, "the example's own links must still be links"
    assert all(u.startswith(("https://", "http://", "mailto:", "tel:")) for u in uris), uris
    body = " ".join(p.extract_text() for p in reader(out.read_bytes()).pages)
    assert "Relative Link Project" in body and "Share Link Project" in body


def test_a_huge_enclosure_is_a_located_error_and_hashing_streams(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "profiles").mkdir(parents=True)
    copy_example_files(site)
    (site / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    shutil.copy(EXAMPLE, site / "profiles" / "example.yml")
    big = site / "profiles" / "documents" / "ledgerline-case-study.pdf"
    with big.open("r+b") as fh:
        fh.truncate(25 * 1024 * 1024)  # sparse: costs no disk, reads as 25 MB
    result = run("pdf", "all", "-o", str(tmp_path / "out"), cwd=site)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "attachments[0].path: 'documents/ledgerline-case-study.pdf' is larger than 20 MB" in (
        result.stderr
    )
