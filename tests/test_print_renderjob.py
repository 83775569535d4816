"""print/renderjob.py: the job a render process receives, its time limit and its errors."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from jobpacket.errors import UserError
from jobpacket.print.renderjob import (
    RefusedFetch,
    RenderJob,
    RenderTimeout,
    RenderTooLarge,
    WorkerCrashed,
    time_limit,
)


def test_a_job_is_plain_data_that_crosses_a_process_boundary() -> None:
    job = RenderJob(
        html="<p>Ann Lee</p>",
        stylesheets=(("p { color: black }", "file:///x/"),),
        roots=(Path("/srv/site"),),
        identifier=b"0" * 16,
        what="resume",
        lang="de",
    )
    again = pickle.loads(pickle.dumps(job))
    assert again == job and again.variant == "pdf/ua-1" and not again.glyphs_checked
    with pytest.raises(AttributeError):
        job.html = "<p>changed</p>"  # type: ignore[misc]  # frozen: a job is never edited


def test_every_way_a_render_ends_badly_is_a_user_error() -> None:
    for kind in (RefusedFetch, RenderTimeout, RenderTooLarge, WorkerCrashed):
        assert issubclass(kind, UserError)
        assert str(kind("resume: stopped")) == "resume: stopped"


def test_the_limit_grows_with_the_print_html_and_never_shrinks() -> None:
    assert time_limit(60.0, 10_000, 250_000) == 60.0  # a one-page résumé: the base
    assert time_limit(60.0, 500_000, 250_000) == pytest.approx(120.0)  # twice the unit
    assert time_limit(60.0, 0, 250_000) == 60.0  # at least once
    assert time_limit(60.0, 1_900_000, None) == 60.0  # no growth asked: the base
    assert time_limit(None, 1_900_000, 250_000) is None  # no limit stays no limit
