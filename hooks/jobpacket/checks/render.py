"""`jobpacket check --render`: the private documents rendered (through the PDF cache) to
report what only a rendered page shows, without a build: rule `length` on the page
(print/pagefit.py) and characters no installed font can print (print/glyphs.py).
"""

from __future__ import annotations

from collections.abc import Iterable

from ..errors import Problem, ProfileError
from ..print.pagefit import RULE, page_findings
from ..profile.validate import LoadedProfile


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
    from ..print.layout import choose_design

    design = choose_design(loaded, None)
    return page_findings(loaded, rendered) + glyph_findings(loaded, design)
