"""The recordings of site/replay.py: their key reads every input and nothing outside the
project, and a recording reads back as it was written. The builds that record and replay are
in test_site_replaying.py."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from jobpacket import digests
from jobpacket.site import replay

from .conftest import EXAMPLE
from .test_site_support import make_site


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return make_site(tmp_path / "site", EXAMPLE)


def _inputs(site: Path) -> replay.Inputs:
    return replay.Inputs(
        profile=site / "profiles" / "profile.yml",
        docs_dir=site / "content",
        private_dir=site / "build",
        config="config",
    )


def test_the_key_changes_with_the_day(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Follow-ups fall due and findings name the days since: a build is for one day."""
    import datetime

    key = replay.project_key(_inputs(site))
    assert replay.project_key(_inputs(site)) == key

    class Tomorrow(datetime.date):
        @classmethod
        def today(cls) -> Tomorrow:
            day = datetime.date.today() + datetime.timedelta(days=1)
            return cls(day.year, day.month, day.day)

    monkeypatch.setattr(replay, "date", Tomorrow)
    assert replay.project_key(_inputs(site)) != key


def test_the_key_reads_no_file_outside_the_project(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A link in content/ to a file elsewhere counts by where it leads, its size and time;
    its bytes are never read (the build itself refuses to publish it)."""
    secret = tmp_path / "secret.txt"
    secret.write_text("not for the key")
    os.symlink(secret, site / "content" / "linked.txt")
    read: list[Path] = []
    real = digests.file_digest
    monkeypatch.setattr(digests, "file_digest", lambda p: read.append(Path(p)) or real(p))
    replay.project_key(_inputs(site))
    assert read  # the files inside are read
    assert secret.resolve() not in [p.resolve() for p in read]


def test_a_recording_reads_back_as_written_and_a_damaged_one_is_none() -> None:
    from types import MappingProxyType

    from jobpacket.site.values import SiteContext, SitePage, SiteStage

    stage = SiteStage(
        site_name="Ana & Lee",
        site_url="https://ana.example.org/",
        context=SiteContext("Ana & Lee", lambda _page, target: target, None, frozenset({"a"})),
        pages=(SitePage("index.md", "Ana", "# Ana", None, "About Ana", "Home", True),),
        replaced=frozenset({"contact.md"}),
        nav=({"Home": "index.md"}, {"Projects": ["projects/index.md"]}),
        assets=MappingProxyType({"assets/jobpacket/site.css": b"body{}"}),
        content=MappingProxyType({"images/a.png": bytes(range(256))}),
        documents=MappingProxyType({}),
    )
    rec = replay.Recording(
        named=["/p/a.pdf"],
        said={"config": [(30, "jobpacket: a warning")], "files": [], "post_build": []},
        identity={
            "site_name": "Ana &amp; Lee",
            "escaped": True,
            "profile_name": "Ana & Lee",
            "site_url": None,
            "language": "fr",
        },
        documents={"resume.pdf": b"%PDF-1.7\n\x00\xff"},
        private=[("build/resume.pdf", b"%PDF")],
        packets=2,
        calendar=("build/followups.ics", b"BEGIN:VCALENDAR"),
        stage=replay.stage_values(stage),
        heads={replay.head_key("index.md", "https://x/"): "<meta>"},
    )
    data = replay.encode(rec)
    back = replay.decode(data)
    assert back == rec
    assert (
        back is not None and replay.stage_from(back.stage, stage.context.link).pages == stage.pages
    )
    assert replay.decode(data[: len(data) // 2]) is None  # a blob cut short
    assert replay.decode(b"not a recording") is None
    rec.stage["pages"] = [["index.md"]]  # a shape the stage cannot take
    assert replay.decode(replay.encode(rec)) is None
