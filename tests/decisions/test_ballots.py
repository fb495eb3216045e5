"""Household ballots (Law 10/2022 Art. 19; ND 59/2023 Art. 4): the plan's dates, the team, one
coded ballot per household, entry refused twice with nothing changed, the count with two
witnesses and the Mẫu 04 minutes, and the commune's count of villages at exactly 2/3."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta

import pytest
from django.utils import timezone
from django.utils.translation import gettext

from danchu.core.access.errors import NotPermitted
from danchu.core.audit.models import AuditEvent
from danchu.core.documents.models import DocumentFile, GeneratedDocument
from danchu.core.units.domain.kinds import Kind
from danchu.decisions.domain import ballots as rules_ballots
from danchu.decisions.models import Ballot, BallotPlan, HouseholdVote, Matter, MatterStatus, Team
from danchu.decisions.services import DecisionError, matter_close, matter_open, vote_record
from danchu.decisions.services_ballots import (
    COUNTING_MINUTES,
    ballot_count_close,
    ballot_enter,
    ballot_plan_create,
    ballot_team_set,
    ballots_issue,
    counting_minutes_of,
)
from tests.conftest import make_household, make_unit
from tests.decisions.factories import decide_by_ballots, propose
from tests.decisions.test_ballots_support import (
    TEAM,
    ballot_matter,
    plan_dates,
    ready_and_issued,
    represent,
    village,
)


def _snapshot(matter: Matter) -> tuple:
    matter.refresh_from_db()
    return (
        matter.agree_count,
        matter.disagree_count,
        matter.other_count,
        HouseholdVote.objects.filter(matter=matter).count(),
        Ballot.objects.filter(matter=matter, vote__isnull=False).count(),
        AuditEvent.objects.count(),
    )


# --- the plan -------------------------------------------------------------------------------

MONDAY = date(2026, 11, 2)


@pytest.mark.parametrize(
    ("overrides", "accepted"),
    [
        ({"sent_to_commune_on": MONDAY + timedelta(days=2)}, True),  # exactly 2 days
        ({"sent_to_commune_on": MONDAY + timedelta(days=3)}, False),
        ({"sent_to_commune_on": MONDAY - timedelta(days=1)}, False),
        ({"notice_posted_on": MONDAY + timedelta(days=3)}, True),  # exactly 2 days before
        ({"notice_posted_on": MONDAY + timedelta(days=4)}, False),  # 1 day before
        ({"return_deadline": MONDAY + timedelta(days=5)}, False),  # the distribution day
        ({"distribution_starts_on": MONDAY - timedelta(days=1)}, False),
        ({"notice_channels": []}, False),
        ({"notice_channels": ["carrier_pigeon"]}, False),
        ({"purpose": "  "}, False),
    ],
)
def test_the_plan_keeps_the_laws_dates(personas, tree, overrides, accepted):
    matter = ballot_matter(personas, tree)
    dates = {
        "purpose": "Giờ tắt đèn",
        "issued_on": MONDAY,
        "sent_to_commune_on": MONDAY + timedelta(days=1),
        "notice_posted_on": MONDAY + timedelta(days=1),
        "notice_channels": ["posting"],
        "distribution_starts_on": MONDAY + timedelta(days=5),
        "return_deadline": MONDAY + timedelta(days=10),
    }
    dates.update(overrides)
    events = AuditEvent.objects.count()
    if accepted:
        plan = ballot_plan_create(actor=personas["village_head_a1"], matter=matter, **dates)
        assert plan.matter == matter
        assert AuditEvent.objects.filter(action="decisions.ballot_plan_created").exists()
    else:
        with pytest.raises(DecisionError):
            ballot_plan_create(actor=personas["village_head_a1"], matter=matter, **dates)
        assert not BallotPlan.objects.exists()
        assert AuditEvent.objects.count() == events


def test_the_plan_needs_a_ballot_matter_and_an_official_of_the_village(personas, tree):
    meeting = propose(
        actor=personas["village_head_a1"],
        village=tree.village_a1,
        kind="other",
        form="meeting",
        title="Họp",
    )
    with pytest.raises(DecisionError):
        ballot_plan_create(actor=personas["village_head_a1"], matter=meeting, **plan_dates())
    matter = ballot_matter(personas, tree)
    for stranger in ("officer_b", "resident", "officer_a"):
        with pytest.raises(NotPermitted):
            ballot_plan_create(actor=personas[stranger], matter=matter, **plan_dates())
    # The Front work committee head writes the plan with the village head (ND 59 Art. 4(2)).
    ballot_plan_create(actor=personas["front_head_a1"], matter=matter, **plan_dates())


def test_a_team_of_three_to_five_led_by_the_front(personas, tree):
    matter = ballot_matter(personas, tree)
    head = personas["village_head_a1"]
    with pytest.raises(DecisionError) as too_small:
        ballot_team_set(actor=head, matter=matter, members=TEAM[:2])
    assert gettext("The team needs at least 3 members.") in str(too_small.value)
    not_front = [dict(TEAM[0], is_front_representative=False, represents="village"), *TEAM[1:]]
    with pytest.raises(DecisionError):
        ballot_team_set(actor=head, matter=matter, members=not_front)
    assert not Team.objects.exists()
    five = [*TEAM, {"full_name": "Đoàn Văn Niên"}, {"full_name": "Hoàng Thị Phụ Nữ"}]
    team = ballot_team_set(actor=head, matter=matter, members=five)
    assert team.members.count() == 5
    team = ballot_team_set(actor=head, matter=matter, members=TEAM)  # replaced, not added
    assert team.members.count() == 3 and Team.objects.count() == 1
    with pytest.raises(DecisionError):
        ballot_team_set(actor=head, matter=matter, members=[*five, {"full_name": "Thứ sáu"}])


# --- issuing --------------------------------------------------------------------------------


def test_one_ballot_per_household_counted_at_opening_and_issued_once(personas, tree):
    households = village(tree, 4)
    make_household(tree.village_a2, "KHAC", members=1)
    left = make_household(tree.village_a1, "DI", members=1)
    left.left_on = timezone.localdate()
    left.save()
    matter = ready_and_issued(personas, tree)
    newcomer = make_household(tree.village_a1, "MOI", members=1)
    ballots = list(Ballot.objects.filter(matter=matter))
    assert matter.eligible_households == 4
    assert sorted(b.household_id for b in ballots) == sorted(h.pk for h in households)
    assert newcomer.pk not in {b.household_id for b in ballots}
    assert len({b.code for b in ballots}) == 4
    assert all(rules_ballots.code_well_formed(b.code) for b in ballots)
    # Issuing again creates nothing twice.
    assert ballots_issue(actor=personas["village_head_a1"], matter=matter) == 0
    assert Ballot.objects.filter(matter=matter).count() == 4


def test_ballots_are_issued_only_when_open_with_a_lawful_plan_and_team(personas, tree):
    village(tree, 2)
    head = personas["village_head_a1"]
    matter = ballot_matter(personas, tree)
    ballot_plan_create(actor=head, matter=matter, **plan_dates())
    with pytest.raises(DecisionError):  # still a draft
        ballots_issue(actor=head, matter=matter)
    with pytest.raises(DecisionError) as no_team:  # nor does it open without its team
        matter_open(actor=head, matter=matter)
    assert gettext("Choose the member who leads the team.") in str(no_team.value)
    ballot_team_set(actor=head, matter=matter, members=TEAM)
    matter = matter_open(actor=head, matter=matter)
    ballot_plan_create(actor=head, matter=matter, **plan_dates(notice_posted_on=None))
    with pytest.raises(DecisionError) as no_notice:
        ballots_issue(actor=head, matter=matter)
    assert gettext("Record when the households were notified.") in str(no_notice.value)
    assert not Ballot.objects.exists()
    with pytest.raises(NotPermitted):
        ballots_issue(actor=personas["officer_b"], matter=matter)


# --- entering -------------------------------------------------------------------------------


def test_a_ballot_is_entered_once_and_the_second_entry_changes_nothing(personas, tree):
    village(tree, 3)
    matter = ready_and_issued(personas, tree)
    ballot = Ballot.objects.filter(matter=matter).order_by("pk").first()
    front = personas["front_head_a1"]
    typed = rules_ballots.format_code(ballot.code).lower()
    entered = ballot_enter(actor=front, code=typed, choice="agree", other_opinion=" Tốt ")
    assert entered.vote.channel == "paper" and entered.vote.entered_by == front
    assert entered.vote.household_id == ballot.household_id
    before = _snapshot(matter)
    assert before[:5] == (1, 0, 0, 1, 1)
    with pytest.raises(DecisionError) as twice:
        ballot_enter(actor=personas["village_head_a1"], code=ballot.code, choice="disagree")
    message = str(twice.value)
    assert str(front) in message
    assert message.startswith(
        gettext("This ballot was already entered on %(when)s by %(who)s.")[:10]
    )
    assert _snapshot(matter) == before


def test_unknown_mistyped_and_foreign_codes_are_refused(personas, tree):
    village(tree, 2)
    matter = ready_and_issued(personas, tree)
    head = personas["village_head_a1"]
    code = Ballot.objects.filter(matter=matter).first().code
    other = ballot_matter(personas, tree, title="Việc khác")
    before = _snapshot(matter)
    typo = code[:-1] + next(c for c in rules_ballots.CODE_ALPHABET if c != code[-1])
    with pytest.raises(DecisionError):
        ballot_enter(actor=head, code=typo, choice="agree")
    with pytest.raises(DecisionError) as unknown:
        ballot_enter(actor=head, code=rules_ballots.new_code(), choice="agree")
    assert gettext("No ballot has the code %(code)s.")[:10] in str(unknown.value)
    with pytest.raises(DecisionError):  # a stranger learns nothing about the code
        ballot_enter(actor=personas["officer_b"], code=code, choice="agree")
    with pytest.raises(DecisionError):
        ballot_enter(actor=head, code=code, choice="agree", matter=other)
    assert _snapshot(matter) == before


def test_a_paper_ballot_after_the_household_voted_is_refused_and_changes_nothing(personas, tree):
    households = village(tree, 2)
    matter = ready_and_issued(personas, tree)
    head = personas["village_head_a1"]
    code_first = Ballot.objects.get(matter=matter, household=households[0]).code
    ballot_enter(actor=head, code=code_first, choice="agree")
    # The same household again, through a vote typed in as paper: refused too.
    with pytest.raises(DecisionError):
        vote_record(
            actor=head,
            matter=matter,
            household=households[0],
            choice="agree",
            channel="paper",
            via_ballot=True,
        )
    code = code_first
    before = _snapshot(matter)
    with pytest.raises(DecisionError):
        ballot_enter(actor=head, code=code, choice="disagree")
    assert _snapshot(matter) == before


def test_voting_online_after_the_paper_ballot_was_counted_is_refused_clearly(personas, tree):
    households = village(tree, 2)
    matter = ready_and_issued(personas, tree)
    code = Ballot.objects.get(matter=matter, household=households[0]).code
    ballot_enter(actor=personas["front_head_a1"], code=code, choice="agree")
    resident = personas["resident"]
    represent(resident, households[0])
    before = _snapshot(matter)
    with pytest.raises(DecisionError) as refused:
        vote_record(
            actor=resident,
            matter=matter,
            household=households[0],
            choice="disagree",
            channel="online",
        )
    expected = gettext(
        "Your household's paper ballot was already counted (%(when)s); the household "
        "cannot also vote online."
    )
    assert str(refused.value).startswith(expected.split("(")[0])
    assert _snapshot(matter) == before


# --- the count ------------------------------------------------------------------------------


def test_the_count_needs_two_witnesses_and_the_deadline_or_every_ballot(personas, tree):
    village(tree, 2)
    matter = ready_and_issued(personas, tree)
    head = personas["village_head_a1"]
    code = Ballot.objects.filter(matter=matter).first().code
    ballot_enter(actor=head, code=code, choice="agree")
    for witnesses in (["Lê Văn A"], ["Lê Văn A", "Lê Văn A"], ["A", "B", "C"]):
        with pytest.raises(DecisionError):
            ballot_count_close(actor=head, matter=matter, witnesses=witnesses)
    with pytest.raises(DecisionError):  # the deadline is a week away and a ballot is missing
        ballot_count_close(actor=head, matter=matter, witnesses=["Lê Văn A", "Trần Thị B"])
    with pytest.raises(NotPermitted):  # the Front head records, the village head closes
        ballot_count_close(
            actor=personas["front_head_a1"], matter=matter, witnesses=["Lê Văn A", "Trần B"]
        )
    matter.refresh_from_db()
    assert matter.status == MatterStatus.OPEN
    assert not GeneratedDocument.objects.exists()


def test_counting_writes_the_minutes_and_decides_against_all_households(personas, tree):
    village(tree, 3)
    matter = ready_and_issued(
        personas,
        tree,
        issued_on=timezone.localdate() - timedelta(days=12),
        sent_to_commune_on=timezone.localdate() - timedelta(days=11),
        notice_posted_on=timezone.localdate() - timedelta(days=11),
        distribution_starts_on=timezone.localdate() - timedelta(days=8),
        return_deadline=timezone.localdate(),
    )
    head = personas["village_head_a1"]
    codes = list(Ballot.objects.filter(matter=matter).order_by("pk").values_list("code", flat=True))
    ballot_enter(actor=head, code=codes[0], choice="agree")
    ballot_enter(actor=head, code=codes[1], choice="other", other_opinion="Tắt lúc 23 giờ")
    assert counting_minutes_of(matter) is None  # not before the count
    # 1 of 3 agree, one ballot not returned: item 6 needs more than 50% of ALL households.
    closed = ballot_count_close(actor=head, matter=matter, witnesses=["Lê Văn A", "Trần Thị B"])
    assert closed.status == MatterStatus.REJECTED
    plan = BallotPlan.objects.get(matter=matter)
    assert plan.witnesses == ["Lê Văn A", "Trần Thị B"] and plan.counted_at is not None
    document = GeneratedDocument.objects.get(doc_type=COUNTING_MINUTES)
    assert plan.counting_minutes_document_id == document.pk
    assert counting_minutes_of(matter) == document
    assert {f.format for f in DocumentFile.objects.filter(document=document)} >= {"pdf", "docx"}
    import docx

    stored = DocumentFile.objects.get(document=document, format="docx")
    with stored.file.open("rb") as handle:
        paper = docx.Document(io.BytesIO(handle.read()))
    text = "\n".join(p.text for p in paper.paragraphs)
    cells = [c.text for t in paper.tables for row in t.rows for c in row.cells]
    assert "Trần Thị B" in text + "".join(cells)
    assert "Tắt lúc 23 giờ" in text
    for label, value in (
        ("Số phiếu phát ra", "3"),
        ("Số phiếu thu về", "2"),
        ("Số hộ tán thành", "1"),
        ("Số hộ có ý kiến khác", "1"),
        ("Số phiếu không thu về hoặc không hợp lệ", "1"),
    ):
        assert cells[cells.index(label) + 1] == value
    actions = list(
        AuditEvent.objects.filter(target_id=str(matter.pk)).values_list("action", flat=True)
    )
    assert actions[-2:] == ["decisions.ballots_counted", "decisions.matter_closed"]


@pytest.mark.parametrize(
    ("field", "msgid"),
    [
        ("issued_on", "The plan cannot be dated in the future."),
        (
            "sent_to_commune_on",
            "The sending of the plan to the commune cannot be dated in the future.",
        ),
        ("notice_posted_on", "The notice to the households cannot be dated in the future."),
    ],
)
def test_the_plans_recorded_facts_cannot_be_dated_in_the_future(personas, tree, field, msgid):
    village(tree, 2)
    head = personas["village_head_a1"]
    matter = ballot_matter(personas, tree)
    tomorrow = timezone.localdate() + timedelta(days=1)
    later = {
        "issued_on": tomorrow,
        "sent_to_commune_on": tomorrow,
        "notice_posted_on": tomorrow,
        "distribution_starts_on": tomorrow + timedelta(days=2),
        "return_deadline": tomorrow + timedelta(days=9),
    }
    dates = plan_dates(
        distribution_starts_on=later["distribution_starts_on"],
        return_deadline=later["return_deadline"],
    )
    dates[field] = later[field]
    with pytest.raises(DecisionError, match=re.escape(gettext(msgid))):
        ballot_plan_create(actor=head, matter=matter, **dates)
    assert not BallotPlan.objects.exists()
    # Today is a recorded fact, not a future one.
    for name in ("issued_on", "sent_to_commune_on", "notice_posted_on"):
        dates[name] = timezone.localdate()
    ballot_plan_create(actor=head, matter=matter, **dates)
    assert BallotPlan.objects.count() == 1


# --- commune scope --------------------------------------------------------------------------


def _commune_matter(personas, tree, villages: int):
    while tree.commune_a.children.filter(kind=Kind.VILLAGE).count() < villages:
        n = tree.commune_a.children.count() + 1
        make_unit(f"90001-{n:03d}", f"Thôn {n}", Kind.VILLAGE, tree.commune_a)
    units = list(tree.commune_a.children.filter(kind=Kind.VILLAGE).order_by("code"))
    for unit in units:
        for i in range(3):
            make_household(unit, f"{unit.code}-{i}", members=1)
    chair = personas["chair_a"]
    matter = propose(
        actor=chair,
        village=tree.commune_a,
        kind="contribution",
        form="ballot",
        title="Đường liên thôn",
    )
    return matter_open(actor=chair, matter=matter)


def test_each_village_part_of_a_commune_matter_has_its_own_ballot_plan(personas, tree):
    """ND 59 Art. 4(6)(c): each village counts its own ballots; a village part with a plan is
    then closed by its count, not directly."""
    matter = _commune_matter(personas, tree, villages=3)
    chair = personas["chair_a"]
    part = Matter.objects.filter(parent=matter).order_by("unit__code").first()
    assert part.status == MatterStatus.DRAFT
    ballot_plan_create(actor=personas["village_head_a1"], matter=part, **plan_dates())
    with pytest.raises(DecisionError):  # the commune matter itself has no plan
        ballot_plan_create(actor=chair, matter=matter, **plan_dates())
    ballot_team_set(actor=personas["front_head_a1"], matter=part, members=TEAM)
    part = matter_open(actor=personas["village_head_a1"], matter=part)
    with pytest.raises(DecisionError):
        matter_close(actor=chair, matter=part)
    part.refresh_from_db()
    assert part.status == MatterStatus.OPEN


def _decide_village(chair, part: Matter, agree: int) -> None:
    decide_by_ballots(chair, part, agree=agree)


@pytest.mark.parametrize(
    ("adopting", "status"), [(2, MatterStatus.ADOPTED), (1, MatterStatus.REJECTED)]
)
def test_a_commune_matter_passes_with_exactly_two_thirds_of_all_villages(
    personas, tree, adopting, status
):
    matter = _commune_matter(personas, tree, villages=3)
    chair = personas["chair_a"]
    parts = list(Matter.objects.filter(parent=matter).order_by("unit__code"))
    assert len(parts) == 3
    for index, part in enumerate(parts):
        _decide_village(chair, part, agree=2 if index < adopting else 0)  # 2 of 3 = 2/3
    closed = matter_close(actor=chair, matter=matter)
    assert closed.villages_adopted == adopting
    assert closed.status == status
