"""The decisions API: public results, the representative's online vote, the village head's and
ballot team's steps; every endpoint through the same permission checks as the pages."""

from __future__ import annotations

import pytest

from danchu.core.access.models import User
from danchu.core.access.tokens import api_token_create
from danchu.decisions.models import Ballot, HouseholdVote, MatterStatus, OnlinePollResponse
from danchu.decisions.services import matter_close, matter_open, vote_record
from danchu.decisions.services_online import online_team_set, poll_open
from tests.conftest import make_household
from tests.decisions.factories import ballot_plan_and_team, meeting_started, open_online, propose
from tests.decisions.test_ballots_support import ONLINE_TEAM, ready_and_issued, represent, village

ALL = [
    "chair_a",
    "officer_a",
    "front_a",
    "village_head_a1",
    "front_head_a1",
    "officer_b",
    "province_officer",
    "resident",
    "anonymous",
]


def _headers(personas, who) -> dict:
    if who == "anonymous":
        return {}
    _token, raw = api_token_create(actor=None, user=personas[who], name="test")
    return {"Authorization": f"Bearer {raw}"}


@pytest.fixture
def matters(personas, tree):
    homes = [make_household(tree.village_a1, f"H{i:02d}", members=1) for i in range(3)]
    head = personas["village_head_a1"]
    draft = propose(
        actor=head, village=tree.village_a1, kind="other", form="meeting", title="Bản nháp"
    )
    meeting = meeting_started(
        head,
        [
            propose(
                actor=head,
                village=tree.village_a1,
                kind="contribution",
                form="meeting",
                title="Đường",
            )
        ],
    )
    ballots = propose(actor=head, village=tree.village_a1, kind="other", form="ballot", title="Cây")
    ballot_plan_and_team(head, ballots)
    online = open_online(
        head,
        propose(actor=head, village=tree.village_a1, kind="other", form="online", title="Đèn"),
    )
    return {
        "draft": draft,
        "meeting": meeting.matters.get(),
        "ballots": ballots,
        "online": online,
        "homes": homes,
    }


@pytest.mark.parametrize("who", ALL)
def test_results_are_public_and_drafts_are_not(client, personas, tree, matters, who):
    headers = _headers(personas, who)
    listed = client.get(f"/api/v1/decisions/units/{tree.village_a1.code}/matters", headers=headers)
    assert listed.status_code == 200
    titles = {item["title"] for item in listed.json()["items"]}
    runs = who in ("village_head_a1", "chair_a")
    assert ("Bản nháp" in titles) is runs
    assert {"Đường", "Đèn"} <= titles
    draft = client.get(f"/api/v1/decisions/matters/{matters['draft'].pk}", headers=headers)
    assert draft.status_code == (200 if runs else 404)
    shown = client.get(f"/api/v1/decisions/matters/{matters['meeting'].pk}", headers=headers)
    assert shown.status_code == 200
    assert shown.json()["eligible"] == 3


def test_the_representative_votes_online_once(client, personas, tree, matters):
    home = matters["homes"][0]
    voter = personas["resident"]
    User.objects.filter(pk=voter.pk).update(person=home.representative)
    headers = _headers(personas, "resident")
    url = f"/api/v1/decisions/matters/{matters['online'].pk}/vote"
    first = client.post(url, {"choice": "agree"}, content_type="application/json", headers=headers)
    assert first.status_code == 201
    assert first.json() == {
        "matter_id": matters["online"].pk,
        "household_code": home.code,
        "choice": "agree",
        "channel": "online",
    }
    again = client.post(
        url, {"choice": "disagree"}, content_type="application/json", headers=headers
    )
    assert again.status_code == 400
    assert HouseholdVote.objects.filter(matter=matters["online"]).count() == 1
    matters["online"].refresh_from_db()
    assert matters["online"].agree_count == 1 and matters["online"].disagree_count == 0


@pytest.mark.parametrize("who", ALL)
def test_only_a_representative_votes_online(client, personas, matters, who):
    response = client.post(
        f"/api/v1/decisions/matters/{matters['online'].pk}/vote",
        {"choice": "agree"},
        content_type="application/json",
        headers=_headers(personas, who),
    )
    assert response.status_code == (401 if who == "anonymous" else 404)
    assert not HouseholdVote.objects.exists()


RECORDERS = {"chair_a", "front_a", "village_head_a1", "front_head_a1"}


@pytest.mark.parametrize("who", ALL)
def test_recording_an_answer_given_on_paper_to_an_online_vote(client, personas, matters, who):
    response = client.post(
        f"/api/v1/decisions/matters/{matters['online'].pk}/record",
        {"household_code": "H01", "choice": "agree"},
        content_type="application/json",
        headers=_headers(personas, who),
    )
    expected = 401 if who == "anonymous" else 201 if who in RECORDERS else 404
    assert response.status_code == expected
    assert HouseholdVote.objects.count() == (1 if expected == 201 else 0)
    if expected == 201:
        assert response.json()["channel"] == "paper"


@pytest.mark.parametrize("key", ["meeting", "ballots"])
def test_no_vote_is_recorded_one_by_one_for_a_meeting_or_ballots(client, personas, matters, key):
    """A meeting records counts; a returned ballot is entered by its code (ballots/enter)."""
    matter = matters[key]
    if key == "ballots":
        matter = matter_open(actor=personas["village_head_a1"], matter=matter)
    url = f"/api/v1/decisions/matters/{matter.pk}/record"
    headers = _headers(personas, "village_head_a1")
    paper = client.post(
        url,
        {"household_code": "H01", "choice": "agree"},
        content_type="application/json",
        headers=headers,
    )
    assert paper.status_code == 400 and paper.json()["detail"]
    at_meeting = client.post(
        url,
        {"household_code": "H01", "choice": "agree", "channel": "meeting"},
        content_type="application/json",
        headers=headers,
    )
    assert at_meeting.status_code == 422
    assert not HouseholdVote.objects.exists()


def test_the_api_does_not_take_online_votes_on_someone_elses_behalf(client, personas, matters):
    response = client.post(
        f"/api/v1/decisions/matters/{matters['online'].pk}/record",
        {"household_code": "H01", "choice": "agree", "channel": "online"},
        content_type="application/json",
        headers=_headers(personas, "village_head_a1"),
    )
    assert response.status_code == 422
    assert not HouseholdVote.objects.exists()


RUNNERS = {"chair_a", "village_head_a1"}


@pytest.mark.parametrize("who", ALL)
def test_opening_household_ballots_and_closing_an_online_vote(client, personas, matters, who):
    headers = _headers(personas, who)
    ballots, online = matters["ballots"], matters["online"]
    opened = client.post(f"/api/v1/decisions/matters/{ballots.pk}/open", headers=headers)
    closed = client.post(f"/api/v1/decisions/matters/{online.pk}/close", headers=headers)
    expected = 401 if who == "anonymous" else 200 if who in RUNNERS else 404
    assert (opened.status_code, closed.status_code) == (expected, expected)
    ballots.refresh_from_db()
    online.refresh_from_db()
    assert ballots.status == (MatterStatus.OPEN if expected == 200 else MatterStatus.DRAFT)
    assert online.status == (MatterStatus.REJECTED if expected == 200 else MatterStatus.OPEN)
    if expected == 200:
        assert closed.json()["status"] == "rejected"


def test_a_meeting_matter_neither_opens_nor_closes_through_the_api(client, personas, tree, matters):
    headers = _headers(personas, "village_head_a1")
    draft = matters["draft"]  # decided at a meeting
    opened = client.post(f"/api/v1/decisions/matters/{draft.pk}/open", headers=headers)
    assert opened.status_code == 400 and opened.json()["detail"]
    meeting_matter = matters["meeting"]
    closed = client.post(f"/api/v1/decisions/matters/{meeting_matter.pk}/close", headers=headers)
    assert closed.status_code == 400 and closed.json()["detail"]
    draft.refresh_from_db()
    meeting_matter.refresh_from_db()
    assert (draft.status, meeting_matter.status) == (MatterStatus.DRAFT, MatterStatus.OPEN)


def test_closing_a_closed_matter_is_refused_with_the_reason(client, personas, matters):
    headers = _headers(personas, "village_head_a1")
    url = f"/api/v1/decisions/matters/{matters['online'].pk}/close"
    assert client.post(url, headers=headers).status_code == 200
    again = client.post(url, headers=headers)
    assert again.status_code == 400
    assert again.json()["detail"]


@pytest.mark.parametrize("who", ALL)
def test_the_counts_of_an_open_matter_are_for_those_who_record_them(
    client, personas, tree, matters, who
):
    online = matters["online"]
    vote_record(
        actor=personas["front_head_a1"],
        matter=online,
        household=matters["homes"][0],
        choice="agree",
        channel="paper",
    )
    headers = _headers(personas, who)
    shown = who in RECORDERS
    one = client.get(f"/api/v1/decisions/matters/{online.pk}", headers=headers).json()
    assert (one["agree"], one["disagree"], one["other"]) == ((1, 0, 0) if shown else (None,) * 3)
    listed = client.get(
        f"/api/v1/decisions/units/{tree.village_a1.code}/matters", headers=headers
    ).json()["items"]
    item = next(i for i in listed if i["id"] == online.pk)
    assert item["agree"] == (1 if shown else None)
    matter_close(actor=personas["village_head_a1"], matter=online)
    closed = client.get(f"/api/v1/decisions/matters/{online.pk}", headers=headers).json()
    assert (closed["agree"], closed["disagree"], closed["other"]) == (1, 0, 0)


def test_a_ballot_is_entered_once_through_the_api(client, personas, tree):

    village(tree, 3)
    matter = ready_and_issued(personas, tree)
    code = Ballot.objects.filter(matter=matter).order_by("pk").first().code
    url = f"/api/v1/decisions/matters/{matter.pk}/ballots/enter"
    headers = _headers(personas, "front_head_a1")
    first = client.post(
        url, {"code": code, "choice": "agree"}, content_type="application/json", headers=headers
    )
    assert first.status_code == 201 and first.json()["channel"] == "paper"
    again = client.post(
        url, {"code": code, "choice": "disagree"}, content_type="application/json", headers=headers
    )
    assert again.status_code == 400 and again.json()["detail"]
    matter.refresh_from_db()
    assert (matter.agree_count, matter.disagree_count) == (1, 0)
    for who in ("officer_b", "resident"):
        outsider = client.post(
            url,
            {"code": code, "choice": "agree"},
            content_type="application/json",
            headers=_headers(personas, who),
        )
        assert outsider.status_code == 404


def test_the_representative_answers_the_poll_through_the_api(client, personas, tree):

    homes = village(tree, 3)
    head = personas["village_head_a1"]
    matter = propose(actor=head, village=tree.village_a1, kind="other", form="online", title="Đèn")
    online_team_set(actor=personas["front_head_a1"], matter=matter, members=ONLINE_TEAM)
    poll_open(actor=head, matter=matter)
    represent(personas["resident"], homes[0])
    url = f"/api/v1/decisions/matters/{matter.pk}/poll"
    headers = _headers(personas, "resident")
    answered = client.post(
        url, {"choice": "agree"}, content_type="application/json", headers=headers
    )
    assert answered.status_code == 201
    assert answered.json() == {"matter_id": matter.pk, "household_code": "H000", "choice": "agree"}
    again = client.post(url, {"choice": "agree"}, content_type="application/json", headers=headers)
    assert again.status_code == 400
    assert OnlinePollResponse.objects.filter(matter=matter).count() == 1
    stranger = client.post(
        url,
        {"choice": "agree"},
        content_type="application/json",
        headers=_headers(personas, "officer_b"),
    )
    assert stranger.status_code == 404
