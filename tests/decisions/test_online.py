"""Online votes (ND 59/2023 Art. 5; LAW.md R-DEC-06–08): the online team with an IT-proficient
member, the poll counted against ALL households (exactly 50% refused, just over passes), one
answer per household, the vote opening on its own, the draft returning when the community
declined, and the pages' permission matrix."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext

from danchu.core.access.errors import NotPermitted
from danchu.core.audit.models import AuditEvent
from danchu.decisions.models import HouseholdVote, Matter, MatterStatus, OnlinePollResponse
from danchu.decisions.services import DecisionError, vote_record
from danchu.decisions.services_meetings import meeting_create
from danchu.decisions.services_online import (
    matter_form_change,
    online_team_set,
    poll_answer,
    poll_close,
    poll_open,
)
from tests.decisions.factories import propose
from tests.decisions.test_ballots_support import ONLINE_TEAM, TEAM, represent, village


def _online(personas, tree) -> Matter:
    return propose(
        actor=personas["village_head_a1"],
        village=tree.village_a1,
        kind="other",
        form="online",
        title="Giờ tắt đèn đường",
    )


def _polling(personas, tree) -> Matter:
    matter = _online(personas, tree)
    online_team_set(actor=personas["front_head_a1"], matter=matter, members=ONLINE_TEAM)
    return poll_open(actor=personas["village_head_a1"], matter=matter)


def _answer(personas, matter, households, choices) -> None:
    for household, choice in zip(households, choices, strict=False):
        poll_answer(
            actor=personas["front_head_a1"], matter=matter, household=household, choice=choice
        )


def test_the_online_team_includes_an_it_proficient_person(personas, tree):
    matter = _online(personas, tree)
    with pytest.raises(DecisionError) as refused:
        online_team_set(actor=personas["village_head_a1"], matter=matter, members=TEAM)
    assert gettext(
        "The online voting team includes a person proficient in information technology."
    ) in str(refused.value)
    team = online_team_set(actor=personas["village_head_a1"], matter=matter, members=ONLINE_TEAM)
    assert team.members.filter(is_leader=True, is_front_representative=True).count() == 1
    with pytest.raises(NotPermitted):
        online_team_set(actor=personas["officer_b"], matter=matter, members=ONLINE_TEAM)


def test_the_poll_needs_a_draft_online_matter_the_front_and_the_team(personas, tree):
    village(tree, 2)
    head = personas["village_head_a1"]
    matter = _online(personas, tree)
    with pytest.raises(DecisionError):  # no team yet
        poll_open(actor=head, matter=matter)
    online_team_set(actor=head, matter=matter, members=ONLINE_TEAM)
    Matter.objects.filter(pk=matter.pk).update(front_agreed_by="")
    with pytest.raises(DecisionError):
        poll_open(actor=head, matter=matter)
    Matter.objects.filter(pk=matter.pk).update(front_agreed_by="Trưởng ban")
    with pytest.raises(NotPermitted):  # the Front head helps; the village head starts it
        poll_open(actor=personas["front_head_a1"], matter=matter)
    opened = poll_open(actor=head, matter=matter)
    assert opened.status == MatterStatus.POLL and opened.poll_opened_at is not None
    with pytest.raises(DecisionError):
        poll_open(actor=head, matter=opened)


@pytest.mark.parametrize(
    ("households", "choices", "opens"),
    [
        (4, ["agree", "agree", "disagree", "disagree"], False),  # exactly 50%
        (4, ["agree", "agree"], False),  # all who answered agree, but only 2 of ALL 4
        (5, ["agree", "agree", "agree"], True),  # 3 of 5: just over 50%
        (4, ["agree", "agree", "agree", "other"], True),
    ],
)
def test_the_poll_counts_against_all_households(personas, tree, households, choices, opens):
    members = village(tree, households)
    matter = _polling(personas, tree)
    _answer(personas, matter, members, choices)
    closed = poll_close(
        actor=personas["village_head_a1"],
        matter=matter,
        closes_at=timezone.now() + timedelta(days=3),
    )
    assert closed.poll_chose_online == choices.count("agree")
    assert closed.poll_closed_at is not None
    if opens:
        assert closed.status == MatterStatus.OPEN
        assert closed.eligible_households == households and closed.closes_at is not None
    else:
        assert closed.status == MatterStatus.DRAFT and closed.opened_at is None


def test_one_answer_per_household_by_its_representative_or_the_team(personas, tree):
    members = village(tree, 3)
    matter = _polling(personas, tree)
    resident = personas["resident"]
    represent(resident, members[0])
    answer = poll_answer(actor=resident, matter=matter, household=members[0], choice="agree")
    assert answer.entered_by is None
    events = AuditEvent.objects.count()
    with pytest.raises(DecisionError) as twice:
        poll_answer(
            actor=personas["front_head_a1"], matter=matter, household=members[0], choice="disagree"
        )
    assert str(twice.value) == gettext("This household has already answered the poll.")
    assert AuditEvent.objects.count() == events
    with pytest.raises(NotPermitted):  # not the representative of this household
        poll_answer(actor=resident, matter=matter, household=members[1], choice="agree")
    with pytest.raises(NotPermitted):
        poll_answer(
            actor=personas["officer_b"], matter=matter, household=members[1], choice="agree"
        )
    by_team = poll_answer(
        actor=personas["front_head_a1"], matter=matter, household=members[1], choice="other"
    )
    assert by_team.entered_by == personas["front_head_a1"]
    assert OnlinePollResponse.objects.filter(matter=matter).count() == 2


def test_after_the_community_declined_the_village_head_changes_the_form(personas, tree):
    village(tree, 2)
    matter = _polling(personas, tree)
    head = personas["village_head_a1"]
    declined = poll_close(actor=head, matter=matter)
    assert declined.status == MatterStatus.DRAFT
    with pytest.raises(DecisionError):  # no second poll
        poll_open(actor=head, matter=declined)
    with pytest.raises(NotPermitted):
        matter_form_change(actor=personas["front_head_a1"], matter=declined, form="meeting")
    changed = matter_form_change(actor=head, matter=declined, form="ballot")
    assert changed.form == "ballot"
    contribution = propose(
        actor=head, village=tree.village_a1, kind="contribution", form="meeting", title="Đường"
    )
    for form in ("online", "ballot"):
        with pytest.raises(DecisionError):
            matter_form_change(actor=head, matter=contribution, form=form)


def test_the_form_of_a_matter_on_a_meetings_agenda_does_not_change(personas, tree):
    village(tree, 2)
    head = personas["village_head_a1"]
    matter = propose(actor=head, village=tree.village_a1, kind="other", form="meeting", title="X")
    meeting_create(
        actor=head,
        village=tree.village_a1,
        title="Họp thôn",
        scheduled_at=timezone.now() + timedelta(days=5),
        place="Nhà văn hóa",
        convenor_name="Trần Văn Trưởng",
        matters=[matter],
    )
    for form in ("ballot", "online"):
        with pytest.raises(DecisionError):
            matter_form_change(actor=head, matter=matter, form=form)
    assert Matter.objects.get(pk=matter.pk).form == "meeting"


def test_the_online_vote_ends_when_announced(personas, tree):
    members = village(tree, 3)
    matter = _polling(personas, tree)
    _answer(personas, matter, members, ["agree"] * 3)
    ends = timezone.now() + timedelta(hours=1)
    opened = poll_close(actor=personas["village_head_a1"], matter=matter, closes_at=ends)
    assert (opened.status, opened.closes_at) == (MatterStatus.OPEN, ends)
    vote_record(
        actor=personas["front_head_a1"],
        matter=opened,
        household=members[0],
        choice="agree",
        channel="paper",
    )
    Matter.objects.filter(pk=matter.pk).update(closes_at=timezone.now())
    with pytest.raises(DecisionError):
        vote_record(
            actor=personas["front_head_a1"],
            matter=opened,
            household=members[1],
            choice="agree",
            channel="paper",
        )
    assert HouseholdVote.objects.filter(matter=matter).count() == 1


def test_online_after_paper_on_an_online_matter_is_refused_and_changes_nothing(personas, tree):
    members = village(tree, 3)
    matter = _polling(personas, tree)
    _answer(personas, matter, members, ["agree", "agree"])
    matter = poll_close(actor=personas["village_head_a1"], matter=matter)
    # The team enters the answer of a household without a device (ND 59 Art. 5(2)).
    vote_record(
        actor=personas["front_head_a1"],
        matter=matter,
        household=members[0],
        choice="agree",
        channel="paper",
    )
    resident = personas["resident"]
    represent(resident, members[0])
    matter.refresh_from_db()
    before = (
        matter.agree_count,
        matter.disagree_count,
        HouseholdVote.objects.count(),
        AuditEvent.objects.count(),
    )
    with pytest.raises(DecisionError) as refused:
        vote_record(
            actor=resident, matter=matter, household=members[0], choice="disagree", channel="online"
        )
    assert gettext(
        "Your household's paper ballot was already counted (%(when)s); the household cannot also vote online."
    ).split("(")[0] in str(refused.value)
    matter.refresh_from_db()
    after = (
        matter.agree_count,
        matter.disagree_count,
        HouseholdVote.objects.count(),
        AuditEvent.objects.count(),
    )
    assert after == before
    represent(resident, members[1])
    vote_record(
        actor=resident, matter=matter, household=members[1], choice="agree", channel="online"
    )
    with pytest.raises(DecisionError) as paper_after_online:
        vote_record(
            actor=personas["front_head_a1"],
            matter=matter,
            household=members[1],
            choice="agree",
            channel="paper",
        )
    expected = gettext(
        "This household already voted online (%(when)s); a paper ballot or a meeting vote "
        "for it cannot also be counted."
    )
    assert str(paper_after_online.value).startswith(expected.split("(")[0])


# --- pages ----------------------------------------------------------------------------------

WHO = ("village_head_a1", "front_head_a1", "chair_a", "officer_b", "resident", None)


def _as(client, personas, who):
    if who:
        client.force_login(personas[who])
    return client


@pytest.mark.parametrize("who", WHO)
def test_the_online_team_page(client, personas, tree, who):
    matter = _online(personas, tree)
    response = _as(client, personas, who).get(f"/decisions/{matter.pk}/online/team/")
    expected = {None: 302, "officer_b": 404, "resident": 404}.get(who, 200)
    assert response.status_code == expected


@pytest.mark.parametrize("who", WHO)
def test_starting_the_poll(client, personas, tree, who):
    village(tree, 2)
    matter = _online(personas, tree)
    online_team_set(actor=personas["village_head_a1"], matter=matter, members=ONLINE_TEAM)
    response = _as(client, personas, who).post(f"/decisions/{matter.pk}/online/poll/open/")
    expected = {None: 302, "village_head_a1": 302, "chair_a": 302}.get(who, 404)
    assert response.status_code == expected
    matter.refresh_from_db()
    assert (matter.status == MatterStatus.POLL) is (who in ("village_head_a1", "chair_a"))


@pytest.mark.parametrize("who", WHO)
def test_the_poll_page_is_public_while_the_poll_runs(client, personas, tree, who):
    village(tree, 2)
    draft = _online(personas, tree)
    assert client.get(f"/decisions/{draft.pk}/online/poll/").status_code == 404
    matter = _polling(personas, tree)
    assert _as(client, personas, who).get(f"/decisions/{matter.pk}/online/poll/").status_code == 200


def test_the_representative_answers_the_poll_in_two_taps(client, personas, tree):
    members = village(tree, 2)
    matter = _polling(personas, tree)
    resident = personas["resident"]
    represent(resident, members[0])
    client.force_login(resident)
    page = client.get(f"/decisions/{matter.pk}/").content.decode()
    assert f"/decisions/{matter.pk}/online/poll/answer/" in page and 'name="choice"' in page
    assert (
        client.post(f"/decisions/{matter.pk}/online/poll/answer/", {"choice": "agree"}).status_code
        == 302
    )
    again = client.post(
        f"/decisions/{matter.pk}/online/poll/answer/", {"choice": "disagree"}, follow=True
    )
    assert (
        escape(gettext("This household has already answered the poll.")) in again.content.decode()
    )
    assert OnlinePollResponse.objects.get(matter=matter).choice == "agree"
    client.force_login(personas["officer_a"])  # represents no household: nothing to answer for
    assert (
        client.post(f"/decisions/{matter.pk}/online/poll/answer/", {"choice": "agree"}).status_code
        == 404
    )


@pytest.mark.parametrize("who", WHO)
def test_the_team_records_an_answer(client, personas, tree, who):
    members = village(tree, 2)
    matter = _polling(personas, tree)
    response = _as(client, personas, who).post(
        f"/decisions/{matter.pk}/online/poll/record/",
        {"household_code": members[0].code, "choice": "agree"},
    )
    recorders = ("village_head_a1", "front_head_a1", "chair_a")
    assert response.status_code == {None: 302}.get(who, 302 if who in recorders else 404)
    assert OnlinePollResponse.objects.filter(matter=matter).exists() is (who in recorders)


@pytest.mark.parametrize("who", WHO)
def test_closing_the_poll(client, personas, tree, who):
    members = village(tree, 3)
    matter = _polling(personas, tree)
    _answer(personas, matter, members, ["agree", "agree"])
    response = _as(client, personas, who).post(f"/decisions/{matter.pk}/online/poll/close/", {})
    runners = ("village_head_a1", "chair_a")
    assert response.status_code == (302 if who is None or who in runners else 404)
    matter.refresh_from_db()
    assert (matter.status == MatterStatus.OPEN) is (who in runners)


@pytest.mark.parametrize("who", WHO)
def test_changing_the_form(client, personas, tree, who):
    matter = _online(personas, tree)
    response = _as(client, personas, who).post(
        f"/decisions/{matter.pk}/online/form/", {"form": "meeting"}
    )
    runners = ("village_head_a1", "chair_a")
    assert response.status_code == (302 if who is None or who in runners else 404)
    matter.refresh_from_db()
    assert (matter.form == "meeting") is (who in runners)
