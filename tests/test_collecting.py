"""collecting.fewer_collections: the young generation's threshold is raised for a block only."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from jobpacket.collecting import IMPORTING, RENDERING, SHORT_PROCESS, fewer_collections

from .conftest import checkout_env, run_python


@pytest.fixture(autouse=True)
def _usual_thresholds() -> Iterator[None]:
    before = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    yield
    gc.set_threshold(*before)


def test_the_block_collects_less_often_and_the_usual_thresholds_come_back() -> None:
    with fewer_collections(RENDERING):
        assert gc.get_threshold() == (RENDERING, 10, 10)
    assert gc.get_threshold() == (700, 10, 10)


def test_the_thresholds_come_back_when_the_block_raises() -> None:
    with pytest.raises(ValueError), fewer_collections(IMPORTING):
        raise ValueError
    assert gc.get_threshold() == (700, 10, 10)


def test_a_block_never_collects_more_often_than_its_caller_asked() -> None:
    """A render inside a command that already collects every 50,000 keeps 50,000."""
    gc.set_threshold(*SHORT_PROCESS)
    with fewer_collections(RENDERING):
        assert gc.get_threshold() == SHORT_PROCESS
    assert gc.get_threshold() == SHORT_PROCESS


def test_cycles_made_in_the_block_are_still_collected() -> None:
    class Node:
        other: object = None

    with fewer_collections(IMPORTING):
        a, b = Node(), Node()
        a.other, b.other = b, a
        count = len([o for o in gc.get_objects() if isinstance(o, Node)])
        del a, b
    assert count == 2
    gc.collect()
    assert not [o for o in gc.get_objects() if isinstance(o, Node)]


EXIT_PROBE = """
import atexit, gc, sys
# registered first, so run last: after every exit handler the command registered
atexit.register(lambda: print("frozen at exit:", gc.get_freeze_count()))
if sys.argv[1] == "command":
    from jobpacket.cli import main
    main(["schema"], standalone_mode=False)
"""


@pytest.mark.parametrize("run", ["command", "plain"])
def test_a_command_leaves_what_is_alive_at_exit_out_of_the_last_collection(
    run: str, tmp_path: Path
) -> None:
    """A real `jobpacket schema` in its own interpreter: everything alive as it exits is
    frozen, so the interpreter's last full collection does not walk it; a plain Python
    process (the control) freezes nothing."""
    out = run_python("-c", EXIT_PROBE, run, cwd=tmp_path, env=checkout_env(), check=True).stdout
    frozen = int(out.rsplit("frozen at exit:", 1)[1])
    if run == "command":
        assert frozen > 10_000  # the modules, click, pydantic's schema tables
        assert '"$schema"' in out  # the command did its work and printed it whole
    else:
        assert frozen == 0
