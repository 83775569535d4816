"""Real résumé.json files, as they are: values whose meaning is plain are read as meant,
with a located line, and printed and linked in the PDF and on the site (profile/lenient.py,
urls.assumed_web, urls.photo_data). Their functions alone: test_profile_lenient.py and
test_urls.py."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from .conftest import FIXTURES, run_cli
from .pdf_support import reader, text
from .test_site_support import build, make_site, urls_in

LOOSE = FIXTURES / "asis" / "loose-values.resume.json"


def test_a_loose_file_checks_with_exit_0_and_says_what_it_read() -> None:
    result = run_cli("check", str(LOOSE))
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout + result.stderr
    lines = {
        "basics.url: 'www.marenokafor.dev' has no scheme; read as 'https://www.marenokafor.dev'",
        "work[0].url: 'together.ai' has no scheme; read as 'https://together.ai'",
        "work[0].startDate: '03/2022' read as 2022-03",
        "work[1].startDate: 'Feb 2019' read as 2019-02",
        "work[2].endDate: ends (2018-03) before it starts (2018-06); printed as written",
        "volunteer[0].name: 'name' is the older JSON Resume name of 'organization'",
        "meta.lastModified: has both a time-zone offset and a trailing 'Z'",
        "work[0].highlightGroups: unknown key, kept as extension data",
    }
    for line in lines:
        assert line in out, line
    assert re.search(r"loose-values\.resume\.json:27:20: warning: work\[0\]\.startDate", out)
    # The warnings are warnings: --strict refuses the file until they are fixed.
    assert run_cli("check", "--strict", str(LOOSE)).returncode == 1


def test_a_near_miss_key_is_a_warning_in_json_and_an_error_in_yaml(tmp_path: Path) -> None:
    data = {"basics": {"name": "Ann"}, "work": [{"name": "Acme", "hightlights": ["x"]}]}
    (tmp_path / "a.json").write_text(json.dumps(data), encoding="utf-8")
    (tmp_path / "a.yml").write_text(json.dumps(data), encoding="utf-8")
    as_json = run_cli("check", str(tmp_path / "a.json"))
    assert as_json.returncode == 0, as_json.stdout
    assert "warning: work[0].hightlights: unknown key 'hightlights'; did you mean" in (
        as_json.stdout + as_json.stderr
    )
    as_yaml = run_cli("check", str(tmp_path / "a.yml"))
    assert as_yaml.returncode == 1
    assert (
        "work[0].hightlights: unknown key 'hightlights'; did you mean"
        in as_yaml.stdout + as_yaml.stderr
    )


def test_null_is_refused_in_json_and_read_as_absent_in_yaml(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(
        '{"basics": {"name": "Ann",\n  "label": null}}', encoding="utf-8"
    )
    (tmp_path / "a.yml").write_text("basics:\n  name: Ann\n  label:\n", encoding="utf-8")
    as_json = run_cli("check", str(tmp_path / "a.json"))
    assert as_json.returncode == 1
    assert "a.json:2:12: basics.label: null is not allowed here" in as_json.stdout + (
        as_json.stderr
    )
    as_yaml = run_cli("check", str(tmp_path / "a.yml"))
    assert as_yaml.returncode == 0
    assert "a.yml:3:9: warning: basics.label: is empty; left out" in as_yaml.stdout + as_yaml.stderr


def _links(pdf: bytes) -> list[str]:
    out = []
    for page in reader(pdf).pages:
        for annot in page.get("/Annots", []):
            action = annot.get_object().get("/A")
            if action is not None and "/URI" in action:
                out.append(str(action["/URI"]))
    return out


def test_the_pdf_prints_and_links_every_address_and_the_embedded_photo(tmp_path: Path) -> None:
    shutil.copy(LOOSE, tmp_path / LOOSE.name)
    result = run_cli(
        "pdf", "resume", LOOSE.name, "--design", "modern", "-o", "out", cwd=tmp_path, process=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    pdf = (tmp_path / "out" / "loose-values.resume" / "resume.pdf").read_bytes()
    words = text(pdf).replace("\u00a0", " ")
    links = _links(pdf)
    for url in (
        "https://together.ai",
        "https://github.com/mokafor",
        "https://www.linkedin.com/in/maren-okafor",
        "https://maren.example/clients",  # a job without a position
        "https://lab.example.org/",  # a job without an organisation
        "https://www.tu.example.de/",  # a school known only by its address
        "https://openclimate.example.org",
    ):
        assert url in links, url
    for shown in ("github.com/mokafor", "Freelance", "lab.example.org", "tu.example.de"):
        assert shown in words, shown
    assert "Open Climate Data" in words  # volunteer[].name
    assert "Jun 2018" in words and "Mar 2018" in words  # end before start, as written
    assert sum(len(page.images) for page in reader(pdf).pages) == 1  # the data: photo


def test_a_data_photo_that_is_no_image_is_refused_with_its_location(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text(
        '{"basics": {"name": "Ann",\n "image": "data:text/html;base64,PGI+"}}', encoding="utf-8"
    )
    result = run_cli("check", str(path))
    assert result.returncode == 1
    out = result.stdout + result.stderr
    assert "a.json:2:11: basics.image: is a data: URL that is not a base64 PNG" in out


def test_the_site_links_addresses_without_scheme_absolutely(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", LOOSE)
    result = build(site, strict=False)
    assert result.returncode == 0, result.stderr
    hrefs = [v for page in (site / "site").rglob("*.html") for _, _, v in urls_in(page)]
    assert "https://together.ai" in hrefs and "https://github.com/mokafor" in hrefs
    assert "https://lab.example.org/" in hrefs  # a job without an organisation
    assert not [h for h in hrefs if re.match(r"^(www\.|github\.com|together\.ai)", h)]
    home = (site / "site" / "index.html").read_text(encoding="utf-8")
    assert 'src="data:image/png;base64,' in home  # the embedded photo, shown


HTML = FIXTURES / "asis" / "html-and-hashtags.resume.json"


@pytest.mark.parametrize("design", ["classic", "sidebar"])
def test_html_in_a_plain_field_hashtags_and_loose_lists_print_as_meant(
    tmp_path: Path, design: str
) -> None:
    shutil.copy(HTML, tmp_path / HTML.name)
    result = run_cli(
        "pdf", "resume", HTML.name, "--design", design, "-o", "out", cwd=tmp_path, process=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "education[0].institution: holds HTML tags; read as its text 'HPI'" in result.stderr
    words = text((tmp_path / "out" / "html-and-hashtags.resume" / "resume.pdf").read_bytes())
    assert "<a" not in words and "<b>" not in words and "href" not in words
    assert "HPI" in words and "Hasso-Plattner-Institut" in words
    assert "#ursuppe: Lesekreis" in words  # a hashtag, not a heading
    for item in ("Stream-Verarbeitung", "Konsistenz", "Lehre"):
        assert re.search(rf"•[ \u00a0]*{item}", words), words  # the bullet beside its text


def test_the_site_shows_html_fields_as_their_text(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", HTML)
    result = build(site, strict=False)
    assert result.returncode == 0, result.stderr
    page = (site / "site" / "resume.html").read_text(encoding="utf-8")
    assert "&lt;a href" not in page and "&lt;b&gt;" not in page
    assert "HPI" in page and "#ursuppe" in page
    assert re.search(r"<li>\s*Stream-Verarbeitung", page)


def test_cpp_is_set_in_one_piece_and_read_as_typed(tmp_path: Path) -> None:
    from jobpacket.print import documents
    from jobpacket.print.printkit import print_inline
    from jobpacket.profile.validate import load_profile

    path = tmp_path / "p.yml"
    path.write_text(
        "basics: {name: Ann Lee}\nwork:\n  - name: Acme\n    position: Engineer\n"
        "    highlights: ['Rewrote the C++ engine; see [notes](https://x.example/c++)']\n"
        "skills:\n  - name: Languages\n    keywords: [C++, 'C#', Notepad++]\n",
        encoding="utf-8",
    )
    doc = documents.resume(load_profile(path), public=False)
    assert doc.html.count('<span class="pp">C<span>++</span></span>') == 2
    assert 'href="https://x.example/c++"' in str(print_inline("[n](https://x.example/c++)"))
    result = run_cli("pdf", "resume", "p.yml", "-o", "out", cwd=tmp_path, process=True)
    assert result.returncode == 0, result.stderr
    words = text((tmp_path / "out" / "p" / "resume.pdf").read_bytes())
    assert "Languages: C++, C#, Notepad++" in words and "C++ engine" in words


def test_pdf_warns_when_the_resume_runs_past_its_page_budget(tmp_path: Path) -> None:
    jobs = "".join(
        f"  - name: Company {i}\n    position: Engineer\n    startDate: '{2000 + i}'\n"
        f"    endDate: '{2001 + i}'\n    highlights:\n"
        + "".join(f"      - Delivered project {i}.{j} on time and under budget\n" for j in range(5))
        for i in range(14)
    )
    (tmp_path / "p.yml").write_text(f"basics: {{name: Ann Lee}}\nwork:\n{jobs}", encoding="utf-8")
    result = run_cli("pdf", "resume", "p.yml", "-o", "out", cwd=tmp_path, process=True)
    assert result.returncode == 0, result.stderr
    assert re.search(
        r"meta\.pages: the résumé prints on [2-9] pages, over its budget of 1", (result.stderr)
    )
    single = run_cli(
        "pdf", "resume", "--profile", "p.yml", "-o", "one.pdf", cwd=tmp_path, process=True
    )
    assert "p.yml:1:1: warning length: meta.pages: the résumé prints on" in single.stderr
    (tmp_path / "p.yml").write_text(
        f"basics: {{name: Ann Lee}}\nwork:\n{jobs}meta: {{pages: 4}}\n", encoding="utf-8"
    )
    result = run_cli("pdf", "resume", "p.yml", "-o", "out", cwd=tmp_path, process=True)
    assert result.returncode == 0 and "over its budget" not in result.stderr, result.stderr


ACADEMIC = FIXTURES / "asis" / "academic-extensions.resume.json"


def test_common_extensions_are_printed_where_a_recruiter_looks(tmp_path: Path) -> None:
    shutil.copy(ACADEMIC, tmp_path / ACADEMIC.name)
    check = run_cli("check", ACADEMIC.name, cwd=tmp_path)
    assert check.returncode == 0 and "unknown key" not in check.stdout + check.stderr
    result = run_cli("pdf", "resume", ACADEMIC.name, "-o", "out", cwd=tmp_path, process=True)
    assert result.returncode == 0, result.stderr
    pdf = (tmp_path / "out" / "academic-extensions.resume" / "resume.pdf").read_bytes()
    words = " ".join(text(pdf).split())
    assert "Thesis: Cross-lingual transfer for low-resource morphological tagging" in words
    assert "Sofia Marchetti, Luca Bernardi, Anna Kowalska, Proceedings of ACL 2022" in words
    assert "Open-source toolkit for cross-lingual tagger transfer" in words  # projects[].summary
    assert "www.linkedin.com/in/sofia-marchetti" in words
    assert "https://www.linkedin.com/in/sofia-marchetti" in _links(pdf)


def test_the_site_shows_the_extensions_and_dates_a_paper_once(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", ACADEMIC)
    result = build(site, strict=True)
    assert result.returncode == 0, result.stderr
    resume = (site / "site" / "resume.html").read_text(encoding="utf-8")
    assert "Cross-lingual transfer for low-resource morphological tagging" in resume
    assert "Luca Bernardi" in resume and "used by three labs" in resume
    home = (site / "site" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://www.linkedin.com/in/sofia-marchetti"' in home  # basics.linkedin
    papers = (site / "site" / "publications.html").read_text(encoding="utf-8")
    assert "Luca Bernardi" in papers and "Present" not in papers
    assert "Marchetti, S., Bernardi, L., Kowalska, A. (2022)." in papers
    assert "Marchetti, Sofia and Bernardi, Luca and Kowalska, Anna" in papers


def test_what_a_company_does_is_its_own_line_not_glued_to_the_location(tmp_path: Path) -> None:
    data = {
        "basics": {"name": "Ann Lee"},
        "work": [
            {
                "name": "Confluent",
                "position": "Engineer",
                "location": "Mountain View, CA",
                "description": "Data streaming platform built on Apache Kafka",
                "startDate": "2021-03",
            }
        ],
    }
    (tmp_path / "a.json").write_text(json.dumps(data), encoding="utf-8")
    result = run_cli("pdf", "resume", "a.json", "-o", "out", cwd=tmp_path, process=True)
    assert result.returncode == 0, result.stderr
    lines = text((tmp_path / "out" / "a" / "resume.pdf").read_bytes()).splitlines()
    assert "Data streaming platform built on Apache Kafka" in lines
    assert not [x for x in lines if "CA, Data streaming" in x]


def test_a_scaffolded_site_is_titled_with_the_profiles_name() -> None:
    from jobpacket.profile.model import Basics, Profile
    from jobpacket.site import identity

    ann = Profile(basics=Basics(name="Ann Lee"))
    assert identity.site_identity(ann, "My portfolio", None, other_profile=False).site_name == (
        "Ann Lee"
    )
    kept = identity.site_identity(ann, "Ann's work", None, other_profile=False)
    assert kept.site_name == "Ann's work"  # a title the owner chose stays


def test_an_empty_yaml_end_date_is_ongoing_without_a_warning(tmp_path: Path) -> None:
    (tmp_path / "a.yml").write_text(
        "basics: {name: Ann}\nwork:\n  - name: Acme\n    startDate: '2021'\n    endDate:\n",
        encoding="utf-8",
    )
    result = run_cli("check", "--strict", "a.yml", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_long_sidebar_resume_carries_no_empty_tinted_column_onto_page_two(
    tmp_path: Path,
) -> None:
    import subprocess

    from PIL import Image, ImageStat

    jobs = "".join(
        f"  - name: Company {i}\n    position: Engineer\n    startDate: '{2000 + i}'\n"
        "    highlights: [Delivered the project on time, Cut costs by a tenth]\n"
        for i in range(24)
    )
    (tmp_path / "p.yml").write_text(
        f"basics: {{name: Ann Lee, email: ann@example.com}}\nwork:\n{jobs}skills:\n"
        + "".join(f"  - {{name: Skill {i}, keywords: [one, two, three]}}\n" for i in range(12))
        + "meta: {design: sidebar, pages: 3}\n",
        encoding="utf-8",
    )
    result = run_cli(
        "pdf", "resume", "--profile", "p.yml", "-o", "r.pdf", cwd=tmp_path, process=True
    )
    assert result.returncode == 0, result.stderr
    subprocess.run(
        ["pdftoppm", "-r", "30", "-gray", "-f", "1", "-l", "2", "-png", "r.pdf", "p"],
        cwd=tmp_path,
        check=True,
    )
    pages = sorted(tmp_path.glob("p-*.png"))
    assert len(pages) == 2
    for png, tinted in zip(pages, (True, False), strict=True):
        image = Image.open(png).convert("L")
        width, height = image.size
        # The side column's area, below the masthead and above the footer.
        column = image.crop((int(width * 0.06), int(height * 0.2), int(width * 0.3), height // 2))
        darkest = column.getextrema()[0]
        assert (darkest < 250) == tinted, (png.name, ImageStat.Stat(column).mean)
