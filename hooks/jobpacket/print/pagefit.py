"""Rule `length` on the rendered page: a letter that overflows one page, a résumé over its
page budget (`meta.pages`, default 1).

Only a renderer knows where a page ends, so these findings come from the PDFs: the print
step reports them for the documents it makes, and `jobpacket check --render`
(checks/render.py) renders the same documents to report them without a build.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..errors import FieldPath, Problem
from ..profile.disabled import apply_disable
from ..profile.validate import LoadedProfile
from .pdffacts import facts_folder, page_count

if TYPE_CHECKING:
    from .printkit import PrintDocument

RULE = "length"


def page_findings(
    loaded: LoadedProfile, rendered: Iterable[tuple[PrintDocument | str, bytes]]
) -> list[Problem]:
    """Page-count findings for rendered documents (each given by itself or by its name, all
    a PDF known by its inputs still has), minus what the profile disabled."""
    profile = loaded.profile
    budget = profile.meta.pages or 1
    counts = facts_folder(loaded)
    out = []
    for doc, data in rendered:
        name = doc if isinstance(doc, str) else doc.name
        if name.endswith("-letter"):
            app_id = name.split("/", 1)[0]
            index = next((i for i, a in enumerate(profile.applications) if a.id == app_id), None)
            if index is None:
                continue
            pages = page_count(data, counts)
            if pages > 1:
                where: FieldPath = ("applications", index, "letter", "body")
                out.append(
                    loaded.source.problem(
                        where,
                        f"the letter runs to {pages} pages when printed",
                        severity="warning",
                        rule=RULE,
                        hint="a letter fits on one page: cut the body to about 350 words",
                    )
                )
        elif name == "resume":
            pages = page_count(data, counts)
            if pages > budget:
                out.append(
                    loaded.source.problem(
                        ("meta", "pages"),
                        f"the résumé prints on {pages} pages, over its budget of {budget}",
                        severity="warning",
                        rule=RULE,
                        hint="shorten or drop older entries (or mark them `visibility: "
                        "private`), or raise meta.pages",
                    )
                )
    return apply_disable(loaded, out)
