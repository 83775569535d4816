"""The site stage's values (site/values.py): what an engine is handed, as plain data."""

from __future__ import annotations

from types import MappingProxyType

from jobpacket.site.values import SiteContext, SitePage, SiteStage


def _stage() -> SiteStage:
    def link(from_page: str, target: str) -> str:
        return target

    return SiteStage(
        site_name="Ana Lee",
        site_url=None,
        context=SiteContext(site_name="Ana Lee", link=link),
        pages=(SitePage("index.md", "Ana Lee", "# Ana"), SitePage("resume.md", "CV", "# CV")),
        replaced=frozenset(),
        nav=None,
        assets=MappingProxyType({"assets/jobpacket/site.css": b"body{}"}),
        content=MappingProxyType({"notes.md": b"# Notes", "images/a.png": b"\x89PNG"}),
        documents=MappingProxyType({"resume.pdf": b"%PDF"}),
    )


def test_every_page_is_listed_once_generated_or_handwritten() -> None:
    assert _stage().page_paths == ["index.md", "notes.md", "resume.md"]


def test_the_files_an_engine_without_hooks_reads() -> None:
    files = _stage().files()
    assert files["resume.pdf"] == b"%PDF" and files["images/a.png"] == b"\x89PNG"
    assert files["index.md"] == "# Ana" and files["assets/jobpacket/site.css"] == b"body{}"
    assert len(files) == 6
