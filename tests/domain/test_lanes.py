"""Lanes come from roles (docs/codebook.md), not from every pair of actors."""

from __future__ import annotations

from timeline_app.domain import Pair, Participant, Role, lanes_of

INI, R, P, S = Role.INITIATOR, Role.RECIPIENT, Role.PARTICIPANT, Role.SUBJECT


def lanes(*actors: tuple[str, Role]) -> set[str]:
    return {pair.key for pair in lanes_of([Participant(code, role) for code, role in actors])}


def test_initiator_ties_to_each_recipient_but_recipients_not_to_each_other() -> None:
    assert lanes(("RUS", INI), ("TJK", R), ("KGZ", R)) == {"RUS-TJK", "KGZ-RUS"}


def test_participants_tie_pairwise() -> None:
    assert lanes(("IND", P), ("RUS", P), ("CASIA", P)) == {"IND-RUS", "CASIA-IND", "CASIA-RUS"}


def test_initiator_ties_to_participants_and_recipients() -> None:
    assert lanes(("IND", INI), ("CASIA", P), ("RUS", R)) == {"CASIA-IND", "IND-RUS"}


def test_a_subject_draws_no_lane() -> None:
    assert lanes(("IND", P), ("RUS", P), ("CHN", S)) == {"IND-RUS"}
    assert lanes(("USA", INI), ("IND", R), ("RUS", S)) == {"IND-USA"}


def test_two_initiators_do_not_tie_to_each_other() -> None:
    assert lanes(("SUN", INI), ("RUS", INI), ("IND", R)) == {"IND-SUN", "IND-RUS"}
    assert lanes(("SUN", INI), ("RUS", INI)) == set()


def test_lanes_are_sorted_and_unique() -> None:
    result = lanes_of([Participant("VNM", P), Participant("IND", P), Participant("CHN", S)])
    assert result == (Pair("IND", "VNM"),)
