"""Who brings a matter to the community and when it may open (Law 10/2022 Art. 16): the Front
head's agreement, residents' initiatives with 10% of households' consents valid three months,
and commune-scope matters decided village by village (Arts 15(1)–(2), 21(1); ND 59 Art. 4(6)(c))."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

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
    vote_record,
)
from tests.conftest import make_household, make_unit
from tests.decisions.factories import propose


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
        actor=head, village=tree.village_a1, kind="other", form="meeting", title="Lễ hội"
    )
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
        form="meeting",
        title="Trồng cây xanh",
        origin="initiative",
    )
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
    make_unit("90001-003", "Thôn Ba", Kind.VILLAGE, tree.commune_a)
    villages = [tree.village_a1, tree.village_a2]
    homes = {v.pk: make_household(v, f"C-{v.code}", members=1) for v in villages}
    chair = personas["chair_a"]
    matter = propose(
        actor=chair, village=tree.commune_a, kind="contribution", form="ballot", title="Đường xã"
    )
    assert matter.scope == MatterScope.COMMUNE
    matter = matter_open(actor=chair, matter=matter)
    parts = {p.unit_id: p for p in Matter.objects.filter(parent=matter)}
    assert matter.eligible_households == 3 and len(parts) == 3
    with pytest.raises(DecisionError):  # every village must close first
        matter_close(actor=chair, matter=matter)
    for village in villages:  # two of three villages adopt it: exactly two-thirds
        vote_record(
            actor=chair,
            matter=parts[village.pk],
            household=homes[village.pk],
            choice="agree",
            channel="paper",
        )
    for part in parts.values():
        matter_close(actor=chair, matter=part)
    closed = matter_close(actor=chair, matter=matter)
    assert closed.villages_adopted == 2
    assert closed.status == MatterStatus.ADOPTED


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
