"""collecting.fewer_collections: the young generation's threshold is raised for a block only."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from jobpacket.collecting import IMPORTING, RENDERING, SHORT_PROCESS, fewer_collections


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
