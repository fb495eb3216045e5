"""The decisions pages: results for everyone, a two-tap vote for the household's representative,
and the village head's and ballot team's steps; 404 for everyone else."""

from __future__ import annotations

import pytest

from danchu.decisions.models import HouseholdVote, Matter, MatterStatus
from danchu.decisions.services import matter_open
from tests.conftest import make_household
from tests.decisions.factories import open_online, propose


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
def test_recording_a_paper_ballot(client, personas, tree, village, who, expected):
    head = personas["village_head_a1"]
    matter = matter_open(
        actor=head,
        matter=propose(
            actor=head, village=tree.village_a1, kind="contribution", form="meeting", title="Đường"
        ),
    )
    if who:
        client.force_login(personas[who])
    response = client.post(
        f"/decisions/{matter.pk}/record/",
        {"household_code": "H01", "choice": "agree", "channel": "paper"},
    )
    assert response.status_code == expected
    recorded = HouseholdVote.objects.filter(matter=matter).count()
    assert recorded == (1 if who in ("village_head_a1", "front_head_a1") else 0)


@pytest.mark.parametrize(
    ("who", "expected"), [("village_head_a1", 302), ("officer_b", 404), ("front_head_a1", 404)]
)
def test_opening_and_closing(client, personas, tree, village, who, expected):
    matter = propose(
        actor=personas["village_head_a1"],
        village=tree.village_a1,
        kind="other",
        form="meeting",
        title="Lễ hội",
    )
    client.force_login(personas[who])
    assert client.post(f"/decisions/{matter.pk}/open/").status_code == expected
    assert client.post(f"/decisions/{matter.pk}/close/").status_code == expected
    matter.refresh_from_db()
    assert matter.status == (MatterStatus.REJECTED if expected == 302 else MatterStatus.DRAFT)


def test_village_page_links_to_its_decisions(client, tree):
    assert "/decisions/units/90001-001/" in client.get("/units/90001-001/").content.decode()
    assert Matter.objects.count() == 0


def test_the_list_does_not_grow_in_queries(client, personas, tree):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/decisions/units/90001-001/").status_code == 200
        return len(ctx.captured_queries)

    head = personas["village_head_a1"]

    def add(n: int) -> None:
        for i in range(n):
            matter_open(
                actor=head,
                matter=propose(
                    actor=head,
                    village=tree.village_a1,
                    kind="other",
                    form="meeting",
                    title=f"Việc {i}",
                ),
            )

    add(2)
    small = count()
    add(20)
    assert count() == small
