"""The decisions pages: results for everyone, a two-tap vote for the household's representative,
and the village head's and ballot team's steps; 404 for everyone else."""

from __future__ import annotations

import pytest
from django.utils.html import escape
from django.utils.translation import gettext

from danchu.decisions.models import HouseholdVote, Matter, MatterStatus
from tests.conftest import make_household
from tests.decisions.factories import (
    ballot_plan_and_team,
    ballots_ready,
    meeting_started,
    open_online,
    propose,
)


@pytest.fixture
def village(tree):
    return [make_household(tree.village_a1, f"H{i:02d}", members=1) for i in range(3)]


@pytest.fixture
def online_matter(personas, tree, village):
    head = personas["village_head_a1"]
    matter = propose(
        actor=head, village=tree.village_a1, kind="other", form="online", title="Giờ tắt đèn đường"
    )
    return open_online(head, matter)


def test_results_are_public_and_drafts_are_not(client, personas, tree):
    draft = propose(
        actor=personas["village_head_a1"],
        village=tree.village_a1,
        kind="other",
        form="meeting",
        title="Bản nháp",
    )
    listing = client.get("/decisions/units/90001-001/").content.decode()
    assert "Bản nháp" not in listing
    assert client.get(f"/decisions/{draft.pk}/").status_code == 404
    client.force_login(personas["officer_b"])
    assert client.get(f"/decisions/{draft.pk}/").status_code == 404
    client.force_login(personas["village_head_a1"])
    assert client.get(f"/decisions/{draft.pk}/").status_code == 200
    assert "Bản nháp" in client.get("/decisions/units/90001-001/").content.decode()


def test_a_representative_votes_in_two_taps(client, personas, online_matter, village):
    resident = personas["resident"]
    resident.person = village[0].representative
    resident.save()
    client.force_login(resident)
    page = client.get(f"/decisions/{online_matter.pk}/").content.decode()
    assert 'name="choice"' in page and f"/decisions/{online_matter.pk}/vote/" in page
    response = client.post(f"/decisions/{online_matter.pk}/vote/", {"choice": "agree"})
    assert response.status_code == 302
    assert HouseholdVote.objects.get(matter=online_matter).household == village[0]
    # The second attempt changes nothing and the form is gone.
    client.post(f"/decisions/{online_matter.pk}/vote/", {"choice": "disagree"})
    online_matter.refresh_from_db()
    assert (online_matter.agree_count, online_matter.disagree_count) == (1, 0)
    assert 'name="choice"' not in client.get(f"/decisions/{online_matter.pk}/").content.decode()


def test_someone_who_represents_no_household_gets_404_on_vote(client, personas, online_matter):
    client.force_login(personas["officer_a"])
    assert (
        client.post(f"/decisions/{online_matter.pk}/vote/", {"choice": "agree"}).status_code == 404
    )
    assert not HouseholdVote.objects.exists()


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("village_head_a1", 302),
        ("front_head_a1", 302),
        ("officer_b", 404),
        ("resident", 404),
        (None, 302),
    ],
)
def test_recording_an_answer_given_on_paper_to_an_online_vote(
    client, personas, online_matter, village, who, expected
):
    if who:
        client.force_login(personas[who])
    response = client.post(
        f"/decisions/{online_matter.pk}/record/", {"household_code": "H01", "choice": "agree"}
    )
    assert response.status_code == expected
    if who is None:
        assert (
            response["Location"].startswith("/accounts/login/") or "login" in response["Location"]
        )
    recorded = HouseholdVote.objects.filter(matter=online_matter)
    assert recorded.count() == (1 if who in ("village_head_a1", "front_head_a1") else 0)
    if recorded:
        assert recorded.get().channel == "paper"


@pytest.mark.parametrize("form", ["meeting", "ballot"])
def test_the_matter_page_takes_no_vote_one_by_one_for_a_meeting_or_ballots(
    client, personas, tree, village, form
):
    """A meeting records counts and a ballot is entered by its code: the matter page neither
    offers nor takes a household's voice for them."""
    head = personas["village_head_a1"]
    matter = propose(actor=head, village=tree.village_a1, kind="other", form=form, title="Đường")
    if form == "ballot":
        matter = ballots_ready(head, matter)
    else:
        matter = meeting_started(head, [matter]).matters.get()
    assert matter.status == MatterStatus.OPEN
    client.force_login(head)
    page = client.get(f"/decisions/{matter.pk}/").content.decode()
    assert f"/decisions/{matter.pk}/record/" not in page
    assert f"/decisions/{matter.pk}/close/" not in page
    for channel in ("paper", "meeting"):
        response = client.post(
            f"/decisions/{matter.pk}/record/",
            {"household_code": "H01", "choice": "agree", "channel": channel},
        )
        assert response.status_code == 302
    assert not HouseholdVote.objects.exists()
    assert client.post(f"/decisions/{matter.pk}/close/").status_code == 302
    assert Matter.objects.get(pk=matter.pk).status == MatterStatus.OPEN


@pytest.mark.parametrize(
    ("who", "expected"), [("village_head_a1", 302), ("officer_b", 404), ("front_head_a1", 404)]
)
def test_opening_household_ballots_on_their_plan(client, personas, tree, village, who, expected):
    head = personas["village_head_a1"]
    matter = propose(actor=head, village=tree.village_a1, kind="other", form="ballot", title="Lễ")
    ballot_plan_and_team(head, matter)
    client.force_login(personas[who])
    if expected == 302:
        assert (
            f"/decisions/{matter.pk}/open/"
            in client.get(f"/decisions/{matter.pk}/").content.decode()
        )
    assert client.post(f"/decisions/{matter.pk}/open/").status_code == expected
    matter.refresh_from_db()
    assert matter.status == (MatterStatus.OPEN if expected == 302 else MatterStatus.DRAFT)


@pytest.mark.parametrize(
    ("who", "expected"), [("village_head_a1", 302), ("officer_b", 404), ("front_head_a1", 404)]
)
def test_closing_an_online_vote(client, personas, online_matter, who, expected):
    client.force_login(personas[who])
    if expected == 302:
        page = client.get(f"/decisions/{online_matter.pk}/").content.decode()
        assert f"/decisions/{online_matter.pk}/close/" in page
    assert client.post(f"/decisions/{online_matter.pk}/close/").status_code == expected
    online_matter.refresh_from_db()
    assert online_matter.status == (MatterStatus.REJECTED if expected == 302 else MatterStatus.OPEN)


def test_a_meeting_matter_is_not_opened_from_its_page(client, personas, tree, village):
    head = personas["village_head_a1"]
    matter = propose(actor=head, village=tree.village_a1, kind="other", form="meeting", title="Hội")
    client.force_login(head)
    page = client.get(f"/decisions/{matter.pk}/").content.decode()
    assert f"/decisions/{matter.pk}/open/" not in page
    assert (
        escape(gettext("The vote opens when the meeting that decides the matter starts.")) in page
    )
    assert client.post(f"/decisions/{matter.pk}/open/").status_code == 302
    assert Matter.objects.get(pk=matter.pk).status == MatterStatus.DRAFT


@pytest.mark.parametrize(
    ("who", "shown"),
    [("chair_a", True), ("officer_a", False), ("village_head_a1", False), (None, False)],
)
def test_the_commune_chair_sees_commune_drafts_and_proposes(client, personas, tree, who, shown):
    propose(
        actor=personas["chair_a"],
        village=tree.commune_a,
        kind="contribution",
        form="ballot",
        title="Đường liên xã",
    )
    if who:
        client.force_login(personas[who])
    page = client.get(f"/decisions/units/{tree.commune_a.code}/").content.decode()
    assert ("Đường liên xã" in page) is shown
    assert (f"/decisions/units/{tree.commune_a.code}/new/" in page) is shown


def test_village_page_links_to_its_decisions(client, tree):
    assert "/decisions/units/90001-001/" in client.get("/units/90001-001/").content.decode()
    assert Matter.objects.count() == 0


def test_the_list_does_not_grow_in_queries(client, personas, tree, village):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/decisions/units/90001-001/").status_code == 200
        return len(ctx.captured_queries)

    head = personas["village_head_a1"]

    def add(n: int) -> None:
        for i in range(n):
            open_online(
                head,
                propose(
                    actor=head,
                    village=tree.village_a1,
                    kind="other",
                    form="online",
                    title=f"Việc {i}",
                ),
            )

    add(2)
    small = count()
    add(20)
    assert count() == small
