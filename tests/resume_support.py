"""A résumé profile in the shape real files have (a current job without an end date, a
private job, Markdown in the summary, a tailored application), shared by the tests of the
modules that turn a résumé into an outline, text and Word."""

from __future__ import annotations

from pathlib import Path

from jobpacket.profile.validate import LoadedProfile, load_profile

PROFILE = """\
basics:
  name: Dana Whitfield
  label: Clinical Nurse Educator
  email: dana@example.org
  phone: "+1 412-555-0147"
  url: https://dana.example.org/
  summary: Nurse educator who builds *simulation* programmes.
  location: {address: 1820 Murray Avenue, city: Pittsburgh, region: PA, countryCode: US}
  profiles:
    - {network: LinkedIn, username: danaw, url: https://www.linkedin.com/in/danaw}
work:
  - name: St. Mary's Hospital
    position: Clinical Nurse Educator
    location: Pittsburgh, PA
    startDate: "2019-04"
    highlights: [Trained 40 new graduates a year in simulation.]
    tags: [teaching]
  - name: Riverside Clinic
    position: Staff Nurse
    startDate: "2014-01"
    endDate: "2019-03"
    visibility: private
education:
  - institution: Duquesne University
    studyType: MSN
    area: Nursing Education
    startDate: "2012"
    endDate: "2014"
skills:
  - name: Simulation
    level: Expert
    keywords: [SimMan 3G, debriefing]
certificates:
  - {name: CHSE, issuer: SSH, date: "2021-05"}
awards:
  - {title: Educator of the Year, awarder: St. Mary's Hospital, date: "2022"}
applications:
  - id: lakeshore
    organization: Lakeshore Health
    tailor: {exclude: [teaching], summary: Simulation educator for a research hospital.}
"""


def load_resume(folder: Path) -> LoadedProfile:
    """PROFILE written into `folder` and loaded, as a user's file would be."""
    path = folder / "profile.yml"
    path.write_text(PROFILE, encoding="utf-8")
    return load_profile(path, "profile.yml")
