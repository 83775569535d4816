"""Publishing a built site (site/publish.py), engine-free: the site and build/ are staged
beside the old ones and swapped in together, or left exactly as they were. The builds that use
these steps (a strict build that aborts, two builds at once, gh-deploy, serve) are in
test_safety_publish.py."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from jobpacket.site.publish import (
    Publication,
    SiteError,
    check_outputs,
    fallback_note,
    lock,
    publish,
    publish_in_place,
    stage_private,
    stage_site,
    unstage,
    write_private_now,
)
from jobpacket.swap import ProjectLock, scratch_dir


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project with a published site and private documents from an earlier build, and a
    file the user keeps in build/."""
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("<h1>old home</h1>", encoding="utf-8")
    (tmp_path / "site" / "gone.html").write_text("a page since removed", encoding="utf-8")
    (tmp_path / "build" / "letters").mkdir(parents=True)
    (tmp_path / "build" / "letters" / "acme.pdf").write_bytes(b"%PDF- old letter")
    (tmp_path / "build" / "my-notes.txt").write_text("kept by the user", encoding="utf-8")
    return tmp_path


def _staged_build(project: Path) -> Publication:
    pub = Publication(project)
    staging = stage_site(pub, project / "site")
    (staging / "index.html").write_text("<h1>new home</h1>", encoding="utf-8")
    (staging / "resume").mkdir()
    (staging / "resume" / "index.html").write_text("<h1>Résumé</h1>", encoding="utf-8")
    stage_private(
        pub,
        [
            (project / "build" / "letters" / "acme.pdf", b"%PDF- new letter"),
            (project / "build" / "followups.ics", b"BEGIN:VCALENDAR"),
        ],
    )
    return pub


def test_a_build_is_staged_beside_the_site_and_published_whole(project: Path) -> None:
    before = _tree(project / "site"), _tree(project / "build")
    pub = _staged_build(project)
    assert pub.staging is not None and pub.staging.parent == project
    assert pub.staging.name.startswith(".site.jobpacket-new-")
    # nothing published yet
    assert (_tree(project / "site"), _tree(project / "build")) == before
    publish(pub)
    assert _tree(project / "site") == {
        "index.html": b"<h1>new home</h1>",
        "resume/index.html": "<h1>Résumé</h1>".encode(),
    }
    assert _tree(project / "build") == {
        "followups.ics": b"BEGIN:VCALENDAR",
        "letters/acme.pdf": b"%PDF- new letter",
        "my-notes.txt": b"kept by the user",
    }
    assert pub.staging is None and pub.private_staging is None and pub.fallbacks == []
    assert sorted(p.name for p in project.iterdir()) == ["build", "site"]  # no leftovers


def test_an_unpublished_build_is_dropped_and_changes_nothing(project: Path) -> None:
    before = _tree(project)
    pub = _staged_build(project)
    unstage(pub)
    unstage(None)
    assert _tree(project) == before
    assert sorted(p.name for p in project.iterdir()) == ["build", "site"]


def test_when_build_cannot_be_swapped_the_site_is_put_back_too(project: Path) -> None:
    before = _tree(project)
    pub = _staged_build(project)
    assert pub.private_staging is not None
    pub.private_staging.rename(project / "elsewhere")  # the second swap will fail
    with pytest.raises(SiteError) as caught:
        publish(pub)
    assert "cannot replace it with the new build" in str(caught.value)
    assert "the site and the private documents were left as they were" in str(caught.value)
    (project / "elsewhere").rename(project / ".moved")  # out of the way of the comparison
    assert {k: v for k, v in _tree(project).items() if not k.startswith(".")} == before


def test_a_linked_site_folder_is_replaced_file_by_file(tmp_path: Path) -> None:
    real = tmp_path / "served"
    real.mkdir()
    (real / "index.html").write_text("old", encoding="utf-8")
    project = tmp_path / "project"
    project.mkdir()
    (project / "site").symlink_to(real)
    pub = Publication(project)
    staging = stage_site(pub, project / "site")
    (staging / "index.html").write_text("new", encoding="utf-8")
    publish(pub)
    assert (project / "site").is_symlink() and (real / "index.html").read_text() == "new"
    assert pub.fallbacks == [project / "site"]
    assert "is a mount point or a link to a folder elsewhere" in fallback_note(project / "site")


def test_while_serving_the_site_is_written_into_the_served_folder(project: Path) -> None:
    served = project / "site"
    inode = served.stat().st_ino
    pub = Publication(project)
    staging = stage_site(pub, served)
    (staging / "index.html").write_text("<h1>edited</h1>", encoding="utf-8")
    assert publish_in_place(pub) == served
    assert served.stat().st_ino == inode  # the server keeps the folder it was given
    assert (served / "index.html").read_text(encoding="utf-8") == "<h1>edited</h1>"
    assert not staging.exists() and pub.staging is None
    write_private_now(project, [(project / "build" / "followups.ics", b"BEGIN:VCALENDAR")])
    assert (project / "build" / "followups.ics").read_bytes() == b"BEGIN:VCALENDAR"
    assert (project / "build" / "my-notes.txt").exists()


def test_a_file_where_build_should_be_is_one_located_error(project: Path) -> None:
    (project / "build" / "letters" / "acme.pdf").unlink()
    (project / "build" / "letters").rmdir()
    (project / "build" / "letters").write_text("not a folder", encoding="utf-8")
    pub = Publication(project)
    with pytest.raises(SiteError) as caught:
        stage_private(pub, [(project / "build" / "letters" / "acme.pdf", b"%PDF-")])
    assert str(caught.value).startswith("error: ") and "letters" in str(caught.value)
    assert "is a file where a folder should be" in str(caught.value)
    unstage(pub)


def test_the_lock_is_kept_across_rebuilds_and_leftovers_are_cleared(project: Path) -> None:
    leftover = project / ".site.jobpacket-new-abc"
    leftover.mkdir()
    (project / ".build.jobpacket-new-xyz").mkdir()
    waits: list[str] = []
    held = lock(None, project, project / "site", waits.append)
    try:
        assert isinstance(held, ProjectLock) and held.held and held.root == project
        assert not leftover.exists() and not (project / ".build.jobpacket-new-xyz").exists()
        assert lock(held, project, project / "site", waits.append) is held
        assert waits == []
        assert held.path.read_text(encoding="ascii").strip() == str(os.getpid())
    finally:
        held.release()
    other = project / "other"
    other.mkdir()
    moved = lock(held, other, None, waits.append)
    assert moved is not held and moved.root == other
    moved.release()


def test_outputs_that_would_publish_private_documents_are_refused(tmp_path: Path) -> None:
    root = tmp_path.resolve()
    check_outputs(root, root / "site")  # the usual layout
    for site_dir in (root / "build" / "site", root):
        with pytest.raises(SiteError, match=r"^error: site_dir .* overlap: the private"):
            check_outputs(root, site_dir)
    (root / "content" / "packets").mkdir(parents=True)
    (root / "build").mkdir()
    (root / "build" / "packets").symlink_to(root / "content" / "packets")
    with pytest.raises(SiteError) as caught:
        check_outputs(root, root / "site")
    assert str(caught.value).startswith("error: ") and "packets" in str(caught.value)


def test_while_serving_build_is_never_written_through_a_linked_folder(
    project: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A serve rebuild writes into build/ directly; a folder there that links elsewhere is
    refused as a staged build refuses it, and nothing lands at the link's target."""
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    (project / "build" / "calendar").symlink_to(elsewhere, target_is_directory=True)
    monkeypatch.chdir(project)
    with pytest.raises(SiteError) as caught:
        write_private_now(project, [(project / "build" / "calendar" / "f.ics", b"BEGIN:")])
    assert str(caught.value) == (
        "error: build/calendar: is a symbolic link; jobpacket writes only into real folders "
        "here, remove the link"
    )
    assert list(elsewhere.iterdir()) == []


def test_what_a_killed_serve_left_beside_build_is_cleared_by_the_next_build(
    project: Path,
) -> None:
    """The temporary copies of a serve's writes sit beside build/, never in it; a file left
    there by a serve killed mid-write goes at the next build's lock, and a write that
    finishes leaves nothing behind."""
    write_private_now(project, [(project / "build" / "followups.ics", b"BEGIN:VCALENDAR")])
    scratch = scratch_dir(project / "build")
    assert not scratch.exists()
    scratch.mkdir()
    (scratch / ".followups.ics.abc.tmp").write_bytes(b"BEGIN:VCAL")  # killed mid-write
    held = lock(None, project, None, [].append)
    try:
        assert not scratch.exists()
        assert (project / "build" / "followups.ics").read_bytes() == b"BEGIN:VCALENDAR"
    finally:
        held.release()
