"""Rule `length`, on the rendered page: a letter that overflows one page, a résumé over its
page budget (`meta.pages`, default 1).

Only a renderer knows where a page ends, so these findings come from PDFs: the build's print
step reports them for the documents it makes, and `jobpacket check --render` renders the same
documents to report them without a build. Importing this module imports neither WeasyPrint
nor pypdf; the functions do, when called.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..profile.errors import FieldPath, Problem, ProfileError
from ..profile.validate import LoadedProfile
from .pdffacts import page_count
from .where import finding

if TYPE_CHECKING:
    from ..print.printkit import PrintDocument

RULE = "length"


def page_findings(
    loaded: LoadedProfile, rendered: Iterable[tuple[PrintDocument | str, bytes]]
) -> list[Problem]:
    """Page-count findings for rendered documents (each given by itself or by its name, all
    a PDF known by its inputs still has), minus what the profile disabled."""
    from . import apply_disable
    from .pdffacts import facts_folder

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
                    finding(
                        loaded,
                        RULE,
                        where,
                        f"the letter runs to {pages} pages when printed",
                        hint="a letter fits on one page: cut the body to about 350 words",
                    )
                )
        elif name == "resume":
            pages = page_count(data, counts)
            if pages > budget:
                out.append(
                    finding(
                        loaded,
                        RULE,
                        ("meta", "pages"),
                        f"the résumé prints on {pages} pages, over its budget of {budget}",
                        hint="shorten or drop older entries (or mark them `visibility: "
                        "private`), or raise meta.pages",
                    )
                )
    return apply_disable(loaded, out)


def check_rendered(loaded: LoadedProfile, *, disable: Iterable[str] = ()) -> list[Problem]:
    """Render the private documents (through the PDF cache) and report their page counts,
    and any character of the résumé no installed font can print (print/glyphs.py).

    Errors that stop the documents being made are returned as the build reports them; the
    documents' other notes (a missing enclosure) are the `files` rule's and not repeated.
    """
    if RULE in set(disable):
        return []
    from ..print import documents, outputs

    cache = outputs.default_cache_dir(loaded)
    try:
        prepared = [doc for _, doc in documents.private_set(loaded)]
    except ProfileError as exc:
        return list(exc.problems)
    rendered = [(doc, outputs.render(doc, cache_dir=cache)) for doc in prepared]
    from ..print.glyphs import glyph_findings
    from ..print.printkit import choose_design

    design = choose_design(loaded, None)
    return page_findings(loaded, rendered) + glyph_findings(loaded, design)
