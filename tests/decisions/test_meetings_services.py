"""Community meetings end to end on a real database (Law 10/2022 Arts 18, 19(1)(b), 21(1), 24(2);
ND 59/2023 Art. 3; ND 61/2023 Art. 10): notice and documents ahead, one attendance per
household, approvals by more than half of those present, counts summed across clusters, and
closing into a decision or household ballots."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone
from django.utils.translation import gettext

from danchu.core.access.errors import NotPermitted
from danchu.core.audit.models import AuditEvent
from danchu.core.documents.models import GeneratedDocument
from danchu.core.people.models import Household, HouseholdMember, Person
from danchu.decisions.domain import village_codes as code_law
from danchu.decisions.domain.meetings import DOCUMENT_KINDS
from danchu.decisions.models import (
    Attendance,
    DecisionForm,
    Matter,
    MatterStatus,
    Meeting,
    MeetingStatus,
    MeetingTally,
    TeamPurpose,
)
from danchu.decisions.services import DecisionError, matter_close, matter_open
from danchu.decisions.services_elections import dismissal_open
from danchu.decisions.services_meetings import (
    attendance_record,
    cluster_add,
    cluster_plan_approve,
    counting_board_set,
    counting_minutes_of,
    documents_delivered,
    meeting_close,
    meeting_create,
    meeting_start,
    notice_send,
    secretary_approve,
    speaker_register,
    tally_record,
    voting_method_choose,
    witnesses_set,
)
from tests.conftest import make_household
from tests.decisions.factories import (
    ballot_plan_and_team,
    decide_at_meeting,
    meeting_held,
    meeting_started,
    posted_code_matter,
    propose,
)

# --- helpers (imported by the page tests) ----------------------------------------------------


def village_of(tree, count: int, members: int = 1, prefix: str = "M") -> list:
    return [
        make_household(tree.village_a1, f"{prefix}{i:03d}", members=members) for i in range(count)
    ]


def plan_meeting(personas, tree, kinds=("other",), documents_days: int = 2, **extra):
    """A planned meeting of village A1 deciding one draft matter of each kind; the documents of
    items 1–3 delivered ``documents_days`` before today."""
    head = personas["village_head_a1"]
    matters = []
    for index, kind in enumerate(kinds):
        if kind == "village_code":  # put to the vote from its draft posted 40 days ago
            matter = posted_code_matter(head, tree.village_a1, title=f"Việc {index}")
        else:
            matter = propose(
                actor=head,
                village=tree.village_a1,
                kind=kind,
                form="meeting",
                title=f"Việc {index}",
            )
        if kind in DOCUMENT_KINDS:
            delivered = timezone.localdate() - timedelta(days=documents_days)
            matter = documents_delivered(actor=head, matter=matter, on=delivered)
        matters.append(matter)
    meeting = meeting_create(
        actor=head,
        village=tree.village_a1,
        title=extra.get("title", "Họp thôn Một tháng 3"),
        scheduled_at=extra.get("scheduled_at", timezone.now()),
        place="Nhà văn hóa thôn Một",
        convenor_name="Trần Văn Trưởng",
        matters=matters,
    )
    return meeting, matters


def notify(head, meeting, days: int = 3):
    return notice_send(
        actor=head,
        meeting=meeting,
        channels=["loudspeaker", "invitation"],
        sent_at=timezone.now() - timedelta(days=days),
    )


def start(head, meeting):
    return meeting_start(actor=head, meeting=meeting, started_at=timezone.now())


def attend(head, meeting, households, cluster=None):
    for household in households:
        attendance_record(
            actor=head,
            meeting=meeting,
            household=household,
            attendee_name="",
            authorised=False,
            cluster=cluster,
            attendee=household.representative,
        )


def running_meeting(personas, tree, households, present, kinds=("other",), method="hands"):
    """A started meeting with ``present`` of ``households`` attending, the secretary appointed
    and the voting method chosen by all present."""
    head = personas["village_head_a1"]
    meeting, matters = plan_meeting(personas, tree, kinds)
    notify(head, meeting)
    start(head, meeting)
    attend(head, meeting, households[:present])
    if present:
        secretary_approve(actor=head, meeting=meeting, name="Lê Thị Thư", votes=present)
        voting_method_choose(actor=head, meeting=meeting, method=method, votes=present)
    return meeting, [Matter.objects.get(pk=m.pk) for m in matters]


@pytest.fixture
def head(personas):
    return personas["village_head_a1"]


# --- planning and notice ---------------------------------------------------------------------


def test_a_meeting_takes_draft_meeting_matters_of_its_village_only(personas, tree, head):
    village_of(tree, 2)
    other_village = propose(
        actor=personas["chair_a"], village=tree.village_a2, kind="other", form="meeting", title="X"
    )
    ballot = propose(actor=head, village=tree.village_a1, kind="other", form="ballot", title="Y")
    for matter in (other_village, ballot):
        with pytest.raises(DecisionError):
            meeting_create(
                actor=head,
                village=tree.village_a1,
                title="Họp",
                scheduled_at=timezone.now(),
                place="Nhà văn hóa",
                convenor_name="Trưởng thôn",
                matters=[matter],
            )
    meeting, matters = plan_meeting(personas, tree)
    assert list(meeting.matters.all()) == matters
    with pytest.raises(DecisionError):  # already on this meeting's agenda
        meeting_create(
            actor=head,
            village=tree.village_a1,
            title="Họp lại",
            scheduled_at=timezone.now(),
            place="Nhà văn hóa",
            convenor_name="Trưởng thôn",
            matters=matters,
        )
    with pytest.raises(NotPermitted):
        meeting_create(
            actor=personas["officer_b"],
            village=tree.village_a1,
            title="Họp",
            scheduled_at=timezone.now(),
            place="Nhà văn hóa",
            convenor_name="Trưởng thôn",
            matters=matters,
        )


@pytest.mark.parametrize(("days", "ok"), [(1, False), (2, True)])
def test_the_notice_goes_at_least_two_days_before(personas, tree, head, days, ok):
    meeting, _ = plan_meeting(personas, tree)
    if not ok:
        with pytest.raises(DecisionError) as refused:
            notify(head, meeting, days=days)
        assert str(refused.value) == gettext(
            "The notice must reach the households at least 2 days before the day of the "
            "meeting (ND 59/2023 Art. 3(3)); move the meeting to a later day."
        )
        meeting.refresh_from_db()
        assert meeting.status == MeetingStatus.PLANNED and meeting.notice_document is None
        assert not GeneratedDocument.objects.exists()
        return
    sent = notify(head, meeting, days=days)
    assert sent.status == MeetingStatus.NOTIFIED
    assert sent.notice_channels == ["loudspeaker", "invitation", "posting"]  # always posted


def test_the_notice_is_mau_01_in_pdf_and_docx_with_its_key_fields(personas, tree, head, tmp_path):
    from docx import Document

    from tests.core.documents.pdf_tools import text as pdf_text

    meeting, matters = plan_meeting(personas, tree, kinds=("contribution",))
    sent = notify(head, meeting)
    document = sent.notice_document
    assert document.doc_type == "decisions.meeting_notice"
    assert document.unit == tree.village_a1
    files = {f.format: f for f in document.files.all()}
    assert {"pdf", "docx"} <= set(files)
    docx_path, pdf_path = tmp_path / "n.docx", tmp_path / "n.pdf"
    docx_path.write_bytes(files["docx"].file.open("rb").read())
    pdf_path.write_bytes(files["pdf"].file.open("rb").read())
    docx_text = "\n".join(p.text for p in Document(str(docx_path)).paragraphs)
    texts = " ".join(pdf_text(pdf_path).split())
    scheduled = timezone.localtime(meeting.scheduled_at)
    for wanted in (
        "THÔNG BÁO",
        "Nhà văn hóa thôn Một",
        "Trần Văn Trưởng",
        matters[0].title,
        f"{scheduled.hour} giờ {scheduled.minute:02d} phút",
        "hệ thống loa truyền thanh",
        "niêm yết tại nhà văn hóa",
        "02 ngày trước ngày họp",  # documents of item 1 go ahead too
    ):
        assert wanted in docx_text or wanted.upper() in docx_text.upper(), wanted
        assert wanted.upper() in texts.upper(), wanted


def test_the_notice_is_sent_once(personas, tree, head):
    meeting, _ = plan_meeting(personas, tree)
    notify(head, meeting)
    with pytest.raises(DecisionError) as refused:
        notify(head, meeting)
    assert str(refused.value) == gettext("The notice of this meeting has already been sent.")


# --- starting --------------------------------------------------------------------------------


def test_the_meeting_does_not_start_without_its_notice(personas, tree, head):
    village_of(tree, 2)
    meeting, matters = plan_meeting(personas, tree)
    with pytest.raises(DecisionError):
        start(head, meeting)
    assert Matter.objects.get(pk=matters[0].pk).status == MatterStatus.DRAFT


@pytest.mark.parametrize(("days", "ok"), [(1, False), (2, True)])
def test_documents_of_a_contribution_reach_households_two_days_ahead(
    personas, tree, head, days, ok
):
    village_of(tree, 2)
    meeting, matters = plan_meeting(personas, tree, kinds=("contribution",), documents_days=days)
    notify(head, meeting)
    if ok:
        started = start(head, meeting)
        assert started.status == MeetingStatus.IN_PROGRESS
        assert started.eligible_households == 2
        opened = Matter.objects.get(pk=matters[0].pk)
        assert (opened.status, opened.eligible_households) == (MatterStatus.OPEN, 2)
    else:
        with pytest.raises(DecisionError) as refused:
            start(head, meeting)
        assert str(refused.value) == gettext(
            "The documents of «%(title)s» did not reach every household at least 2 "
            "days before the meeting (ND 59/2023 Art. 3(4))."
        ) % {"title": matters[0].title}
        meeting.refresh_from_db()
        assert meeting.status == MeetingStatus.NOTIFIED
        assert Matter.objects.get(pk=matters[0].pk).status == MatterStatus.DRAFT


def test_start_opens_every_matter_and_snapshots_all_households(personas, tree, head):
    village_of(tree, 5)
    meeting, matters = plan_meeting(personas, tree, kinds=("other", "board_member"))
    notify(head, meeting)
    start(head, meeting)
    for matter in Matter.objects.filter(pk__in=[m.pk for m in matters]):
        assert matter.status == MatterStatus.OPEN
        assert matter.eligible_households == 5
    assert AuditEvent.objects.filter(action="decisions.meeting_started").count() == 1


# --- attendance and speakers -----------------------------------------------------------------


def test_one_attendance_per_household(personas, tree, head):
    households = village_of(tree, 3)
    meeting, _ = running_meeting(personas, tree, households, present=1)
    with pytest.raises(DecisionError) as refused:
        attend(head, meeting, households[:1])
    assert str(refused.value) == gettext("This household's attendance is already recorded.")
    assert Attendance.objects.filter(meeting=meeting).count() == 1
    meeting.refresh_from_db()
    assert meeting.present_count == 1


def test_attendance_refuses_other_villages_and_households_that_left(
    personas, tree, head, households
):
    mine = village_of(tree, 2)
    meeting, _ = running_meeting(personas, tree, mine, present=0)
    gone = mine[1]
    gone.left_on = timezone.localdate()
    gone.save()
    for household in (households.a2, households.b1, gone):
        with pytest.raises(DecisionError):
            attendance_record(
                actor=head,
                meeting=meeting,
                household=household,
                attendee_name="Ai đó",
                authorised=True,
            )
    assert not Attendance.objects.exists()


def test_a_member_attends_for_the_household_only_if_authorised(personas, tree, head):
    households = village_of(tree, 2, members=2)
    meeting, _ = running_meeting(personas, tree, households, present=0)
    member = households[0].memberships.get(relation="Con").person
    with pytest.raises(DecisionError):
        attendance_record(
            actor=head,
            meeting=meeting,
            household=households[0],
            attendee_name="",
            authorised=False,
            attendee=member,
        )
    row = attendance_record(
        actor=head,
        meeting=meeting,
        household=households[0],
        attendee_name="",
        authorised=True,
        attendee=member,
    )
    assert (row.authorised, row.attendee_name) == (True, member.full_name)
    stranger = Person.objects.create(full_name="Người ngoài")
    with pytest.raises(DecisionError):
        attendance_record(
            actor=head,
            meeting=meeting,
            household=households[1],
            attendee_name="",
            authorised=True,
            attendee=stranger,
        )


def test_attendance_is_for_officials_of_the_village(personas, tree):
    households = village_of(tree, 1)
    meeting, _ = running_meeting(personas, tree, households, present=0)
    for who in ("officer_b", "resident", "officer_a"):
        with pytest.raises(NotPermitted):
            attendance_record(
                actor=personas[who],
                meeting=meeting,
                household=households[0],
                attendee_name="A",
                authorised=True,
            )
    attendance_record(
        actor=personas["front_head_a1"],
        meeting=meeting,
        household=households[0],
        attendee_name="",
        authorised=False,
        attendee=households[0].representative,
    )


def test_a_household_member_registers_to_speak(personas, tree, head):
    households = village_of(tree, 1, members=3)
    meeting, _ = plan_meeting(personas, tree)
    notify(head, meeting)
    member = households[0].memberships.filter(relation="Con").first().person
    row = speaker_register(
        actor=head, meeting=meeting, household=households[0], person=member, topic="Mức đóng góp"
    )
    assert row.topic == "Mức đóng góp"
    with pytest.raises(DecisionError):
        speaker_register(actor=head, meeting=meeting, household=households[0], person=member)
    with pytest.raises(DecisionError):  # the representative already speaks for the household
        speaker_register(
            actor=head,
            meeting=meeting,
            household=households[0],
            person=households[0].representative,
        )
    stranger = Person.objects.create(full_name="Người ngoài")
    with pytest.raises(DecisionError):
        speaker_register(actor=head, meeting=meeting, household=households[0], person=stranger)
    other = households[0].memberships.filter(relation="Con").exclude(person=member).first().person
    HouseholdMember.objects.filter(person=other).update(left_on=timezone.localdate())
    with pytest.raises(DecisionError):  # a member who left the household
        speaker_register(actor=head, meeting=meeting, household=households[0], person=other)


# --- approvals by those present --------------------------------------------------------------


@pytest.mark.parametrize(("votes", "ok"), [(2, False), (3, True)])
def test_secretary_needs_more_than_half_of_those_present(personas, tree, head, votes, ok):
    households = village_of(tree, 6)
    meeting, _ = running_meeting(personas, tree, households, present=0)
    attend(head, meeting, households[:4])
    if ok:
        assert secretary_approve(actor=head, meeting=meeting, name="Lê Thư", votes=votes)
        meeting.refresh_from_db()
        assert (meeting.secretary_name, meeting.secretary_votes) == ("Lê Thư", 3)
    else:  # exactly 50% of the 4 present
        with pytest.raises(DecisionError):
            secretary_approve(actor=head, meeting=meeting, name="Lê Thư", votes=votes)
        meeting.refresh_from_db()
        assert meeting.secretary_name == ""


def test_voting_method_needs_more_than_half_of_those_present(personas, tree, head):
    households = village_of(tree, 4)
    meeting, _ = running_meeting(personas, tree, households, present=0)
    attend(head, meeting, households[:4])
    with pytest.raises(DecisionError):
        voting_method_choose(actor=head, meeting=meeting, method="secret", votes=2)
    with pytest.raises(DecisionError):  # more hands than people
        voting_method_choose(actor=head, meeting=meeting, method="secret", votes=5)
    voting_method_choose(actor=head, meeting=meeting, method="secret", votes=3)
    meeting.refresh_from_db()
    assert meeting.voting_method == "secret"


@pytest.mark.parametrize(("size", "ok"), [(2, False), (3, True), (5, True), (6, False)])
def test_counting_board_of_three_to_five(personas, tree, head, size, ok):
    households = village_of(tree, 3)
    meeting, _ = running_meeting(personas, tree, households, present=3, method="secret")
    names = [f"Kiểm phiếu {i}" for i in range(size)]
    if ok:
        team = counting_board_set(actor=head, meeting=meeting, members=names, votes=2)
        assert team.purpose == TeamPurpose.COUNTING and team.meeting == meeting
        assert list(team.members.values_list("full_name", flat=True)) == names
        assert team.members.get(is_leader=True).full_name == names[0]
    else:
        with pytest.raises(DecisionError):
            counting_board_set(actor=head, meeting=meeting, members=names, votes=2)
        assert not meeting.teams.exists()


def test_counting_board_needs_the_approval_and_a_secret_ballot(personas, tree, head):
    households = village_of(tree, 4)
    meeting, _ = running_meeting(personas, tree, households, present=4, method="hands")
    names = ["A", "B", "C"]
    with pytest.raises(DecisionError):
        counting_board_set(actor=head, meeting=meeting, members=names, votes=4)
    voting_method_choose(actor=head, meeting=meeting, method="secret", votes=4)
    with pytest.raises(DecisionError):  # 2 of 4 present
        counting_board_set(actor=head, meeting=meeting, members=names, votes=2)
    assert not meeting.teams.exists()


def test_two_witnesses_who_are_present(personas, tree, head):
    households = village_of(tree, 3)
    meeting, _ = running_meeting(personas, tree, households, present=2, method="secret")
    present = [h.representative.full_name for h in households[:2]]
    absent = households[2].representative.full_name
    with pytest.raises(DecisionError):
        witnesses_set(actor=head, meeting=meeting, names=present[:1])
    with pytest.raises(DecisionError):
        witnesses_set(actor=head, meeting=meeting, names=[present[0], absent])
    assert witnesses_set(actor=head, meeting=meeting, names=present).witnesses == present


# --- counts ----------------------------------------------------------------------------------


def test_a_count_over_those_present_is_refused_and_changes_nothing(personas, tree, head):
    households = village_of(tree, 4)
    meeting, matters = running_meeting(personas, tree, households, present=2)
    with pytest.raises(DecisionError):
        tally_record(actor=head, meeting=meeting, matter=matters[0], agree=2, disagree=1)
    assert not MeetingTally.objects.exists()
    matter = Matter.objects.get(pk=matters[0].pk)
    assert (matter.agree_count, matter.disagree_count) == (0, 0)
    tally = tally_record(actor=head, meeting=meeting, matter=matters[0], agree=1, disagree=1)
    assert (tally.present, tally.method, tally.recorded_by) == (2, "hands", head)
    with pytest.raises(DecisionError):  # one count per matter
        tally_record(actor=head, meeting=meeting, matter=matters[0], agree=1, disagree=0)


def test_invalid_ballots_only_in_a_secret_ballot(personas, tree, head):
    households = village_of(tree, 3)
    meeting, matters = running_meeting(personas, tree, households, present=3)
    with pytest.raises(DecisionError):
        tally_record(actor=head, meeting=meeting, matter=matters[0], agree=1, disagree=1, invalid=1)


def test_a_secret_ballot_is_counted_by_the_board_before_two_witnesses(personas, tree, head):
    households = village_of(tree, 3)
    meeting, matters = running_meeting(personas, tree, households, present=3, method="secret")
    with pytest.raises(DecisionError):
        tally_record(actor=head, meeting=meeting, matter=matters[0], agree=2, disagree=0)
    counting_board_set(actor=head, meeting=meeting, members=["A", "B", "C"], votes=2)
    with pytest.raises(DecisionError):
        tally_record(actor=head, meeting=meeting, matter=matters[0], agree=2, disagree=0)
    witnesses_set(
        actor=head,
        meeting=meeting,
        names=[h.representative.full_name for h in households[:2]],
    )
    tally = tally_record(
        actor=head, meeting=meeting, matter=matters[0], agree=2, disagree=0, invalid=1
    )
    assert (tally.method, tally.invalid) == ("secret", 1)


# --- closing ---------------------------------------------------------------------------------


def test_contribution_with_exactly_two_thirds_of_all_households_agreeing_is_adopted(
    personas, tree, head
):
    households = village_of(tree, 6)
    meeting, matters = running_meeting(
        personas, tree, households, present=4, kinds=("contribution",)
    )
    tally_record(actor=head, meeting=meeting, matter=matters[0], agree=4, disagree=0)
    closed = meeting_close(actor=head, meeting=meeting, ended_at=timezone.now())
    assert (closed.status, closed.present_count, closed.eligible_households) == (
        MeetingStatus.CLOSED,
        4,
        6,
    )
    matter = Matter.objects.get(pk=matters[0].pk)
    assert matter.status == MatterStatus.ADOPTED and matter.agree_count == 4


def test_contribution_one_short_of_two_thirds_agreeing_is_rejected(personas, tree, head):
    households = village_of(tree, 6)
    meeting, matters = running_meeting(
        personas, tree, households, present=5, kinds=("contribution",)
    )
    tally_record(actor=head, meeting=meeting, matter=matters[0], agree=3, disagree=2)
    meeting_close(actor=head, meeting=meeting, ended_at=timezone.now())
    assert Matter.objects.get(pk=matters[0].pk).status == MatterStatus.REJECTED


def test_contribution_with_fewer_than_two_thirds_present_goes_to_ballots(personas, tree, head):
    households = village_of(tree, 6)
    meeting, matters = running_meeting(
        personas, tree, households, present=3, kinds=("contribution",)
    )
    tally = tally_record(actor=head, meeting=meeting, matter=matters[0], agree=3, disagree=0)
    meeting_close(actor=head, meeting=meeting, ended_at=timezone.now())
    matter = Matter.objects.get(pk=matters[0].pk)
    assert matter.status == MatterStatus.DRAFT
    assert matter.form == DecisionForm.BALLOT and matter.ballot_fallback
    assert (matter.agree_count, matter.disagree_count, matter.other_count) == (0, 0, 0)
    assert matter.opened_at is None and matter.closed_at is None
    assert MeetingTally.objects.filter(pk=tally.pk).exists()  # kept for the record
    assert AuditEvent.objects.filter(action="decisions.meeting_ballot_fallback").count() == 1


@pytest.mark.parametrize(("present", "fallback"), [(2, True), (3, False)])
def test_village_code_meeting_needs_more_than_half_of_households(
    personas, tree, head, present, fallback
):
    households = village_of(tree, 4)
    meeting, matters = running_meeting(
        personas, tree, households, present=present, kinds=("village_code",)
    )
    if not fallback:
        tally_record(actor=head, meeting=meeting, matter=matters[0], agree=3, disagree=0)
    meeting_close(actor=head, meeting=meeting, ended_at=timezone.now())
    matter = Matter.objects.get(pk=matters[0].pk)
    if fallback:  # exactly 50% present: no quorum (ND 61/2023 Art. 10)
        assert (matter.status, matter.form, matter.ballot_fallback) == ("draft", "ballot", True)
    else:
        assert matter.status == MatterStatus.ADOPTED


def test_closing_needs_the_count_of_each_matter_it_decides(personas, tree, head):
    households = village_of(tree, 3)
    meeting, matters = running_meeting(personas, tree, households, present=3)
    with pytest.raises(DecisionError):
        meeting_close(actor=head, meeting=meeting, ended_at=timezone.now())
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.IN_PROGRESS
    assert Matter.objects.get(pk=matters[0].pk).status == MatterStatus.OPEN


def test_clusters_need_200_households_or_scattered_housing(personas, tree, head):
    village_of(tree, 3)
    meeting, _ = plan_meeting(personas, tree)
    with pytest.raises(DecisionError):
        cluster_add(actor=head, meeting=meeting, name="Cụm 1", chair_name="Ông A")
    assert not meeting.clusters.exists()
    meeting.refresh_from_db()
    assert meeting.scattered_housing is False  # a refused declaration is not kept
    cluster_add(actor=head, meeting=meeting, name="Cụm 1", chair_name="Ông A", scattered=True)
    event = AuditEvent.objects.get(action="decisions.meeting_cluster_added")
    assert event.data["scattered"] is True and event.data["households"] == 3
    meeting.refresh_from_db()
    assert meeting.scattered_housing is True  # the declaration, for the commune to judge
    cluster_add(actor=head, meeting=meeting, name="Cụm 2", chair_name="Bà B", scattered=True)
    meeting.refresh_from_db()
    assert meeting.scattered_housing is True


def test_cluster_results_are_summed_into_the_village_result(personas, tree, head):
    households = village_of(tree, 6)
    meeting, matters = plan_meeting(personas, tree, kinds=("other",))
    north = cluster_add(
        actor=head, meeting=meeting, name="Cụm Bắc", chair_name="Ông Bắc", scattered=True
    )
    south = cluster_add(
        actor=head, meeting=meeting, name="Cụm Nam", chair_name="Bà Nam", scattered=True
    )
    notify(head, meeting)
    with pytest.raises(DecisionError):  # the commune has not approved the plan
        start(head, meeting)
    with pytest.raises(NotPermitted):  # the village head does not approve his own plan
        cluster_plan_approve(actor=head, meeting=meeting, on=timezone.localdate())
    cluster_plan_approve(actor=personas["officer_a"], meeting=meeting, on=timezone.localdate())
    start(head, meeting)
    with pytest.raises(DecisionError):  # a split meeting records each household's cluster
        attend(head, meeting, households[:1])
    attend(head, meeting, households[:3], cluster=north)
    attend(head, meeting, households[3:5], cluster=south)
    secretary_approve(actor=head, meeting=meeting, name="Thư ký", votes=5)
    voting_method_choose(actor=head, meeting=meeting, method="hands", votes=5)
    with pytest.raises(DecisionError):  # 3 hands in a cluster of 2 present
        tally_record(
            actor=head, meeting=meeting, matter=matters[0], agree=3, disagree=0, cluster=south
        )
    tally_record(actor=head, meeting=meeting, matter=matters[0], agree=2, disagree=1, cluster=north)
    with pytest.raises(DecisionError):  # the south cluster has not reported
        meeting_close(actor=head, meeting=meeting, ended_at=timezone.now())
    tally_record(
        actor=head, meeting=meeting, matter=matters[0], agree=2, disagree=0, other=0, cluster=south
    )
    matter = Matter.objects.get(pk=matters[0].pk)
    assert (matter.agree_count, matter.disagree_count) == (4, 1)
    meeting_close(actor=head, meeting=meeting, ended_at=timezone.now())
    matter.refresh_from_db()
    assert matter.status == MatterStatus.ADOPTED  # 4 of 6 households: more than 50%
    north.refresh_from_db()
    assert north.reported_at is not None


def test_secret_ballot_minutes_mau_02_in_three_copies(personas, tree, head, tmp_path):
    from docx import Document

    from tests.core.documents.pdf_tools import text as pdf_text

    households = village_of(tree, 4)
    meeting, matters = running_meeting(personas, tree, households, present=4, method="secret")
    counting_board_set(
        actor=head, meeting=meeting, members=["Phạm Kiểm", "Vũ Phiếu", "Đỗ Đếm"], votes=3
    )
    witnesses = [h.representative.full_name for h in households[:2]]
    witnesses_set(actor=head, meeting=meeting, names=witnesses)
    tally_record(
        actor=head,
        meeting=meeting,
        matter=matters[0],
        agree=3,
        disagree=0,
        invalid=1,
        other_opinions="Đề nghị làm sớm",
    )
    closed = meeting_close(actor=head, meeting=meeting, ended_at=timezone.now())
    document = counting_minutes_of(closed)
    assert document is not None and document.doc_type == "decisions.counting_minutes"
    assert Meeting.objects.get(pk=meeting.pk).counting_minutes_document_id == document.pk
    event = AuditEvent.objects.get(action="decisions.counting_minutes_generated")
    assert event.data["document"] == document.pk  # the audit event still names the paper
    files = {f.format: f for f in document.files.all()}
    assert {"pdf", "docx"} <= set(files)
    docx_path, pdf_path = tmp_path / "m.docx", tmp_path / "m.pdf"
    docx_path.write_bytes(files["docx"].file.open("rb").read())
    pdf_path.write_bytes(files["pdf"].file.open("rb").read())
    docx = Document(str(docx_path))
    docx_text = "\n".join(p.text for p in docx.paragraphs)
    docx_text += "\n".join(c.text for t in docx.tables for r in t.rows for c in r.cells)
    pdf = " ".join(pdf_text(pdf_path).split())
    for wanted in (
        "BIÊN BẢN KIỂM PHIẾU",
        "Phạm Kiểm",
        "Vũ Phiếu",
        "Đỗ Đếm",
        *witnesses,
        "03 bản",
        "Ủy ban nhân dân xã An Phú",
        "Ủy ban Mặt trận Tổ quốc Việt Nam xã An Phú",
        "Đề nghị làm sớm",
        matters[0].title,
    ):
        assert wanted.upper() in docx_text.upper(), wanted
        assert wanted.upper() in pdf.upper(), wanted
    assert Matter.objects.get(pk=matters[0].pk).status == MatterStatus.ADOPTED  # 3 of 4


def test_a_show_of_hands_has_no_counting_minutes(personas, tree, head):
    households = village_of(tree, 2)
    meeting, matters = running_meeting(personas, tree, households, present=2)
    tally_record(actor=head, meeting=meeting, matter=matters[0], agree=2, disagree=0)
    closed = meeting_close(actor=head, meeting=meeting, ended_at=timezone.now())
    assert counting_minutes_of(closed) is None
    assert Meeting.objects.get(pk=meeting.pk).counting_minutes_document_id is None
    assert GeneratedDocument.objects.filter(doc_type="decisions.counting_minutes").count() == 0


def test_every_step_is_audited(personas, tree, head):
    households = village_of(tree, 2)
    meeting, matters = running_meeting(personas, tree, households, present=2)
    tally_record(actor=head, meeting=meeting, matter=matters[0], agree=2, disagree=0)
    meeting_close(actor=head, meeting=meeting, ended_at=timezone.now())
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "decisions.meeting_created",
        "decisions.meeting_notice_sent",
        "decisions.meeting_started",
        "decisions.meeting_attendance_recorded",
        "decisions.meeting_secretary_approved",
        "decisions.meeting_voting_method_chosen",
        "decisions.meeting_tally_recorded",
        "decisions.meeting_closed",
        "decisions.matter_closed",
    } <= actions


# --- the village code's posting period (ND 61/2023 Art. 9(1)) ---------------------------------


def _posted_for_earliest(earliest: date) -> date:
    """The posting day whose 30-day period lets the vote be held on ``earliest`` at the
    earliest, as the village-codes domain counts it."""
    for days in range(20, 45):
        posted_on = earliest - timedelta(days=days)
        if code_law.earliest_vote_on(posted_on, 30) == earliest:
            return posted_on
    raise AssertionError("no posting day gives that earliest vote day")


@pytest.mark.parametrize(("earliest_in", "allowed"), [(0, True), (1, False)])
def test_a_village_code_meeting_waits_for_the_posting_period(
    personas, tree, head, earliest_in, allowed
):
    village_of(tree, 2)
    today = timezone.localdate()
    earliest = today + timedelta(days=earliest_in)
    posted_on = _posted_for_earliest(earliest)
    matter = posted_code_matter(
        head, tree.village_a1, posted_days_ago=(today - posted_on).days, vote_on=earliest
    )
    documents_delivered(actor=head, matter=matter, on=today - timedelta(days=2))
    plan = {
        "actor": head,
        "village": tree.village_a1,
        "title": "Họp thôn về hương ước",
        "scheduled_at": timezone.now(),
        "place": "Nhà văn hóa",
        "convenor_name": "Trần Văn Trưởng",
        "matters": [matter],
    }
    if allowed:
        assert meeting_create(**plan).matters.get() == matter
    else:
        with pytest.raises(DecisionError):
            meeting_create(**plan)
        assert not Meeting.objects.exists()


def test_a_village_code_meeting_cannot_start_before_the_posting_period_has_run(
    personas, tree, head
):
    village_of(tree, 2)
    today = timezone.localdate()
    tomorrow = today + timedelta(days=1)
    posted_on = _posted_for_earliest(tomorrow)
    matter = posted_code_matter(
        head, tree.village_a1, posted_days_ago=(today - posted_on).days, vote_on=tomorrow
    )
    documents_delivered(actor=head, matter=matter, on=today - timedelta(days=2))
    meeting = meeting_create(
        actor=head,
        village=tree.village_a1,
        title="Họp thôn về hương ước",
        scheduled_at=timezone.now() + timedelta(days=1),
        place="Nhà văn hóa",
        convenor_name="Trần Văn Trưởng",
        matters=[matter],
    )
    notify(head, meeting)
    with pytest.raises(DecisionError):  # held a day early: the draft was posted too briefly
        start(head, meeting)
    assert Matter.objects.get(pk=matter.pk).status == MatterStatus.DRAFT


def test_a_village_code_matter_without_a_posted_draft_is_not_put_to_a_meeting(tree, head):
    village_of(tree, 2)
    matter = propose(
        actor=head, village=tree.village_a1, kind="village_code", form="meeting", title="Hương ước"
    )
    documents_delivered(actor=head, matter=matter, on=timezone.localdate() - timedelta(days=2))
    with pytest.raises(DecisionError):
        meeting_create(
            actor=head,
            village=tree.village_a1,
            title="Họp thôn",
            scheduled_at=timezone.now(),
            place="Nhà văn hóa",
            convenor_name="Trần Văn Trưởng",
            matters=[matter],
        )


# --- the dismissal meeting (Art. 18(1); ND 59/2023 Art. 9) -----------------------------------


def dismissal_matter(personas, tree) -> Matter:
    dismissal = dismissal_open(
        actor=personas["chair_a"],
        village=tree.village_a1,
        head_name="Trần Văn Trưởng",
        trigger="front",
        received_on=timezone.localdate(),
        front_head_name="Lê Thị Mặt Trận",
    )
    return dismissal.matter


def test_the_village_head_cannot_convene_his_own_dismissal(personas, tree, head):
    village_of(tree, 3)
    matter = dismissal_matter(personas, tree)
    with pytest.raises(NotPermitted):
        meeting_started(head, [matter], convenor="Lê Thị Mặt Trận")
    front = personas["front_head_a1"]
    with pytest.raises(DecisionError):  # nor chair it, named as the convenor
        meeting_started(front, [matter], convenor="Trần  văn Trưởng")
    other = propose(actor=head, village=tree.village_a1, kind="other", form="meeting", title="Z")
    with pytest.raises(DecisionError):  # a dismissal has its own meeting
        meeting_started(front, [matter, other], convenor="Lê Thị Mặt Trận")
    assert not Meeting.objects.exists()
    assert Matter.objects.get(pk=matter.pk).status == MatterStatus.DRAFT


@pytest.mark.parametrize("runner", ["front_head_a1", "chair_a"])
def test_the_front_work_committee_head_runs_the_dismissal_meeting(personas, tree, head, runner):
    village_of(tree, 3)
    matter = dismissal_matter(personas, tree)
    actor = personas[runner]
    meeting = meeting_started(actor, [matter], convenor="Lê Thị Mặt Trận")
    # Every step of the meeting is refused to the village head being dismissed.
    household = Household.objects.filter(village=tree.village_a1).order_by("code").first()
    refused = [
        lambda: attendance_record(
            actor=head,
            meeting=meeting,
            household=household,
            attendee_name="",
            authorised=False,
            attendee=household.representative,
        ),
        lambda: secretary_approve(actor=head, meeting=meeting, name="X", votes=1),
        lambda: voting_method_choose(actor=head, meeting=meeting, method="hands", votes=1),
        lambda: tally_record(actor=head, meeting=meeting, matter=matter, agree=1, disagree=0),
        lambda: meeting_close(actor=head, meeting=meeting, ended_at=timezone.now()),
    ]
    for step in refused:
        with pytest.raises(NotPermitted):
            step()
    meeting_held(actor, meeting)
    tally_record(actor=actor, meeting=meeting, matter=matter, agree=2, disagree=1)
    meeting_close(actor=actor, meeting=meeting, ended_at=timezone.now())
    assert Matter.objects.get(pk=matter.pk).status == MatterStatus.ADOPTED


def test_an_ordinary_meeting_is_not_run_by_the_front_head(personas, tree, head):
    village_of(tree, 2)
    matter = propose(actor=head, village=tree.village_a1, kind="other", form="meeting", title="Q")
    with pytest.raises(NotPermitted):
        meeting_started(personas["front_head_a1"], [matter])
    meeting = meeting_started(head, [matter])
    with pytest.raises(NotPermitted):
        secretary_approve(actor=personas["front_head_a1"], meeting=meeting, name="X", votes=0)


def test_the_dismissals_household_ballots_are_run_without_the_village_head(personas, tree, head):
    """Too few households came (Art. 19(1)(b)): the ballots that replace the meeting are
    planned, opened, counted and entered without the village head too."""
    village_of(tree, 4)
    matter = dismissal_matter(personas, tree)
    front = personas["front_head_a1"]
    decided = decide_at_meeting(front, matter, agree=1, present=1, convenor="Lê Thị Mặt Trận")
    assert (decided.status, decided.form, decided.ballot_fallback) == ("draft", "ballot", True)
    with pytest.raises(NotPermitted):
        ballot_plan_and_team(head, decided)
    with pytest.raises(NotPermitted):
        matter_close(actor=head, matter=decided)
    ballot_plan_and_team(front, decided)
    with pytest.raises(NotPermitted):
        matter_open(actor=head, matter=decided)
    chair = personas["chair_a"]
    opened = matter_open(actor=chair, matter=decided)
    assert opened.status == MatterStatus.OPEN
    with pytest.raises(DecisionError):  # a dismissal is never closed directly either
        matter_close(actor=chair, matter=opened)
