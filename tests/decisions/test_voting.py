"""One household, one voice per matter; thresholds against ALL households (Law 10/2022 Arts
19(3), 21(1)); who may propose and record (Arts 16, 19(2); ND 59 Art. 5); the channel each form
takes: counts at a meeting, coded ballots, online votes and paper answers to an online vote, and
nothing after the announced end."""

from __future__ import annotations

import re
import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext

from danchu.core.access.errors import NotPermitted
from danchu.core.audit.models import AuditEvent
from danchu.decisions.models import Ballot, HouseholdVote, Matter, MatterStatus
from danchu.decisions.services import (
    DecisionError,
    matter_close,
    vote_record,
)
from danchu.decisions.services_ballots import ballot_enter
from tests.conftest import make_household
from tests.decisions.factories import ballots_ready, decide_at_meeting, open_online, propose

MEETING_COUNTS = (
    "A meeting records the count of each matter, not each household's vote: enter the count on "
    "the meeting's page."
)
BY_CODE = "A paper ballot is entered by the code printed on it, on the matter's ballots page."


def _village_with(tree, count: int) -> list:
    return [make_household(tree.village_a1, f"V{i:03d}", members=1) for i in range(count)]


def _draft(personas, tree, kind="other", form="online"):
    head = personas["village_head_a1"]
    return propose(
        actor=head, village=tree.village_a1, kind=kind, form=form, title="Làm đường bê tông"
    )


def _open(personas, tree, kind="other", form="online"):
    """An open online vote (the only form whose matter page takes votes one by one)."""
    return open_online(personas["village_head_a1"], _draft(personas, tree, kind, form))


def test_exactly_two_thirds_of_all_households_adopts_a_contribution(personas, tree):
    _village_with(tree, 3)
    head = personas["village_head_a1"]
    matter = decide_at_meeting(head, _draft(personas, tree, "contribution", "meeting"), agree=2)
    assert matter.eligible_households == 3
    assert matter.status == MatterStatus.ADOPTED
    assert (matter.agree_count, matter.disagree_count) == (2, 0)


def test_absent_households_count_against_the_threshold(personas, tree):
    _village_with(tree, 4)
    head = personas["village_head_a1"]
    # 2 of 4 agree, 4 present: exactly 50% is not more than 50%.
    matter = decide_at_meeting(head, _draft(personas, tree, "other", "meeting"), agree=2)
    assert matter.status == MatterStatus.REJECTED


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


# --- the channel each form takes (Arts 18–19; ND 59/2023 Arts 3–5) ---------------------------


def test_a_meeting_never_records_a_households_vote(personas, tree):
    households = _village_with(tree, 2)
    matter = _open(personas, tree)
    with pytest.raises(DecisionError, match=re.escape(gettext(MEETING_COUNTS))):
        vote_record(
            actor=personas["village_head_a1"],
            matter=matter,
            household=households[0],
            choice="agree",
            channel="meeting",
        )
    assert not HouseholdVote.objects.exists()


def test_a_paper_ballot_is_entered_only_by_its_code(personas, tree):
    households = _village_with(tree, 3)
    head = personas["village_head_a1"]
    matter = ballots_ready(head, _draft(personas, tree, "other", "ballot"))
    with pytest.raises(DecisionError, match=re.escape(gettext(BY_CODE))):
        vote_record(
            actor=head, matter=matter, household=households[0], choice="agree", channel="paper"
        )
    assert not HouseholdVote.objects.exists()
    ballot = Ballot.objects.get(matter=matter, household=households[0])
    ballot_enter(actor=head, code=ballot.code, choice="agree", matter=matter)
    assert HouseholdVote.objects.get(matter=matter).channel == "paper"


def test_the_online_team_enters_answers_given_on_paper(personas, tree):
    households = _village_with(tree, 2)
    matter = _open(personas, tree)
    vote = vote_record(
        actor=personas["front_head_a1"],
        matter=matter,
        household=households[0],
        choice="disagree",
        channel="paper",
    )
    assert (vote.channel, vote.entered_by) == ("paper", personas["front_head_a1"])


def test_no_vote_after_the_announced_end(personas, tree):
    households = _village_with(tree, 2)
    matter = _open(personas, tree)
    representative = personas["resident"]
    representative.person = households[0].representative
    representative.save()
    ends = timezone.now() + timedelta(minutes=5)
    Matter.objects.filter(pk=matter.pk).update(closes_at=ends)
    vote_record(
        actor=representative,
        matter=matter,
        household=households[0],
        choice="agree",
        channel="online",
    )
    Matter.objects.filter(pk=matter.pk).update(closes_at=timezone.now() - timedelta(seconds=1))
    for actor, household, channel in (
        (representative, households[0], "online"),
        (personas["front_head_a1"], households[1], "paper"),
    ):
        with pytest.raises(DecisionError):
            vote_record(
                actor=actor, matter=matter, household=household, choice="agree", channel=channel
            )
    assert HouseholdVote.objects.filter(matter=matter).count() == 1


@pytest.mark.postgres
def test_two_hundred_concurrent_voters_no_duplicate_no_lost_vote(transactional_db, tree, personas):
    """200 households vote at once, each twice (paper and again), on PostgreSQL."""
    households = [make_household(tree.village_a1, f"C{i:03d}", members=1) for i in range(200)]
    matter = _open(personas, tree)  # the online team enters answers given on paper
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
    matter = _open(personas, tree)
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
