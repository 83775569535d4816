"""The large profile the scale benchmarks build: the example profile with `scale` times a
block of jobs, projects, publications and references, written as a site folder.

Shared by bench_scale.py and bench_serve.py, so that neither imports the other for it.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
JOBS, HIGHLIGHTS, PROJECTS, PUBLICATIONS, REFERENCES = 40, 6, 60, 100, 30
_ORGS = ("Keystone", "Lakefront", "Allegheny", "Monongahela", "Three Rivers", "Riverside")
_VERBS = ("Led", "Built", "Cut", "Shipped", "Designed", "Mentored")


def _job(i: int) -> dict[str, Any]:
    year = 2025 - i % 30
    return {
        "name": f"{_ORGS[i % len(_ORGS)]} Analytics {i}",
        "position": "Senior Machine Learning Engineer" if i % 2 else "Data Engineer",
        "url": f"https://org{i}.example.com",
        "location": "Pittsburgh, PA",
        "startDate": f"{year - 2}-0{1 + i % 9}",
        "endDate": f"{year}-0{1 + i % 9}",
        "summary": f"Engineer number {i} for **clinical risk models** and the platform that "
        "trains, evaluates and monitors them.",
        "highlights": [
            f"{_VERBS[h]} item {h} of job {i}: a team of {2 + h} engineers, a model used by "
            f"{10 + i} hospitals, and a pipeline that runs in {h + 1} hours instead of 9."
            for h in range(HIGHLIGHTS)
        ],
        "tags": ["python", "ml"],
    }


def _project(i: int) -> dict[str, Any]:
    return {
        "name": f"project-{i:04d}",
        "description": f"Open-source library number {i} for detecting *drift* in deployed "
        "models, with [documentation](https://docs.example.org) and examples.",
        "highlights": [f"Used in production by {i % 7 + 1} teams; {100 + i} stars."],
        "keywords": ["Python", "statistics", "monitoring"],
        "url": f"https://github.example.com/evasquez/project-{i:04d}",
        "startDate": f"{2010 + i % 15}-0{1 + i % 9}",
        "roles": ["Creator", "Maintainer"],
    }


def _publication(i: int) -> dict[str, Any]:
    return {
        "name": f"Study {i} of Label Shift in Hospital Readmission Models",
        "publisher": f"Workshop on Machine Learning for Health Systems {i}",
        "releaseDate": f"{2000 + i % 25}-0{1 + i % 9}-1{i % 9}",
        "url": f"https://papers.example.org/{i}",
        "summary": "A monitoring method that detected label shift in production models weeks "
        "before aggregate metrics moved, evaluated on data from 38 hospitals.",
    }


def _reference(i: int) -> dict[str, Any]:
    return {
        "name": f"Dr. Reader Number{i}",
        "title": "Director of Data Science",
        "organization": f"{_ORGS[i % len(_ORGS)]} Analytics {i}",
        "relationship": "Manager",
        "email": f"reader{i}@example.com",
        "reference": f"Elena is the engineer I trust with the models that matter most ({i}).",
    }


def make_site(folder: Path, scale: int) -> Path:
    """A site folder (mkdocs.yml, content/, profiles/profile.yml) for one scale."""
    (folder / "profiles").mkdir(parents=True)
    shutil.copytree(ROOT / "profiles" / "documents", folder / "profiles" / "documents")
    shutil.copytree(ROOT / "content", folder / "content")
    data = yaml.safe_load((ROOT / "profiles" / "example.yml").read_text(encoding="utf-8"))
    data["work"] = data["work"] + [_job(i) for i in range(JOBS * scale)]
    data["projects"] = data["projects"] + [_project(i) for i in range(PROJECTS * scale)]
    data["publications"] = data["publications"] + [
        _publication(i) for i in range(PUBLICATIONS * scale)
    ]
    data["references"] = data["references"] + [_reference(i) for i in range(REFERENCES * scale)]
    profile = folder / "profiles" / "profile.yml"
    profile.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    config["hooks"] = [str(ROOT / "hooks" / "site.py")]
    config["extra"]["jobpacket"]["profile"] = "profiles/profile.yml"
    (folder / "mkdocs.yml").write_text(yaml.dump(config, allow_unicode=True), "utf-8")
    return profile


class _Loader(yaml.SafeLoader):
    """mkdocs.yml may carry tags; this benchmark's own copy keeps none it cannot read."""
