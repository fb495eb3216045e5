"""Set-up shared by the ballots and online tests (no tests here): a village of households, a
matter decided by household ballots with a lawful plan and team, opened and issued."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from danchu.decisions.domain import ballots as rules_ballots
from danchu.decisions.models import Matter
from danchu.decisions.services import matter_open
from danchu.decisions.services_ballots import ballot_plan_create, ballot_team_set, ballots_issue
from tests.conftest import make_household
from tests.decisions.factories import propose

TEAM = [
    {
        "full_name": "Nguyễn Thị Mặt Trận",
        "represents": rules_ballots.REPRESENTS_FRONT,
        "is_leader": True,
        "is_front_representative": True,
    },
    {"full_name": "Trần Văn Thôn", "represents": rules_ballots.REPRESENTS_VILLAGE},
    {"full_name": "Lê Thị Hội", "represents": rules_ballots.REPRESENTS_ORGANISATION},
]
ONLINE_TEAM = [*TEAM[:2], {"full_name": "Phạm Kỹ Thuật", "represents": rules_ballots.REPRESENTS_IT}]


def village(tree, count: int, prefix: str = "H") -> list:
    return [make_household(tree.village_a1, f"{prefix}{i:03d}", members=1) for i in range(count)]


def plan_dates(**overrides: Any) -> dict[str, Any]:
    today = timezone.localdate()
    dates = {
        "purpose": "Lấy ý kiến hộ gia đình về giờ tắt đèn đường",
        "issued_on": today - timedelta(days=3),
        "sent_to_commune_on": today - timedelta(days=2),
        "notice_posted_on": today - timedelta(days=2),
        "notice_channels": ["posting", "loudspeaker"],
        "distribution_starts_on": today,
        "return_deadline": today + timedelta(days=7),
    }
    dates.update(overrides)
    return dates


def ballot_matter(personas, tree, *, title: str = "Giờ tắt đèn đường") -> Matter:
    head = personas["village_head_a1"]
    return propose(actor=head, village=tree.village_a1, kind="other", form="ballot", title=title)


def ready_and_issued(personas, tree, **plan: Any) -> Matter:
    """A ballot matter with plan and team, opened, one ballot issued per household."""
    head = personas["village_head_a1"]
    matter = ballot_matter(personas, tree)
    ballot_plan_create(actor=head, matter=matter, **plan_dates(**plan))
    ballot_team_set(actor=personas["front_head_a1"], matter=matter, members=TEAM)
    matter = matter_open(actor=head, matter=matter)
    ballots_issue(actor=head, matter=matter)
    matter.refresh_from_db()
    return matter


def represent(user, household) -> None:
    user.person = household.representative
    user.save()
