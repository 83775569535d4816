"""cohort.py: which profiles a cohort is (files as given, folders expanded), refused
when one overlay would be shared or two people would write to one folder, and renders that
start while the next profile is prepared. A cohort rendered and proofread through the CLI is
tested in test_outgoing.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from jobpacket.cohort import profile_paths
from jobpacket.errors import UserError

PROFILE = "basics:\n  name: {name}\n"


def _write(folder: Path, *names: str) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for name in names:
        path = folder / name
        path.write_text(PROFILE.format(name=path.stem), encoding="utf-8")
        out.append(path)
    return out


def test_a_folder_is_its_profile_files_sorted_and_files_stay_as_given(tmp_path: Path) -> None:
    cohort = tmp_path / "cohort"
    _write(cohort, "zoe.yml", "ann.json", "bo.yaml", "notes.txt")
    (cohort / "sub").mkdir()
    (cohort / "sub" / "deep.yml").write_text("basics: {name: Deep}\n", encoding="utf-8")
    (single,) = _write(tmp_path / "one", "cy.yml")
    assert profile_paths([single, cohort]) == [
        single,
        cohort / "ann.json",
        cohort / "bo.yaml",
        cohort / "zoe.yml",
    ]


def test_a_folder_without_profiles_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(UserError, match="no profile files"):
        profile_paths([tmp_path / "empty"])


def test_one_overlay_is_never_shared_by_two_people(tmp_path: Path) -> None:
    cohort = tmp_path / "cohort"
    _write(cohort, "ann.yml", "bo.yml", "private.yml")
    with pytest.raises(UserError) as caught:
        profile_paths([cohort])
    assert "private.yml: would be merged into each of the 2 profiles" in str(caught.value)
    (alone,) = _write(tmp_path / "solo", "ann.yml")
    (tmp_path / "solo" / "private.yml").write_text("basics: {phone: '1'}\n", encoding="utf-8")
    assert profile_paths([alone]) == [alone]  # one person, one overlay: fine


def test_two_profiles_of_the_same_name_would_write_to_one_folder(tmp_path: Path) -> None:
    (first,) = _write(tmp_path / "a", "ann.yml")
    (second,) = _write(tmp_path / "b", "ann.json")
    with pytest.raises(UserError, match="would both write to ann/"):
        profile_paths([first, second])


def test_a_profile_renders_while_the_next_one_is_prepared(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The workers do not wait for the whole cohort's preparation: the second profile's
    loading waits here until the first profile's résumé is rendered, which happens only if
    that render started as soon as the first profile was ready."""
    import threading

    from jobpacket import cohort
    from jobpacket.print import outputs, worker
    from jobpacket.profile import validate

    first, second = _write(tmp_path / "cohort", "ann.yml", "bo.yml")
    rendered = threading.Event()
    waited: list[bool] = []
    real_load, real_render = validate.load_profile, outputs.render_settled

    def load(path: Path, display: str | None = None) -> validate.LoadedProfile:
        if path == second:
            waited.append(rendered.wait(timeout=120))
        return real_load(path, display)

    def render(*args: object, **kwargs: object) -> list[bytes | UserError]:
        out = real_render(*args, **kwargs)  # type: ignore[arg-type]
        rendered.set()
        return out

    monkeypatch.setattr(validate, "load_profile", load)
    monkeypatch.setattr(outputs, "render_settled", render)
    try:
        results = cohort.render_cohort([first, second], "resume", cache_dir=tmp_path / "cache")
    finally:
        worker.shutdown()
    assert waited == [True], "the first profile's render waited for the second's preparation"
    assert [(r.name, [name for name, _ in r.files], r.failed) for r in results] == [
        ("ann", ["resume.pdf"], False),
        ("bo", ["resume.pdf"], False),
    ]
    assert all(data.startswith(b"%PDF-") for r in results for _, data in r.files)
