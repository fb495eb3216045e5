"""Set-up shared by the election tests: a village of households and an election prepared step
by step, each step on its last legal day (ND 59/2023 Art. 6). No tests here."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from danchu.core.units.models import Unit
from danchu.decisions import outcome_hooks
from danchu.decisions.models import CommunityDecision, DecisionStatus, Election
from danchu.decisions.services_elections import (
    TeamMemberData,
    candidate_add,
    candidates_sent,
    election_plan,
    election_team_set,
    notice_posted,
)
from tests.conftest import make_household
from tests.decisions.factories import meeting_started

FRONT = "Phạm Thị Mặt Trận"
LEADER = "Lê Văn Tổ"
CANDIDATE = "Nguyễn Văn Ứng"


def today() -> date:
    return timezone.localdate()


def days_ago(n: int) -> date:
    return today() - timedelta(days=n)


def households(village: Unit, n: int, prefix: str = "E") -> list:
    return [make_household(village, f"{prefix}{i:03d}", members=1) for i in range(n)]


def team() -> list[TeamMemberData]:
    return [
        TeamMemberData(LEADER, "Ban công tác Mặt trận", is_front_representative=True),
        TeamMemberData("Trần Thị Hai", "Chi hội Phụ nữ"),
        TeamMemberData("Vũ Văn Ba", "Đại diện hộ gia đình"),
    ]


def planned(actor: Any, village: Unit, *, meeting_on: date | None = None, **kw: Any) -> Election:
    meeting_on = meeting_on or today()
    kw.setdefault("kind", "village_head")
    return election_plan(
        actor=actor,
        village=village,
        meeting_on=meeting_on,
        plan_issued_on=meeting_on - timedelta(days=20),
        front_agreed_by=FRONT,
        **kw,
    )


def prepared(
    actor: Any,
    village: Unit,
    *,
    candidates: tuple[str, ...] = (CANDIDATE,),
    open_vote: bool = True,
    **kw: Any,
) -> Election:
    """An election whose meeting is today, every step done on its last legal day."""
    election = planned(actor, village, **kw)
    meeting = election.meeting_on
    election_team_set(
        actor=actor, election=election, members=team(), decided_on=meeting - timedelta(days=10)
    )
    for name in candidates:
        candidate_add(actor=actor, election=election, full_name=name, nominated_by="Chi bộ")
    candidates_sent(
        actor=actor, election=election, sent_on=meeting - timedelta(days=15), front_head_name=FRONT
    )
    notice_posted(actor=actor, election=election, posted_on=meeting - timedelta(days=7))
    if open_vote:  # the election meeting, today, starts: the vote opens (Art. 18)
        meeting_started(actor, [election.matter])
    election.refresh_from_db()
    return election


def decision_for(matter: Any, *, recognised_on: date | None) -> CommunityDecision:
    return CommunityDecision.objects.create(
        matter=matter,
        status=DecisionStatus.RECOGNISED if recognised_on else DecisionStatus.REFUSED,
        decided_at=timezone.now(),
        total_households=matter.eligible_households or 0,
        representatives_present=matter.eligible_households or 0,
        households_absent=0,
        form="meeting",
        result="",
        content="",
        village_head_name="",
        front_head_name=FRONT,
        representative_1_name="A",
        representative_2_name="B",
        send_due=today(),
        recognised_on=recognised_on,
        effective_on=recognised_on,
        refused_on=None if recognised_on else today(),
    )


def fire(event: str, decision: CommunityDecision) -> None:
    with transaction.atomic():
        outcome_hooks.fire(event, decision)
