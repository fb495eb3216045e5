"""Test set-up for decisions, through the real steps of the procedure:

* ``propose``: a proposal with the Front head's agreement recorded (Art. 16(2));
* ``poll_passed`` / ``open_online``: an online matter whose preliminary poll passed (ND 59/2023
  Art. 5(2)(c));
* ``decide_at_meeting``: a meeting-form matter decided at a community meeting — planned,
  notice 3 days ahead, documents of items 1–3 delivered 2 days ahead, started, attendance,
  secretary and method approved, the count recorded, closed (Art. 18; ND 59 Art. 3);
* ``decide_by_ballots``: a ballot-form matter decided by household ballots — plan, team,
  opened, one ballot per household issued, the returned ballots entered by their codes and
  counted before two witnesses (Art. 19; ND 59 Art. 4);
* ``posted_code_matter``: a village-code matter put to the vote from a draft posted for its
  comment period (ND 61/2023 Art. 9(1)).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from danchu.core.people.models import Household
from danchu.decisions.domain import ballots as rules_ballots
from danchu.decisions.domain.meetings import DOCUMENT_KINDS
from danchu.decisions.models import Ballot, Matter, MatterStatus, Meeting
from danchu.decisions.services import matter_create, matter_open

FRONT_HEAD = "Trưởng ban công tác Mặt trận"
SECRETARY = "Lê Thị Thư Ký"
WITNESSES = ("Trịnh Văn Chứng", "Hoàng Thị Kiến")
BALLOT_TEAM = [
    {
        "full_name": "Nguyễn Thị Mặt Trận",
        "represents": rules_ballots.REPRESENTS_FRONT,
        "is_leader": True,
        "is_front_representative": True,
    },
    {"full_name": "Trần Văn Thôn", "represents": rules_ballots.REPRESENTS_VILLAGE},
    {"full_name": "Lê Thị Hội", "represents": rules_ballots.REPRESENTS_ORGANISATION},
]


def propose(**kwargs: Any) -> Matter:
    kwargs.setdefault("front_agreed_by", FRONT_HEAD)
    kwargs.setdefault("front_agreed_on", date(2026, 11, 2))
    return matter_create(**kwargs)


def poll_passed(matter: Matter) -> Matter:
    """Mark the poll on voting online as passed by every household of the village."""
    households = Household.objects.current().filter(village=matter.unit).count()
    Matter.objects.filter(pk=matter.pk).update(
        status=MatterStatus.POLL,
        poll_opened_at=timezone.now(),
        poll_closed_at=timezone.now(),
        poll_chose_online=households,
    )
    matter.refresh_from_db()
    return matter


def open_online(actor: Any, matter: Matter) -> Matter:
    return matter_open(actor=actor, matter=poll_passed(matter))


# --- a meeting (Art. 18; ND 59/2023 Art. 3) ----------------------------------------------------


def meeting_started(
    actor: Any, matters: list[Matter], *, convenor: str = "Trần Văn Trưởng"
) -> Meeting:
    """A meeting of the matters' village planned for now, its notice sent 3 days ago, the
    documents of items 1–3 delivered 2 days ago, started now: its matters are open."""
    from danchu.decisions.services_meetings import (
        documents_delivered,
        meeting_create,
        meeting_start,
        notice_send,
    )

    village = matters[0].unit
    now = timezone.now()
    for matter in matters:
        if matter.kind in DOCUMENT_KINDS and matter.documents_sent_on is None:
            documents_delivered(
                actor=actor, matter=matter, on=timezone.localdate() - timedelta(days=2)
            )
    meeting = meeting_create(
        actor=actor,
        village=village,
        title=f"Họp thôn {village.name}",
        scheduled_at=now,
        place=f"Nhà văn hóa {village.name}",
        convenor_name=convenor,
        matters=matters,
    )
    notice_send(
        actor=actor,
        meeting=meeting,
        channels=["loudspeaker", "invitation"],
        sent_at=now - timedelta(days=3),
    )
    return meeting_start(actor=actor, meeting=meeting, started_at=timezone.now())


def meeting_held(
    actor: Any,
    meeting: Meeting,
    *,
    present: int | None = None,
    households: list[Household] | None = None,
) -> list[Household]:
    """Record ``present`` households attending (all current households of the village by
    default), then the secretary and the show of hands approved by all of them."""
    from danchu.decisions.services_meetings import (
        attendance_record,
        secretary_approve,
        voting_method_choose,
    )

    meeting.refresh_from_db()
    if households is None:
        households = list(
            Household.objects.current()
            .filter(village=meeting.unit, created_at__lte=meeting.started_at)
            .select_related("representative")
            .order_by("code", "pk")
        )
    attending = households if present is None else households[:present]
    for household in attending:
        attendance_record(
            actor=actor,
            meeting=meeting,
            household=household,
            attendee_name="",
            authorised=False,
            attendee=household.representative,
        )
    if attending:
        hands = len(attending)
        secretary_approve(actor=actor, meeting=meeting, name=SECRETARY, votes=hands)
        voting_method_choose(actor=actor, meeting=meeting, method="hands", votes=hands)
    return attending


def decide_at_meeting(
    actor: Any,
    matter: Matter,
    agree: int,
    disagree: int = 0,
    present: int | None = None,
    *,
    other: int = 0,
    convenor: str = "Trần Văn Trưởng",
) -> Matter:
    """Decide a meeting-form draft matter at a community meeting held now, through every step;
    ``present`` households attend (all of the village by default). Returns the matter as the
    meeting's close left it (decided, or back to draft for household ballots)."""
    from danchu.decisions.services_meetings import meeting_close, tally_record

    meeting = meeting_started(actor, [matter], convenor=convenor)
    attending = meeting_held(actor, meeting, present=present)
    if attending:
        tally_record(
            actor=actor,
            meeting=meeting,
            matter=matter,
            agree=agree,
            disagree=disagree,
            other=other,
        )
    meeting_close(actor=actor, meeting=meeting, ended_at=timezone.now())
    matter.refresh_from_db()
    return matter


# --- household ballots (Art. 19; ND 59/2023 Art. 4) --------------------------------------------


def ballot_plan_dates(**overrides: Any) -> dict[str, Any]:
    """A lawful plan whose return deadline is today: the ballots may be counted now."""
    today = timezone.localdate()
    dates = {
        "purpose": "Lấy ý kiến hộ gia đình",
        "issued_on": today - timedelta(days=8),
        "sent_to_commune_on": today - timedelta(days=7),
        "notice_posted_on": today - timedelta(days=7),
        "notice_channels": ["posting", "loudspeaker"],
        "distribution_starts_on": today - timedelta(days=5),
        "return_deadline": today,
    }
    dates.update(overrides)
    return dates


def ballot_plan_and_team(actor: Any, matter: Matter, **plan: Any) -> Matter:
    """A lawful ballot plan and ballot team recorded for a draft ballot-form matter."""
    from danchu.decisions.services_ballots import ballot_plan_create, ballot_team_set

    ballot_plan_create(actor=actor, matter=matter, **ballot_plan_dates(**plan))
    ballot_team_set(actor=actor, matter=matter, members=BALLOT_TEAM)
    return matter


def ballots_ready(actor: Any, matter: Matter, **plan: Any) -> Matter:
    """Plan and team recorded, the matter opened and one ballot issued per household."""
    from danchu.decisions.services_ballots import ballots_issue

    ballot_plan_and_team(actor, matter, **plan)
    matter = matter_open(actor=actor, matter=matter)
    ballots_issue(actor=actor, matter=matter)
    matter.refresh_from_db()
    return matter


def decide_by_ballots(
    actor: Any,
    matter: Matter,
    agree: int,
    disagree: int = 0,
    *,
    other: int = 0,
    recorder: Any = None,
) -> Matter:
    """Decide a ballot-form draft matter by household ballots: ``agree`` then ``disagree`` then
    ``other`` ballots are returned (in household order) and entered by their codes; the rest
    are not returned; counted before two witnesses with its Mẫu 04 minutes."""
    from danchu.decisions.services_ballots import ballot_count_close, ballot_enter

    matter = ballots_ready(actor, matter)
    ballots = list(Ballot.objects.filter(matter=matter).order_by("household__code", "household_id"))
    choices = ["agree"] * agree + ["disagree"] * disagree + ["other"] * other
    for ballot, choice in zip(ballots, choices, strict=False):
        ballot_enter(actor=recorder or actor, code=ballot.code, choice=choice, matter=matter)
    return ballot_count_close(actor=actor, matter=matter, witnesses=list(WITNESSES))


# --- a village code put to the vote (ND 61/2023 Art. 9) -----------------------------------------


def posted_code_matter(
    actor: Any, village: Any, *, posted_days_ago: int = 40, vote_on: date | None = None, **kw: Any
) -> Matter:
    """A village code drafted, posted ``posted_days_ago`` days ago for 30 days and put to the
    vote on ``vote_on`` (today by default): its meeting-form draft matter."""
    from danchu.decisions.services_village_codes import code_draft, code_post, code_put_to_vote

    today = timezone.localdate()
    code = code_draft(
        actor=actor,
        village=village,
        title=kw.get("title", "Hương ước thôn"),
        text=kw.get("text", "Điều 1. Giữ gìn vệ sinh đường làng."),
    )
    code = code_post(
        actor=actor, code=code, posted_on=today - timedelta(days=posted_days_ago), comment_days=30
    )
    code = code_put_to_vote(
        actor=actor,
        code=code,
        vote_on=vote_on or today,
        front_agreed_by=FRONT_HEAD,
        front_agreed_on=today - timedelta(days=1),
    )
    return code.matter
