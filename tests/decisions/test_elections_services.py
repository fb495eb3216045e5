"""Electing and dismissing the village head: services, refusals that change nothing, the
recognition hooks and the Mẫu 05 document (ND 59/2023 Arts 6–9; R-VH-01–06)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import override_settings
from django.utils import timezone
from django.utils.translation import gettext

from danchu.core.access.errors import NotPermitted
from danchu.core.audit.models import AuditEvent
from danchu.core.calendar import deadline
from danchu.decisions.models import (
    Candidate,
    Dismissal,
    Election,
    Matter,
    MatterStatus,
    Meeting,
    Team,
)
from danchu.decisions.services import DecisionError, matter_open
from danchu.decisions.services_elections import (
    CANDIDATE_LIST,
    candidate_add,
    candidate_list_document,
    candidate_votes_record,
    candidates_sent,
    dismissal_open,
    election_close,
    election_plan,
    election_team_set,
    interim_head_appoint,
    notice_posted,
    overdue_new_elections,
    took_office,
)
from danchu.decisions.services_meetings import meeting_close, tally_record
from tests.decisions.factories import meeting_held, meeting_started
from tests.decisions.test_elections_support import (
    CANDIDATE,
    FRONT,
    LEADER,
    days_ago,
    decision_for,
    fire,
    households,
    planned,
    prepared,
    team,
    today,
)


@pytest.fixture
def chair(personas):
    return personas["chair_a"]


@pytest.fixture
def village(tree):
    households(tree.village_a1, 4)
    return tree.village_a1


# --- planning -----------------------------------------------------------------------------------


def test_a_plan_exactly_20_days_before_is_accepted(chair, village):
    election = planned(chair, village)
    assert election.plan_issued_on == election.meeting_on - timedelta(days=20)
    matter = election.matter
    assert (matter.kind, matter.form, matter.status) == ("village_head", "meeting", "draft")
    assert matter.front_agreed_by == FRONT
    assert election.term_years == Decimal("5")  # the default province setting
    assert AuditEvent.objects.filter(action="decisions.election_created").count() == 1


def test_a_plan_19_days_before_is_refused_and_nothing_is_created(chair, village):
    with pytest.raises(DecisionError) as refusal:
        from danchu.decisions.services_elections import election_plan

        election_plan(
            actor=chair,
            village=village,
            kind="village_head",
            meeting_on=today(),
            plan_issued_on=days_ago(19),
            front_agreed_by=FRONT,
        )
    assert "20" in str(refusal.value)
    assert not Matter.objects.exists() and not Election.objects.exists()


@override_settings(DANCHU_VILLAGE_HEAD_TERM_YEARS={"90": "2.5", "default": "5"})
def test_the_term_follows_the_province(chair, village, tree):
    assert planned(chair, village).term_years == Decimal("2.5")


def test_a_term_the_province_does_not_allow_is_refused(chair, village):
    with pytest.raises(DecisionError):
        planned(chair, village, term_years="3")
    assert not Election.objects.exists()


@pytest.mark.parametrize("who", ["village_head_a1", "front_head_a1", "officer_b", "resident"])
def test_only_the_commune_plans(personas, village, who):
    with pytest.raises(NotPermitted):
        planned(personas[who], village)
    assert not Election.objects.exists()


def test_one_election_of_a_kind_at_a_time(chair, village):
    planned(chair, village)
    with pytest.raises(DecisionError):
        planned(chair, village)
    planned(chair, village, kind="board_member")
    assert Election.objects.count() == 2


# --- the team and the candidates ---------------------------------------------------------------


@pytest.mark.parametrize(("days", "accepted"), [(10, True), (9, False)])
def test_the_team_is_set_up_10_days_before(chair, village, days, accepted):
    election = planned(chair, village)
    run = lambda: election_team_set(  # noqa: E731
        actor=chair, election=election, members=team(), decided_on=days_ago(days)
    )
    if accepted:
        created = run()
        leader = created.members.get(is_leader=True)
        assert leader.full_name == LEADER and leader.is_front_representative
    else:
        with pytest.raises(DecisionError):
            run()
        assert not Team.objects.exists()
        election.refresh_from_db()
        assert election.team_decided_on is None


def test_the_team_is_led_by_the_front_representative(chair, village):
    election = planned(chair, village)
    members = [m for m in team() if not m.is_front_representative]
    with pytest.raises(DecisionError) as refusal:
        election_team_set(actor=chair, election=election, members=members, decided_on=days_ago(10))
    assert str(refusal.value) == gettext(
        "The election team is led by a representative of the Front work committee."
    )
    assert not Team.objects.exists()


def test_a_candidate_who_sits_on_the_team_is_refused(chair, village):
    election = planned(chair, village)
    election_team_set(actor=chair, election=election, members=team(), decided_on=days_ago(10))
    with pytest.raises(DecisionError) as refusal:
        candidate_add(actor=chair, election=election, full_name=" lê  văn tổ ")
    assert str(refusal.value) == gettext("%(name)s sits on the election team and cannot stand.") % {
        "name": "lê văn tổ"
    }
    assert not Candidate.objects.exists()
    assert not AuditEvent.objects.filter(action="decisions.candidate_added").exists()


def test_a_team_that_includes_a_candidate_is_refused(chair, village):
    election = planned(chair, village)
    candidate_add(actor=chair, election=election, full_name=LEADER)
    with pytest.raises(DecisionError):
        election_team_set(actor=chair, election=election, members=team(), decided_on=days_ago(10))
    assert not Team.objects.exists()


def test_a_candidate_is_listed_once(chair, village):
    election = planned(chair, village)
    candidate_add(actor=chair, election=election, full_name=CANDIDATE)
    with pytest.raises(DecisionError):
        candidate_add(actor=chair, election=election, full_name=CANDIDATE)
    assert Candidate.objects.count() == 1


def test_the_village_head_enters_candidates_and_the_front_head_cannot(personas, chair, village):
    election = planned(chair, village)
    candidate_add(actor=personas["village_head_a1"], election=election, full_name=CANDIDATE)
    with pytest.raises(NotPermitted):
        candidate_add(actor=personas["front_head_a1"], election=election, full_name="Khác")
    assert Candidate.objects.count() == 1


@pytest.mark.parametrize(("days", "accepted"), [(15, True), (14, False)])
def test_the_candidate_list_reaches_the_commune_15_days_before(chair, village, days, accepted):
    election = planned(chair, village)
    election_team_set(actor=chair, election=election, members=team(), decided_on=days_ago(10))
    candidate_add(actor=chair, election=election, full_name=CANDIDATE)
    if accepted:
        candidates_sent(actor=chair, election=election, sent_on=days_ago(days))
        election.refresh_from_db()
        assert election.candidates_sent_on == days_ago(days)
    else:
        with pytest.raises(DecisionError):
            candidates_sent(actor=chair, election=election, sent_on=days_ago(days))
        election.refresh_from_db()
        assert election.candidates_sent_on is None
        assert election.candidate_list_document_id is None
        assert candidate_list_document(election) is None


def test_an_empty_candidate_list_is_refused(chair, village):
    election = planned(chair, village)
    with pytest.raises(DecisionError) as refusal:
        candidates_sent(actor=chair, election=election, sent_on=days_ago(15))
    assert str(refusal.value) == gettext("The candidate list needs at least one candidate.")
    election.refresh_from_db()
    assert election.candidates_sent_on is None


def test_the_candidate_list_minutes_are_pdf_and_docx(chair, village):
    election = planned(chair, village)
    election_team_set(actor=chair, election=election, members=team(), decided_on=days_ago(10))
    candidate_add(actor=chair, election=election, full_name=CANDIDATE, nominated_by="Chi bộ")
    document = candidates_sent(
        actor=chair, election=election, sent_on=days_ago(15), front_head_name=FRONT
    )
    assert document.doc_type == CANDIDATE_LIST
    files = {f.format: f for f in document.files.all()}
    assert {"pdf", "docx"} <= set(files)
    assert files["pdf"].file.open("rb").read().startswith(b"%PDF")
    assert files["docx"].file.open("rb").read().startswith(b"PK")
    html = files["html"].file.open("rb").read().decode()
    assert CANDIDATE in html and FRONT in html
    assert "danh sách người ứng cử" in html and "Ban công tác Mặt trận thôn Một" in html
    election.refresh_from_db()
    assert election.candidate_list_document_id == document.pk
    assert candidate_list_document(election) == document


def test_after_the_list_is_sent_only_self_nomination_at_the_meeting(chair, village):
    election = planned(chair, village, meeting_on=today() + timedelta(days=5))
    election_team_set(actor=chair, election=election, members=team(), decided_on=days_ago(5))
    candidate_add(actor=chair, election=election, full_name=CANDIDATE)
    candidates_sent(actor=chair, election=election, sent_on=days_ago(10))
    with pytest.raises(DecisionError):
        candidate_add(actor=chair, election=election, full_name="Người Đến Muộn")
    assert Candidate.objects.count() == 1
    # On the meeting day a person may nominate themselves.
    Election.objects.filter(pk=election.pk).update(meeting_on=today())
    election.refresh_from_db()
    candidate_add(actor=chair, election=election, full_name="Người Tự Ứng Cử")
    assert Candidate.objects.count() == 2


@pytest.mark.parametrize(("days", "accepted"), [(7, True), (6, False)])
def test_the_notice_is_posted_7_days_before(chair, village, days, accepted):
    election = planned(chair, village)
    election_team_set(actor=chair, election=election, members=team(), decided_on=days_ago(10))
    if accepted:
        notice_posted(actor=chair, election=election, posted_on=days_ago(days))
    else:
        with pytest.raises(DecisionError):
            notice_posted(actor=chair, election=election, posted_on=days_ago(days))
    election.refresh_from_db()
    assert (election.notice_posted_on is not None) is accepted


# --- the count and the result ------------------------------------------------------------------


def test_more_than_half_of_all_households_elects(chair, village):
    election = prepared(chair, village)  # 4 households
    candidate = election.candidates.get()
    candidate_votes_record(actor=chair, election=election, candidate=candidate, agree_count=3)
    winner = election_close(actor=chair, election=election)
    assert winner == candidate and winner.elected
    election.refresh_from_db()
    assert election.matter.status == MatterStatus.ADOPTED and not election.rerun_ordered
    assert election.matter.agree_count == 3


def test_exactly_half_elects_nobody_and_a_rerun_is_ordered(chair, village):
    election = prepared(chair, village)
    candidate = election.candidates.get()
    candidate_votes_record(actor=chair, election=election, candidate=candidate, agree_count=2)
    assert election_close(actor=chair, election=election) is None
    election.refresh_from_db()
    assert election.matter.status == MatterStatus.REJECTED and election.rerun_ordered
    assert not Candidate.objects.filter(elected=True).exists()


def test_a_tie_at_the_top_elects_nobody(chair, village):
    election = prepared(chair, village, candidates=(CANDIDATE, "Đỗ Thị Hai"))
    for candidate in election.candidates.all():
        candidate_votes_record(actor=chair, election=election, candidate=candidate, agree_count=3)
    assert election_close(actor=chair, election=election) is None
    election.refresh_from_db()
    assert election.rerun_ordered


def test_the_most_votes_wins_when_several_pass(chair, village):
    election = prepared(chair, village, candidates=(CANDIDATE, "Đỗ Thị Hai"))
    first, second = election.candidates.order_by("pk")
    candidate_votes_record(actor=chair, election=election, candidate=first, agree_count=3)
    candidate_votes_record(actor=chair, election=election, candidate=second, agree_count=4)
    assert election_close(actor=chair, election=election) == second


def test_a_count_above_all_households_is_refused(chair, village):
    election = prepared(chair, village)
    candidate = election.candidates.get()
    with pytest.raises(DecisionError):
        candidate_votes_record(actor=chair, election=election, candidate=candidate, agree_count=5)
    candidate.refresh_from_db()
    assert candidate.agree_count == 0


def test_no_count_before_the_vote_opens(chair, village):
    election = prepared(chair, village, open_vote=False)
    with pytest.raises(DecisionError):
        candidate_votes_record(
            actor=chair, election=election, candidate=election.candidates.get(), agree_count=1
        )


def test_an_election_without_its_steps_cannot_be_decided(chair, village):
    election = planned(chair, village)
    candidate_add(actor=chair, election=election, full_name=CANDIDATE)
    meeting_started(chair, [election.matter])
    with pytest.raises(DecisionError):
        election_close(actor=chair, election=election)
    assert Matter.objects.get().status == MatterStatus.OPEN


def test_an_outsider_cannot_count_or_close(personas, chair, village):
    election = prepared(chair, village)
    with pytest.raises(NotPermitted):
        candidate_votes_record(
            actor=personas["officer_b"],
            election=election,
            candidate=election.candidates.get(),
            agree_count=3,
        )
    with pytest.raises(NotPermitted):
        election_close(actor=personas["officer_b"], election=election)


# --- recognition hooks -------------------------------------------------------------------------


def test_the_winner_takes_office_on_recognition(chair, village):
    election = prepared(chair, village)
    candidate_votes_record(
        actor=chair, election=election, candidate=election.candidates.get(), agree_count=3
    )
    election_close(actor=chair, election=election)
    assert took_office(election) is None  # not before recognition
    election.refresh_from_db()
    recognised_on = today()
    fire("recognised", decision_for(election.matter, recognised_on=recognised_on))
    event = AuditEvent.objects.get(action="decisions.took_office")
    term_end = recognised_on.replace(year=recognised_on.year + 5)
    assert event.data["full_name"] == CANDIDATE
    assert event.data["took_office_on"] == recognised_on.isoformat()
    assert event.data["term_ends_on"] == term_end.isoformat()
    election.refresh_from_db()
    assert (election.took_office_on, election.term_ends_on) == (recognised_on, term_end)
    office = took_office(election)
    assert office["on"] == recognised_on and office["term_ends_on"] == term_end


def test_a_refused_recognition_orders_a_rerun(chair, village):
    election = prepared(chair, village)
    candidate_votes_record(
        actor=chair, election=election, candidate=election.candidates.get(), agree_count=3
    )
    election_close(actor=chair, election=election)
    election.refresh_from_db()
    assert not election.rerun_ordered
    fire("refused", decision_for(election.matter, recognised_on=None))
    election.refresh_from_db()
    assert election.rerun_ordered
    assert election.took_office_on is None and took_office(election) is None
    assert AuditEvent.objects.filter(action="decisions.rerun_ordered").count() == 1


# --- dismissal ----------------------------------------------------------------------------------


def _dismiss(chair, village, **kw):
    kw.setdefault("trigger", "petition")
    return dismissal_open(
        actor=chair,
        village=village,
        head_name="Hoàng Văn Cũ",
        received_on=days_ago(1),
        front_head_name=FRONT,
        **kw,
    )


def test_a_petition_of_exactly_half_opens_a_dismissal(chair, village):
    dismissal = _dismiss(chair, village, petition_households=2)  # 2 of 4 households
    assert dismissal.matter.kind == "village_head" and dismissal.matter.form == "meeting"
    assert dismissal.matter.front_agreed_by == FRONT


def test_a_petition_below_half_is_refused(chair, village):
    with pytest.raises(DecisionError):
        _dismiss(chair, village, petition_households=1)
    assert not Dismissal.objects.exists() and not Matter.objects.exists()


@pytest.mark.parametrize("petition", [None, 5])
def test_a_petition_needs_a_plausible_count(chair, village, petition):
    with pytest.raises(DecisionError):
        _dismiss(chair, village, petition_households=petition)
    assert not Dismissal.objects.exists()


def test_a_resignation_needs_no_petition(chair, village):
    assert _dismiss(chair, village, trigger="resignation").petition_households is None
    with pytest.raises(DecisionError):  # one dismissal at a time
        _dismiss(chair, village, trigger="front")


def test_recognising_the_dismissal_starts_the_60_days(chair, village):
    dismissal = _dismiss(chair, village, trigger="resignation")
    with pytest.raises(DecisionError):  # no interim head before recognition
        interim_head_appoint(
            actor=chair, dismissal=dismissal, name="Bùi Văn Tạm", on=today(), front_agreed_by=FRONT
        )
    recognised_on = days_ago(3)
    fire("recognised", decision_for(dismissal.matter, recognised_on=recognised_on))
    dismissal.refresh_from_db()
    assert dismissal.recognised_on == recognised_on
    # 60 days, a last day off moved to the next working day (LAW.md §4.5).
    assert dismissal.new_election_due == deadline(recognised_on, 60, "days")
    assert dismissal.new_election_due >= recognised_on + timedelta(days=60)
    interim_head_appoint(
        actor=chair, dismissal=dismissal, name="Bùi Văn Tạm", on=today(), front_agreed_by=FRONT
    )
    dismissal.refresh_from_db()
    assert dismissal.interim_head_name == "Bùi Văn Tạm"
    assert dismissal.interim_front_agreed_by == FRONT
    # Planning the new election records the order on the dismissal.
    election = planned(chair, village, meeting_on=today() + timedelta(days=20))
    dismissal.refresh_from_db()
    assert dismissal.new_election_ordered_on == election.plan_issued_on
    assert not overdue_new_elections(village.parent).exists()


def test_the_dismissed_head_is_not_the_interim_head(chair, village):
    dismissal = _dismiss(chair, village, trigger="resignation")
    fire("recognised", decision_for(dismissal.matter, recognised_on=days_ago(3)))
    with pytest.raises(DecisionError):
        interim_head_appoint(
            actor=chair, dismissal=dismissal, name="hoàng văn cũ", on=today(), front_agreed_by=FRONT
        )
    dismissal.refresh_from_db()
    assert dismissal.interim_head_name == "" and dismissal.interim_front_agreed_by == ""


def test_new_elections_not_ordered_within_60_days_are_overdue(chair, village, tree):
    dismissal = _dismiss(chair, village, trigger="resignation")
    fire("recognised", decision_for(dismissal.matter, recognised_on=days_ago(61)))
    assert list(overdue_new_elections(tree.commune_a)) == [dismissal]
    assert not overdue_new_elections(tree.commune_b).exists()
    Dismissal.objects.filter(pk=dismissal.pk).update(
        recognised_on=days_ago(60), new_election_due=today()
    )
    assert not overdue_new_elections(tree.commune_a).exists()  # exactly 60 days: still in time


# --- the election meeting (Art. 18; ND 59 Arts 6, 8) -------------------------------------------


def test_an_election_opens_only_with_its_meeting(chair, village):
    election = planned(chair, village)
    candidate_add(actor=chair, election=election, full_name=CANDIDATE)
    with pytest.raises(DecisionError):
        matter_open(actor=chair, matter=election.matter)
    assert Matter.objects.get().status == MatterStatus.DRAFT


def test_the_election_meeting_is_held_on_the_planned_day(chair, village):
    election = planned(chair, village, meeting_on=today() + timedelta(days=1))
    with pytest.raises(DecisionError):
        meeting_started(chair, [election.matter])
    assert not Meeting.objects.exists()


def test_the_counts_are_recorded_at_the_meeting_and_its_close_leaves_the_election(chair, village):
    election = prepared(chair, village)
    meeting = election.matter.meeting
    candidate = election.candidates.get()
    with pytest.raises(DecisionError):  # no single count of an election at the meeting
        tally_record(actor=chair, meeting=meeting, matter=election.matter, agree=3, disagree=0)
    meeting_held(chair, meeting)
    candidate_votes_record(actor=chair, election=election, candidate=candidate, agree_count=3)
    meeting_close(actor=chair, meeting=meeting, ended_at=timezone.now())
    election.refresh_from_db()
    assert election.matter.status == MatterStatus.OPEN  # left to election_close
    with pytest.raises(DecisionError):  # counts come from the meeting, not after it
        candidate_votes_record(actor=chair, election=election, candidate=candidate, agree_count=4)
    assert election_close(actor=chair, election=election) == candidate


def test_board_members_are_elected_without_the_village_head_timeline(personas, village):
    head = personas["village_head_a1"]
    # Planned by the village head the day before the meeting: no 20-day plan, no team, no list
    # sent 15 days ahead, no notice 7 days ahead (ND 59 Art. 6 binds the village head's only).
    election = election_plan(
        actor=head,
        village=village,
        kind="board_member",
        meeting_on=today(),
        plan_issued_on=days_ago(1),
        front_agreed_by=FRONT,
    )
    candidate = candidate_add(actor=head, election=election, full_name=CANDIDATE)
    meeting_started(head, [election.matter])
    candidate_votes_record(actor=head, election=election, candidate=candidate, agree_count=3)
    assert election_close(actor=head, election=election) == candidate


def test_the_village_head_plans_no_village_head_election(personas, village):
    with pytest.raises(NotPermitted):
        election_plan(
            actor=personas["village_head_a1"],
            village=village,
            kind="village_head",
            meeting_on=today() + timedelta(days=25),
            plan_issued_on=today(),
            front_agreed_by=FRONT,
        )
    assert not Election.objects.exists()
