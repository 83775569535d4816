"""Nothing private reaches site/ (invariant 2): the public view is an allowlist, and a real
build of profiles full of private values leaves none of them in any file it writes."""

from __future__ import annotations

import gzip
import html
import io
import posixpath
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from jobpacket.profile.model import Profile
from jobpacket.profile.validate import load_profile
from jobpacket.site import head, pages

from .conftest import EXAMPLE
from .test_site_support import PRIVATE, built, site_files


def readable_text(path: Path) -> str:
    """What a reader or crawler could get out of a site file, as text."""
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    if data.startswith(b"%PDF-"):
        reader = PdfReader(io.BytesIO(data))
        meta = " ".join(str(v) for v in (reader.metadata or {}).values())
        return meta + "\n" + "\n".join(page.extract_text() or "" for page in reader.pages)
    text = data.decode("utf-8", errors="replace")
    # Entities and JSON escapes must not hide anything either.
    unescaped = html.unescape(text)
    if path.suffix in (".json", ".js"):
        unescaped = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), unescaped)
    return text + "\n" + unescaped


def leaks(site_dir: Path, needles: list[str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in site_files(site_dir):
        text = readable_text(path).lower()
        hits = [n for n in needles if n.lower() in text]
        if hits:
            found[str(path.relative_to(site_dir))] = hits
    return found


# --- the pages made from the public view (the view alone: test_views_public.py) -----------


def _pages_text(profile: Profile) -> str:
    ctx = pages.SiteContext(
        site_name="S",
        link=lambda a, b: posixpath.relpath(b, posixpath.dirname(a) or "."),
        site_url="https://s.example/",
    )
    out = [p.markdown for p in pages.site_pages(profile, ctx)]
    out.append(head.head_tags(profile, ctx, title="Home", home=True))
    return "\n".join(out)


def test_opt_ins_publish_phone_address_and_withholding_email() -> None:
    profile = load_profile(PRIVATE / "profile.yml").profile
    before = _pages_text(profile)
    assert "zqprivate-phone" not in before and "zqprivate-street" not in before
    assert "zqpublic.email@example.com" in before

    publish = profile.meta.publish.model_copy(
        update={"phone": True, "address": True, "email": False}
    )
    opted = profile.model_copy(
        update={"meta": profile.meta.model_copy(update={"publish": publish})}
    )
    after = _pages_text(opted)
    assert "zqprivate-phone" in after  # Contact page and JSON-LD telephone
    assert "zqprivate-street" in after and "zqprivate-postcode" in after
    assert "zqpublic.email@example.com" not in after


# --- real builds ---------------------------------------------------------------------------


def test_private_fixture_leaves_no_private_value_in_any_site_file() -> None:
    site_dir = built("private") / "site"
    files = {str(p.relative_to(site_dir)) for p in site_files(site_dir)}
    # The scan covers what a crawler sees: pages, sitemap, search index and the résumé PDF.
    assert {"index.html", "sitemap.xml", "sitemap.xml.gz", "search/search_index.json"} <= files
    assert "resume.pdf" in files
    assert leaks(site_dir, ["zqprivate"]) == {}


def test_private_fixture_still_publishes_its_public_values() -> None:
    """The positive control: the scan above would see a value that was published."""
    site_dir = built("private") / "site"
    public = sorted(set(re.findall(r"zqpublic[a-z0-9.@-]*", (PRIVATE / "profile.yml").read_text())))
    pages_text = "\n".join(
        readable_text(p) for p in site_files(site_dir) if p.suffix == ".html"
    ).lower()
    missing = [token for token in public if token.lower() not in pages_text]
    assert missing == []


def test_private_documents_go_to_build_not_site() -> None:
    folder = built("private")
    private_pdfs = sorted(p.name for p in (folder / "build").rglob("*.pdf"))
    assert private_pdfs, "mkdocs build writes the private documents into build/"
    assert not any(
        p.suffix == ".pdf" and p.name != "resume.pdf" for p in site_files(folder / "site")
    )


EXAMPLE_PRIVATE = [
    "412-555-0147",  # basics.phone
    "1820 Murray",  # street address
    "15217",  # postal code
    "marcus.hartman@",  # references' email and phone
    "412-555-0182",
    "aisha.bello@",
    "412-555-0119",
    "tom.kowalski@",
    "412-555-0164",
    "hartman-2026.pdf",  # letter file
    "Family caregiving",  # visibility: private
    "elder care",
    "Keystone Genomics",  # applications
    "Rachel Donnelly",
    "Naomi Feldman",
    "192000",
    "185000",
    "Referred by a former",
    "salary target",
    "Staff Machine Learning Engineer",
    "Annual performance evaluation",  # a private document
    "evaluation-2025.pdf",
    "documents/ledgerline-case-study.pdf",  # a public document's local path
]


def test_example_leaves_no_private_value_in_any_site_file() -> None:
    site_dir = built("example") / "site"
    text = EXAMPLE.read_text(encoding="utf-8")
    assert all(value in text for value in EXAMPLE_PRIVATE)  # the list is about this profile
    assert leaks(site_dir, EXAMPLE_PRIVATE) == {}


@pytest.mark.parametrize("value", ["Elena M. Vasquez", "driftwatch", "Dr. Marcus Hartman"])
def test_example_publishes_what_is_public(value: str) -> None:
    assert leaks(built("example") / "site", [value]) != {}
