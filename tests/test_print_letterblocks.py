"""print/letterblocks.py: a user's letter body is their own text; only a line holding
nothing but `[[updates]]` or `[[enclosures]]` is replaced by its list, and every other use
is a located finding. Whole letters are in test_print_letters.py."""

from __future__ import annotations

from jobpacket.print.letterblocks import bullets, expand_blocks, md

BLOCKS: dict[str, list[str] | str] = {"updates": ["one", "two"], "enclosures": []}


def test_a_block_line_becomes_its_list_and_nothing_else_is_interpreted() -> None:
    body = (
        "Hi.\n[[updates]]\n```\n[[updates]]\n```\nSee [[updates]] inline {{ 7*7 }}\n"
        "[[enclosures]]\n"
    )
    text, found = expand_blocks(body, where=("b",), blocks=BLOCKS)
    assert text == (
        "Hi.\n\n- one\n- two\n\n```\n[[updates]]\n```\nSee [[updates]] inline {{ 7*7 }}\n\n"
    )
    # The inline use prints as typed, with a warning on its line.
    assert [(f.severity, f.message) for f in found] == [
        (
            "warning",
            "line 6 of the body: [[updates]] expands only on a line of its own; put it on "
            "its own line",
        )
    ]


def test_a_repeated_block_and_an_unavailable_one_are_errors() -> None:
    text, found = expand_blocks(
        "[[updates]]\n[[updates]]\n[[enclosures]]\n",
        where=("b",),
        blocks={"updates": ["one"], "enclosures": "needs the date you applied"},
    )
    assert [(f.severity, f.message) for f in found] == [
        (
            "error",
            "line 2 of the body: [[updates]] again (it is on line 1); a block expands once: "
            "keep one",
        ),
        ("error", "line 3 of the body: [[enclosures]] needs the date you applied"),
    ]
    assert text.count("- one") == 1


def test_an_empty_block_warns_only_when_asked_why() -> None:
    _, quiet = expand_blocks("[[enclosures]]", where=("b",), blocks=BLOCKS)
    assert quiet == []
    _, said = expand_blocks(
        "[[enclosures]]", where=("b",), blocks=BLOCKS, empty={"enclosures": "lists nothing"}
    )
    assert [f.message for f in said] == ["line 1 of the body: [[enclosures]] lists nothing"]


def test_profile_facts_are_literal_markdown() -> None:
    assert md("Acme *Labs* [x] `c` > q_") == "Acme \\*Labs\\* \\[x\\] \\`c\\` \\> q\\_"
    assert md("a <b>  c\n d") == "a &lt;b\\> c d"
    assert md(None) == ""
    assert bullets(["a", "b"]) == "- a\n- b"


def test_expand_blocks_leaves_everything_else_alone() -> None:
    body = "Dear all,\n\n[[Enclosures]]\n  [[updates]]  \n[x]: https://example.com\n[[ x ]] y\n"
    text, findings = expand_blocks(
        body, where=("b",), blocks={"updates": ["one"], "enclosures": ["Résumé"]}
    )
    # Names are exact (lowercase); a known name may carry spaces around it on its own line.
    assert [f.message for f in findings if f.severity == "error"] == [
        "line 3 of the body: [[Enclosures]] is not a block jobpacket knows; did you mean "
        "[[enclosures]]? the blocks are [[updates]], [[enclosures]]"
    ]
    assert "\n- one\n" in text and "[x]: https://example.com\n[[ x ]] y\n" in text
