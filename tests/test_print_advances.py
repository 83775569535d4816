"""The table of advance widths that plans contact lines (print/advances.py) is the shipped
fonts': regenerate it with `python -m jobpacket.print.contactrows` when a font changes."""

from __future__ import annotations

from jobpacket.print import contactrows
from jobpacket.print.advances import TABLES


def test_the_table_of_advance_widths_is_the_fonts() -> None:
    for face, path in contactrows.FACES.items():
        assert contactrows.font_table(path) == TABLES[face], (
            f"advances.py is out of date for {path.name}: run python -m jobpacket.print.contactrows"
        )
