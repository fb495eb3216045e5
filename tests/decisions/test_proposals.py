"""Who brings a matter to the community and when it may open (Law 10/2022 Art. 16): the Front
head's agreement, residents' initiatives with 10% of households' consents valid three months,
and commune-scope matters decided village by village (Arts 15(1)–(2), 21(1); ND 59 Art. 4(6)(c))."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone
from django.utils.translation import gettext

from danchu.core.audit.models import AuditEvent
from danchu.core.units.domain.kinds import Kind
from danchu.decisions.domain.initiative import initiative_reaches_agenda
from danchu.decisions.models import Matter, MatterScope, MatterStatus
from danchu.decisions.services import (
    DecisionError,
    consent_record,
    front_agreement_record,
    matter_close,
    matter_create,
    matter_open,
    valid_consents,
)
from tests.conftest import make_household, make_unit
from tests.decisions.factories import (
    ballot_plan_and_team,
    decide_at_meeting,
    decide_by_ballots,
    propose,
)


@pytest.mark.parametrize(
    ("households", "consents", "front_approved", "expected"),
    [
        (100, 10, False, True),  # exactly 10% (Art. 16(3) "ít nhất 10%")
        (100, 9, False, False),
        (100, 9, True, True),  # below 10%, approved by the Front work committee
        (95, 10, False, True),  # 10.5%
        (101, 10, False, False),  # 9.9%
        (0, 0, False, False),
        (0, 0, True, True),
    ],
)
def test_initiative_threshold(households, consents, front_approved, expected):
    assert initiative_reaches_agenda(households, consents, front_approved) is expected


@pytest.mark.parametrize(("households", "consents"), [(-1, 0), (1, -1), (5, 6)])
def test_initiative_threshold_refuses_bad_counts(households, consents):
    with pytest.raises(ValueError):
        initiative_reaches_agenda(households, consents, False)


def test_a_proposal_opens_only_with_the_front_heads_agreement(personas, tree):
    make_household(tree.village_a1, "P01", members=1)
    head = personas["village_head_a1"]
    matter = matter_create(
        actor=head, village=tree.village_a1, kind="other", form="ballot", title="Lễ hội"
    )
    ballot_plan_and_team(head, matter)
    with pytest.raises(DecisionError):
        matter_open(actor=head, matter=matter)
    assert Matter.objects.get(pk=matter.pk).status == MatterStatus.DRAFT
    front_agreement_record(
        actor=head, matter=matter, agreed_by="Lê Thị Mặt Trận", agreed_on=date(2026, 11, 20)
    )
    opened = matter_open(actor=head, matter=matter)
    assert opened.status == MatterStatus.OPEN
    assert AuditEvent.objects.filter(action="decisions.front_agreed").count() == 1


def _initiative(personas, tree, count=20):
    households = [make_household(tree.village_a1, f"I{i:02d}", members=1) for i in range(count)]
    matter = matter_create(
        actor=personas["village_head_a1"],
        village=tree.village_a1,
        kind="other",
        form="ballot",
        title="Trồng cây xanh",
        origin="initiative",
    )
    ballot_plan_and_team(personas["village_head_a1"], matter)
    return matter, households


def test_an_initiative_opens_at_ten_percent_of_all_households(personas, tree):
    matter, households = _initiative(personas, tree)  # 20 households: 2 consents needed
    head = personas["village_head_a1"]
    today = timezone.localdate()
    consent_record(actor=head, matter=matter, household=households[0], given_on=today)
    with pytest.raises(DecisionError):
        matter_open(actor=head, matter=matter)
    consent_record(actor=head, matter=matter, household=households[1], given_on=today)
    assert matter_open(actor=head, matter=matter).status == MatterStatus.OPEN


def test_consents_older_than_three_months_do_not_count(personas, tree):
    matter, households = _initiative(personas, tree)
    head = personas["village_head_a1"]
    on = date(2026, 11, 26)
    consent_record(actor=head, matter=matter, household=households[0], given_on=date(2026, 8, 26))
    consent_record(actor=head, matter=matter, household=households[1], given_on=date(2026, 8, 27))
    # Civil Code Arts 147–148: given on 26/8, the three months run from 27/8 to the end of
    # 26/11; on 27/11 it no longer counts, while the consent of 27/8 still does.
    assert valid_consents(matter, on) == 2
    assert valid_consents(matter, on + timedelta(days=1)) == 1
    assert valid_consents(matter, date(2026, 11, 28)) == 0


def test_a_household_consents_once(personas, tree):
    matter, households = _initiative(personas, tree)
    head = personas["village_head_a1"]
    consent_record(actor=head, matter=matter, household=households[0], given_on=date(2026, 11, 1))
    with pytest.raises(DecisionError):
        consent_record(
            actor=head, matter=matter, household=households[0], given_on=date(2026, 11, 2)
        )
    assert matter.consents.count() == 1


def test_a_commune_matter_is_decided_by_two_thirds_of_all_villages(personas, tree):
    third = make_unit("90001-003", "Thôn Ba", Kind.VILLAGE, tree.commune_a)
    villages = [tree.village_a1, tree.village_a2, third]
    for village in villages:
        make_household(village, f"C-{village.code}", members=1)
    chair = personas["chair_a"]
    matter = propose(
        actor=chair, village=tree.commune_a, kind="contribution", form="ballot", title="Đường xã"
    )
    assert matter.scope == MatterScope.COMMUNE
    matter = matter_open(actor=chair, matter=matter)
    parts = {p.unit_id: p for p in Matter.objects.filter(parent=matter)}
    assert matter.eligible_households == 3 and len(parts) == 3
    # Each village's part is a draft until its own step opens it.
    assert {p.status for p in parts.values()} == {MatterStatus.DRAFT}
    assert {p.eligible_households for p in parts.values()} == {None}
    with pytest.raises(DecisionError):  # every village must close first
        matter_close(actor=chair, matter=matter)
    # Two of three villages adopt it by ballots: exactly two-thirds of ALL villages.
    for village, agree in ((tree.village_a1, 1), (tree.village_a2, 1), (third, 0)):
        part = parts[village.pk]
        with pytest.raises(DecisionError):  # not closed directly: its count closes it
            matter_close(actor=chair, matter=part)
        closed = decide_by_ballots(chair, part, agree=agree, disagree=1 - agree)
        assert closed.eligible_households == 1
        assert closed.status == (MatterStatus.ADOPTED if agree else MatterStatus.REJECTED)
    closed = matter_close(actor=chair, matter=matter)
    assert closed.villages_adopted == 2
    assert closed.status == MatterStatus.ADOPTED


def test_a_commune_matter_waits_for_every_village_and_counts_all_villages(personas, tree):
    make_unit("90001-003", "Thôn Ba", Kind.VILLAGE, tree.commune_a)
    make_household(tree.village_a1, "W1", members=1)
    chair = personas["chair_a"]
    matter = matter_open(
        actor=chair,
        matter=propose(
            actor=chair, village=tree.commune_a, kind="contribution", form="ballot", title="Cầu"
        ),
    )
    part = matter.village_matters.get(unit=tree.village_a1)
    decide_by_ballots(chair, part, agree=1)
    # One village adopted it, two have not decided: the commune cannot count yet.
    with pytest.raises(
        DecisionError, match=gettext("Some villages have not closed their vote yet.")
    ):
        matter_close(actor=chair, matter=matter)
    assert Matter.objects.get(pk=matter.pk).status == MatterStatus.OPEN


def test_a_village_part_of_a_commune_matter_goes_through_the_village_meeting(personas, tree):
    homes = [make_household(tree.village_a1, f"M{i}", members=1) for i in range(3)]
    chair = personas["chair_a"]
    matter = matter_open(
        actor=chair,
        matter=propose(
            actor=chair, village=tree.commune_a, kind="contribution", form="meeting", title="Chợ"
        ),
    )
    part = matter.village_matters.get(unit=tree.village_a1)
    with pytest.raises(DecisionError):  # a part opens only with its village's meeting
        matter_open(actor=personas["village_head_a1"], matter=part)
    make_household(tree.village_a1, "M-late", members=1)  # counted: the part is still a draft
    part = decide_at_meeting(personas["village_head_a1"], part, agree=3)
    assert part.meeting_id is not None and part.eligible_households == len(homes) + 1
    assert part.status == MatterStatus.ADOPTED


def test_a_part_of_household_ballots_opens_on_its_plan_and_team(personas, tree):
    make_household(tree.village_a1, "B1", members=1)
    chair = personas["chair_a"]
    matter = matter_open(
        actor=chair,
        matter=propose(
            actor=chair, village=tree.commune_a, kind="community_fund", form="ballot", title="Quỹ"
        ),
    )
    part = matter.village_matters.get(unit=tree.village_a1)
    with pytest.raises(DecisionError):
        matter_open(actor=chair, matter=part)
    ballot_plan_and_team(chair, part)
    assert matter_open(actor=chair, matter=part).status == MatterStatus.OPEN


# --- consents (Art. 16(3)) ---------------------------------------------------------------------


def test_consents_are_collected_only_while_the_initiative_is_a_draft(personas, tree):
    matter, households = _initiative(personas, tree)
    head = personas["village_head_a1"]
    today = timezone.localdate()
    for household in households[:2]:
        consent_record(actor=head, matter=matter, household=household, given_on=today)
    matter_open(actor=head, matter=matter)
    with pytest.raises(
        DecisionError, match=gettext("Consents are collected only while the initiative is a draft.")
    ):
        consent_record(actor=head, matter=matter, household=households[2], given_on=today)
    assert matter.consents.count() == 2


def test_only_consents_of_households_still_in_the_village_count(personas, tree):
    matter, households = _initiative(personas, tree)  # 20 households: 2 consents needed
    head = personas["village_head_a1"]
    today = timezone.localdate()
    for household in households[:2]:
        consent_record(actor=head, matter=matter, household=household, given_on=today)
    assert valid_consents(matter, today) == 2
    households[0].left_on = today
    households[0].save()
    assert valid_consents(matter, today) == 1
    with pytest.raises(DecisionError):  # 1 of 19 current households is under 10%
        matter_open(actor=head, matter=matter)


def test_only_contributions_and_funds_have_commune_scope(personas, tree):
    with pytest.raises(DecisionError):
        propose(
            actor=personas["chair_a"],
            village=tree.commune_a,
            kind="other",
            form="meeting",
            title="Lễ hội xã",
        )
    assert not Matter.objects.exists()
