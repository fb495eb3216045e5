"""Demo decisions of the first demo village, through the same services as the pages:

1. a contribution decided at a community meeting, adopted with exactly two-thirds of ALL
   households (Art. 21(1)), its decision (Mẫu 03) sent to the commune;
2. an "other" matter decided online after the poll on voting online (ND 59/2023 Art. 5), with
   its minutes (Mẫu 03 with the participant list);
3. a village code posted for 30 days, put to a meeting that lacked its quorum (ND 61/2023 Art.
   10), decided by household ballots instead (Art. 19(1)(b)), counted (Mẫu 04) and recognised by
   the commune (Quyết định công nhận).

Every paper is generated as PDF and DOCX. Running it again changes nothing.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from danchu.core.access import roles
from danchu.core.access.models import RoleAssignment
from danchu.core.people.models import Household
from danchu.core.units.models import Unit
from danchu.decisions.domain import ballots as ballot_rules
from danchu.decisions.models import Ballot, Matter, MatterStatus, VillageCode
from danchu.decisions.services import matter_close, matter_create, matter_open, vote_record
from danchu.decisions.services_ballots import (
    ballot_count_close,
    ballot_enter,
    ballot_plan_create,
    ballot_team_set,
    ballots_issue,
)
from danchu.decisions.services_meetings import (
    attendance_record,
    documents_delivered,
    meeting_close,
    meeting_create,
    meeting_start,
    notice_send,
    secretary_approve,
    tally_record,
    voting_method_choose,
)
from danchu.decisions.services_online import online_team_set, poll_answer, poll_close, poll_open
from danchu.decisions.services_outcomes import (
    decision_draw_up,
    decision_recognise,
    decision_send,
)
from danchu.decisions.services_village_codes import (
    code_dossier_send,
    code_draft,
    code_post,
    code_put_to_vote,
)

CONTRIBUTION_TITLE = "Đóng góp làm đường bê tông trục chính thôn"
ONLINE_TITLE = "Giờ tắt đèn chiếu sáng công cộng trong thôn"
CODE_TITLE = "Hương ước thôn"
VILLAGE_HEAD = "Lê Văn Hùng"
FRONT_HEAD = "Nguyễn Thị Lan"
SECRETARY = "Phạm Thị Hoa"
WITNESSES = ("Trịnh Văn Nam", "Hoàng Thị Mai")
TEAM = [
    {
        "full_name": FRONT_HEAD,
        "represents": ballot_rules.REPRESENTS_FRONT,
        "is_leader": True,
        "is_front_representative": True,
    },
    {"full_name": VILLAGE_HEAD, "represents": ballot_rules.REPRESENTS_VILLAGE},
    {
        "full_name": "Đỗ Thị Thu (Chi hội Phụ nữ)",
        "represents": ballot_rules.REPRESENTS_ORGANISATION,
    },
]
ONLINE_TEAM = [
    *TEAM,
    {"full_name": "Vũ Đức Anh", "represents": ballot_rules.REPRESENTS_IT},
]
CODE_TEXT = (
    "Chương I. Quy định chung\n"
    "Điều 1. Hương ước này quy định việc giữ gìn an ninh trật tự, vệ sinh môi trường, "
    "nếp sống văn minh trong việc cưới, việc tang và lễ hội của thôn.\n"
    "Chương II. Nội dung cụ thể\n"
    "Điều 2. Các hộ gia đình giữ vệ sinh đường làng, không đổ rác ra đường và kênh mương; "
    "rác được thu gom vào thứ Ba và thứ Sáu hằng tuần.\n"
    "Điều 3. Việc cưới tổ chức trang trọng, tiết kiệm; không mở nhạc sau 22 giờ.\n"
    "Điều 4. Việc tang tổ chức chu đáo, tiết kiệm; không rải vàng mã trên đường.\n"
    "Chương III. Tổ chức thực hiện\n"
    "Điều 5. Trưởng thôn và Ban công tác Mặt trận thôn tổ chức thực hiện và báo cáo hằng năm "
    "tại hội nghị thôn."
)
REGISTERED = datetime(2025, 7, 1, 8, 0)


def build_demo_decisions(commune: Unit, *, today: date | None = None) -> list[Matter]:
    """The three demo decisions of the commune's first village; returns their matters."""
    today = today or timezone.localdate()
    village = Unit.objects.filter(parent=commune, code=f"{commune.code}-001").first()
    if village is None:
        return []
    head = _official(village, roles.VILLAGE_HEAD)
    front_head = _official(village, roles.FRONT_COMMITTEE_HEAD)
    chair = _official(commune, roles.COMMUNE_CHAIR)
    if head is None or front_head is None or chair is None:
        return []
    _registered_when_the_register_was_made(commune)
    _two_households_moved_away(village, today)
    households = list(
        Household.objects.current()
        .filter(village=village)
        .select_related("representative")
        .order_by("code")
    )
    made = [
        _contribution(village, households, head, front_head, today),
        _online(village, households, head, front_head, today),
        _village_code(village, households, head, front_head, chair, today),
    ]
    return [m for m in made if m is not None]


def _official(unit: Unit, role: str):
    assignment = (
        RoleAssignment.objects.filter(unit=unit, role_id=role).select_related("user").first()
    )
    return assignment.user if assignment else None


def _registered_when_the_register_was_made(commune: Unit) -> None:
    """The demo register was made on 1/7/2025 (joined_on); its rows were inserted today.
    Meetings and ballots refuse households registered after voting opened, so the rows carry
    the register's own date."""
    Household.objects.filter(
        village__parent=commune, joined_on=date(2025, 7, 1), created_at__gt=_aware(REGISTERED)
    ).update(created_at=_aware(REGISTERED))


def _two_households_moved_away(village: Unit, today: date) -> None:
    """Two households of the first village moved away before this year's matters, leaving a
    number of households divisible by three (so that exactly two-thirds is possible)."""
    current = Household.objects.current().filter(village=village)
    surplus = current.count() % 3
    if surplus and not Matter.objects.filter(unit=village).exists():
        last = list(current.order_by("-code").values_list("pk", flat=True)[:surplus])
        Household.objects.filter(pk__in=last).update(left_on=today - timedelta(days=90))


def _aware(moment: datetime) -> datetime:
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return _aware(datetime.combine(day, time(hour, minute)))


def _propose(village: Unit, head: Any, kind: str, form: str, title: str, description: str):
    return matter_create(
        actor=head,
        village=village,
        kind=kind,
        form=form,
        title=f"{title} {village.name.removeprefix('Thôn ')}" if kind != "village_code" else title,
        description=description,
        front_agreed_by=FRONT_HEAD,
        front_agreed_on=timezone.localdate() - timedelta(days=40),
    )


def _meeting(village, head, matters, day: date, households, present: int):
    """A meeting on ``day`` with the notice four days before and ``present`` households."""
    meeting = meeting_create(
        actor=head,
        village=village,
        title=f"Họp thôn ngày {day:%d/%m/%Y}",
        scheduled_at=_at(day, 19, 30),
        place=f"Nhà văn hóa {village.name}",
        convenor_name=VILLAGE_HEAD,
        matters=matters,
    )
    notice_send(
        actor=head,
        meeting=meeting,
        channels=["loudspeaker", "invitation"],
        sent_at=_at(day - timedelta(days=4), 7),
    )
    for matter in matters:
        if matter.kind in ("contribution", "community_fund", "village_code"):
            documents_delivered(actor=head, matter=matter, on=day - timedelta(days=3))
    meeting_start(actor=head, meeting=meeting, started_at=_at(day, 19, 30))
    for household in households[:present]:
        attendance_record(
            actor=head,
            meeting=meeting,
            household=household,
            attendee_name=household.representative.full_name,
            authorised=False,
            attendee=household.representative,
        )
    majority = present // 2 + 1
    secretary_approve(actor=head, meeting=meeting, name=SECRETARY, votes=majority)
    voting_method_choose(actor=head, meeting=meeting, method="hands", votes=majority)
    return meeting


@transaction.atomic
def _contribution(village, households, head, front_head, today):
    if Matter.objects.filter(unit=village, kind="contribution").exists():
        return None
    total = len(households)
    matter = _propose(
        village,
        head,
        "contribution",
        "meeting",
        CONTRIBUTION_TITLE,
        "Làm mới 1,2 km đường bê tông trục chính; Nhà nước hỗ trợ xi măng, nhân dân đóng góp "
        "500.000 đồng mỗi hộ và ngày công (Điều 15 khoản 1 Luật Thực hiện dân chủ ở cơ sở).",
    )
    day = today - timedelta(days=30)
    present = total * 5 // 6  # five households in six came
    meeting = _meeting(village, head, [matter], day, households, present)
    agree = total * 2 // 3  # exactly two-thirds of ALL households
    tally_record(
        actor=head,
        meeting=meeting,
        matter=matter,
        agree=agree,
        disagree=present - agree - 4,
        other=4,
        other_opinions="Đề nghị miễn đóng góp cho hộ nghèo và hộ có hoàn cảnh khó khăn.",
    )
    meeting_close(actor=head, meeting=meeting, ended_at=_at(day, 21, 15))
    matter.refresh_from_db()
    decision = decision_draw_up(
        actor=head,
        matter=matter,
        content=(
            "Nhất trí làm mới 1,2 km đường bê tông trục chính của thôn; mỗi hộ đóng góp "
            "500.000 đồng và 2 ngày công; miễn đóng góp tiền cho hộ nghèo; Ban giám sát đầu tư "
            "của cộng đồng giám sát thi công."
        ),
        decided_at=_at(day, 21, 15),
        village_head_name=VILLAGE_HEAD,
        front_head_name=FRONT_HEAD,
        representative_names=WITNESSES,
    )
    decision_send(actor=head, decision=decision, sent_on=day + timedelta(days=2))
    return matter


@transaction.atomic
def _online(village, households, head, front_head, today):
    if Matter.objects.filter(unit=village, kind="other", form="online").exists():
        return None
    matter = _propose(
        village,
        head,
        "other",
        "online",
        ONLINE_TITLE,
        "Đề xuất tắt đèn chiếu sáng công cộng lúc 23 giờ thay vì sáng đến 5 giờ để tiết kiệm "
        "quỹ điện của thôn (việc tự quản khác, Điều 15 khoản 6).",
    )
    online_team_set(actor=front_head, matter=matter, members=ONLINE_TEAM)
    poll_open(actor=head, matter=matter)
    total = len(households)
    chose_online = total * 3 // 4
    for index, household in enumerate(households[: chose_online + 10]):
        poll_answer(
            actor=front_head,
            matter=matter,
            household=household,
            choice="agree" if index < chose_online else "disagree",
        )
    poll_close(actor=head, matter=matter)
    voters = _representatives_with_accounts(households[: total * 2 // 3])
    agree = total * 3 // 5
    for index, (household, user) in enumerate(voters):
        choice = "agree" if index < agree else ("other" if index % 5 == 0 else "disagree")
        vote_record(
            actor=user,
            matter=matter,
            household=household,
            choice=choice,
            channel="online",
            other_opinion="Đề nghị giữ đèn ở ngã ba gần trường học." if choice == "other" else "",
        )
    matter = matter_close(actor=head, matter=matter)
    decision = decision_draw_up(
        actor=head,
        matter=matter,
        content="Đèn chiếu sáng công cộng của thôn tắt lúc 23 giờ hằng ngày, trừ ngày lễ, Tết.",
        village_head_name=VILLAGE_HEAD,
        front_head_name=FRONT_HEAD,
        representative_names=WITNESSES,
    )
    decision_send(actor=head, decision=decision, sent_on=timezone.localdate())
    return matter


def _representatives_with_accounts(households) -> list[tuple[Household, Any]]:
    """Representatives who have an account to vote online (made without a password: the demo
    prints no login for them; the resident persona is one of them)."""
    user_model = get_user_model()
    existing = {
        u.person_id: u
        for u in user_model.objects.filter(person_id__in=[h.representative_id for h in households])
    }
    pairs = []
    for household in households:
        user = existing.get(household.representative_id)
        if user is None:
            user = user_model.objects.create_user(
                phone=f"0902{household.pk % 1_000_000:06d}",
                password=None,
                full_name=household.representative.full_name,
                person_id=household.representative_id,
            )
        pairs.append((household, user))
    return pairs


@transaction.atomic
def _village_code(village, households, head, front_head, chair, today):
    if VillageCode.objects.filter(unit=village).exists():
        return None
    code = code_draft(
        actor=head,
        village=village,
        title=f"{CODE_TITLE} {village.name.removeprefix('Thôn ')}",
        text=CODE_TEXT,
    )
    day = today - timedelta(days=25)
    code = code_post(actor=head, code=code, posted_on=day - timedelta(days=35), comment_days=30)
    code = code_put_to_vote(
        actor=head,
        code=code,
        vote_on=day,
        front_agreed_by=FRONT_HEAD,
        front_agreed_on=day - timedelta(days=6),
    )
    matter = code.matter
    total = len(households)
    present = total * 9 // 20  # 45%: the village-code meeting lacks its quorum (ND 61 Art. 10)
    meeting = _meeting(village, head, [matter], day, households, present)
    tally_record(actor=head, meeting=meeting, matter=matter, agree=present - 3, disagree=3)
    meeting_close(actor=head, meeting=meeting, ended_at=_at(day, 21, 0))
    matter.refresh_from_db()  # now a household ballot (Art. 19(1)(b))
    ballot_plan_create(
        actor=head,
        matter=matter,
        purpose=f"Lấy ý kiến hộ gia đình thông qua {code.title} (cuộc họp ngày {day:%d/%m/%Y} "
        "không đủ trên 50% đại diện hộ gia đình tham dự).",
        issued_on=day + timedelta(days=1),
        sent_to_commune_on=day + timedelta(days=2),
        notice_posted_on=day + timedelta(days=1),
        notice_channels=["posting", "loudspeaker"],
        distribution_starts_on=day + timedelta(days=3),
        return_deadline=day + timedelta(days=10),
    )
    ballot_team_set(actor=front_head, matter=matter, members=TEAM)
    matter = matter_open(actor=head, matter=matter)
    ballots_issue(actor=head, matter=matter)
    returned = list(Ballot.objects.filter(matter=matter).order_by("pk"))[: total - 6]
    agree = total * 4 // 5
    for index, ballot in enumerate(returned):
        choice = "agree" if index < agree else ("other" if index % 3 == 0 else "disagree")
        ballot_enter(
            actor=front_head,
            code=ballot.code,
            choice=choice,
            other_opinion="Bổ sung quy định về giữ gìn kênh mương nội đồng."
            if choice == "other"
            else "",
        )
    matter = ballot_count_close(actor=head, matter=matter, witnesses=list(WITNESSES))
    if matter.status != MatterStatus.ADOPTED:
        raise RuntimeError("The demo village code should have been adopted by ballots.")
    decision = decision_draw_up(
        actor=head,
        matter=matter,
        content=f"Thông qua {code.title} gồm 3 chương, 5 điều (toàn văn kèm theo).",
        decided_at=_at(day + timedelta(days=10), 17),
        village_head_name=VILLAGE_HEAD,
        front_head_name=FRONT_HEAD,
        representative_names=WITNESSES,
    )
    sent_on = day + timedelta(days=12)
    decision = decision_send(actor=head, decision=decision, sent_on=sent_on)
    code.refresh_from_db()
    code_dossier_send(actor=head, code=code, sent_on=sent_on)
    decision_recognise(actor=chair, decision=decision, on=sent_on + timedelta(days=3))
    return matter
