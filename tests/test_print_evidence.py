"""Evidence for a letter (print/evidence.py): outcomes quoted as the user wrote them, numbers
first, each tied to the one requirement it meets best, and the strongest few picked for a role.
How the letters read is in test_letter_texts.py."""

from __future__ import annotations

from jobpacket.print.evidence import (
    Evidence,
    current_role,
    evidence_bullets,
    match_requirements,
    outcomes,
    pick_evidence,
    result_evidence,
    words,
)
from jobpacket.print.letterblocks import Writer
from jobpacket.profile.validate import load_profile
from jobpacket.views.public import public_view

from .conftest import EXAMPLE


def test_content_words_drop_titles_filler_and_numbers() -> None:
    assert words("Senior Machine Learning Engineer", None) == {"machine", "learning"}
    assert words("Builds pipelines in 2 weeks; 120 SQL scripts") == {
        "build",
        "pipeline",
        "week",
        "sql",
        "script",
    }
    assert words("access business analytics gas") == {"access", "business", "analytic", "gas"}


def test_outcomes_put_the_highlights_with_numbers_first_in_the_users_order() -> None:
    highlights = [
        "Mentored two junior analysts",  # a number in words is no figure
        "Cut churn by 12%",
        "   ",
        "Wrote the on-call guide",
        "Saved $60,000 a year",
    ]
    assert outcomes(highlights) == ["Cut churn by 12%", "Saved $60,000 a year"]
    assert outcomes(highlights, limit=4) == [
        "Cut churn by 12%",
        "Saved $60,000 a year",
        "Mentored two junior analysts",
        "Wrote the on-call guide",
    ]


def _example_view():
    return public_view(load_profile(EXAMPLE).profile)


def test_the_example_gives_its_results_with_where_they_were_achieved() -> None:
    view = _example_view()
    found = result_evidence(view)
    first = found[0]
    assert first.lead == "" and first.where == "Allegheny Health Analytics"
    assert first.sentences[0].startswith("Led a team of four engineers")
    assert "readmission" in first.matched and "machine" in first.matched  # and its position
    assert first.markdown().startswith("Led a team of four engineers")
    assert "(Allegheny Health Analytics)." in first.markdown()
    assert {e.where for e in found} >= {"Three Rivers Freight", "Allegheny Health Analytics"}
    assert current_role(view).name == "Allegheny Health Analytics"


def _ev(text: str, where: str, *, lead: str = "") -> Evidence:
    return Evidence(lead=lead, sentences=[text], where=where, matched=words(text))


def test_each_requirement_goes_to_its_strongest_match_once() -> None:
    evidence = [
        _ev("Ran the Spark feature pipeline on Kubernetes.", "A"),
        _ev("Earned the CHSE certification in simulation education.", "B"),
        _ev("Coordinated a residency program.", "C"),
    ]
    requirements = [
        "CHSE certification",
        "Spark and Kubernetes pipelines",
        "simulation program coordination",
    ]
    match_requirements(evidence, requirements)
    assert [e.requirement for e in evidence] == [
        "Spark and Kubernetes pipelines",
        "CHSE certification",
        "",  # "program" alone: one shared word of three is no match
    ]


def test_bullets_end_with_a_tie_each_one_different() -> None:
    evidence = [_ev(f"Shipped model {n} in 3 weeks.", "A") for n in range(3)]
    for e, req in zip(evidence, ("model serving", "fast delivery", "MLOps"), strict=True):
        e.requirement = req
    app = load_profile(EXAMPLE).profile.applications[0]
    bullets = evidence_bullets(evidence, Writer(app, "en"))
    assert [b.split(".")[0] for b in bullets] == [
        f"Shipped model {n} in 3 weeks (A)" for n in range(3)
    ]
    endings = [b.split(".", 1)[1] for b in bullets]
    assert len(set(endings)) == 3 and all(e.strip() for e in endings)
    assert "model serving" in bullets[0] and "MLOps" in bullets[2]


def test_the_strongest_evidence_is_picked_in_profile_order_at_most_two_per_place() -> None:
    pool = [
        _ev("Wrote the style guide.", "A"),
        _ev("Cut forecast error by 31% with a new model.", "A"),
        _ev("Tuned the forecast model weekly.", "A"),
        _ev("Built the forecast dashboard for 38 hospitals.", "A"),
        _ev("Organised the reading group.", "B"),
    ]
    role = words("Forecast Modeling Engineer")
    picked = pick_evidence(pool, 3, role, (), need_match=False)
    # three from A score alike on "forecast", those with a number first, and only two may
    # come from one place: the third is B's, and they are given in the profile's order
    assert [e.sentences[0] for e in picked] == [
        "Cut forecast error by 31% with a new model.",
        "Built the forecast dashboard for 38 hospitals.",
        "Organised the reading group.",
    ]
    matched_only = pick_evidence(pool, 3, role, (), need_match=True)
    assert all("forecast" in e.sentences[0] for e in matched_only) and len(matched_only) == 2
    pool[4].requirement = "community building"
    assert pick_evidence(pool, 1, role, (), need_match=True)[0].where == "B"
