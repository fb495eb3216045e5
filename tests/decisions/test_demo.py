"""The demo decisions (issue #6 acceptance): a contribution adopted at a meeting with exactly
two-thirds of ALL households, an "other" matter decided online, a village code adopted by
household ballots after a meeting without its quorum; each with its papers as PDF and DOCX."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from danchu.core.documents.models import DocumentFile
from danchu.core.people.models import Household
from danchu.decisions.demo import REGISTERED, build_demo_decisions
from danchu.decisions.models import (
    CommunityDecision,
    DecisionForm,
    HouseholdVote,
    Matter,
    MatterStatus,
    VillageCode,
    VillageCodeStatus,
)
from tests.conftest import make_household


def _village(tree, count: int) -> None:
    for index in range(count):
        make_household(tree.village_a1, f"{index + 1:04d}", members=1)
    Household.objects.update(joined_on=date(2025, 7, 1), created_at=timezone.make_aware(REGISTERED))


def _formats(document) -> set[str]:
    return set(DocumentFile.objects.filter(document=document).values_list("format", flat=True))


def test_the_demo_village_decides_three_ways(personas, tree):
    _village(tree, 32)  # two move away: 30 households, divisible by three
    made = build_demo_decisions(tree.commune_a)
    assert len(made) == 3
    contribution, online, code_matter = (Matter.objects.get(pk=m.pk) for m in made)

    assert Household.objects.current().filter(village=tree.village_a1).count() == 30
    assert contribution.status == MatterStatus.ADOPTED
    assert contribution.form == DecisionForm.MEETING
    assert 3 * contribution.agree_count == 2 * contribution.eligible_households  # exactly 2/3

    assert online.status == MatterStatus.ADOPTED and online.form == DecisionForm.ONLINE
    assert 2 * online.poll_chose_online > online.eligible_households
    assert HouseholdVote.objects.filter(matter=online, channel="online").count() > 15

    assert code_matter.ballot_fallback and code_matter.form == DecisionForm.BALLOT
    assert code_matter.status == MatterStatus.ADOPTED
    code = VillageCode.objects.get(matter=code_matter)
    assert code.status == VillageCodeStatus.IN_EFFECT and code.recognised_on is not None

    for matter in (contribution, online, code_matter):
        decision = CommunityDecision.objects.get(matter=matter)
        assert decision.sent_on is not None
        assert _formats(decision.document) >= {"pdf", "docx"}
    recognised = CommunityDecision.objects.get(matter=code_matter)
    assert _formats(recognised.recognition_document) >= {"pdf", "docx"}


def test_the_demo_runs_once(personas, tree):
    _village(tree, 30)
    build_demo_decisions(tree.commune_a)
    counts = (
        Matter.objects.count(),
        HouseholdVote.objects.count(),
        CommunityDecision.objects.count(),
    )
    assert build_demo_decisions(tree.commune_a) == []
    assert (
        Matter.objects.count(),
        HouseholdVote.objects.count(),
        CommunityDecision.objects.count(),
    ) == counts
