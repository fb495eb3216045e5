"""One household, one voice per matter; thresholds against ALL households (Law 10/2022 Arts
19(3), 21(1)); who may propose and record (Arts 16, 19(2); ND 59 Art. 5)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from danchu.core.access.errors import NotPermitted
from danchu.core.audit.models import AuditEvent
from danchu.decisions.models import HouseholdVote, MatterStatus
from danchu.decisions.services import (
    DecisionError,
    matter_close,
    matter_open,
    vote_record,
)
from tests.conftest import make_household
from tests.decisions.factories import open_online, propose


def _village_with(tree, count: int) -> list:
    return [make_household(tree.village_a1, f"V{i:03d}", members=1) for i in range(count)]


def _open(personas, tree, kind="contribution", form="meeting"):
    head = personas["village_head_a1"]
    matter = propose(
        actor=head, village=tree.village_a1, kind=kind, form=form, title="Làm đường bê tông"
    )
    if form == "online":
        return open_online(head, matter)
    return matter_open(actor=head, matter=matter)


def test_exactly_two_thirds_of_all_households_adopts_a_contribution(personas, tree):
    households = _village_with(tree, 3)
    matter = _open(personas, tree)
    assert matter.eligible_households == 3
    head = personas["village_head_a1"]
    vote_record(
        actor=head, matter=matter, household=households[0], choice="agree", channel="meeting"
    )
    vote_record(
        actor=head, matter=matter, household=households[1], choice="agree", channel="meeting"
    )
    closed = matter_close(actor=head, matter=matter)
    assert closed.status == MatterStatus.ADOPTED
    assert (closed.agree_count, closed.disagree_count) == (2, 0)


def test_absent_households_count_against_the_threshold(personas, tree):
    households = _village_with(tree, 4)
    matter = _open(personas, tree, kind="other")
    head = personas["village_head_a1"]
    for household in households[:2]:  # 2 of 4 agree: exactly 50% is not more than 50%
        vote_record(
            actor=head, matter=matter, household=household, choice="agree", channel="meeting"
        )
    assert matter_close(actor=head, matter=matter).status == MatterStatus.REJECTED


def test_a_household_is_never_counted_twice(personas, tree):
    households = _village_with(tree, 2)
    representative = personas["resident"]
    representative.person = households[0].representative
    representative.save()
    matter = _open(personas, tree, kind="other", form="online")
    vote_record(
        actor=representative,
        matter=matter,
        household=households[0],
        choice="agree",
        channel="online",
    )
    with pytest.raises(DecisionError):  # the same household again, now on paper
        vote_record(
            actor=personas["front_head_a1"],
            matter=matter,
            household=households[0],
            choice="disagree",
            channel="paper",
        )
    matter.refresh_from_db()
    assert (matter.agree_count, matter.disagree_count) == (1, 0)
    assert HouseholdVote.objects.filter(matter=matter).count() == 1


def test_only_the_representative_votes_online_and_only_for_other_matters(personas, tree):
    households = _village_with(tree, 2)
    matter = _open(personas, tree, kind="other", form="online")
    with pytest.raises(NotPermitted):
        vote_record(
            actor=personas["resident"],
            matter=matter,
            household=households[0],
            choice="agree",
            channel="online",
        )
    with pytest.raises(DecisionError):
        propose(
            actor=personas["village_head_a1"],
            village=tree.village_a1,
            kind="contribution",
            form="online",
            title="x",
        )
    with pytest.raises(DecisionError):
        propose(
            actor=personas["village_head_a1"],
            village=tree.village_a1,
            kind="village_code",
            form="ballot",
            title="x",
        )


def test_officials_of_other_units_can_neither_propose_nor_record(personas, tree):
    households = _village_with(tree, 1)
    with pytest.raises(NotPermitted):
        propose(
            actor=personas["officer_b"],
            village=tree.village_a1,
            kind="other",
            form="meeting",
            title="x",
        )
    matter = _open(personas, tree)
    for stranger in ("officer_b", "resident", "agency_head_a"):
        with pytest.raises(NotPermitted):
            vote_record(
                actor=personas[stranger],
                matter=matter,
                household=households[0],
                choice="agree",
                channel="paper",
            )
    assert not HouseholdVote.objects.exists()


def test_no_vote_after_closing_and_every_step_is_audited(personas, tree):
    households = _village_with(tree, 2)
    matter = _open(personas, tree)
    head = personas["village_head_a1"]
    matter_close(actor=head, matter=matter)
    with pytest.raises(DecisionError):
        vote_record(
            actor=head, matter=matter, household=households[0], choice="agree", channel="paper"
        )
    actions = list(
        AuditEvent.objects.filter(target_id=str(matter.pk)).values_list("action", flat=True)
    )
    assert actions == [
        "decisions.matter_created",
        "decisions.matter_opened",
        "decisions.matter_closed",
    ]


@pytest.mark.postgres
def test_two_hundred_concurrent_voters_no_duplicate_no_lost_vote(transactional_db, tree, personas):
    """200 households vote at once, each twice (paper and again), on PostgreSQL."""
    households = [make_household(tree.village_a1, f"C{i:03d}", members=1) for i in range(200)]
    matter = _open(personas, tree, kind="other")
    head = personas["village_head_a1"]
    refused: list[int] = []
    errors: list[Exception] = []
    start = threading.Barrier(40)

    def voters(chunk):
        try:
            start.wait()
            for household in chunk:
                for _attempt in range(2):
                    try:
                        vote_record(
                            actor=head,
                            matter=matter,
                            household=household,
                            choice="agree",
                            channel="paper",
                        )
                    except DecisionError:
                        refused.append(household.pk)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=voters, args=(households[i::40],)) for i in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    matter.refresh_from_db()
    assert HouseholdVote.objects.filter(matter=matter).count() == 200
    assert matter.agree_count == 200
    assert sorted(refused) == sorted(h.pk for h in households)


def test_a_household_registered_after_opening_cannot_vote(personas, tree):
    _village_with(tree, 2)
    matter = _open(personas, tree, kind="other")
    newcomer = make_household(tree.village_a1, "MOI", members=1)
    with pytest.raises(DecisionError):
        vote_record(
            actor=personas["village_head_a1"],
            matter=matter,
            household=newcomer,
            choice="agree",
            channel="paper",
        )
    assert (
        matter_close(actor=personas["village_head_a1"], matter=matter).status
        == MatterStatus.REJECTED
    )


def test_ballots_cannot_be_chosen_up_front_for_a_contribution(personas, tree):
    with pytest.raises(DecisionError):
        propose(
            actor=personas["village_head_a1"],
            village=tree.village_a1,
            kind="contribution",
            form="ballot",
            title="x",
        )
