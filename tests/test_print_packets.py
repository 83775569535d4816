"""print/packets.py: which applications are bound, in which order, and what a name that is
not an application gets. (Binding itself is tested in test_print_packet.py.)"""

from __future__ import annotations

import pytest

from jobpacket.errors import UserError
from jobpacket.print.packets import PACKETS_DIR, bindable_ids, packet_ids
from jobpacket.profile.validate import LoadedProfile, load_profile

from .conftest import EXAMPLE


@pytest.fixture(scope="module")
def example() -> LoadedProfile:
    return load_profile(EXAMPLE)


def test_named_applications_are_bound_in_the_order_given_once_each(
    example: LoadedProfile,
) -> None:
    ids = [a.id for a in example.profile.applications]
    assert len(ids) >= 2
    assert packet_ids(example, [ids[1], ids[0], ids[1]]) == [ids[1], ids[0]]


def test_all_binds_every_application_still_in_play(example: LoadedProfile) -> None:
    live = [a.id for a in example.profile.applications if a.status not in ("withdrawn", "accepted")]
    assert packet_ids(example, every=True) == live
    assert bindable_ids(example) == [a.id for a in example.profile.applications]


def test_an_unknown_id_names_the_known_ones(example: LoadedProfile) -> None:
    with pytest.raises(UserError) as exc:
        packet_ids(example, ["nope"])
    message = str(exc.value)
    assert "'nope'" in message
    assert all(a.id in message for a in example.profile.applications)


def test_packets_go_under_build() -> None:
    assert PACKETS_DIR.parts == ("build", "packets")
