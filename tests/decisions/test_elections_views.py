"""The election and dismissal pages: a permission matrix for every page and endpoint, the
public candidate list, the matter-page panel and constant queries on the commune's list."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape
from django.utils.translation import gettext

from danchu.decisions.models import Candidate, Dismissal, Election, Matter
from danchu.decisions.services_elections import dismissal_open
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
    today,
)


@pytest.fixture
def village(tree):
    households(tree.village_a1, 4)
    return tree.village_a1


@pytest.fixture
def election(personas, village):
    return prepared(personas["chair_a"], village)


@pytest.fixture
def draft_election(personas, village):
    return planned(personas["chair_a"], village)


@pytest.fixture
def dismissal(personas, village):
    found = dismissal_open(
        actor=personas["chair_a"],
        village=village,
        head_name="Hoàng Văn Cũ",
        trigger="resignation",
        received_on=days_ago(2),
        front_head_name=FRONT,
    )
    fire("recognised", decision_for(found.matter, recognised_on=days_ago(1)))
    return found


def _get(client, personas, who, url):
    if who:
        client.force_login(personas[who])
    return client.get(url)


def _post(client, personas, who, url, data=None):
    if who:
        client.force_login(personas[who])
    return client.post(url, data or {})


def _is_login_redirect(response) -> bool:
    return response.status_code == 302 and "/login" in response["Location"]


# --- officials' pages ---------------------------------------------------------------------------


OFFICIAL_GET = [
    ("chair_a", 200),
    ("officer_a", 200),
    ("front_a", 200),
    ("officer_b", 404),
    ("province_officer", 404),
    ("resident", 404),
]


@pytest.mark.parametrize(("who", "expected"), [*OFFICIAL_GET, ("village_head_a1", 404)])
def test_the_communes_list(client, personas, tree, who, expected):
    assert _get(client, personas, who, "/decisions/elections/units/90001/").status_code == expected


@pytest.mark.parametrize(
    ("who", "expected"),
    [("village_head_a1", 200), ("front_head_a1", 200), ("officer_b", 404), ("resident", 404)],
)
def test_the_villages_list(client, personas, tree, who, expected):
    response = _get(client, personas, who, "/decisions/elections/units/90001-001/")
    assert response.status_code == expected


@pytest.mark.parametrize(
    "url",
    [
        "/decisions/elections/units/90001/",
        "/decisions/elections/units/90001/new/",
        "/decisions/elections/units/90001/dismissals/new/",
    ],
)
def test_anonymous_is_sent_to_login(client, tree, url):
    assert _is_login_redirect(client.get(url))


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("chair_a", 200),
        ("officer_a", 200),
        ("village_head_a1", 404),
        ("front_a", 404),
        ("officer_b", 404),
        ("resident", 404),
    ],
)
@pytest.mark.parametrize("path", ["new/", "dismissals/new/"])
def test_the_planning_forms(client, personas, tree, who, expected, path):
    response = _get(client, personas, who, f"/decisions/elections/units/90001/{path}")
    assert response.status_code == expected


def test_the_chair_plans_through_the_form(client, personas, village):
    client.force_login(personas["chair_a"])
    response = client.post(
        "/decisions/elections/units/90001/new/",
        {
            "village": village.pk,
            "kind": "village_head",
            "meeting_on": (today() + timedelta(days=25)).isoformat(),
            "plan_issued_on": today().isoformat(),
            "front_agreed_by": FRONT,
            "term_years": "",
        },
    )
    election = Election.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/decisions/elections/{election.pk}/"


def test_a_late_plan_is_shown_on_the_form_and_nothing_is_created(client, personas, village):
    client.force_login(personas["chair_a"])
    response = client.post(
        "/decisions/elections/units/90001/new/",
        {
            "village": village.pk,
            "kind": "village_head",
            "meeting_on": (today() + timedelta(days=19)).isoformat(),
            "plan_issued_on": today().isoformat(),
            "front_agreed_by": FRONT,
        },
    )
    assert response.status_code == 200
    assert not Election.objects.exists()


def test_a_village_of_another_commune_cannot_be_chosen(client, personas, tree):
    client.force_login(personas["chair_a"])
    response = client.post(
        "/decisions/elections/units/90001/dismissals/new/",
        {
            "village": tree.village_b1.pk,
            "head_name": "Ai Đó",
            "trigger": "resignation",
            "received_on": today().isoformat(),
            "front_head_name": FRONT,
        },
    )
    assert response.status_code == 200
    assert not Dismissal.objects.exists()


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("chair_a", 200),
        ("officer_a", 200),
        ("village_head_a1", 200),
        ("front_head_a1", 200),
        ("officer_b", 404),
        ("resident", 404),
        (None, 302),
    ],
)
def test_the_dismissal_page(client, personas, dismissal, who, expected):
    response = _get(client, personas, who, f"/decisions/elections/dismissals/{dismissal.pk}/")
    assert response.status_code == expected
    if who is None:
        assert _is_login_redirect(response)


# --- the election page: public once posted -----------------------------------------------------


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("chair_a", 200),
        ("village_head_a1", 200),
        ("front_head_a1", 200),
        ("officer_b", 404),
        ("resident", 404),
        (None, 404),
    ],
)
def test_before_the_notice_the_election_is_for_officials(
    client, personas, draft_election, who, expected
):
    response = _get(client, personas, who, f"/decisions/elections/{draft_election.pk}/")
    assert response.status_code == expected


@pytest.mark.parametrize("who", ["resident", "officer_b", None])
def test_once_posted_everyone_sees_the_candidates_but_not_the_team(client, personas, election, who):
    page = _get(client, personas, who, f"/decisions/elections/{election.pk}/").content.decode()
    assert CANDIDATE in page
    assert LEADER not in page
    assert 'id="team"' not in page  # the team's section is for officials


def test_officials_see_the_timeline_team_and_minutes(client, personas, election):
    client.force_login(personas["officer_a"])
    page = client.get(f"/decisions/elections/{election.pk}/").content.decode()
    assert LEADER in page and CANDIDATE in page
    assert page.count(escape(gettext("in time"))) == 4
    assert "/documents/" in page and "/download/pdf/" in page


def test_the_result_and_recognition_are_shown(client, personas, election):
    chair = personas["chair_a"]
    client.force_login(chair)
    candidate = election.candidates.get()
    client.post(
        f"/decisions/elections/{election.pk}/votes/",
        {"candidate": candidate.pk, "agree_count": 3},
    )
    client.post(f"/decisions/elections/{election.pk}/close/")
    assert Candidate.objects.get().elected
    election.refresh_from_db()
    fire("recognised", decision_for(election.matter, recognised_on=today()))
    client.logout()
    page = client.get(f"/decisions/elections/{election.pk}/").content.decode()
    elected = gettext("%(name)s was elected with more than 50%% of all households.")
    assert escape(elected % {"name": CANDIDATE}) in page
    in_office = gettext("Recognised by the commune; in office from %(on)s.")
    assert escape(in_office % {"on": today().strftime("%d/%m/%Y")}) in page


# --- endpoints ------------------------------------------------------------------------------------


def _endpoint_data(election):
    candidate = election.candidates.first()
    return {
        "team": {"decided_on": days_ago(30).isoformat(), "leader_name": "X"},
        "candidates": {"full_name": "Người Mới"},
        "sent": {"sent_on": days_ago(15).isoformat()},
        "notice": {"posted_on": days_ago(7).isoformat()},
        "votes": {"candidate": candidate.pk if candidate else 1, "agree_count": 1},
        "close": {},
    }


@pytest.mark.parametrize("endpoint", ["team", "candidates", "sent", "notice", "votes", "close"])
@pytest.mark.parametrize(
    ("who", "expected"),
    [("chair_a", 302), ("officer_a", 302), ("officer_b", 404), ("resident", 404), (None, 302)],
)
def test_every_election_endpoint(client, personas, election, endpoint, who, expected):
    url = f"/decisions/elections/{election.pk}/{endpoint}/"
    response = _post(client, personas, who, url, _endpoint_data(election)[endpoint])
    assert response.status_code == expected
    if who is None:
        assert _is_login_redirect(response)
    elif expected == 302:
        assert response["Location"] == f"/decisions/elections/{election.pk}/"


@pytest.mark.parametrize("endpoint", ["team", "candidates", "sent", "notice", "votes", "close"])
def test_election_endpoints_refuse_get(client, personas, election, endpoint):
    client.force_login(personas["chair_a"])
    assert client.get(f"/decisions/elections/{election.pk}/{endpoint}/").status_code == 405


def test_a_refused_step_is_reported_and_changes_nothing(client, personas, draft_election):
    client.force_login(personas["chair_a"])
    client.post(
        f"/decisions/elections/{draft_election.pk}/team/",
        {"decided_on": days_ago(10).isoformat(), "leader_name": LEADER},
    )
    response = client.post(
        f"/decisions/elections/{draft_election.pk}/candidates/", {"full_name": LEADER}, follow=True
    )
    expected = gettext("%(name)s sits on the election team and cannot stand.") % {"name": LEADER}
    assert escape(expected) in response.content.decode()
    assert not Candidate.objects.exists()


@pytest.mark.parametrize(
    ("who", "expected"),
    [("chair_a", 302), ("officer_a", 302), ("officer_b", 404), ("resident", 404), (None, 302)],
)
def test_the_interim_endpoint(client, personas, dismissal, who, expected):
    url = f"/decisions/elections/dismissals/{dismissal.pk}/interim/"
    data = {"name": "Bùi Văn Tạm", "on": today().isoformat(), "front_agreed_by": FRONT}
    response = _post(client, personas, who, url, data)
    assert response.status_code == expected
    dismissal.refresh_from_db()
    assert (dismissal.interim_head_name == "Bùi Văn Tạm") is (who in ("chair_a", "officer_a"))
    assert (dismissal.interim_front_agreed_by == FRONT) is (who in ("chair_a", "officer_a"))
    if who in ("chair_a", "officer_a"):
        page = client.get(f"/decisions/elections/dismissals/{dismissal.pk}/").content.decode()
        assert escape(FRONT) in page


# --- the matter page's panel ------------------------------------------------------------------------


def test_the_matter_page_links_to_the_election(client, personas, election):
    page = client.get(f"/decisions/{election.matter_id}/").content.decode()
    assert f"/decisions/elections/{election.pk}/" in page
    assert (
        escape(gettext("The election meeting is convened by the election team (Art. 18(1))."))
        in page
    )


def test_the_matter_page_links_officials_to_the_dismissal(client, personas, dismissal):
    client.force_login(personas["chair_a"])
    page = client.get(f"/decisions/{dismissal.matter_id}/").content.decode()
    assert f"/decisions/elections/dismissals/{dismissal.pk}/" in page
    convened = gettext(
        "The dismissal meeting is convened by the head of the Front work committee (Art. 18(1))."
    )
    assert escape(convened) in page


# --- constant queries -------------------------------------------------------------------------------


def test_the_communes_list_does_not_grow_in_queries(client, personas, tree):
    chair = personas["chair_a"]
    client.force_login(chair)
    villages = [tree.village_a1, tree.village_a2]

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/decisions/elections/units/90001/").status_code == 200
        return len(ctx.captured_queries)

    def add(n: int, offset: int) -> None:
        for i in range(n):
            village = villages[i % 2]
            # Close what is under way so that the next election or dismissal may be opened.
            Matter.objects.filter(unit=village).update(status="rejected")
            planned(chair, village, meeting_on=today() + timedelta(days=20))
            found = dismissal_open(
                actor=chair,
                village=village,
                head_name=f"Người {offset + i}",
                trigger="resignation",
                received_on=today(),
                front_head_name=FRONT,
            )
            fire("recognised", decision_for(found.matter, recognised_on=days_ago(70)))
        Candidate.objects.bulk_create(
            Candidate(election=e, full_name=f"Ứng viên {e.pk}", elected=True)
            for e in Election.objects.filter(candidates__isnull=True)
        )

    add(2, 0)
    small = count()
    add(12, 100)
    assert count() == small


@pytest.mark.parametrize(
    ("who", "shown"), [("officer_a", True), ("officer_b", False), (None, False)]
)
def test_the_communes_page_links_its_officials_to_the_elections(client, personas, tree, who, shown):
    page = _get(client, personas, who, "/units/90001/").content.decode()
    assert ("/decisions/elections/units/90001/" in page) is shown


def test_the_dismissal_page_shows_the_60_day_limit(client, personas, dismissal):
    client.force_login(personas["officer_a"])
    page = client.get(f"/decisions/elections/dismissals/{dismissal.pk}/").content.decode()
    assert (days_ago(1) + timedelta(days=60)).strftime("%d/%m/%Y") in page
    assert escape(gettext("Appoint the interim head")) in page


# --- the election meeting (Art. 18; ND 59/2023 Art. 6) -----------------------------------------


def test_the_election_opens_with_its_meeting_not_from_its_page(client, personas, draft_election):
    client.force_login(personas["chair_a"])
    page = client.get(f"/decisions/elections/{draft_election.pk}/").content.decode()
    assert f"/decisions/{draft_election.matter_id}/open/" not in page
    assert f"/decisions/units/{draft_election.matter.unit.code}/meetings/" in page


def test_the_counts_are_entered_while_the_election_meeting_runs(client, personas, election):
    client.force_login(personas["chair_a"])
    url = f"/decisions/elections/{election.pk}/"
    assert f"{url}votes/" in client.get(url).content.decode()
    assert election.matter.meeting.convenor_name in client.get(url).content.decode()


def test_a_board_member_election_has_no_village_head_timeline(client, personas, village):
    head = personas["village_head_a1"]
    election = planned(head, village, kind="board_member")
    client.force_login(personas["officer_a"])
    page = client.get(f"/decisions/elections/{election.pk}/").content.decode()
    assert escape(gettext("no later than")) not in page
    assert escape(gettext("The village head (Art. 18(1))")) in page
